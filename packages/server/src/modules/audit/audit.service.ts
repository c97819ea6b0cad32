import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { AUDIT_ACTIONS, recordAudit, verifyAuditChain, type AuditActor } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { pageWindow } from '../../platform/http-schemas.js';
import { isRole, ROLE_LABELS } from '../../platform/permissions.js';
import { auditEvents } from '../../platform/schema.js';

export interface AuditQuery {
  actor?: string;
  action?: string;
  targetType?: string;
  result?: 'success' | 'failure';
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** Shanghai calendar date → the UTC instant its day starts. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

export function createAuditService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async list(query: AuditQuery) {
      const { page, pageSize, offset } = pageWindow(query);
      const conditions: SQL[] = [];
      if (query.actor?.trim()) conditions.push(eq(auditEvents.actorUsername, query.actor.trim().toLowerCase()));
      if (query.action) conditions.push(eq(auditEvents.action, query.action));
      if (query.targetType) conditions.push(eq(auditEvents.targetType, query.targetType));
      if (query.result) conditions.push(eq(auditEvents.result, query.result));
      if (query.from) conditions.push(gte(auditEvents.occurredAt, dayStart(query.from)));
      if (query.to) conditions.push(lt(auditEvents.occurredAt, new Date(dayStart(query.to).getTime() + 86_400_000)));
      const where = conditions.length ? and(...conditions) : undefined;
      const [total] = await db.select({ n: count() }).from(auditEvents).where(where);
      const rows = await db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(pageSize).offset(offset);
      return {
        items: rows.map((r) => ({
          id: r.id,
          occurredAt: r.occurredAt.toISOString(),
          actorUsername: r.actorUsername,
          actorRole: r.actorRole && isRole(r.actorRole) ? ROLE_LABELS[r.actorRole] : r.actorRole,
          ip: r.ip,
          action: r.action,
          actionLabel: AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS] ?? r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          orgId: r.orgId,
          result: r.result,
          before: r.before ?? null,
          after: r.after ?? null,
        })),
        total: total?.n ?? 0,
        page,
        pageSize,
      };
    },

    actions() {
      return { items: Object.entries(AUDIT_ACTIONS).map(([action, label]) => ({ action, label })) };
    },

    async verify(auditAs: AuditActor) {
      const result = await verifyAuditChain(db);
      await recordAudit(db, auditAs, { action: 'audit.verify', result: result.ok ? 'success' : 'failure', after: { checked: result.checked, brokenAtId: result.brokenAtId } }, clock());
      return result;
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
