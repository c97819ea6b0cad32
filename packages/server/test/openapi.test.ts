import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(() => t.close());

describe('health and API description', () => {
  it('GET /api/health names the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', version: expect.any(String) });
  });

  it('serves OpenAPI 3 in which every operation has a response schema and a Chinese summary', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    const ops = Object.entries(spec.paths as Record<string, Record<string, { summary?: string; responses?: Record<string, unknown> }>>).flatMap(([path, o]) => Object.entries(o).map(([m, op]) => ({ path, m, op })));
    expect(ops.length).toBeGreaterThan(20);
    for (const { path, m, op } of ops) {
      expect(op.summary, `${m} ${path}`).toMatch(/[\u4e00-\u9fa5]/);
      expect(Object.keys(op.responses ?? {}).some((code) => code.startsWith('2')), `${m} ${path}`).toBe(true);
    }
  });

  it('serves the docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });

  it('unknown API paths answer with the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'E_NOT_FOUND', details: [] });
  });

  it('a route without an access declaration cannot be registered', async () => {
    const { default: Fastify } = await import('fastify');
    const { installAuth } = await import('../src/platform/auth.js');
    const app = Fastify();
    installAuth(app, { db: t.database.db, clock: () => new Date(), idleTimeoutMinutes: () => 30 });
    expect(() => app.get('/api/forgotten', async () => 'x')).toThrow(/does not declare config.access/);
    await app.close();
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('code tables', () => {
  it('serve every label once, to any logged-in user', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/meta/code-tables' });
    expect(anonymous.statusCode).toBe(401);
  });
});
