import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, asc, count, eq, ilike, isNull, sql, type SQL } from 'drizzle-orm';
import { appendAudit, recordAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { pageWindow } from '../../platform/http-schemas.js';
import { orgs } from '../../platform/schema.js';
import { pathIds, scopeCondition, scopeIncludes } from '../../platform/scope.js';
import { ancestorsOf, countSubtree, findOrg, hasChildrenColumn, insertOrg, subtreeBatches, type OrgRow } from './org.repo.js';
import { ALLOWED_CHILD_TYPES, isOrgType, ORG_STATUS_LABELS, ORG_TYPE_LABELS, orgTypeLabel, type OrgStatus, type OrgType } from './org-types.js';

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

  async function detail(actor: Actor, org: OrgRow) {
    const [{ childCount } = { childCount: 0 }] = await db.select({ childCount: count() }).from(orgs).where(eq(orgs.parentId, org.id));
    const { memberCount } = await countSubtree(db, org.path);
    const visibleChildren = actor.scope.kind === 'single' ? 0 : childCount;
    return {
      ...toSummary({ ...org, hasChildren: visibleChildren > 0 }, actor.scope.kind),
      code: org.code,
      ancestors: await ancestorsOf(db, org.path, scopeDepth(actor)),
      childCount: visibleChildren,
      memberCount,
      createdAt: org.createdAt.toISOString(),
    };
  }

  return {
    visibleOrg,

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
      if (q) conditions.push(ilike(orgs.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
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
        return org;
      });
      return detail(actor, created);
    },

    async update(actor: Actor, auditAs: AuditActor, id: number, patch: { name?: string; shortName?: string | null; status?: OrgStatus }) {
      const org = await visibleOrg(actor, id);
      const now = clock();
      const changes: Partial<Pick<OrgRow, 'name' | 'shortName' | 'status'>> = {};
      if (patch.name !== undefined) changes.name = patch.name.trim();
      if (patch.shortName !== undefined) changes.shortName = patch.shortName?.trim() || null;
      if (patch.status !== undefined) changes.status = patch.status;
      if (changes.name !== undefined && changes.name !== org.name) await assertUniqueName(org.parentId, changes.name, org.id);
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, org[k as keyof typeof changes]]));
      const updated = await db.transaction(async (tx) => {
        const [row] = await tx.update(orgs).set({ ...changes, updatedAt: now }).where(eq(orgs.id, id)).returning();
        await appendAudit(tx, auditAs, { action: 'org.update', targetType: 'org', targetId: id, orgId: id, before, after: changes }, now);
        return row as OrgRow;
      });
      return detail(actor, updated);
    },

    /** Streams the organization ledger of a subtree as .xlsx (constant memory at any size). */
    async exportSubtree(actor: Actor, auditAs: AuditActor, id: number) {
      const root = await visibleOrg(actor, id);
      if (actor.scope.kind === 'single') throw new AppError('E_AUTH_FORBIDDEN');
      // Audited before the first byte leaves, so an aborted download is on record too.
      const { orgCount } = await countSubtree(db, root.path);
      await recordAudit(db, auditAs, { action: 'org.export', targetType: 'org', targetId: root.id, orgId: root.id, after: { rows: orgCount } }, clock());
      const stream = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
      const sheet = workbook.addWorksheet('组织信息');
      sheet.columns = [
        { header: '序号', key: 'index', width: 8 },
        { header: '组织名称', key: 'name', width: 40 },
        { header: '简称', key: 'shortName', width: 20 },
        { header: '组织类别', key: 'type', width: 14 },
        { header: '上级组织', key: 'parentName', width: 40 },
        { header: '层级', key: 'level', width: 8 },
        { header: '组织编码', key: 'code', width: 18 },
        { header: '状态', key: 'status', width: 8 },
        { header: '直属党员数', key: 'memberCount', width: 12 },
      ];
      sheet.getRow(1).font = { bold: true };
      const write = async () => {
        let index = 0;
        for await (const batch of subtreeBatches(db, root.path)) {
          for (const r of batch) {
            index += 1;
            sheet
              .addRow({
                index,
                name: r.name,
                shortName: r.shortName ?? '',
                type: orgTypeLabel(r.type),
                parentName: r.parentName ?? '',
                level: r.depth - root.depth + 1,
                code: r.code ?? '',
                status: ORG_STATUS_LABELS[r.status as OrgStatus] ?? r.status,
                memberCount: r.memberCount,
              })
              .commit();
          }
        }
        sheet.commit();
        await workbook.commit();
      };
      write().catch((error: unknown) => stream.destroy(error as Error));
      const stamp = clock().toISOString().slice(0, 10).replaceAll('-', '');
      return { stream, filename: `组织信息台账-${root.shortName ?? root.name}-${stamp}.xlsx` };
    },
  };
}

export type OrgService = ReturnType<typeof createOrgService>;
