import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-app.js';
import { appendAudit, recordAudit, verifyAuditChain, type AuditActor } from './audit.js';
import type { Database } from './db.js';
import { migrate } from './migrate.js';

const actor: AuditActor = { userId: 1, username: 'gongwei', role: 'committee_admin', ip: '127.0.0.1' };
const at = new Date('2026-11-23T02:00:00.000Z');

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
  await migrate(database);
});
afterAll(() => drop());

/** Runs `fn` with the append-only triggers off, as an attacker with database access could. */
async function asTamperer(fn: () => Promise<unknown>) {
  await database.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
  try {
    await fn();
  } finally {
    await database.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
  }
}

describe('audit chain', () => {
  it('an empty chain verifies', async () => {
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 0 });
  });

  it('appends contiguous, hash-linked rows that verify, across batches', async () => {
    for (let i = 0; i < 25; i++) {
      await recordAudit(database.db, actor, { action: 'org.update', targetType: 'org', targetId: i, orgId: 1, before: { name: `旧${i}`, z: 1, a: [1, 2] }, after: { name: `新${i}` } }, new Date(at.getTime() + i * 1000));
    }
    const result = await verifyAuditChain(database.db, 7);
    expect(result).toMatchObject({ ok: true, checked: 25, brokenAtId: null });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    await expect(database.db.execute(sql`UPDATE audit_events SET ip = '1.2.3.4' WHERE id = 1`)).rejects.toThrow();
    await expect(database.db.execute(sql`DELETE FROM audit_events WHERE id = 1`)).rejects.toThrow();
    await expect(database.db.execute(sql`TRUNCATE audit_events`)).rejects.toThrow();
  });

  it('detects a row altered by SQL', async () => {
    await asTamperer(() => database.db.execute(sql`UPDATE audit_events SET after = '{"name":"伪造"}'::jsonb WHERE id = 10`));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAtId: 10 });
    await asTamperer(() => database.db.execute(sql`UPDATE audit_events SET after = '{"name":"新9"}'::jsonb WHERE id = 10`));
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('detects a changed actor, time or result too', async () => {
    for (const change of [sql`actor_username = 'someone'`, sql`occurred_at = occurred_at + interval '1 second'`, sql`result = 'failure'`]) {
      await asTamperer(() => database.db.execute(sql`UPDATE audit_events SET ${change} WHERE id = 3`));
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAtId: 3 });
      await asTamperer(() => database.db.execute(sql`UPDATE audit_events SET actor_username = 'gongwei', occurred_at = ${new Date(at.getTime() + 2000).toISOString()}::timestamptz, result = 'success' WHERE id = 3`));
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    }
  });

  it('detects a deleted row in the middle and a deleted last row', async () => {
    const { database: other, drop: dropOther } = await openTestDatabase();
    try {
      await migrate(other);
      for (let i = 0; i < 5; i++) await recordAudit(other.db, actor, { action: 'auth.login' }, at);
      await other.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await other.db.execute(sql`DELETE FROM audit_events WHERE id = 5`);
      expect(await verifyAuditChain(other.db)).toMatchObject({ ok: false, brokenAtId: 5 });
      await other.db.execute(sql`DELETE FROM audit_events WHERE id = 2`);
      expect(await verifyAuditChain(other.db)).toMatchObject({ ok: false, brokenAtId: 2 });
    } finally {
      await dropOther();
    }
  });

  it('a record written in a transaction that rolls back leaves no trace', async () => {
    const before = await verifyAuditChain(database.db);
    await expect(
      database.db.transaction(async (tx) => {
        await appendAudit(tx, actor, { action: 'org.create' }, at);
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');
    const after = await verifyAuditChain(database.db);
    expect(after).toMatchObject({ ok: true, checked: before.checked });
  });
});
