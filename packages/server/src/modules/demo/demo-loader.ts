import { eq } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { hashPassword } from '../../platform/passwords.js';
import { appMeta, members, roleGrants, users } from '../../platform/schema.js';
import { insertOrg } from '../org/org.repo.js';
import { generateDemoDataset, type DemoAccount } from './demo-dataset.js';

/** The demo password: accepted only while the app runs in demo mode (see auth.service login). */
export const DEMO_PASSWORD = 'Demo#2026';
export const DEMO_SEED = 2026;
const SYSTEM: AuditActor = { userId: null, username: 'system', role: null, ip: null };

export interface DemoLoadResult {
  loaded: boolean;
  orgs: number;
  members: number;
  accounts: DemoAccount[];
}

/**
 * Loads the demo dataset once (first start of an empty database in demo mode). Idempotent:
 * the app_meta key 'demo_loaded_at' marks it done. Everything goes in one transaction.
 */
export async function loadDemoData(db: Db, clock: Clock, seed = DEMO_SEED): Promise<DemoLoadResult> {
  const now = clock();
  const dataset = generateDemoDataset({ seed, asOf: shanghaiDate(now) });
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_loaded_at'));
  if (done) return { loaded: false, orgs: dataset.orgs.length, members: dataset.members.length, accounts: dataset.accounts };

  const hashes = await Promise.all(dataset.accounts.map(() => hashPassword(DEMO_PASSWORD)));
  await db.transaction(async (tx) => {
    const orgByKey = new Map<string, { id: number; path: string; depth: number }>();
    let sortOrder = 0;
    for (const org of dataset.orgs) {
      const parent = org.parentKey === null ? null : orgByKey.get(org.parentKey);
      if (parent === undefined) throw new Error(`demo org ${org.key}: parent ${org.parentKey} not loaded yet`);
      const row = await insertOrg(tx, parent, { type: org.type, name: org.name, shortName: org.shortName, code: org.code, sortOrder: sortOrder++ }, now);
      orgByKey.set(org.key, row);
    }
    const memberIdByKey = new Map<string, number>();
    for (let i = 0; i < dataset.members.length; i += 200) {
      const batch = dataset.members.slice(i, i + 200);
      const rows = await tx
        .insert(members)
        .values(
          batch.map((m) => ({
            orgId: orgByKey.get(m.orgKey)!.id,
            name: m.name,
            gender: m.gender,
            ethnicity: m.ethnicity,
            education: m.education,
            birthDate: m.birthDate,
            joinedOn: m.joinedOn,
            fullMemberOn: m.fullMemberOn,
            category: m.category,
            status: m.status,
            position: m.position,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning({ id: members.id });
      rows.forEach((r, j) => memberIdByKey.set(batch[j]!.key, r.id));
    }
    for (const [i, account] of dataset.accounts.entries()) {
      const [user] = await tx
        .insert(users)
        .values({
          username: account.username,
          displayName: account.displayName,
          passwordHash: hashes[i]!,
          mustChangePassword: false,
          failedLoginCount: 0,
          status: 'active',
          isDemo: true,
          memberId: account.memberKey ? (memberIdByKey.get(account.memberKey) ?? null) : null,
          createdAt: now,
        })
        .returning({ id: users.id });
      await tx.insert(roleGrants).values({ userId: user!.id, role: account.role, orgId: account.orgKey ? orgByKey.get(account.orgKey)!.id : null, grantedAt: now });
    }
    await tx.insert(appMeta).values({ key: 'demo_loaded_at', value: now.toISOString() });
    await appendAudit(tx, SYSTEM, { action: 'system.demo_data_loaded', after: { seed, orgs: dataset.orgs.length, members: dataset.members.length, accounts: dataset.accounts.map((a) => a.username) } }, now);
  });
  return { loaded: true, orgs: dataset.orgs.length, members: dataset.members.length, accounts: dataset.accounts };
}
