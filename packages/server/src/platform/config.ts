import path from 'node:path';

/** Runtime configuration, read once from the environment (see README, "Production"). */
export interface AppConfig {
  port: number;
  host: string;
  /** PostgreSQL URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** Demo mode: loads the demo dataset on first start and lets demo accounts skip the first-login password change. */
  demoMode: boolean;
  /** Overrides the cited default (security.session.idle_timeout_minutes) when set. */
  idleTimeoutMinutes: number | null;
  /** Fastify trustProxy: set when running behind a reverse proxy (e.g. "127.0.0.1" or "true"). */
  trustProxy: boolean | string;
  /** 'auto' sets the Secure flag when the request came over https (directly or via a trusted proxy). */
  cookieSecure: 'auto' | boolean;
  loginRateLimitPerMinute: number;
  logLevel: string;
  /** Directory of the built web app served at '/'; null disables static serving. */
  webDistDir: string | null;
}

export class ConfigError extends Error {}

const BOOLEAN_WORDS = new Set(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off']);

function parseBool(name: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function parsePositiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

// npm runs workspace scripts inside the package folder; INIT_CWD is where the user typed the command.
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = env.INIT_CWD ?? process.cwd()): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const trustRaw = env.TRUST_PROXY?.trim();
  const secureRaw = env.COOKIE_SECURE?.trim();
  return {
    port: parsePositiveInt('PORT', env.PORT) ?? 3000,
    host: env.HOST?.trim() || 'localhost',
    databaseUrl,
    dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || 'data'),
    demoMode: parseBool('DEMO_MODE', env.DEMO_MODE) ?? databaseUrl === null,
    idleTimeoutMinutes: parsePositiveInt('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES) ?? null,
    // true/false, or the proxy's address(es) as Fastify's trustProxy takes them.
    trustProxy: trustRaw === undefined || trustRaw === '' ? false : BOOLEAN_WORDS.has(trustRaw.toLowerCase()) ? (parseBool('TRUST_PROXY', trustRaw) as boolean) : trustRaw,
    cookieSecure: secureRaw === undefined || secureRaw === '' || secureRaw === 'auto' ? 'auto' : (parseBool('COOKIE_SECURE', secureRaw) ?? 'auto'),
    loginRateLimitPerMinute: parsePositiveInt('LOGIN_RATE_LIMIT_PER_MINUTE', env.LOGIN_RATE_LIMIT_PER_MINUTE) ?? 10,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    webDistDir: env.WEB_DIST_DIR === '' ? null : path.resolve(cwd, env.WEB_DIST_DIR?.trim() || 'packages/web/dist'),
  };
}
