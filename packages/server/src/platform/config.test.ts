import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('embedded by default: PGlite in ./data, demo mode on, localhost:3000', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ databaseUrl: null, dataDir: '/srv/app/data', demoMode: true, port: 3000, host: 'localhost', cookieSecure: 'auto', trustProxy: false });
  });

  it('with DATABASE_URL demo mode is off unless asked for', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x' }, '/srv').demoMode).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', DEMO_MODE: 'true' }, '/srv').demoMode).toBe(true);
  });

  it('reads the proxy and cookie settings', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1', COOKIE_SECURE: 'true' }, '/srv')).toMatchObject({ trustProxy: '127.0.0.1', cookieSecure: true });
    expect(loadConfig({ TRUST_PROXY: 'true' }, '/srv').trustProxy).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ SESSION_IDLE_MINUTES: '0' }, /SESSION_IDLE_MINUTES/],
    [{ DEMO_MODE: 'maybe' }, /DEMO_MODE/],
  ])('refuses %j with a message naming the variable', (env, pattern) => {
    expect(() => loadConfig(env, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig(env, '/srv')).toThrow(pattern);
  });
});
