import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, login, type TestApp } from '../../../test/test-app.js';
import { users } from '../../platform/schema.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;

describe('login', () => {
  it('logs a demo user in with an HttpOnly, SameSite=Strict session cookie and returns roles and permissions', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gongwei', password: 'Demo#2026' } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'dj_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy(); // plain http in tests; https → Secure (next test)
    const me = res.json();
    expect(me.user.username).toBe('gongwei');
    expect(me.grants[0]).toMatchObject({ role: 'committee_admin', roleLabel: '工委管理员' });
    expect(me.permissions).toContain('org:write');
    expect(me.csrfToken).toMatch(/^[\w-]{40,}$/);
  });

  it('sets Secure on the cookie when the request came over https through a trusted proxy', async () => {
    const proxied = await createTestApp({ config: { trustProxy: true } });
    try {
      const res = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'gongwei', password: 'Demo#2026' } });
      expect(res.cookies.find((c) => c.name === 'dj_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('answers the same way for an unknown user and a wrong password', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('E_AUTH_INVALID_CREDENTIALS');
  });

  it('accepts the username case-insensitively', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ' GongWei ', password: 'Demo#2026' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('lockout', () => {
  it('locks the account for 15 minutes after 5 wrong passwords, even for the right password, then lets it in', async () => {
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jiguan2', password } });
    for (let i = 1; i <= 4; i++) {
      const res = await attempt('wrong-password');
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toContain(`再错 ${5 - i} 次`);
    }
    const fifth = await attempt('wrong-password');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'E_AUTH_ACCOUNT_LOCKED' });
    expect(fifth.json().message).toContain('15 分钟');
    expect((await attempt('Demo#2026')).statusCode).toBe(423);
    t.clock.advance(14 * MINUTE);
    expect((await attempt('Demo#2026')).statusCode).toBe(423);
    t.clock.advance(1 * MINUTE + 1000);
    expect((await attempt('Demo#2026')).statusCode).toBe(200);
  });

  it('a successful login resets the failure count', async () => {
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhibu2', password } });
    for (let i = 0; i < 4; i++) expect((await attempt('nope')).statusCode).toBe(401);
    expect((await attempt('Demo#2026')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('nope')).statusCode).toBe(401);
    expect((await attempt('Demo#2026')).statusCode).toBe(200);
  });

  it('the system administrator can unlock a locked account', async () => {
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dangyuan1', password: 'bad' } });
    const sys = await login(t.app, 'sysadmin');
    const list = await call(t.app, sys, 'GET', '/api/accounts?q=dangyuan1');
    const account = list.json().items[0];
    expect(account.locked).toBe(true);
    const unlocked = await call(t.app, sys, 'POST', `/api/accounts/${account.id}/unlock`);
    expect(unlocked.json().locked).toBe(false);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dangyuan1', password: 'Demo#2026' } })).statusCode).toBe(200);
  });
});

describe('idle timeout', () => {
  it('ends a session idle for more than 30 minutes and says so', async () => {
    const s = await login(t.app, 'zhibu1');
    t.clock.advance(29 * MINUTE);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE); // active 29 minutes ago: still alive
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * MINUTE);
    const expired = await call(t.app, s, 'GET', '/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('E_AUTH_SESSION_EXPIRED');
    // and the session is gone for good
    expect((await call(t.app, s, 'GET', '/api/auth/me')).json().code).toBe('E_AUTH_REQUIRED');
  });

  it('the timeout is configurable (SESSION_IDLE_MINUTES)', async () => {
    const short = await createTestApp({ config: { idleTimeoutMinutes: 5 } });
    try {
      const s = await login(short.app, 'zhibu1');
      expect(s.me).toMatchObject({});
      expect((await call(short.app, s, 'GET', '/api/auth/me')).json().idleTimeoutMinutes).toBe(5);
      short.clock.advance(6 * MINUTE);
      expect((await call(short.app, s, 'GET', '/api/auth/me')).json().code).toBe('E_AUTH_SESSION_EXPIRED');
    } finally {
      await short.close();
    }
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token, or with a wrong one, and changes nothing', async () => {
    const s = await login(t.app, 'gongwei');
    const rootId = s.me.grants[0]!.orgId!;
    const body = { parentId: rootId, name: 'CSRF 测试党支部', type: 'branch' };
    const missing = await t.app.inject({ method: 'POST', url: '/api/orgs', headers: { cookie: s.cookie }, payload: body });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('E_AUTH_CSRF');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/orgs', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload: body });
    expect(wrong.json().code).toBe('E_AUTH_CSRF');
    const search = await call(t.app, s, 'GET', '/api/orgs?q=CSRF');
    expect(search.json().total).toBe(0);
    const ok = await call(t.app, s, 'POST', '/api/orgs', body);
    expect(ok.statusCode).toBe(201);
  });

  it('logout needs the token too', async () => {
    const s = await login(t.app, 'gongwei');
    // A read first: reads may reuse a session checked moments ago, and a logout must still end it at once.
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } })).statusCode).toBe(403);
    expect((await call(t.app, s, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe('password policy and first login', () => {
  it('a new account must change its initial password before anything else, and the policy is enforced', async () => {
    const sys = await login(t.app, 'sysadmin');
    const created = await call(t.app, sys, 'POST', '/api/accounts', { username: 'newuser', displayName: '新用户' });
    expect(created.statusCode).toBe(201);
    const { initialPassword } = created.json();
    const s = await login(t.app, 'newuser', initialPassword);
    expect(s.me.user.mustChangePassword).toBe(true);
    const blocked = await call(t.app, s, 'GET', '/api/orgs/roots');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('E_AUTH_PASSWORD_CHANGE_REQUIRED');

    const weak = [
      ['Ab1#', '8'], // too short
      ['abcdefgh', '3'], // one class only
      ['abcdefg1', '3'], // two classes
    ] as const;
    for (const [newPassword, mention] of weak) {
      const res = await call(t.app, s, 'POST', '/api/auth/password', { currentPassword: initialPassword, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json().code).toBe('E_PASSWORD_POLICY');
      expect(res.json().message).toContain(mention);
      expect(res.json().details.length).toBeGreaterThan(0);
    }
    const wrongCurrent = await call(t.app, s, 'POST', '/api/auth/password', { currentPassword: 'not-it', newPassword: 'Qiang#Mima2026' });
    expect(wrongCurrent.json().code).toBe('E_AUTH_WRONG_PASSWORD');

    const changed = await call(t.app, s, 'POST', '/api/auth/password', { currentPassword: initialPassword, newPassword: 'Qiang#Mima2026' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    const again = await login(t.app, 'newuser', 'Qiang#Mima2026');
    expect(again.me.user.mustChangePassword).toBe(false);
  });

  it('three character classes are enough; the username inside the password is not', async () => {
    const s = await login(t.app, 'secadmin');
    const withName = await call(t.app, s, 'POST', '/api/auth/password', { currentPassword: 'Demo#2026', newPassword: 'Secadmin#2026' });
    expect(withName.statusCode).toBe(400);
    const ok = await call(t.app, s, 'POST', '/api/auth/password', { currentPassword: 'Demo#2026', newPassword: 'lower-and-123' });
    expect(ok.statusCode).toBe(200);
  });

  it('outside demo mode a demo account must change the demo password at login', async () => {
    const prod = await createTestApp({ config: { demoMode: false } });
    try {
      const s = await login(prod.app, 'zhibu1');
      expect(s.me.user.mustChangePassword).toBe(true);
      expect((await call(prod.app, s, 'GET', '/api/members')).json().code).toBe('E_AUTH_PASSWORD_CHANGE_REQUIRED');
    } finally {
      await prod.close();
    }
  });

  it('changing the password ends the other sessions of the account', async () => {
    const a = await login(t.app, 'jiguan1');
    const b = await login(t.app, 'jiguan1');
    expect((await call(t.app, b, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(t.app, a, 'POST', '/api/auth/password', { currentPassword: 'Demo#2026', newPassword: 'Jiguan#Two2026' })).statusCode).toBe(200);
    expect((await call(t.app, a, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(t.app, b, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('stores only an argon2id hash', async () => {
    const [row] = await t.database.db.select({ h: users.passwordHash }).from(users).where(eq(users.username, 'gongwei'));
    expect(row?.h).toMatch(/^\$argon2id\$/);
    const plain = await t.database.db.execute(sql`SELECT count(*)::integer AS n FROM users WHERE password_hash LIKE '%Demo#2026%'`);
    expect((plain as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });
});

describe('rate limiting', () => {
  it('limits login attempts per client address', async () => {
    const limited = await createTestApp({ config: { loginRateLimitPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } })).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const res = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gongwei', password: 'Demo#2026' } });
      expect(res.json()).toMatchObject({ code: 'E_RATE_LIMITED' });
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});

describe('role switch', () => {
  it('switches only to own grants', async () => {
    const s = await login(t.app, 'gongwei');
    const other = await login(t.app, 'zhibu2');
    const res = await call(t.app, s, 'POST', '/api/auth/active-grant', { grantId: other.me.grants[0]!.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('E_GRANT_NOT_OWN');
    expect((await call(t.app, s, 'POST', '/api/auth/active-grant', { grantId: s.me.grants[0]!.id })).statusCode).toBe(200);
  });
});
