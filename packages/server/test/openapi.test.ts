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

describe('serving the web app', () => {
  it('serves files, falls back to index.html for client routes, and keeps JSON 404s for the API and missing assets', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'dangjian-web-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>机关党建智慧平台</title>');
    const web = await createTestApp({ demo: false, config: { webDistDir: dir } });
    try {
      expect((await web.app.inject({ method: 'GET', url: '/' })).body).toContain('机关党建智慧平台');
      const clientRoute = await web.app.inject({ method: 'GET', url: '/members/12?page=2' });
      expect(clientRoute.statusCode).toBe(200);
      expect(clientRoute.headers['content-type']).toContain('text/html');
      mkdirSync(path.join(dir, 'assets'));
      writeFileSync(path.join(dir, 'assets', 'later.js'), 'console.log(1)'); // built after the server started
      expect((await web.app.inject({ method: 'GET', url: '/assets/later.js' })).statusCode).toBe(200);
      expect((await web.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
      const api = await web.app.inject({ method: 'GET', url: '/api/nothing' });
      expect(api.statusCode).toBe(404);
      expect(api.json().code).toBe('E_NOT_FOUND');
    } finally {
      await web.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
