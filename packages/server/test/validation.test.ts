// Bad input on any route → 400 with the error shape and a Chinese message naming the field; never a 500.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, login, type Session, type TestApp } from './test-app.js';

let t: TestApp;
let admin: Session;
let sys: Session;
let sec: Session;
let auditor: Session;
let rootId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'gongwei');
  sys = await login(t.app, 'sysadmin');
  sec = await login(t.app, 'secadmin');
  auditor = await login(t.app, 'auditor');
  rootId = admin.me.grants[0]!.orgId!;
});
afterAll(() => t.close());

describe('each kind of bad input gets a 400 naming the field in Chinese and writes nothing', () => {
  const cases: [string, () => Session, 'GET' | 'POST' | 'PATCH', string, unknown, string, string][] = [
    ['missing field', () => admin, 'POST', '/api/orgs', { parentId: 1, type: 'branch' }, 'name', '缺少必填项「name」'],
    ['empty name', () => admin, 'POST', '/api/orgs', { parentId: 1, name: '', type: 'branch' }, 'name', '「组织名称」不能为空'],
    ['too long', () => admin, 'POST', '/api/orgs', { parentId: 1, name: '长'.repeat(101), type: 'branch' }, 'name', '「组织名称」不能超过 100 个字符'],
    ['wrong type code', () => admin, 'POST', '/api/orgs', { parentId: 1, name: '某支部', type: 'cell' }, 'type', '「组织类型」的取值无效'],
    ['string for integer', () => admin, 'POST', '/api/orgs', { parentId: 'abc', name: '某支部', type: 'branch' }, 'parentId', '「上级组织」的类型应为整数'],
    ['unknown field', () => admin, 'POST', '/api/orgs', { parentId: 1, name: '某支部', type: 'branch', isAdmin: true }, 'isAdmin', '不允许的字段「isAdmin」'],
    ['empty patch', () => admin, 'PATCH', '/api/orgs/1', {}, 'body', '请至少填写一项'],
    ['bad id in path', () => admin, 'GET', '/api/orgs/abc', undefined, 'id', '「id」的类型应为整数'],
    ['id out of range', () => admin, 'GET', '/api/orgs/99999999999', undefined, 'id', '「id」不能大于'],
    ['page size too big', () => admin, 'GET', '/api/members?pageSize=1000', undefined, 'pageSize', '「每页条数」不能大于 100'],
    ['bad enum in query', () => admin, 'GET', '/api/members?category=vip', undefined, 'category', '「党员类别」的取值无效'],
    ['bad date in query', () => auditor, 'GET', '/api/audit-events?from=2026-13-45', undefined, 'from', '「开始日期」的格式不正确'],
    ['bad username', () => sys, 'POST', '/api/accounts', { username: '张三', displayName: '张三' }, 'username', '「用户名」的格式不正确'],
    ['missing org for business role', () => sec, 'POST', '/api/grants', { userId: 1, role: 'member' }, 'orgId', '业务角色必须指定授权的组织'],
    ['bad role', () => sec, 'POST', '/api/grants', { userId: 1, role: 'king', orgId: 1 }, 'role', '「角色」的取值无效'],
    ['missing password', () => admin, 'POST', '/api/auth/password', { currentPassword: 'x' }, 'newPassword', '缺少必填项「newPassword」'],
  ];

  it.each(cases)('%s', async (_name, who, method, url, payload, field, message) => {
    const res = await call(t.app, who(), method, url.replace('/api/orgs/1', `/api/orgs/${rootId}`), payload);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message']);
    expect(body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(body.message).toContain(message);
  });

  it('a broken JSON body is a 400, not a 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/orgs', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'E_VALIDATION', message: '请求体不是有效的 JSON' });
  });

  it('a form post (what a cross-site form could send) is refused as an unsupported type', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=gongwei&password=Demo%232026' });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('E_UNSUPPORTED_MEDIA_TYPE');
  });

  it('lists every problem at once', async () => {
    const res = await call(t.app, admin, 'POST', '/api/orgs', { name: '', type: 'x' });
    expect(res.json().details.length).toBeGreaterThanOrEqual(3);
  });

  it('a business rule violation names the field and writes nothing', async () => {
    const branch = (await call(t.app, admin, 'GET', '/api/orgs?type=branch&pageSize=1')).json().items[0];
    const res = await call(t.app, admin, 'POST', '/api/orgs', { parentId: branch.id, name: '支部下的支部', type: 'branch' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'E_ORG_INVALID_PARENT' });
    expect(res.json().details[0].field).toBe('type');
    expect((await call(t.app, admin, 'GET', '/api/orgs?q=' + encodeURIComponent('支部下的支部'))).json().total).toBe(0);
  });
});

describe('fuzzing every route with random input never yields a 500', () => {
  it('random JSON bodies, query strings and ids', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
    expect(routes.length).toBeGreaterThan(20);
    const sessions = [admin, sys, sec, auditor];
    const idArb = fc.oneof(fc.integer({ min: -5, max: 3000 }).map(String), fc.string({ maxLength: 12 }).map(encodeURIComponent));
    const queryArb = fc.dictionary(fc.constantFrom('q', 'page', 'pageSize', 'orgId', 'type', 'status', 'sort', 'from', 'to', 'category', 'includeSubtree', 'userId', 'actor'), fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.constantFrom(...sessions), idArb, queryArb, fc.jsonValue({ maxDepth: 3 }), async (route, session, id, query, body) => {
        if (route.path.includes('/auth/logout') || route.path.includes('/auth/password') || route.path.includes('/reset-password')) return; // would end the fuzzing session or its keys
        const qs = new URLSearchParams(query).toString();
        const url = `${route.path.replace('{id}', id)}${qs ? `?${qs}` : ''}`;
        const res = await call(t.app, session, route.method as 'GET', url, route.method === 'GET' || route.method === 'DELETE' ? undefined : body);
        expect(res.statusCode, `${route.method} ${url} ${JSON.stringify(body)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400 && res.headers['content-type']?.toString().includes('json')) {
          expect(res.json()).toHaveProperty('code');
          expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
