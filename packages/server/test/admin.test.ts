// Accounts (系统管理员) and role grants (安全管理员): the path from a new account to a working, scoped user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, login, type Session, type TestApp } from './test-app.js';

let t: TestApp;
let sys: Session;
let sec: Session;

beforeAll(async () => {
  t = await createTestApp();
  sys = await login(t.app, 'sysadmin');
  sec = await login(t.app, 'secadmin');
});
afterAll(() => t.close());

describe('from a new account to a scoped user', () => {
  it('create → first login changes password → granted a branch → sees that branch only', async () => {
    const created = await call(t.app, sys, 'POST', '/api/accounts', { username: 'Wang.Li', displayName: '王丽' });
    expect(created.statusCode).toBe(201);
    const { account, initialPassword } = created.json();
    expect(account).toMatchObject({ username: 'wang.li', mustChangePassword: true, grants: [] });
    expect(initialPassword).toMatch(/^.{14}$/);

    const dup = await call(t.app, sys, 'POST', '/api/accounts', { username: 'wang.li', displayName: '王丽' });
    expect(dup.statusCode).toBe(409);

    let user = await login(t.app, 'wang.li', initialPassword);
    await call(t.app, user, 'POST', '/api/auth/password', { currentPassword: initialPassword, newPassword: 'Wangli#2026x' });
    expect((await call(t.app, user, 'GET', '/api/members')).statusCode).toBe(403); // no role yet

    const branches = (await call(t.app, sec, 'GET', '/api/orgs?type=branch&pageSize=1')).json();
    const branch = branches.items[0];
    const grant = await call(t.app, sec, 'POST', '/api/grants', { userId: account.id, role: 'branch_officer', orgId: branch.id });
    expect(grant.statusCode).toBe(201);
    expect(grant.json()).toMatchObject({ username: 'wang.li', role: 'branch_officer', roleLabel: '支部书记/委员', orgId: branch.id, grantedByUsername: 'secadmin' });
    expect((await call(t.app, sec, 'POST', '/api/grants', { userId: account.id, role: 'branch_officer', orgId: branch.id })).statusCode).toBe(409);

    user = await login(t.app, 'wang.li', 'Wangli#2026x');
    expect(user.me.permissions).toContain('member:read');
    const members = (await call(t.app, user, 'GET', '/api/members?pageSize=100')).json();
    for (const m of members.items) expect(m.orgId === branch.id || (await call(t.app, user, 'GET', `/api/orgs/${m.orgId}`)).statusCode === 200).toBe(true);
  });

  it('reset password: old password stops working, sessions end, the user must change it', async () => {
    const target = await login(t.app, 'zhibu2');
    const reset = await call(t.app, sys, 'POST', `/api/accounts/${target.me.user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await call(t.app, target, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhibu2', password: 'Demo#2026' } })).statusCode).toBe(401);
    const again = await login(t.app, 'zhibu2', reset.json().initialPassword);
    expect(again.me.user.mustChangePassword).toBe(true);
  });

  it('disable: sessions end and login is refused; the administrator cannot disable self', async () => {
    const target = await login(t.app, 'jiguan2');
    expect((await call(t.app, target, 'GET', '/api/auth/me')).statusCode).toBe(200); // a session just checked for a read
    const disabled = await call(t.app, sys, 'PATCH', `/api/accounts/${target.me.user.id}`, { status: 'disabled' });
    expect(disabled.json().status).toBe('disabled');
    expect((await call(t.app, target, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jiguan2', password: 'Demo#2026' } });
    expect(refused.json().code).toBe('E_AUTH_ACCOUNT_DISABLED');
    expect((await call(t.app, sys, 'PATCH', `/api/accounts/${sys.me.user.id}`, { status: 'disabled' })).json().code).toBe('E_ACCOUNT_SELF_CHANGE');
  });

  it('accounts list searches by username or name and shows grants; unknown id is 404', async () => {
    const res = (await call(t.app, sys, 'GET', '/api/accounts?q=' + encodeURIComponent('赵'))).json();
    expect(res.items.some((a: { username: string }) => a.username === 'zhibu1')).toBe(true);
    expect((await call(t.app, sys, 'POST', '/api/accounts/99999/unlock')).statusCode).toBe(404);
  });

  it('platform roles take no org; business roles need one', async () => {
    const created = (await call(t.app, sys, 'POST', '/api/accounts', { username: 'audit2', displayName: '审计员二' })).json();
    const withOrg = await call(t.app, sec, 'POST', '/api/grants', { userId: created.account.id, role: 'auditor', orgId: 1 });
    expect(withOrg.json().code).toBe('E_GRANT_ORG_NOT_ALLOWED');
    expect((await call(t.app, sec, 'POST', '/api/grants', { userId: created.account.id, role: 'auditor' })).statusCode).toBe(201);
  });

  it('settings show each value with its citation', async () => {
    const items = (await call(t.app, sys, 'GET', '/api/system/settings')).json().items;
    const lockout = items.find((i: { id: string }) => i.id === 'security.login.max_failed_attempts');
    expect(lockout).toMatchObject({ value: 5, unit: '次' });
    expect(lockout.citation.sourceTitle.length).toBeGreaterThan(2);
    expect(items.find((i: { id: string }) => i.id === 'security.session.idle_timeout_minutes').value).toBe(30);
  });
});

describe('code tables', () => {
  it('give the Chinese label of every code, with the allowed child types', async () => {
    const tables = (await call(t.app, sys, 'GET', '/api/meta/code-tables')).json();
    expect(tables.orgTypes.find((o: { code: string }) => o.code === 'party_small_group').label).toBe('党小组');
    expect(tables.orgTypes.find((o: { code: string }) => o.code === 'branch').allowedChildTypes).toEqual(['party_small_group']);
    expect(tables.roles.map((r: { label: string }) => r.label)).toContain('安全审计员');
    expect(tables.memberStatuses.find((s: { code: string }) => s.code === 'suspended').label).toBe('停止党籍');
  });
});
