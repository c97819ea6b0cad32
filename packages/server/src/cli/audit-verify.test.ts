import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-app.js';
import { recordAudit } from '../platform/audit.js';
import { openDatabase } from '../platform/db.js';
import { migrate } from '../platform/migrate.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs `npm run audit:verify` as a user would, against the given database. */
async function auditVerify(env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('npm', ['run', '--silent', 'audit:verify'], { cwd: repoRoot, env: { ...process.env, ...env } });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

describe('npm run audit:verify', () => {
  it('passes on a fresh database and fails after a single audit row is altered by SQL', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dangjian-audit-'));
    const first = await openTestDatabase({ dataDir });
    const env: Record<string, string> = first.url ? { DATABASE_URL: first.url } : { DATA_DIR: dataDir, DATABASE_URL: '' };
    const reopen = async () => (first.url ? openDatabase({ databaseUrl: first.url, dataDir: null }) : openDatabase({ databaseUrl: null, dataDir }));
    try {
      await migrate(first.database);
      await first.database.close();

      const fresh = await auditVerify(env);
      expect(fresh.code, fresh.out).toBe(0);
      expect(fresh.out).toContain('审计日志完整');

      let db = await reopen();
      for (let i = 0; i < 3; i++) await recordAudit(db.db, { userId: 1, username: 'gongwei', role: null, ip: '10.0.0.1' }, { action: 'org.update', targetId: i }, new Date());
      await db.close();
      const good = await auditVerify(env);
      expect(good.code, good.out).toBe(0);
      expect(good.out).toContain('已校验 3 条');

      db = await reopen();
      await db.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await db.db.execute(sql`UPDATE audit_events SET actor_username = 'intruder' WHERE id = 2`);
      await db.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
      await db.close();
      const tampered = await auditVerify(env);
      expect(tampered.code).toBe(1);
      expect(tampered.out).toContain('第 2 条');
    } finally {
      await first.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
