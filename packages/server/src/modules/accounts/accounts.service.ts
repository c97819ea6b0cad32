import { and, asc, count, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { containsPattern, pageWindow } from '../../platform/http-schemas.js';
import { generateInitialPassword, hashPassword } from '../../platform/passwords.js';
import { isRole, ROLE_LABELS } from '../../platform/permissions.js';
import { orgs, roleGrants, sessions, users } from '../../platform/schema.js';

type UserRow = typeof users.$inferSelect;

export function createAccountsService({ db, clock }: { db: Db; clock: Clock }) {
  async function grantsOf(userIds: number[]) {
    if (userIds.length === 0) return new Map<number, { id: number; role: string; roleLabel: string; orgId: number | null; orgName: string | null }[]>();
    const rows = await db
      .select({ id: roleGrants.id, userId: roleGrants.userId, role: roleGrants.role, orgId: roleGrants.orgId, orgName: orgs.name })
      .from(roleGrants)
      .leftJoin(orgs, eq(orgs.id, roleGrants.orgId))
      .where(and(inArray(roleGrants.userId, userIds), isNull(roleGrants.revokedAt)))
      .orderBy(asc(roleGrants.id));
    const map = new Map<number, { id: number; role: string; roleLabel: string; orgId: number | null; orgName: string | null }[]>();
    for (const r of rows) {
      const list = map.get(r.userId) ?? [];
      list.push({ id: r.id, role: r.role, roleLabel: isRole(r.role) ? ROLE_LABELS[r.role] : r.role, orgId: r.orgId, orgName: r.orgName });
      map.set(r.userId, list);
    }
    return map;
  }

  function view(u: UserRow, grants: Awaited<ReturnType<typeof grantsOf>>) {
    const now = clock();
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      status: u.status,
      locked: u.lockedUntil !== null && u.lockedUntil > now,
      lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
      mustChangePassword: u.mustChangePassword,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
      grants: grants.get(u.id) ?? [],
    };
  }

  async function load(id: number): Promise<UserRow> {
    const [u] = await db.select().from(users).where(eq(users.id, id));
    if (!u) throw new AppError('E_ACCOUNT_NOT_FOUND');
    return u;
  }

  async function one(id: number) {
    const u = await load(id);
    return view(u, await grantsOf([u.id]));
  }

  const publicFields = (u: Pick<UserRow, 'username' | 'displayName' | 'status'>) => ({ username: u.username, displayName: u.displayName, status: u.status });

  return {
    async list(query: { q?: string; status?: string; page?: number; pageSize?: number }) {
      const { page, pageSize, offset } = pageWindow(query);
      const conditions: SQL[] = [];
      const q = query.q?.trim();
      if (q) {
        const like = containsPattern(q);
        conditions.push(or(ilike(users.username, like), ilike(users.displayName, like)) as SQL);
      }
      if (query.status) conditions.push(eq(users.status, query.status));
      const where = conditions.length ? and(...conditions) : undefined;
      const [total] = await db.select({ n: count() }).from(users).where(where);
      const rows = await db.select().from(users).where(where).orderBy(asc(users.username)).limit(pageSize).offset(offset);
      const grants = await grantsOf(rows.map((r) => r.id));
      return { items: rows.map((r) => view(r, grants)), total: total?.n ?? 0, page, pageSize };
    },

    async create(auditAs: AuditActor, input: { username: string; displayName: string }) {
      const username = input.username.trim().toLowerCase();
      const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (taken) throw new AppError('E_ACCOUNT_USERNAME_TAKEN', `用户名「${username}」已被使用`, [{ field: 'username', message: '用户名已被使用' }]);
      const initialPassword = generateInitialPassword();
      const passwordHash = await hashPassword(initialPassword);
      const now = clock();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({ username, displayName: input.displayName.trim(), passwordHash, mustChangePassword: true, failedLoginCount: 0, status: 'active', isDemo: false, createdAt: now })
          .returning({ id: users.id });
        const created = row!.id;
        await appendAudit(tx, auditAs, { action: 'account.create', targetType: 'user', targetId: created, after: { username, displayName: input.displayName.trim() } }, now);
        return created;
      });
      return { account: await one(id), initialPassword };
    },

    async update(actor: Actor, auditAs: AuditActor, id: number, patch: { displayName?: string; status?: 'active' | 'disabled' }) {
      const before = await load(id);
      if (patch.status === 'disabled' && id === actor.userId) throw new AppError('E_ACCOUNT_SELF_CHANGE');
      const changes: Partial<UserRow> = {};
      if (patch.displayName !== undefined) changes.displayName = patch.displayName.trim();
      if (patch.status !== undefined) changes.status = patch.status;
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(users).set(changes).where(eq(users.id, id));
        if (patch.status === 'disabled') await tx.delete(sessions).where(eq(sessions.userId, id));
        await appendAudit(tx, auditAs, { action: 'account.update', targetType: 'user', targetId: id, before: publicFields(before), after: publicFields({ ...before, ...changes }) }, now);
      });
      return one(id);
    },

    async resetPassword(auditAs: AuditActor, id: number) {
      await load(id);
      const initialPassword = generateInitialPassword();
      const passwordHash = await hashPassword(initialPassword);
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, isDemo: false }).where(eq(users.id, id));
        await tx.delete(sessions).where(eq(sessions.userId, id));
        await appendAudit(tx, auditAs, { action: 'account.reset_password', targetType: 'user', targetId: id }, now);
      });
      return { initialPassword };
    },

    async unlock(auditAs: AuditActor, id: number) {
      const before = await load(id);
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, id));
        await appendAudit(tx, auditAs, { action: 'account.unlock', targetType: 'user', targetId: id, before: { lockedUntil: before.lockedUntil } }, now);
      });
      return one(id);
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
