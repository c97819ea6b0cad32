import { and, asc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { isPlatformRole, isRole, ROLE_LABELS, type Role } from '../../platform/permissions.js';
import { orgs, roleGrants, sessions, users } from '../../platform/schema.js';

const grantors = alias(users, 'grantors');

export function createGrantsService({ db, clock }: { db: Db; clock: Clock }) {
  async function list(filter: { userId?: number; grantId?: number }) {
    const conditions = [isNull(roleGrants.revokedAt)];
    if (filter.userId !== undefined) conditions.push(eq(roleGrants.userId, filter.userId));
    if (filter.grantId !== undefined) conditions.push(eq(roleGrants.id, filter.grantId));
    const rows = await db
      .select({
        id: roleGrants.id,
        role: roleGrants.role,
        orgId: roleGrants.orgId,
        orgName: orgs.name,
        userId: roleGrants.userId,
        username: users.username,
        displayName: users.displayName,
        grantedAt: roleGrants.grantedAt,
        grantedByUsername: grantors.username,
      })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .leftJoin(orgs, eq(orgs.id, roleGrants.orgId))
      .leftJoin(grantors, eq(grantors.id, roleGrants.grantedBy))
      .where(and(...conditions))
      .orderBy(asc(users.username), asc(roleGrants.id))
      .limit(1000);
    return rows.map((r) => ({ ...r, roleLabel: isRole(r.role) ? ROLE_LABELS[r.role] : r.role, grantedAt: r.grantedAt.toISOString() }));
  }

  return {
    list: (userId?: number) => list(userId === undefined ? {} : { userId }).then((items) => ({ items })),

    async create(actor: Actor, auditAs: AuditActor, input: { userId: number; role: Role; orgId?: number | null }) {
      const [user] = await db.select().from(users).where(eq(users.id, input.userId));
      if (!user) throw new AppError('E_ACCOUNT_NOT_FOUND', undefined, [{ field: 'userId', message: '账号不存在' }]);
      if (user.id === actor.userId) throw new AppError('E_GRANT_SEPARATION_OF_DUTIES', '三员分立：安全管理员不能给自己授权');
      const platform = isPlatformRole(input.role);
      const orgId = input.orgId ?? null;
      if (platform && orgId !== null) throw new AppError('E_GRANT_ORG_NOT_ALLOWED', undefined, [{ field: 'orgId', message: '三员角色不能指定组织' }]);
      if (!platform && orgId === null) throw new AppError('E_GRANT_ORG_REQUIRED', undefined, [{ field: 'orgId', message: '请选择授权的组织' }]);
      if (orgId !== null) {
        const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId));
        if (!org) throw new AppError('E_ORG_NOT_FOUND', undefined, [{ field: 'orgId', message: '组织不存在' }]);
      }
      const existing = await db.select().from(roleGrants).where(and(eq(roleGrants.userId, user.id), isNull(roleGrants.revokedAt)));
      if (existing.some((g) => g.role === input.role && g.orgId === orgId)) throw new AppError('E_GRANT_DUPLICATE');
      // 三员分立: a platform administrator holds exactly one role, and never a business role.
      if ((platform && existing.length > 0) || existing.some((g) => isPlatformRole(g.role))) {
        throw new AppError('E_GRANT_SEPARATION_OF_DUTIES', undefined, [{ field: 'role', message: '该账号已有其他角色，三员角色不能与其他角色兼任' }]);
      }
      const now = clock();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx.insert(roleGrants).values({ userId: user.id, role: input.role, orgId, grantedBy: actor.userId, grantedAt: now }).returning({ id: roleGrants.id });
        await appendAudit(tx, auditAs, { action: 'grant.create', targetType: 'role_grant', targetId: row!.id, orgId, after: { userId: user.id, username: user.username, role: input.role, orgId } }, now);
        return row!.id;
      });
      const [created] = await list({ grantId: id });
      return created!;
    },

    async revoke(actor: Actor, auditAs: AuditActor, id: number) {
      const [grant] = await db.select().from(roleGrants).where(and(eq(roleGrants.id, id), isNull(roleGrants.revokedAt)));
      if (!grant) throw new AppError('E_GRANT_NOT_FOUND');
      if (grant.userId === actor.userId) throw new AppError('E_GRANT_SEPARATION_OF_DUTIES', '三员分立：安全管理员不能撤销自己的授权');
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(roleGrants).set({ revokedAt: now, revokedBy: actor.userId }).where(eq(roleGrants.id, id));
        // Sessions acting under this grant lose it at once.
        await tx.update(sessions).set({ activeGrantId: null }).where(eq(sessions.activeGrantId, id));
        await appendAudit(tx, auditAs, { action: 'grant.revoke', targetType: 'role_grant', targetId: id, orgId: grant.orgId, before: { userId: grant.userId, role: grant.role, orgId: grant.orgId } }, now);
      });
    },
  };
}

export type GrantsService = ReturnType<typeof createGrantsService>;
