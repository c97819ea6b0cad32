import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadRegulations } from '@dangjian/regulations/load';
import { buildApp } from '../src/app.js';
import { manualClock, type Clock } from '../src/platform/clock.js';
import { loadConfig, type AppConfig } from '../src/platform/config.js';
import { openDatabase, type Database } from '../src/platform/db.js';
import { createFieldCrypto, type FieldCrypto } from '../src/platform/field-crypto.js';
import { migrate } from '../src/platform/migrate.js';
import { DEMO_PASSWORD, loadDemoData } from '../src/modules/demo/demo-loader.js';

/**
 * A fresh database for one test file: in-memory PGlite by default; with TEST_DATABASE_URL
 * (`npm run test:pg`), a new PostgreSQL database created here and dropped by `drop()`.
 */
export async function openTestDatabase(options: { dataDir?: string } = {}): Promise<{ database: Database; url: string | null; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({ databaseUrl: null, dataDir: options.dataDir ?? null });
    return { database, url: null, drop: () => database.close().catch(() => undefined) };
  }
  const name = `dangjian_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}, process.cwd()), demoMode: true, webDistDir: null, loginRateLimitPerMinute: 100_000, ...overrides };
}

/** A fixed key for tests: ciphertexts differ per run (random IVs), hashes are stable. */
export function testFieldCrypto(): FieldCrypto {
  return createFieldCrypto(Buffer.alloc(32, 7));
}

export interface TestApp {
  app: FastifyInstance;
  fieldCrypto: FieldCrypto;
  database: Database;
  clock: Clock & { advance(ms: number): void; set(at: Date | string): void };
  close(): Promise<void>;
}

export async function createTestApp(options: { demo?: boolean; config?: Partial<AppConfig>; logger?: boolean | object } = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  await migrate(database);
  const clock = manualClock('2026-11-23T02:00:00.000Z');
  const regulations = loadRegulations();
  const fieldCrypto = testFieldCrypto();
  if (options.demo ?? true) await loadDemoData(database.db, clock, regulations, fieldCrypto);
  const app = await buildApp({ database, config: testConfig(options.config), regulations, fieldCrypto, clock, logger: options.logger ?? false });
  await app.ready();
  return {
    app,
    fieldCrypto,
    database,
    clock,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
  me: { user: { id: number; mustChangePassword: boolean }; grants: { id: number; role: string; orgId: number | null }[]; activeGrantId: number | null; permissions: string[] };
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'dj_session');
  if (!setCookie) throw new Error('no session cookie');
  const me = res.json();
  return { username, cookie: `dj_session=${setCookie.value}`, csrf: me.csrfToken, me };
}

/** Sends a request as `session` (cookie + CSRF header), or anonymously with null. */
export function call(app: FastifyInstance, session: Session | null, method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrf;
  }
  return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}
