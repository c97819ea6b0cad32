import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, login, type TestApp } from '../../test/test-app.js';
import { bootstrapProduction } from './bootstrap.js';
import { verifyAuditChain } from './audit.js';

let t: TestApp;
const printed: string[] = [];
beforeAll(async () => {
  t = await createTestApp({ demo: false, config: { demoMode: false } });
});
afterAll(() => t.close());

describe('first production start', () => {
  it('creates the three platform administrators with one-time passwords and the root org, once', async () => {
    const first = await bootstrapProduction(t.database.db, t.clock, '中共某省直属机关工作委员会');
    expect(first.created.map((c) => [c.username, c.role])).toEqual([
      ['sysadmin', 'system_admin'],
      ['secadmin', 'security_admin'],
      ['auditor', 'auditor'],
    ]);
    expect(new Set(first.created.map((c) => c.initialPassword)).size).toBe(3);
    printed.push(...first.created.map((c) => c.initialPassword));
    expect(first.rootOrg).toBe('中共某省直属机关工作委员会');
    expect(await bootstrapProduction(t.database.db, t.clock, 'x')).toEqual({ created: [], rootOrg: null });

    const sys = await login(t.app, 'sysadmin', first.created[0]!.initialPassword);
    expect(sys.me.user.mustChangePassword).toBe(true);
    expect((await call(t.app, sys, 'GET', '/api/accounts')).json().code).toBe('E_AUTH_PASSWORD_CHANGE_REQUIRED');
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('records the bootstrap in the audit trail without any of the passwords', async () => {
    const rows = (await t.database.db.execute(sql`SELECT after::text AS after FROM audit_events WHERE action = 'system.bootstrap_admins'`)) as unknown as { rows: { after: string }[] };
    const recorded = rows.rows[0]?.after ?? '';
    expect(recorded).toContain('secadmin');
    for (const password of printed) expect(recorded).not.toContain(password);
  });
});
