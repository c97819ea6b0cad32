import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { appendAudit, recordAudit, type AuditActor } from '../../platform/audit.js';
import { hashToken, newToken, type Actor } from '../../platform/auth.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/passwords.js';
import { isRole, ROLE_LABELS, ROLE_PERMISSIONS } from '../../platform/permissions.js';
import { orgs, roleGrants, sessions, users } from '../../platform/schema.js';
import type { SecurityPolicy } from '../../platform/security-policy.js';

export interface AuthServiceDeps {
  db: Db;
  clock: Clock;
  policy: SecurityPolicy;
  demoMode: boolean;
}

export interface MeDto {
  user: { id: number; username: string; displayName: string; mustChangePassword: boolean };
  csrfToken: string;
  grants: { id: number; role: string; roleLabel: string; orgId: number | null; orgName: string | null }[];
  activeGrantId: number | null;
  permissions: string[];
  idleTimeoutMinutes: number;
}

const LOCK_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

export function createAuthService(deps: AuthServiceDeps) {
  const { db, clock, policy } = deps;

  async function activeGrants(userId: number) {
    const rows = await db
      .select({ id: roleGrants.id, role: roleGrants.role, orgId: roleGrants.orgId, orgName: orgs.name })
      .from(roleGrants)
      .leftJoin(orgs, eq(orgs.id, roleGrants.orgId))
      .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)))
      .orderBy(asc(roleGrants.id));
    return rows.flatMap((g) => (isRole(g.role) ? [{ ...g, role: g.role, roleLabel: ROLE_LABELS[g.role] }] : []));
  }

  async function me(userId: number, csrfToken: string, activeGrantId: number | null): Promise<MeDto> {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new AppError('E_AUTH_REQUIRED');
    const grants = await activeGrants(userId);
    const active = grants.find((g) => g.id === activeGrantId) ?? null;
    return {
      user: { id: user.id, username: user.username, displayName: user.displayName, mustChangePassword: user.mustChangePassword },
      csrfToken,
      grants,
      activeGrantId: active?.id ?? null,
      permissions: active ? [...ROLE_PERMISSIONS[active.role]] : [],
      idleTimeoutMinutes: policy.at(clock()).idleTimeoutMinutes,
    };
  }

  return {
    me: (actor: Actor) => me(actor.userId, actor.csrfToken, actor.grant?.id ?? null),

    async login(input: { username: string; password: string; ip: string | null; userAgent: string | null }) {
      const username = input.username.trim().toLowerCase();
      const now = clock();
      const settings = policy.at(now);
      const auditAs: AuditActor = { userId: null, username, role: null, ip: input.ip };
      const [user] = await db.select().from(users).where(eq(users.username, username));
      if (!user) {
        await verifyPassword(await dummyPasswordHash(), input.password);
        await recordAudit(db, auditAs, { action: 'auth.login_failed', targetType: 'user', result: 'failure', after: { reason: 'unknown_user' } }, now);
        throw new AppError('E_AUTH_INVALID_CREDENTIALS');
      }
      auditAs.userId = user.id;
      if (user.lockedUntil && user.lockedUntil > now) {
        await recordAudit(db, auditAs, { action: 'auth.login_failed', targetType: 'user', targetId: user.id, result: 'failure', after: { reason: 'locked' } }, now);
        throw new AppError('E_AUTH_ACCOUNT_LOCKED', `账号已锁定，请于 ${LOCK_TIME.format(user.lockedUntil)} 后再试，或联系系统管理员解锁`);
      }
      const passwordOk = await verifyPassword(user.passwordHash, input.password);
      if (!passwordOk) {
        const failures = user.failedLoginCount + 1;
        const lock = failures >= settings.maxFailedAttempts;
        const lockedUntil = lock ? new Date(now.getTime() + settings.lockoutMinutes * 60_000) : null;
        await db.transaction(async (tx) => {
          await tx.update(users).set({ failedLoginCount: lock ? 0 : failures, lockedUntil }).where(eq(users.id, user.id));
          await appendAudit(tx, auditAs, { action: 'auth.login_failed', targetType: 'user', targetId: user.id, result: 'failure', after: { reason: 'wrong_password', failures } }, now);
          if (lock) {
            await appendAudit(tx, auditAs, { action: 'account.lock', targetType: 'user', targetId: user.id, after: { lockedUntil, failures } }, now);
          }
        });
        if (lock && lockedUntil) {
          throw new AppError('E_AUTH_ACCOUNT_LOCKED', `连续 ${failures} 次密码错误，账号已锁定 ${settings.lockoutMinutes} 分钟（至 ${LOCK_TIME.format(lockedUntil)}）`);
        }
        throw new AppError('E_AUTH_INVALID_CREDENTIALS', `用户名或密码错误（再错 ${settings.maxFailedAttempts - failures} 次账号将被锁定 ${settings.lockoutMinutes} 分钟）`);
      }
      if (user.status !== 'active') {
        await recordAudit(db, auditAs, { action: 'auth.login_failed', targetType: 'user', targetId: user.id, result: 'failure', after: { reason: 'disabled' } }, now);
        throw new AppError('E_AUTH_ACCOUNT_DISABLED');
      }
      // Demo accounts skip the first-login change only while the app runs in demo mode.
      const mustChangePassword = user.mustChangePassword || (user.isDemo && !deps.demoMode);
      const token = newToken();
      const csrfToken = newToken();
      const grants = await activeGrants(user.id);
      const activeGrantId = grants[0]?.id ?? null;
      await db.transaction(async (tx) => {
        await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now, mustChangePassword }).where(eq(users.id, user.id));
        await tx.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, activeGrantId, csrfToken, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null, createdAt: now, lastSeenAt: now });
        await appendAudit(tx, { ...auditAs, role: grants[0]?.role ?? null }, { action: 'auth.login', targetType: 'user', targetId: user.id }, now);
      });
      return { token, me: await me(user.id, csrfToken, activeGrantId) };
    },

    async logout(actor: Actor, auditAs: AuditActor) {
      await db.transaction(async (tx) => {
        await tx.delete(sessions).where(eq(sessions.tokenHash, actor.sessionTokenHash));
        await appendAudit(tx, auditAs, { action: 'auth.logout', targetType: 'user', targetId: actor.userId }, clock());
      });
    },

    async changePassword(actor: Actor, auditAs: AuditActor, input: { currentPassword: string; newPassword: string }) {
      const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
      if (!user) throw new AppError('E_AUTH_REQUIRED');
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw new AppError('E_AUTH_WRONG_PASSWORD', undefined, [{ field: 'currentPassword', message: '当前密码不正确' }]);
      }
      const now = clock();
      const problems = policy.checkPassword(input.newPassword, user.username, now);
      if (input.newPassword === input.currentPassword) problems.push({ field: 'newPassword', message: '新密码不能与当前密码相同' });
      if (problems.length > 0) {
        throw new AppError('E_PASSWORD_POLICY', `新密码不符合密码策略：${problems.map((p) => p.message).join('；')}`, problems);
      }
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, isDemo: false }).where(eq(users.id, user.id));
        // Other sessions of this account end: whoever knew the old password is logged out.
        await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, actor.sessionTokenHash)));
        await appendAudit(tx, auditAs, { action: 'auth.password_change', targetType: 'user', targetId: user.id }, now);
      });
      return me(user.id, actor.csrfToken, actor.grant?.id ?? null);
    },

    async switchGrant(actor: Actor, auditAs: AuditActor, grantId: number) {
      const grants = await activeGrants(actor.userId);
      const grant = grants.find((g) => g.id === grantId);
      if (!grant) throw new AppError('E_GRANT_NOT_OWN', undefined, [{ field: 'grantId', message: '只能切换到本人拥有的授权' }]);
      await db.transaction(async (tx) => {
        await tx.update(sessions).set({ activeGrantId: grantId }).where(eq(sessions.tokenHash, actor.sessionTokenHash));
        await appendAudit(tx, { ...auditAs, role: grant.role }, { action: 'auth.switch_grant', targetType: 'role_grant', targetId: grantId, orgId: grant.orgId, before: { grantId: actor.grant?.id ?? null }, after: { grantId } }, clock());
      });
      return me(actor.userId, actor.csrfToken, grantId);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
