import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditActor } from './audit.js';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import { AppError } from './errors.js';
import { isRole, ROLE_LABELS, ROLE_PERMISSIONS, type Permission, type Role } from './permissions.js';
import { orgs, roleGrants, sessions, users } from './schema.js';
import { scopeForRole, type OrgScope } from './scope.js';

export const SESSION_COOKIE = 'dj_session';
export const CSRF_HEADER = 'x-csrf-token';
/** lastSeenAt is written at most this often, so reads don't each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Reads (GET/HEAD) may use a session checked within the last READ_CHECK_MS instead of looking it up again: the
 * lookup was half the database round trips of a member's page (issue 7, BENCHMARKS.md). Writes always check the
 * session in the database. Every completed write in this process empties the cache, so a logout, a revoked grant, a
 * disabled account or a moved org takes effect here at once; another process of the same deployment sees it within
 * READ_CHECK_MS, and only for reads. Real time (not the app clock), bounded in size.
 */
const READ_CHECK_MS = 5_000;
const READ_CACHE_MAX = 10_000;
const SAFE_METHODS = new Set(['GET', 'HEAD']);

interface CheckedSession {
  actor: Actor | null;
  expired: boolean;
  /** performance.now() and the app clock when the session was checked. */
  checkedAt: number;
  clockAt: number;
}

/** Who is asking, under which role grant, with which permissions and org scope. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  memberId: number | null;
  grant: { id: number; role: Role; roleLabel: string; orgId: number | null; orgName: string | null } | null;
  permissions: ReadonlySet<Permission>;
  scope: OrgScope;
  csrfToken: string;
  sessionTokenHash: string;
}

/**
 * Every /api route declares who may call it (checked at start-up: a route without `access` fails
 * the build of the app):
 * - 'public': anyone; - 'authenticated': any logged-in user; - a Permission: the active role must hold it.
 */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the user still has to change the initial password (me, logout, password). */
    allowPendingPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function auditActor(request: FastifyRequest): AuditActor {
  const a = request.actor;
  return { userId: a?.userId ?? null, username: a?.username ?? null, role: a?.grant?.role ?? null, ip: request.ip ?? null };
}

/** The actor of a request that must have one (routes with access other than 'public'). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('E_AUTH_REQUIRED');
  return request.actor;
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export interface AuthDeps {
  db: Db;
  clock: Clock;
  idleTimeoutMinutes: (at: Date) => number;
}

export async function loadActor(deps: AuthDeps, token: string): Promise<{ actor: Actor | null; expired: boolean }> {
  const tokenHash = hashToken(token);
  const [row] = await deps.db
    .select({
      session: sessions,
      user: { id: users.id, username: users.username, displayName: users.displayName, status: users.status, mustChangePassword: users.mustChangePassword, memberId: users.memberId },
      grant: { id: roleGrants.id, role: roleGrants.role, orgId: roleGrants.orgId },
      org: { id: orgs.id, path: orgs.path, name: orgs.name },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(roleGrants, and(eq(roleGrants.id, sessions.activeGrantId), isNull(roleGrants.revokedAt)))
    .leftJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!row) return { actor: null, expired: false };
  const now = deps.clock();
  const idleMs = deps.idleTimeoutMinutes(now) * 60_000;
  if (now.getTime() - row.session.lastSeenAt.getTime() > idleMs || row.user.status !== 'active') {
    await deps.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return { actor: null, expired: row.user.status === 'active' };
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  const role = row.grant && isRole(row.grant.role) ? row.grant.role : null;
  const org = row.org ? { id: row.org.id, path: row.org.path } : null;
  return {
    expired: false,
    actor: {
      userId: row.user.id,
      username: row.user.username,
      displayName: row.user.displayName,
      mustChangePassword: row.user.mustChangePassword,
      memberId: row.user.memberId,
      grant: row.grant && role ? { id: row.grant.id, role, roleLabel: ROLE_LABELS[role], orgId: row.grant.orgId, orgName: row.org?.name ?? null } : null,
      permissions: new Set(role ? ROLE_PERMISSIONS[role] : []),
      scope: scopeForRole(role, org),
      csrfToken: row.session.csrfToken,
      sessionTokenHash: tokenHash,
    },
  };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UNGUARDED_PREFIXES = ['/api/docs', '/api/openapi.json'];

/**
 * Installs authentication and authorization for every /api route:
 * 1. at registration, refuses a route that does not declare `config.access`;
 * 2. on each request, loads the session (idle timeout), then enforces access, the pending password
 *    change and the CSRF token on state-changing methods — before the body is even validated.
 */
export function installAuth(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);

  const checked = new Map<string, CheckedSession>();
  // Bumped by every write: a lookup that started before a write finished is not kept (it may predate a logout).
  let generation = 0;
  async function checkedForRead(token: string): Promise<{ actor: Actor | null; expired: boolean }> {
    const now = performance.now();
    const clockNow = deps.clock().getTime();
    const hit = checked.get(token);
    // Fresh by the real time and by the app's clock (which tests move, e.g. past the idle timeout).
    if (hit && now - hit.checkedAt < READ_CHECK_MS && clockNow - hit.clockAt >= 0 && clockNow - hit.clockAt < READ_CHECK_MS) return hit;
    const startedIn = generation;
    const loaded = await loadActor(deps, token);
    if (checked.size >= READ_CACHE_MAX) checked.clear();
    // Only a valid session is kept: an unknown or expired token is looked up every time.
    if (loaded.actor && startedIn === generation) checked.set(token, { ...loaded, checkedAt: now, clockAt: clockNow });
    else checked.delete(token);
    return loaded;
  }
  app.addHook('onResponse', async (request) => {
    if (!SAFE_METHODS.has(request.method)) {
      generation++;
      checked.clear();
    }
  });

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || UNGUARDED_PREFIXES.some((p) => route.url.startsWith(p))) return;
    if (route.method === 'HEAD') return;
    if (!route.config?.access) {
      throw new Error(`route ${String(route.method)} ${route.url} does not declare config.access`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const access = config?.access;
    if (!access) return; // static files, docs, 404s
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const { actor, expired } = SAFE_METHODS.has(request.method) ? await checkedForRead(token) : await loadActor(deps, token);
      request.actor = actor;
      request.sessionExpired = expired;
    }
    if (access === 'public') return;
    const actor = request.actor;
    if (!actor) throw new AppError(request.sessionExpired ? 'E_AUTH_SESSION_EXPIRED' : 'E_AUTH_REQUIRED');
    if (STATE_CHANGING.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, actor.csrfToken)) throw new AppError('E_AUTH_CSRF');
    }
    if (actor.mustChangePassword && !config.allowPendingPasswordChange) throw new AppError('E_AUTH_PASSWORD_CHANGE_REQUIRED');
    if (access !== 'authenticated' && !actor.permissions.has(access)) throw new AppError('E_AUTH_FORBIDDEN');
  });
}
