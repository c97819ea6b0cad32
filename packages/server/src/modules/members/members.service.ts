import { and, asc, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { appendAudit, recordAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { containsPattern, pageWindow } from '../../platform/http-schemas.js';
import { members, orgs } from '../../platform/schema.js';
import { pathIds, scopeCondition, scopeIncludes } from '../../platform/scope.js';
import { ancestorsOf } from '../org/org.repo.js';
import type { OrgService } from '../org/org.service.js';

export interface MembersServiceDeps {
  db: Db;
  clock: Clock;
  orgService: OrgService;
}

const summaryColumns = {
  id: members.id,
  name: members.name,
  gender: members.gender,
  birthDate: members.birthDate,
  joinedOn: members.joinedOn,
  category: members.category,
  status: members.status,
  orgId: members.orgId,
  orgName: orgs.name,
  position: members.position,
};

const SORTS: Record<string, SQL[]> = {
  name: [asc(members.name), asc(members.id)],
  '-name': [desc(members.name), desc(members.id)],
  joinedOn: [asc(members.joinedOn), asc(members.id)],
  '-joinedOn': [desc(members.joinedOn), desc(members.id)],
  birthDate: [asc(members.birthDate), asc(members.id)],
  '-birthDate': [desc(members.birthDate), desc(members.id)],
};

export function createMembersService({ db, clock, orgService }: MembersServiceDeps) {
  async function loadDetail(actor: Actor, id: number) {
    const [row] = await db
      .select({ member: members, orgName: orgs.name, orgPath: orgs.path })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(eq(members.id, id));
    if (!row) return null;
    const fromDepth = actor.scope.kind === 'subtree' ? pathIds(actor.scope.path).length - 1 : pathIds(row.orgPath).length - 1;
    const m = row.member;
    return {
      path: row.orgPath,
      detail: {
        id: m.id,
        name: m.name,
        gender: m.gender,
        birthDate: m.birthDate,
        joinedOn: m.joinedOn,
        category: m.category,
        status: m.status,
        orgId: m.orgId,
        orgName: row.orgName,
        position: m.position,
        ethnicity: m.ethnicity,
        education: m.education,
        fullMemberOn: m.fullMemberOn,
        orgPath: [...(await ancestorsOf(db, row.orgPath, fromDepth)), { id: m.orgId, name: row.orgName }],
      },
    };
  }

  /** A member record the actor may see (business scope), or "not found". */
  async function visibleMember(actor: Actor, id: number) {
    const found = await loadDetail(actor, id);
    if (!found || actor.scope.kind !== 'subtree' || !scopeIncludes(actor.scope, found.path)) throw new AppError('E_MEMBER_NOT_FOUND');
    return found.detail;
  }

  return {
    async list(actor: Actor, query: { orgId?: number; includeSubtree?: boolean; q?: string; category?: string; status?: string; sort?: string; page?: number; pageSize?: number }) {
      const { page, pageSize, offset } = pageWindow(query);
      const conditions: SQL[] = [scopeCondition(actor.scope, orgs)];
      if (query.orgId !== undefined) {
        const org = await orgService.visibleOrg(actor, query.orgId);
        conditions.push(query.includeSubtree === false ? eq(members.orgId, org.id) : scopeCondition({ kind: 'subtree', orgId: org.id, path: org.path }, orgs));
      }
      const q = query.q?.trim();
      if (q) conditions.push(ilike(members.name, containsPattern(q)));
      if (query.category) conditions.push(eq(members.category, query.category));
      if (query.status) conditions.push(eq(members.status, query.status));
      const where = and(...conditions);
      const [total] = await db.select({ n: count() }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(where);
      const items = await db
        .select(summaryColumns)
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(where)
        .orderBy(...(SORTS[query.sort ?? 'name'] ?? SORTS.name!))
        .limit(pageSize)
        .offset(offset);
      return { items, total: total?.n ?? 0, page, pageSize };
    },

    /** Reading one member's full record is a read of personal data: it is audited. */
    async get(actor: Actor, auditAs: AuditActor, id: number) {
      const detail = await visibleMember(actor, id);
      await recordAudit(db, auditAs, { action: 'member.read', targetType: 'member', targetId: id, orgId: detail.orgId }, clock());
      return detail;
    },

    async update(actor: Actor, auditAs: AuditActor, id: number, patch: { position: string | null }) {
      const before = await visibleMember(actor, id);
      const position = patch.position?.trim() || null;
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(members).set({ position, updatedAt: now }).where(eq(members.id, id));
        await appendAudit(tx, auditAs, { action: 'member.update', targetType: 'member', targetId: id, orgId: before.orgId, before: { position: before.position }, after: { position } }, now);
      });
      return visibleMember(actor, id);
    },

    /** A member's own record (role 党员). */
    async self(actor: Actor) {
      if (actor.memberId === null) throw new AppError('E_MEMBER_NOT_FOUND', '当前账号未关联党员信息');
      const found = await loadDetail(actor, actor.memberId);
      if (!found) throw new AppError('E_MEMBER_NOT_FOUND', '当前账号未关联党员信息');
      return found.detail;
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
