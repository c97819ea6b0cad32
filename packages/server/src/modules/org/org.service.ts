import { and, asc, count, eq, ilike, isNull, sql, type SQL } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { containsPattern, pageWindow } from '../../platform/http-schemas.js';
import { orgHistory, orgs, orgUnits, units } from '../../platform/schema.js';
import { pathContains, pathIds, scopeCondition, scopeIncludes } from '../../platform/scope.js';
import { ancestorsOf, countSubtree, findOrg, hasChildrenColumn, insertOrg, type OrgRow } from './org.repo.js';
import { ALLOWED_CHILD_TYPES, isOrgType, ORG_STATUS_LABELS, ORG_TYPE_LABELS, ORG_TYPE_NATIONAL_CODES, orgTypeLabel, type OrgStatus, type OrgType } from './org-types.js';

export interface OrgServiceDeps {
  db: Db;
  clock: Clock;
}

const summaryColumns = {
  id: orgs.id,
  parentId: orgs.parentId,
  name: orgs.name,
  shortName: orgs.shortName,
  type: orgs.type,
  status: orgs.status,
  path: orgs.path,
  hasChildren: hasChildrenColumn,
};

function toSummary(row: { id: number; parentId: number | null; name: string; shortName: string | null; type: string; status: string; hasChildren: boolean }, scopeKind: Actor['scope']['kind']) {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    shortName: row.shortName,
    type: row.type,
    typeLabel: orgTypeLabel(row.type),
    status: row.status,
    statusLabel: ORG_STATUS_LABELS[row.status as OrgStatus] ?? row.status,
    // A member sees own branch only: nothing below it is in scope.
    hasChildren: scopeKind === 'single' ? false : Boolean(row.hasChildren),
  };
}

/** The depth from which ancestors are visible: the scope root's depth (0 when the whole tree is visible). */
function scopeDepth(actor: Actor): number {
  return actor.scope.kind === 'subtree' || actor.scope.kind === 'single' ? pathIds(actor.scope.path).length - 1 : 0;
}

export function createOrgService({ db, clock }: OrgServiceDeps) {
  /** Two active siblings never share a name (a ledger with two identical rows helps nobody). */
  async function assertUniqueName(parentId: number | null, name: string, exceptId?: number) {
    if (parentId === null) return;
    const [clash] = await db
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(eq(orgs.parentId, parentId), eq(orgs.name, name), eq(orgs.status, 'active'), exceptId === undefined ? sql`true` : sql`${orgs.id} <> ${exceptId}`))
      .limit(1);
    if (clash) throw new AppError('E_ORG_DUPLICATE_NAME', `同一上级组织下已有名为「${name}」的组织`, [{ field: 'name', message: '与同级组织重名' }]);
  }

  /** Loads an org the actor may see, or answers "not found" (never revealing it exists elsewhere). */
  async function visibleOrg(actor: Actor, id: number): Promise<OrgRow> {
    const org = await findOrg(db, id);
    if (!org || !scopeIncludes(actor.scope, org.path)) throw new AppError('E_ORG_NOT_FOUND');
    return org;
  }

  async function checkMove(actor: Actor, id: number, newParentId: number) {
    const org = await visibleOrg(actor, id);
    if (org.parentId === null) throw new AppError('E_ORG_MOVE_INVALID', '根组织不能移动', [{ field: 'id', message: '根组织不能移动' }]);
    if (actor.scope.kind === 'subtree' && org.id === actor.scope.orgId) throw new AppError('E_ORG_MOVE_INVALID', '不能移动自己管理范围的根组织', [{ field: 'id', message: '超出管理范围' }]);
    const to = await findOrg(db, newParentId);
    if (!to || !scopeIncludes(actor.scope, to.path)) throw new AppError('E_ORG_NOT_FOUND', '目标上级组织不存在或不在您的管理范围内', [{ field: 'newParentId', message: '目标上级组织不在管理范围内' }]);
    if (pathContains(org.path, to.path)) throw new AppError('E_ORG_MOVE_INVALID', `不能把「${org.name}」移到它自己或它的下级组织之下`, [{ field: 'newParentId', message: '会形成循环隶属' }]);
    if (to.id === org.parentId) throw new AppError('E_ORG_MOVE_INVALID', '目标上级组织与现上级组织相同', [{ field: 'newParentId', message: '与现上级组织相同' }]);
    const toType = isOrgType(to.type) ? to.type : null;
    if (!toType || !isOrgType(org.type) || !ALLOWED_CHILD_TYPES[toType].includes(org.type)) {
      throw new AppError('E_ORG_INVALID_PARENT', `${orgTypeLabel(to.type)}下不能设立${orgTypeLabel(org.type)}`, [{ field: 'newParentId', message: '目标上级组织的类型不允许' }]);
    }
    if (to.status !== 'active') throw new AppError('E_ORG_INVALID_PARENT', '目标上级组织已撤销或合并', [{ field: 'newParentId', message: '目标上级组织已撤销或合并' }]);
    await assertUniqueName(to.id, org.name, org.id);
    const from = (await findOrg(db, org.parentId))!;
    return { org, from, to };
  }

  async function detail(actor: Actor, org: OrgRow) {
    const [{ childCount } = { childCount: 0 }] = await db.select({ childCount: count() }).from(orgs).where(eq(orgs.parentId, org.id));
    const { memberCount } = await countSubtree(db, org.path);
    const visibleChildren = actor.scope.kind === 'single' ? 0 : childCount;
    return {
      ...toSummary({ ...org, hasChildren: visibleChildren > 0 }, actor.scope.kind),
      code: org.code,
      foundedOn: org.foundedOn,
      approvalDoc: org.approvalDoc,
      statisticsCategory: org.statisticsCategory,
      nationalTypeCode: isOrgType(org.type) ? ORG_TYPE_NATIONAL_CODES[org.type] : null,
      units: await db.select({ id: units.id, name: units.name }).from(orgUnits).innerJoin(units, eq(units.id, orgUnits.unitId)).where(eq(orgUnits.orgId, org.id)).orderBy(asc(units.name)),
      ancestors: await ancestorsOf(db, org.path, scopeDepth(actor)),
      childCount: visibleChildren,
      memberCount,
      createdAt: org.createdAt.toISOString(),
    };
  }

  return {
    visibleOrg,
    checkMove,
    assertUniqueName,
    detail,

    async roots(actor: Actor) {
      const where = actor.scope.kind === 'all' ? isNull(orgs.parentId) : actor.scope.kind === 'none' ? sql`false` : eq(orgs.id, actor.scope.orgId);
      const rows = await db.select(summaryColumns).from(orgs).where(where).orderBy(asc(orgs.sortOrder), asc(orgs.id));
      return { items: rows.map((r) => toSummary(r, actor.scope.kind)) };
    },

    async get(actor: Actor, id: number) {
      return detail(actor, await visibleOrg(actor, id));
    },

    async children(actor: Actor, id: number) {
      await visibleOrg(actor, id);
      if (actor.scope.kind === 'single') return { items: [] };
      const rows = await db
        .select(summaryColumns)
        .from(orgs)
        .where(and(eq(orgs.parentId, id), scopeCondition(actor.scope, orgs)))
        .orderBy(asc(orgs.sortOrder), asc(orgs.id));
      return { items: rows.map((r) => toSummary(r, actor.scope.kind)) };
    },

    async search(actor: Actor, query: { q?: string; type?: string; status?: string; page?: number; pageSize?: number }) {
      const { page, pageSize, offset } = pageWindow(query);
      const conditions: SQL[] = [scopeCondition(actor.scope, orgs)];
      const q = query.q?.trim();
      if (q) conditions.push(ilike(orgs.name, containsPattern(q)));
      if (query.type) conditions.push(eq(orgs.type, query.type));
      if (query.status) conditions.push(eq(orgs.status, query.status));
      const where = and(...conditions);
      const [totalRow] = await db.select({ n: count() }).from(orgs).where(where);
      const rows = await db.select(summaryColumns).from(orgs).where(where).orderBy(asc(orgs.depth), asc(orgs.name), asc(orgs.id)).limit(pageSize).offset(offset);
      const fromDepth = scopeDepth(actor);
      const ancestorIds = [...new Set(rows.flatMap((r) => pathIds(r.path).slice(fromDepth, -1)))];
      const names = new Map<number, string>();
      if (ancestorIds.length > 0) {
        const found = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(sql`${orgs.id} IN ${ancestorIds}`);
        for (const f of found) names.set(f.id, f.name);
      }
      return {
        items: rows.map((r) => ({
          ...toSummary(r, actor.scope.kind),
          pathNames: pathIds(r.path).slice(fromDepth, -1).map((id) => names.get(id) ?? '').join(' / '),
        })),
        total: totalRow?.n ?? 0,
        page,
        pageSize,
      };
    },

    async create(actor: Actor, auditAs: AuditActor, input: { parentId: number; name: string; shortName?: string | null; type: OrgType }) {
      const parent = await visibleOrg(actor, input.parentId);
      const parentType = isOrgType(parent.type) ? parent.type : null;
      if (!parentType || !ALLOWED_CHILD_TYPES[parentType].includes(input.type)) {
        const allowed = parentType ? ALLOWED_CHILD_TYPES[parentType].map((t) => ORG_TYPE_LABELS[t]).join('、') || '无' : '无';
        throw new AppError('E_ORG_INVALID_PARENT', `${orgTypeLabel(parent.type)}下不能设立${ORG_TYPE_LABELS[input.type]}（可设立：${allowed}）`, [{ field: 'type', message: `可设立的下级组织类型：${allowed}` }]);
      }
      if (parent.status !== 'active') {
        throw new AppError('E_ORG_INVALID_PARENT', `上级组织状态为「${ORG_STATUS_LABELS[parent.status as OrgStatus] ?? parent.status}」，不能新增下级组织`, [{ field: 'parentId', message: '上级组织已撤销或合并' }]);
      }
      await assertUniqueName(parent.id, input.name.trim());
      const now = clock();
      const created = await db.transaction(async (tx) => {
        const org = await insertOrg(tx, parent, { type: input.type, name: input.name.trim(), shortName: input.shortName?.trim() || null }, now);
        await appendAudit(tx, auditAs, { action: 'org.create', targetType: 'org', targetId: org.id, orgId: org.id, after: { parentId: parent.id, name: org.name, shortName: org.shortName, type: org.type } }, now);
        await tx.insert(orgHistory).values({ orgId: org.id, event: 'created', occurredOn: shanghaiDate(now), toParentId: parent.id, detail: { name: org.name, type: org.type }, actorUserId: actor.userId, createdAt: now });
        return org;
      });
      return detail(actor, created);
    },

    async update(actor: Actor, auditAs: AuditActor, id: number, patch: { name?: string; shortName?: string | null; status?: OrgStatus; code?: string | null; foundedOn?: string | null; approvalDoc?: string | null; unitIds?: number[]; statisticsCategory?: string | null }) {
      const org = await visibleOrg(actor, id);
      if (patch.status !== undefined && patch.status !== 'active' && patch.status !== org.status) {
        throw new AppError('E_ORG_USE_REORGANIZATION', undefined, [{ field: 'status', message: '请使用「撤销」或「合并」操作：会检查党员和下级组织的去向并记入沿革' }]);
      }
      const now = clock();
      const changes: Partial<Pick<OrgRow, 'name' | 'shortName' | 'status' | 'code' | 'foundedOn' | 'approvalDoc' | 'statisticsCategory'>> = {};
      if (patch.statisticsCategory !== undefined) changes.statisticsCategory = patch.statisticsCategory;
      if (patch.name !== undefined) changes.name = patch.name.trim();
      if (patch.shortName !== undefined) changes.shortName = patch.shortName?.trim() || null;
      if (patch.status !== undefined) changes.status = patch.status;
      if (patch.code !== undefined) changes.code = patch.code?.trim() || null;
      if (patch.foundedOn !== undefined) {
        if (patch.foundedOn && patch.foundedOn > shanghaiDate(clock())) throw new AppError('E_VALIDATION', '成立日期不能晚于今天', [{ field: 'foundedOn', message: '成立日期不能晚于今天' }]);
        changes.foundedOn = patch.foundedOn;
      }
      if (patch.approvalDoc !== undefined) changes.approvalDoc = patch.approvalDoc?.trim() || null;
      const unitIds = patch.unitIds === undefined ? undefined : [...new Set(patch.unitIds)];
      if (unitIds && unitIds.length > 0) {
        const found = await db.select({ id: units.id }).from(units).where(sql`${units.id} IN ${unitIds}`);
        if (found.length !== unitIds.length) throw new AppError('E_VALIDATION', '所选单位不存在', [{ field: 'unitIds', message: '所选单位不存在' }]);
      }
      if (changes.name !== undefined && changes.name !== org.name) await assertUniqueName(org.parentId, changes.name, org.id);
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, org[k as keyof typeof changes]]));
      const updated = await db.transaction(async (tx) => {
        const [row] = await tx.update(orgs).set({ ...changes, updatedAt: now }).where(eq(orgs.id, id)).returning();
        if (unitIds) {
          await tx.delete(orgUnits).where(eq(orgUnits.orgId, id));
          if (unitIds.length > 0) await tx.insert(orgUnits).values(unitIds.map((unitId) => ({ orgId: id, unitId })));
        }
        await appendAudit(tx, auditAs, { action: 'org.update', targetType: 'org', targetId: id, orgId: id, before, after: unitIds ? { ...changes, unitIds } : changes }, now);
        await tx.insert(orgHistory).values({ orgId: id, event: 'updated', occurredOn: shanghaiDate(now), detail: { before, after: changes }, actorUserId: actor.userId, createdAt: now });
        return row as OrgRow;
      });
      return detail(actor, updated);
    },

    async history(actor: Actor, id: number) {
      await visibleOrg(actor, id);
      const rows = await db
        .select({ id: orgHistory.id, event: orgHistory.event, occurredOn: orgHistory.occurredOn, fromParentId: orgHistory.fromParentId, toParentId: orgHistory.toParentId, detail: orgHistory.detail, createdAt: orgHistory.createdAt })
        .from(orgHistory)
        .where(eq(orgHistory.orgId, id))
        .orderBy(asc(orgHistory.id))
        .limit(500);
      const parentIds = [...new Set(rows.flatMap((r) => [r.fromParentId, r.toParentId]).filter((v): v is number => v !== null))];
      const names = new Map<number, string>();
      if (parentIds.length > 0) for (const o of await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(sql`${orgs.id} IN ${parentIds}`)) names.set(o.id, o.name);
      return {
        items: rows.map((r) => ({
          id: r.id,
          event: r.event,
          occurredOn: r.occurredOn,
          fromParentName: r.fromParentId === null ? null : (names.get(r.fromParentId) ?? null),
          toParentName: r.toParentId === null ? null : (names.get(r.toParentId) ?? null),
          detail: r.detail ?? null,
          recordedAt: r.createdAt.toISOString(),
        })),
      };
    },
  };
}

export type OrgService = ReturnType<typeof createOrgService>;
