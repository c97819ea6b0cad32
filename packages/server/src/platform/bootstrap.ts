import { count } from 'drizzle-orm';
import { appendAudit } from './audit.js';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import { generateInitialPassword, hashPassword } from './passwords.js';
import type { PlatformRole } from './permissions.js';
import { orgs, roleGrants, users } from './schema.js';
import { insertOrg } from '../modules/org/org.repo.js';

export interface BootstrapResult {
  created: { username: string; role: PlatformRole; initialPassword: string }[];
  rootOrg: string | null;
}

const ADMINS: { username: string; displayName: string; role: PlatformRole }[] = [
  { username: 'sysadmin', displayName: '系统管理员', role: 'system_admin' },
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin' },
  { username: 'auditor', displayName: '安全审计员', role: 'auditor' },
];

/**
 * First start of a production database (no accounts yet): creates the three platform administrators
 * (三员) with one-time passwords that must be changed at first login, and the root org if none exists.
 * Business accounts are then created by the system administrator and granted by the security administrator.
 */
export async function bootstrapProduction(db: Db, clock: Clock, rootOrgName: string): Promise<BootstrapResult> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { created: [], rootOrg: null };
  const now = clock();
  const passwords = ADMINS.map(() => generateInitialPassword());
  const hashes = await Promise.all(passwords.map(hashPassword));
  let rootOrg: string | null = null;
  await db.transaction(async (tx) => {
    for (const [i, admin] of ADMINS.entries()) {
      const [row] = await tx
        .insert(users)
        .values({ username: admin.username, displayName: admin.displayName, passwordHash: hashes[i]!, mustChangePassword: true, failedLoginCount: 0, status: 'active', isDemo: false, createdAt: now })
        .returning({ id: users.id });
      await tx.insert(roleGrants).values({ userId: row!.id, role: admin.role, orgId: null, grantedAt: now });
    }
    const [orgCount] = await tx.select({ n: count() }).from(orgs);
    if ((orgCount?.n ?? 0) === 0) {
      await insertOrg(tx, null, { type: 'work_committee', name: rootOrgName }, now);
      rootOrg = rootOrgName;
    }
    await appendAudit(tx, { userId: null, username: 'system', role: null, ip: null }, { action: 'system.bootstrap_admins', after: { accounts: ADMINS.map((a) => a.username), rootOrg } }, now);
  });
  return { created: ADMINS.map((a, i) => ({ username: a.username, role: a.role, initialPassword: passwords[i]! })), rootOrg };
}
