/**
 * 问题整改 closed by 销号: batches of findings issued by one level to the organizations below it, each problem
 * claimed, given measures, worked on and closed by the issuing level (or returned with a reason); 回头看 can reopen
 * it. Every change and its timeline event (problem_events) go in one transaction with the audit entry.
 *
 * Scope: a problem is visible to an actor whose subtree contains its responsible org or its issuing org (a foreign
 * id answers 404); 销号, 退回 and 回头看 need the issuing org in the actor's subtree. Overdue (逾期) is derived:
 * not closed and the deadline before today (Asia/Shanghai), never stored.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { appendAudit, recordAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { isoTimestamp, queryRows, type Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { containsPattern, pageWindow } from '../../platform/http-schemas.js';
import { problemEvents, problemMeasures, problems, rectificationBatches, rectificationCategories } from '../../platform/schema.js';
import { pathIds, scopeIncludes, subtreeRange } from '../../platform/scope.js';
import { findOrg, type OrgRow } from '../org/org.repo.js';
import type { OrgService } from '../org/org.service.js';
import { allowedActions, ACTION_SIDE, isProblemStatus, issuedProblemRow, nextStatus, PROBLEM_STATUS_LABELS, stateMessage, type ProblemAction, type ProblemStatus, type ReviewOutcome } from './problem-workflow.js';
import { PROBLEM_SEVERITY_LABELS, RECTIFICATION_SOURCE_LABELS } from './rectification.schemas.js';

export interface RectificationServiceDeps {
  db: Db;
  clock: Clock;
  orgService: OrgService;
}

/** Largest evidence file (decoded). */
export const EVIDENCE_MAX_BYTES = 2 * 1024 * 1024;
const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LEDGER_BATCH = 500;

/** The same calendar day `months` later (31 Jan + 1 → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const rangeCondition = (column: SQL, path: string): SQL => {
  const { lo, hi } = subtreeRange(path);
  return sql`${column} >= ${lo} AND ${column} < ${hi}`;
};

interface ProblemRow {
  id: number;
  batch_id: number;
  batch_name: string;
  source: string;
  review_after_months: number;
  issuing_org_id: number;
  issuing_org_name: string;
  issuing_org_path: string;
  responsible_org_id: number;
  responsible_org_name: string;
  responsible_org_path: string;
  responsible_person: string | null;
  responsible_member_id: number | null;
  description: string;
  category: string;
  category_label: string;
  severity: string;
  deadline: string;
  status: string;
  closed_on: string | null;
  closed_on_time: boolean | null;
  review_due_on: string | null;
  reviewed_on: string | null;
  reopened_count: number;
  returned_count: number;
  overdue: boolean;
  days_overdue: number;
}

interface BatchRow {
  id: number;
  issuing_org_id: number;
  issuing_org_name: string;
  issuing_org_path: string;
  source: string;
  name: string;
  issued_on: string;
  review_after_months: number;
  note: string | null;
  problem_count: number;
  closed_count: number;
  overdue_count: number;
}

const problemSelect = (today: string) => sql`
  SELECT p.id, p.batch_id, b.name AS batch_name, b.source, b.review_after_months,
         p.issuing_org_id, io.name AS issuing_org_name, io.path AS issuing_org_path,
         p.responsible_org_id, ro.name AS responsible_org_name, ro.path AS responsible_org_path,
         p.responsible_person, p.responsible_member_id, p.description, p.category, COALESCE(c.label, p.category) AS category_label,
         p.severity, p.deadline::text AS deadline, p.status, p.closed_on::text AS closed_on, p.closed_on_time,
         p.review_due_on::text AS review_due_on, p.reviewed_on::text AS reviewed_on, p.reopened_count, p.returned_count,
         (p.status <> 'closed' AND p.deadline < ${today}::date) AS overdue,
         CASE WHEN p.status <> 'closed' AND p.deadline < ${today}::date THEN (${today}::date - p.deadline) ELSE 0 END AS days_overdue
  FROM problems p
  JOIN rectification_batches b ON b.id = p.batch_id
  JOIN orgs io ON io.id = p.issuing_org_id
  JOIN orgs ro ON ro.id = p.responsible_org_id
  LEFT JOIN rectification_categories c ON c.code = p.category`;

const batchSelect = (today: string) => sql`
  SELECT b.id, b.issuing_org_id, o.name AS issuing_org_name, o.path AS issuing_org_path, b.source, b.name, b.issued_on::text AS issued_on,
         b.review_after_months, b.note, COALESCE(s.n, 0)::integer AS problem_count, COALESCE(s.closed, 0)::integer AS closed_count, COALESCE(s.overdue, 0)::integer AS overdue_count
  FROM rectification_batches b
  JOIN orgs o ON o.id = b.issuing_org_id
  LEFT JOIN LATERAL (
    SELECT count(*) AS n, count(*) FILTER (WHERE p.status = 'closed') AS closed,
           count(*) FILTER (WHERE p.status <> 'closed' AND p.deadline < ${today}::date) AS overdue
    FROM problems p WHERE p.batch_id = b.id
  ) s ON true`;

function summary(r: ProblemRow) {
  return {
    id: r.id,
    batchId: r.batch_id,
    batchName: r.batch_name,
    source: r.source,
    issuingOrgId: r.issuing_org_id,
    issuingOrgName: r.issuing_org_name,
    responsibleOrgId: r.responsible_org_id,
    responsibleOrgName: r.responsible_org_name,
    responsiblePerson: r.responsible_person,
    responsibleMemberId: r.responsible_member_id,
    description: r.description,
    category: r.category,
    categoryLabel: r.category_label,
    severity: r.severity,
    deadline: r.deadline,
    status: r.status,
    overdue: Boolean(r.overdue),
    daysOverdue: Number(r.days_overdue),
    closedOn: r.closed_on,
    closedOnTime: r.closed_on_time,
    reviewDueOn: r.review_due_on,
    reopenedCount: r.reopened_count,
    returnedCount: r.returned_count,
  };
}

function batchSummary(b: BatchRow) {
  return {
    id: b.id,
    issuingOrgId: b.issuing_org_id,
    issuingOrgName: b.issuing_org_name,
    source: b.source,
    name: b.name,
    issuedOn: b.issued_on,
    reviewAfterMonths: b.review_after_months,
    note: b.note,
    problemCount: b.problem_count,
    closedCount: b.closed_count,
    overdueCount: b.overdue_count,
    closureRate: b.problem_count > 0 ? b.closed_count / b.problem_count : null,
  };
}

const invalid = (field: string, message: string) => new AppError('E_RECTIFICATION_INVALID', message, [{ field, message }]);

export type ProblemListQuery = {
  view?: 'responsible' | 'issued' | 'mine';
  orgId?: number;
  batchId?: number;
  status?: string;
  overdue?: boolean;
  category?: string;
  severity?: string;
  q?: string;
  sort?: string;
  page?: number;
  pageSize?: number;
};

export type EvidenceInput =
  | { kind: 'link'; label: string; url: string }
  | { kind: 'activity'; label: string; activityId: number }
  | { kind: 'file'; label: string; fileName: string; contentType: string; contentBase64: string };

export function createRectificationService({ db, clock, orgService }: RectificationServiceDeps) {
  const today = () => shanghaiDate(clock());

  function subtreeScope(actor: Actor): { orgId: number; path: string } {
    if (actor.scope.kind !== 'subtree') throw new AppError('E_AUTH_FORBIDDEN');
    return { orgId: actor.scope.orgId, path: actor.scope.path };
  }

  async function loadProblem(id: number): Promise<ProblemRow | undefined> {
    const [row] = await queryRows<ProblemRow>(db, sql`${problemSelect(today())} WHERE p.id = ${id}`);
    return row;
  }

  /** A problem whose responsible or issuing org is in the actor's subtree, else 404. */
  async function visibleProblem(actor: Actor, id: number): Promise<ProblemRow> {
    const row = await loadProblem(id);
    if (!row || actor.scope.kind !== 'subtree' || !(scopeIncludes(actor.scope, row.responsible_org_path) || scopeIncludes(actor.scope, row.issuing_org_path))) {
      throw new AppError('E_PROBLEM_NOT_FOUND');
    }
    return row;
  }

  function sides(actor: Actor, row: ProblemRow) {
    return {
      responsible: actor.permissions.has('rectification:write') && scopeIncludes(actor.scope, row.responsible_org_path),
      issuer: actor.permissions.has('rectification:issue') && scopeIncludes(actor.scope, row.issuing_org_path),
    };
  }

  async function loadBatch(id: number): Promise<BatchRow | undefined> {
    const [row] = await queryRows<BatchRow>(db, sql`${batchSelect(today())} WHERE b.id = ${id}`);
    return row;
  }

  /** A batch whose issuing org is in the actor's subtree, else 404. */
  async function issuerBatch(actor: Actor, id: number): Promise<BatchRow> {
    const row = await loadBatch(id);
    if (!row || actor.scope.kind !== 'subtree' || !scopeIncludes(actor.scope, row.issuing_org_path)) throw new AppError('E_BATCH_NOT_FOUND');
    return row;
  }

  async function activeCategory(code: string, field = 'category') {
    const [c] = await db.select().from(rectificationCategories).where(eq(rectificationCategories.code, code));
    if (!c || !c.active) throw invalid(field, `问题类别「${code}」不存在或已停用`);
    return c;
  }

  /** The responsible org: active, strictly below the issuing org. */
  async function responsibleOrg(issuingPath: string, orgId: number): Promise<OrgRow> {
    const org = await findOrg(db, orgId);
    if (!org || !org.path.startsWith(issuingPath)) throw new AppError('E_ORG_NOT_FOUND', '责任组织不存在或不在下发组织之下', [{ field: 'responsibleOrgId', message: '责任组织须为下发组织的下级组织' }]);
    if (org.path === issuingPath) throw invalid('responsibleOrgId', '责任组织须为下发组织的下级组织，下发组织不能给自己下发问题');
    if (org.status !== 'active') throw invalid('responsibleOrgId', `「${org.name}」已撤销或合并`);
    return org;
  }

  /** A member of the responsible org's subtree, for 责任人; returns the member's name. */
  async function responsibleMember(orgPath: string, memberId: number): Promise<string> {
    const [m] = await queryRows<{ name: string; path: string }>(db, sql`SELECT m.name, o.path FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = ${memberId}`);
    if (!m || !m.path.startsWith(orgPath)) throw invalid('responsibleMemberId', '责任人须为责任组织的党员');
    return m.name;
  }

  async function detail(actor: Actor, row: ProblemRow) {
    const measures = await db
      .select({ id: problemMeasures.id, content: problemMeasures.content, owner: problemMeasures.owner, deadline: problemMeasures.deadline, doneOn: problemMeasures.doneOn })
      .from(problemMeasures)
      .where(eq(problemMeasures.problemId, row.id))
      .orderBy(asc(problemMeasures.sortOrder), asc(problemMeasures.id));
    const events = await queryRows<{ id: number; kind: string; note: string | null; actor_name: string | null; occurred_at: string; detail: Record<string, unknown> | null }>(
      db,
      sql`SELECT e.id::integer AS id, e.kind, e.note, u.display_name AS actor_name, ${isoTimestamp(sql`e.occurred_at`)} AS occurred_at, e.detail
          FROM problem_events e LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.problem_id = ${row.id} ORDER BY e.occurred_at, e.id`,
    );
    const evidence = await queryRows<{ id: number; kind: 'link' | 'activity' | 'file'; label: string; url: string | null; activity_id: number | null; activity_topic: string | null; file_name: string | null; size: number | null; created_at: string }>(
      db,
      sql`SELECT v.id, v.kind, v.label, v.url, v.activity_id, a.topic AS activity_topic, v.file_name, v.size, ${isoTimestamp(sql`v.created_at`)} AS created_at
          FROM problem_evidence v LEFT JOIN activities a ON a.id = v.activity_id WHERE v.problem_id = ${row.id} ORDER BY v.id`,
    );
    const status = isProblemStatus(row.status) ? row.status : 'issued';
    return {
      ...summary(row),
      measures,
      events: events.map((e) => ({ id: Number(e.id), kind: e.kind, note: e.note, actorName: e.actor_name, occurredAt: e.occurred_at, detail: e.detail })),
      evidence: evidence.map((v) => ({ id: v.id, kind: v.kind, label: v.label, url: v.url, activityId: v.activity_id, activityTopic: v.activity_topic, fileName: v.file_name, size: v.size, createdAt: v.created_at })),
      allowedActions: allowedActions(status, sides(actor, row)),
    };
  }

  interface Step {
    outcome?: ReviewOutcome;
    /** Columns to set besides status and updated_at. */
    set?: Partial<typeof problems.$inferInsert>;
    events: { kind: string; note: string | null; detail?: Record<string, unknown> | null }[];
    audit: Parameters<typeof appendAudit>[2]['action'];
    auditAfter?: Record<string, unknown>;
    /** More writes in the same transaction. */
    extra?: (tx: Db, row: ProblemRow, now: Date) => Promise<void>;
    /** Checks needing the row, before anything is written. */
    check?: (row: ProblemRow) => Promise<void> | void;
    set2?: (row: ProblemRow) => Partial<typeof problems.$inferInsert>;
  }

  /**
   * One workflow step: visible (else 404), the actor on the right side (issuing level: 403 E_PROBLEM_NOT_ISSUER),
   * the action possible in the current status (else 409), then the update, the timeline events and the audit entry
   * in one transaction. The update is conditional on the status read, so two concurrent steps cannot both pass.
   */
  async function step(actor: Actor, auditAs: AuditActor, id: number, action: ProblemAction, s: Step) {
    const row = await visibleProblem(actor, id);
    const side = ACTION_SIDE[action];
    if (side === 'issuer') {
      if (!scopeIncludes(actor.scope, row.issuing_org_path)) throw new AppError('E_PROBLEM_NOT_ISSUER');
      if (!actor.permissions.has('rectification:issue')) throw new AppError('E_AUTH_FORBIDDEN');
    } else if (!scopeIncludes(actor.scope, row.responsible_org_path) || !actor.permissions.has('rectification:write')) {
      throw new AppError('E_AUTH_FORBIDDEN', '只有责任组织及其上级组织才能办理整改');
    }
    const status = row.status as ProblemStatus;
    const next = isProblemStatus(row.status) ? nextStatus(status, action, s.outcome) : null;
    if (next === null) throw new AppError('E_PROBLEM_STATE', stateMessage(status, action));
    await s.check?.(row);
    const now = clock();
    await db.transaction(async (tx) => {
      const updated = await tx
        .update(problems)
        .set({ ...s.set, ...s.set2?.(row), status: next, updatedAt: now })
        .where(and(eq(problems.id, id), eq(problems.status, row.status)))
        .returning({ id: problems.id });
      if (updated.length === 0) throw new AppError('E_PROBLEM_STATE', '问题的状态刚刚被他人改变，请刷新后重试');
      for (const e of s.events) {
        await tx.insert(problemEvents).values({ problemId: id, kind: e.kind, note: e.note, detail: e.detail ?? null, actorUserId: actor.userId, occurredAt: now });
      }
      await s.extra?.(tx, row, now);
      await appendAudit(
        tx,
        auditAs,
        { action: s.audit, targetType: 'problem', targetId: id, orgId: side === 'issuer' ? row.issuing_org_id : row.responsible_org_id, before: { status: row.status }, after: { status: next, ...s.auditAfter } },
        now,
      );
    });
    return detail(actor, (await loadProblem(id))!);
  }

  /** Grouped counts of problems under `org` by direct child (split_part of the path), year of the batch. */
  async function childAggregates(org: OrgRow, year: number | null, includeSelf: boolean) {
    const segment = org.depth + 3;
    const t = today();
    const yearCond = year === null ? sql`true` : sql`extract(year FROM b.issued_on)::integer = ${year}`;
    const range = rangeCondition(sql`ro.path`, org.path);
    const rows = await queryRows<{ child_id: number; received: number; closed_on_time: number; overdue: number; returned: number; reopened: number; returned_problems: number }>(
      db,
      sql`SELECT CASE WHEN ro.path = ${org.path} THEN ${org.id}::integer ELSE split_part(ro.path, '/', ${segment})::integer END AS child_id,
                 count(*)::integer AS received,
                 count(*) FILTER (WHERE p.status = 'closed' AND p.closed_on_time)::integer AS closed_on_time,
                 count(*) FILTER (WHERE p.status <> 'closed' AND p.deadline < ${t}::date)::integer AS overdue,
                 COALESCE(sum(p.returned_count), 0)::integer AS returned,
                 COALESCE(sum(p.reopened_count), 0)::integer AS reopened,
                 count(*) FILTER (WHERE p.returned_count > 0)::integer AS returned_problems
          FROM problems p JOIN orgs ro ON ro.id = p.responsible_org_id JOIN rectification_batches b ON b.id = p.batch_id
          WHERE ${range} AND ${yearCond}
          GROUP BY 1`,
    );
    const byChild = new Map(rows.map((r) => [Number(r.child_id), r]));
    const children = await queryRows<{ id: number; name: string }>(db, sql`SELECT id, name FROM orgs WHERE parent_id = ${org.id} AND status = 'active' ORDER BY sort_order, id`);
    const all = includeSelf ? [{ id: org.id, name: org.name }, ...children] : children;
    const zero = { received: 0, closed_on_time: 0, overdue: 0, returned: 0, reopened: 0, returned_problems: 0 };
    // The org itself, as a subtree aggregate, is the sum of its own problems and its children's.
    const total = rows.reduce(
      (acc, r) => ({
        received: acc.received + r.received,
        closed_on_time: acc.closed_on_time + r.closed_on_time,
        overdue: acc.overdue + r.overdue,
        returned: acc.returned + r.returned,
        reopened: acc.reopened + r.reopened,
        returned_problems: acc.returned_problems + r.returned_problems,
      }),
      zero,
    );
    return all.map((o) => ({ orgId: o.id, orgName: o.name, ...(o.id === org.id ? total : (byChild.get(o.id) ?? zero)) }));
  }

  async function scopeRoot(actor: Actor, orgId: number | undefined): Promise<OrgRow> {
    const scope = subtreeScope(actor);
    return orgService.visibleOrg(actor, orgId ?? scope.orgId);
  }

  return {
    issuerBatch,
    responsibleOrg,
    loadBatch,

    // ---------------------------------------------------------------------------------------
    // Categories
    // ---------------------------------------------------------------------------------------

    async categories() {
      const items = await db.select().from(rectificationCategories).orderBy(asc(rectificationCategories.sortOrder), asc(rectificationCategories.code));
      return { items };
    },

    /** Categories are one list for the whole system: kept by the 工委 (an actor whose scope is a root org). */
    async createCategory(actor: Actor, auditAs: AuditActor, body: { code: string; label: string }) {
      const scope = subtreeScope(actor);
      if (pathIds(scope.path).length !== 1) throw new AppError('E_AUTH_FORBIDDEN', '问题类别由工委统一维护');
      const label = body.label.trim();
      if (!label) throw invalid('label', '类别名称不能为空');
      const existing = await queryRows<{ code: string; label: string }>(db, sql`SELECT code, label FROM rectification_categories WHERE code = ${body.code} OR label = ${label}`);
      if (existing.some((c) => c.code === body.code)) throw invalid('code', `类别代码「${body.code}」已存在`);
      if (existing.length > 0) throw invalid('label', `类别名称「${label}」已存在`);
      const now = clock();
      return db.transaction(async (tx) => {
        const [{ max }] = (await queryRows<{ max: number }>(tx, sql`SELECT COALESCE(max(sort_order), 0)::integer AS max FROM rectification_categories`)) as [{ max: number }];
        const [row] = await tx.insert(rectificationCategories).values({ code: body.code, label, sortOrder: max + 1, active: true }).returning();
        await appendAudit(tx, auditAs, { action: 'rectification.category', targetType: 'rectification_category', targetId: body.code, after: { code: body.code, label } }, now);
        return row!;
      });
    },

    async updateCategory(actor: Actor, auditAs: AuditActor, code: string, body: { label?: string; active?: boolean; sortOrder?: number }) {
      const scope = subtreeScope(actor);
      if (pathIds(scope.path).length !== 1) throw new AppError('E_AUTH_FORBIDDEN', '问题类别由工委统一维护');
      const [before] = await db.select().from(rectificationCategories).where(eq(rectificationCategories.code, code));
      if (!before) throw new AppError('E_NOT_FOUND', `问题类别「${code}」不存在`);
      const label = body.label?.trim();
      if (body.label !== undefined && !label) throw invalid('label', '类别名称不能为空');
      if (label && label !== before.label) {
        const [dup] = await db.select().from(rectificationCategories).where(eq(rectificationCategories.label, label));
        if (dup) throw invalid('label', `类别名称「${label}」已存在`);
      }
      const now = clock();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(rectificationCategories)
          .set({ ...(label ? { label } : {}), ...(body.active === undefined ? {} : { active: body.active }), ...(body.sortOrder === undefined ? {} : { sortOrder: body.sortOrder }) })
          .where(eq(rectificationCategories.code, code))
          .returning();
        await appendAudit(tx, auditAs, { action: 'rectification.category', targetType: 'rectification_category', targetId: code, before, after: row }, now);
        return row!;
      });
    },

    // ---------------------------------------------------------------------------------------
    // Batches
    // ---------------------------------------------------------------------------------------

    async listBatches(actor: Actor, query: { orgId?: number; year?: number; source?: string; q?: string; page?: number; pageSize?: number }) {
      const root = await scopeRoot(actor, query.orgId);
      const { page, pageSize, offset } = pageWindow(query);
      const conds: SQL[] = [rangeCondition(sql`o.path`, root.path)];
      if (query.year) conds.push(sql`extract(year FROM b.issued_on)::integer = ${query.year}`);
      if (query.source) conds.push(sql`b.source = ${query.source}`);
      if (query.q?.trim()) conds.push(sql`b.name ILIKE ${containsPattern(query.q.trim())}`);
      const where = sql.join(conds, sql` AND `);
      const [total] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::integer AS n FROM rectification_batches b JOIN orgs o ON o.id = b.issuing_org_id WHERE ${where}`);
      const rows = await queryRows<BatchRow>(db, sql`${batchSelect(today())} WHERE ${where} ORDER BY b.issued_on DESC, b.id DESC LIMIT ${pageSize} OFFSET ${offset}`);
      return { items: rows.map(batchSummary), total: total?.n ?? 0, page, pageSize };
    },

    async createBatch(actor: Actor, auditAs: AuditActor, body: { issuingOrgId: number; source: string; name: string; issuedOn: string; reviewAfterMonths?: number; note?: string | null }) {
      subtreeScope(actor);
      const org = await orgService.visibleOrg(actor, body.issuingOrgId);
      if (org.status !== 'active') throw invalid('issuingOrgId', `「${org.name}」已撤销或合并`);
      const name = body.name.trim();
      if (!name) throw invalid('name', '批次名称不能为空');
      if (body.issuedOn > today()) throw invalid('issuedOn', '下发日期不能晚于今天');
      const now = clock();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(rectificationBatches)
          .values({ issuingOrgId: org.id, source: body.source, name, issuedOn: body.issuedOn, reviewAfterMonths: body.reviewAfterMonths ?? 6, note: body.note?.trim() || null, createdBy: actor.userId, createdAt: now })
          .returning({ id: rectificationBatches.id });
        await appendAudit(tx, auditAs, { action: 'rectification.batch_create', targetType: 'rectification_batch', targetId: row!.id, orgId: org.id, after: { name, source: body.source, issuedOn: body.issuedOn } }, now);
        return row!.id;
      });
      return batchSummary((await loadBatch(id))!);
    },

    /** The board of a batch: by responsible org, by category, by status. */
    async board(actor: Actor, id: number) {
      const batch = await issuerBatch(actor, id);
      const t = today();
      const byOrg = await queryRows<{ org_id: number; org_name: string; total: number; closed: number; closed_on_time: number; overdue: number; returned: number; avg_days: number | null }>(
        db,
        sql`SELECT p.responsible_org_id AS org_id, o.name AS org_name, count(*)::integer AS total,
                   count(*) FILTER (WHERE p.status = 'closed')::integer AS closed,
                   count(*) FILTER (WHERE p.status = 'closed' AND p.closed_on_time)::integer AS closed_on_time,
                   count(*) FILTER (WHERE p.status <> 'closed' AND p.deadline < ${t}::date)::integer AS overdue,
                   count(*) FILTER (WHERE p.returned_count > 0)::integer AS returned,
                   round(avg(p.closed_on - ${batch.issued_on}::date) FILTER (WHERE p.status = 'closed'), 1)::float8 AS avg_days
            FROM problems p JOIN orgs o ON o.id = p.responsible_org_id
            WHERE p.batch_id = ${id}
            GROUP BY p.responsible_org_id, o.name, o.path ORDER BY o.path`,
      );
      const byCategory = await queryRows<{ category: string; label: string; count: number }>(
        db,
        sql`SELECT p.category, COALESCE(c.label, p.category) AS label, count(*)::integer AS count
            FROM problems p LEFT JOIN rectification_categories c ON c.code = p.category WHERE p.batch_id = ${id}
            GROUP BY p.category, c.label, c.sort_order ORDER BY count(*) DESC, c.sort_order`,
      );
      const byStatus = await queryRows<{ status: string; count: number }>(db, sql`SELECT status, count(*)::integer AS count FROM problems WHERE batch_id = ${id} GROUP BY status`);
      const statusOrder = Object.keys(PROBLEM_STATUS_LABELS);
      return {
        batch: batchSummary(batch),
        byOrg: byOrg.map((r) => ({ orgId: r.org_id, orgName: r.org_name, total: r.total, closed: r.closed, closedOnTime: r.closed_on_time, overdue: r.overdue, returned: r.returned, avgDaysToClose: r.avg_days === null ? null : Number(r.avg_days) })),
        byCategory,
        byStatus: byStatus.sort((a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status)),
      };
    },

    async createProblem(
      actor: Actor,
      auditAs: AuditActor,
      batchId: number,
      body: { responsibleOrgId: number; responsiblePerson?: string | null; responsibleMemberId?: number | null; description: string; category: string; severity: string; deadline: string },
    ) {
      const batch = await issuerBatch(actor, batchId);
      const org = await responsibleOrg(batch.issuing_org_path, body.responsibleOrgId);
      await activeCategory(body.category);
      const description = body.description.trim();
      if (!description) throw invalid('description', '问题描述不能为空');
      if (body.deadline < today()) throw invalid('deadline', `整改时限 ${body.deadline} 早于今天`);
      if (body.deadline < batch.issued_on) throw invalid('deadline', '整改时限早于批次的下发日期');
      let person = body.responsiblePerson?.trim() || null;
      if (body.responsibleMemberId) {
        const name = await responsibleMember(org.path, body.responsibleMemberId);
        person = person ?? name;
      }
      const now = clock();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(problems)
          .values(issuedProblemRow({ id: batchId, issuing_org_id: batch.issuing_org_id }, { responsibleOrgId: org.id, responsiblePerson: person, responsibleMemberId: body.responsibleMemberId ?? null, description, category: body.category, severity: body.severity, deadline: body.deadline }, actor.userId, now))
          .returning({ id: problems.id });
        await tx.insert(problemEvents).values({ problemId: row!.id, kind: 'issued', note: null, detail: { batchId, responsibleOrgId: org.id, deadline: body.deadline }, actorUserId: actor.userId, occurredAt: now });
        await appendAudit(tx, auditAs, { action: 'rectification.issue', targetType: 'problem', targetId: row!.id, orgId: org.id, after: { batchId, responsibleOrgId: org.id, category: body.category, severity: body.severity, deadline: body.deadline } }, now);
        return row!.id;
      });
      return detail(actor, (await loadProblem(id))!);
    },

    // ---------------------------------------------------------------------------------------
    // Problems
    // ---------------------------------------------------------------------------------------

    async listProblems(actor: Actor, query: ProblemListQuery) {
      const scope = subtreeScope(actor);
      const { page, pageSize, offset } = pageWindow(query);
      const view = query.view ?? 'responsible';
      const root = query.orgId === undefined ? null : await orgService.visibleOrg(actor, query.orgId);
      const conds: SQL[] = [];
      const t = today();
      if (view === 'issued') conds.push(rangeCondition(sql`io.path`, root?.path ?? scope.path));
      else conds.push(rangeCondition(sql`ro.path`, root?.path ?? scope.path));
      if (view === 'mine') conds.push(actor.memberId === null ? sql`false` : sql`p.responsible_member_id = ${actor.memberId}`);
      if (query.batchId) conds.push(sql`p.batch_id = ${query.batchId}`);
      if (query.status) conds.push(sql`p.status = ${query.status}`);
      if (query.overdue === true) conds.push(sql`p.status <> 'closed' AND p.deadline < ${t}::date`);
      if (query.overdue === false) conds.push(sql`NOT (p.status <> 'closed' AND p.deadline < ${t}::date)`);
      if (query.category) conds.push(sql`p.category = ${query.category}`);
      if (query.severity) conds.push(sql`p.severity = ${query.severity}`);
      if (query.q?.trim()) {
        const pattern = containsPattern(query.q.trim());
        conds.push(sql`(p.description ILIKE ${pattern} OR ro.name ILIKE ${pattern} OR p.responsible_person ILIKE ${pattern})`);
      }
      const where = sql.join(conds, sql` AND `);
      const order = query.sort === '-deadline' ? sql`p.deadline DESC, p.id DESC` : query.sort === '-id' ? sql`p.id DESC` : sql`p.deadline ASC, p.id ASC`;
      const [total] = await queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::integer AS n FROM problems p JOIN orgs io ON io.id = p.issuing_org_id JOIN orgs ro ON ro.id = p.responsible_org_id WHERE ${where}`,
      );
      const rows = await queryRows<ProblemRow>(db, sql`${problemSelect(t)} WHERE ${where} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${offset}`);
      return { items: rows.map(summary), total: total?.n ?? 0, page, pageSize };
    },

    async get(actor: Actor, id: number) {
      return detail(actor, await visibleProblem(actor, id));
    },

    async claim(actor: Actor, auditAs: AuditActor, id: number, body: { responsiblePerson?: string | null; responsibleMemberId?: number | null; note?: string | null }) {
      let person: string | null | undefined;
      return step(actor, auditAs, id, 'claim', {
        check: async (row) => {
          person = body.responsiblePerson === undefined ? undefined : body.responsiblePerson?.trim() || null;
          if (body.responsibleMemberId) {
            const name = await responsibleMember(row.responsible_org_path, body.responsibleMemberId);
            person = person ?? name;
          }
        },
        set2: () => ({
          ...(person === undefined ? {} : { responsiblePerson: person }),
          ...(body.responsibleMemberId === undefined ? {} : { responsibleMemberId: body.responsibleMemberId }),
        }),
        events: [{ kind: 'claimed', note: body.note?.trim() || null, detail: person ? { responsiblePerson: person } : null }],
        audit: 'rectification.claim',
        auditAfter: person ? { responsiblePerson: person } : {},
      });
    },

    async setMeasures(actor: Actor, auditAs: AuditActor, id: number, body: { measures: { content: string; owner: string; deadline: string; doneOn?: string | null }[] }) {
      const measures = body.measures.map((m, i) => ({ content: m.content.trim(), owner: m.owner.trim(), deadline: m.deadline, doneOn: m.doneOn ?? null, sortOrder: i }));
      measures.forEach((m, i) => {
        if (!m.content) throw invalid(`measures.${i}.content`, `第 ${i + 1} 条措施的内容不能为空`);
        if (!m.owner) throw invalid(`measures.${i}.owner`, `第 ${i + 1} 条措施的责任人不能为空`);
        if (m.doneOn && m.doneOn > today()) throw invalid(`measures.${i}.doneOn`, `第 ${i + 1} 条措施的完成日期晚于今天`);
      });
      let first = false;
      return step(actor, auditAs, id, 'set_measures', {
        check: (row) => {
          first = row.status === 'claimed';
        },
        get events() {
          return [{ kind: first ? 'measures_set' : 'updated', note: first ? null : '修改整改措施', detail: { measures: measures.length } }];
        },
        audit: 'rectification.measures',
        auditAfter: { measures },
        extra: async (tx) => {
          await tx.delete(problemMeasures).where(eq(problemMeasures.problemId, id));
          await tx.insert(problemMeasures).values(measures.map((m) => ({ ...m, problemId: id })));
        },
      });
    },

    async progress(actor: Actor, auditAs: AuditActor, id: number, note: string) {
      return step(actor, auditAs, id, 'progress', { events: [{ kind: 'progress', note: note.trim() }], audit: 'rectification.progress', auditAfter: { note: note.trim() } });
    },

    async addEvidence(actor: Actor, auditAs: AuditActor, id: number, body: EvidenceInput) {
      let file: { bytes: number; base64: string } | null = null;
      let activityTopic: string | null = null;
      if (body.kind === 'file') {
        const buffer = Buffer.from(body.contentBase64, 'base64');
        if (buffer.length === 0) throw invalid('contentBase64', '文件内容为空或不是有效的 Base64');
        if (buffer.length > EVIDENCE_MAX_BYTES) throw invalid('contentBase64', `佐证文件不能超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`);
        file = { bytes: buffer.length, base64: buffer.toString('base64') };
      }
      if (body.kind === 'activity') {
        const [a] = await queryRows<{ topic: string; path: string }>(db, sql`SELECT a.topic, o.path FROM activities a JOIN orgs o ON o.id = a.org_id WHERE a.id = ${body.activityId}`);
        if (!a || !scopeIncludes(actor.scope, a.path)) throw new AppError('E_ACTIVITY_NOT_FOUND', undefined, [{ field: 'activityId', message: '组织生活记录不存在或不在管理范围内' }]);
        activityTopic = a.topic;
      }
      let evidenceId = 0;
      const label = body.label.trim() || (body.kind === 'file' ? body.fileName : body.kind);
      await step(actor, auditAs, id, 'add_evidence', {
        events: [{ kind: 'updated', note: `添加整改佐证：${label}`, detail: { evidence: body.kind, label, ...(activityTopic ? { activityTopic } : {}) } }],
        audit: 'rectification.evidence',
        auditAfter: { kind: body.kind, label, ...(body.kind === 'file' ? { fileName: body.fileName, bytes: file!.bytes } : body.kind === 'link' ? { url: body.url } : { activityId: body.activityId }) },
        extra: async (tx, _row, now) => {
          const [row] = await queryRows<{ id: number }>(
            tx,
            sql`INSERT INTO problem_evidence (problem_id, kind, label, url, activity_id, file_name, content_type, content, size, created_by, created_at)
                VALUES (${id}, ${body.kind}, ${label}, ${body.kind === 'link' ? body.url : null}, ${body.kind === 'activity' ? body.activityId : null}::integer,
                        ${body.kind === 'file' ? body.fileName : null}, ${body.kind === 'file' ? body.contentType : null},
                        ${file ? sql`decode(${file.base64}, 'base64')` : sql`NULL`}, ${file ? file.bytes : null}::integer, ${actor.userId}, ${now.toISOString()}::timestamptz)
                RETURNING id`,
          );
          evidenceId = row!.id;
        },
      });
      const [v] = await queryRows<{ id: number; kind: 'link' | 'activity' | 'file'; label: string; url: string | null; activity_id: number | null; file_name: string | null; size: number | null; created_at: string }>(
        db,
        sql`SELECT id, kind, label, url, activity_id, file_name, size, ${isoTimestamp(sql`created_at`)} AS created_at FROM problem_evidence WHERE id = ${evidenceId}`,
      );
      return { id: v!.id, kind: v!.kind, label: v!.label, url: v!.url, activityId: v!.activity_id, activityTopic, fileName: v!.file_name, size: v!.size, createdAt: v!.created_at };
    },

    async evidenceFile(actor: Actor, id: number, evidenceId: number) {
      await visibleProblem(actor, id);
      const [v] = await queryRows<{ file_name: string | null; content_type: string | null; content_b64: string | null }>(
        db,
        sql`SELECT file_name, content_type, encode(content, 'base64') AS content_b64 FROM problem_evidence WHERE id = ${evidenceId} AND problem_id = ${id} AND kind = 'file'`,
      );
      if (!v || v.content_b64 === null) throw new AppError('E_NOT_FOUND', '佐证文件不存在');
      return { buffer: Buffer.from(v.content_b64.replace(/\s+/g, ''), 'base64'), fileName: v.file_name ?? 'evidence', contentType: v.content_type ?? 'application/octet-stream' };
    },

    async requestClosure(actor: Actor, auditAs: AuditActor, id: number, note: string) {
      return step(actor, auditAs, id, 'request_closure', {
        check: async () => {
          const [m] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::integer AS n FROM problem_measures WHERE problem_id = ${id}`);
          if (!m || m.n === 0) throw invalid('measures', '请先制定整改措施，再申请销号');
        },
        events: [{ kind: 'closure_requested', note: note.trim() }],
        audit: 'rectification.request_closure',
        auditAfter: { note: note.trim() },
      });
    },

    async approve(actor: Actor, auditAs: AuditActor, id: number, note: string | null | undefined) {
      const on = today();
      return step(actor, auditAs, id, 'approve', {
        set2: (row) => ({ closedOn: on, closedOnTime: on <= row.deadline, reviewDueOn: row.review_after_months > 0 ? addMonths(on, row.review_after_months) : null, reviewedOn: null }),
        events: [{ kind: 'closed', note: note?.trim() || null, detail: { closedOn: on } }],
        audit: 'rectification.close',
        auditAfter: { closedOn: on },
      });
    },

    async returnClosure(actor: Actor, auditAs: AuditActor, id: number, reason: string) {
      return step(actor, auditAs, id, 'return', {
        set2: (row) => ({ returnedCount: row.returned_count + 1 }),
        events: [{ kind: 'returned', note: reason.trim() }],
        audit: 'rectification.return',
        auditAfter: { reason: reason.trim() },
      });
    },

    async review(actor: Actor, auditAs: AuditActor, id: number, body: { outcome: ReviewOutcome; note: string }) {
      const on = today();
      const note = body.note.trim();
      return step(actor, auditAs, id, 'review', {
        outcome: body.outcome,
        set2: (row) =>
          body.outcome === 'passed'
            ? { reviewedOn: on }
            : { reviewedOn: on, closedOn: null, closedOnTime: null, reviewDueOn: null, reopenedCount: row.reopened_count + 1 },
        events:
          body.outcome === 'passed'
            ? [{ kind: 'reviewed', note, detail: { outcome: 'passed' } }]
            : [
                { kind: 'reviewed', note, detail: { outcome: 'reopen' } },
                { kind: 'reopened', note: '回头看发现问题反弹，重新整改', detail: null },
              ],
        audit: 'rectification.review',
        auditAfter: { outcome: body.outcome, note },
      });
    },

    // ---------------------------------------------------------------------------------------
    // Analysis
    // ---------------------------------------------------------------------------------------

    /** 共性问题: categories found in two or more organizations of the subtree in a year, most widespread first. */
    async common(actor: Actor, query: { orgId?: number; year?: number }) {
      const root = await scopeRoot(actor, query.orgId);
      const year = query.year ?? Number(today().slice(0, 4));
      const rows = await queryRows<{ category: string; label: string; org_count: number; problem_count: number; names: string }>(
        db,
        sql`SELECT p.category, COALESCE(c.label, p.category) AS label, count(DISTINCT p.responsible_org_id)::integer AS org_count, count(*)::integer AS problem_count,
                   string_agg(DISTINCT ro.name, chr(31) ORDER BY ro.name) AS names
            FROM problems p JOIN orgs ro ON ro.id = p.responsible_org_id JOIN rectification_batches b ON b.id = p.batch_id
            LEFT JOIN rectification_categories c ON c.code = p.category
            WHERE ${rangeCondition(sql`ro.path`, root.path)} AND extract(year FROM b.issued_on)::integer = ${year}
            GROUP BY p.category, c.label
            HAVING count(DISTINCT p.responsible_org_id) >= 2
            ORDER BY org_count DESC, problem_count DESC, p.category`,
      );
      return { items: rows.map((r) => ({ category: r.category, label: r.label, orgCount: r.org_count, problemCount: r.problem_count, orgNames: (r.names ?? '').split('\u001f').filter(Boolean).slice(0, 10) })) };
    },

    /** Closure rates batch by batch (batches issued in the subtree), oldest first. */
    async trend(actor: Actor, query: { orgId?: number }) {
      const root = await scopeRoot(actor, query.orgId);
      const rows = await queryRows<{ id: number; name: string; issued_on: string; total: number; closed: number; on_time: number }>(
        db,
        sql`SELECT b.id, b.name, b.issued_on::text AS issued_on, count(p.id)::integer AS total,
                   count(p.id) FILTER (WHERE p.status = 'closed')::integer AS closed,
                   count(p.id) FILTER (WHERE p.status = 'closed' AND p.closed_on_time)::integer AS on_time
            FROM rectification_batches b JOIN orgs o ON o.id = b.issuing_org_id LEFT JOIN problems p ON p.batch_id = b.id
            WHERE ${rangeCondition(sql`o.path`, root.path)}
            GROUP BY b.id, b.name, b.issued_on ORDER BY b.issued_on, b.id`,
      );
      return { items: rows.map((r) => ({ batchId: r.id, name: r.name, issuedOn: r.issued_on, total: r.total, closureRate: r.total > 0 ? r.closed / r.total : null, onTimeRate: r.closed > 0 ? r.on_time / r.closed : null })) };
    },

    /** 红黑榜 of the direct children of an org, from the records of a year. */
    async redBlack(actor: Actor, query: { orgId?: number; year?: number }) {
      const root = await scopeRoot(actor, query.orgId);
      const year = query.year ?? Number(today().slice(0, 4));
      const rows = await childAggregates(root, year, false);
      const red = rows.filter((r) => r.received >= 1 && r.closed_on_time === r.received).map((r) => ({ orgId: r.orgId, orgName: r.orgName, total: r.received, closedOnTime: r.closed_on_time }));
      const black = rows
        .filter((r) => r.overdue > 0 || r.returned > 0)
        .sort((a, b) => b.overdue - a.overdue || b.returned - a.returned || b.reopened - a.reopened || a.orgName.localeCompare(b.orgName, 'zh'))
        .map((r) => ({ orgId: r.orgId, orgName: r.orgName, overdue: r.overdue, returned: r.returned, reopened: r.reopened }));
      return { red, black };
    },

    /** Indicator values of an org and its direct children (subtree aggregates) for the assessment module. */
    async indicators(actor: Actor, query: { orgId?: number; year?: number }) {
      const root = await scopeRoot(actor, query.orgId);
      const year = query.year ?? Number(today().slice(0, 4));
      const rows = await childAggregates(root, year, true);
      return { items: rows.map((r) => ({ orgId: r.orgId, orgName: r.orgName, received: r.received, closedOnTime: r.closed_on_time, overdue: r.overdue, reopened: r.reopened })) };
    },

    // ---------------------------------------------------------------------------------------
    // Ledger export
    // ---------------------------------------------------------------------------------------

    /**
     * 问题清单/整改台账 as .xlsx, streamed in keyset batches (never a whole subtree in memory): a batch's problems
     * visible to the actor, or the problems of an org's subtree in a year. Audited with its row count.
     */
    async ledger(actor: Actor, auditAs: AuditActor, query: { batchId?: number; orgId?: number; year?: number }) {
      const scope = subtreeScope(actor);
      const t = today();
      let where: SQL;
      let title: string;
      let auditOrgId: number;
      if (query.batchId !== undefined) {
        const batch = await loadBatch(query.batchId);
        if (!batch) throw new AppError('E_BATCH_NOT_FOUND');
        const root = query.orgId === undefined ? null : await orgService.visibleOrg(actor, query.orgId);
        const visible = rangeCondition(sql`ro.path`, root?.path ?? scope.path);
        where = sql`p.batch_id = ${batch.id} AND ${visible}`;
        const [n] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::integer AS n FROM problems p JOIN orgs ro ON ro.id = p.responsible_org_id WHERE ${where}`);
        if (!scopeIncludes(actor.scope, batch.issuing_org_path) && (n?.n ?? 0) === 0) throw new AppError('E_BATCH_NOT_FOUND');
        title = batch.name;
        auditOrgId = root?.id ?? scope.orgId;
      } else {
        const root = await scopeRoot(actor, query.orgId);
        where = sql`${rangeCondition(sql`ro.path`, root.path)}${query.year ? sql` AND extract(year FROM b.issued_on)::integer = ${query.year}` : sql``}`;
        title = `${root.shortName ?? root.name}${query.year ? `-${query.year}年` : ''}`;
        auditOrgId = root.id;
      }
      const [counted] = await queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::integer AS n FROM problems p JOIN orgs ro ON ro.id = p.responsible_org_id JOIN rectification_batches b ON b.id = p.batch_id WHERE ${where}`,
      );
      const total = counted?.n ?? 0;
      await recordAudit(db, auditAs, { action: 'rectification.export', targetType: query.batchId ? 'rectification_batch' : 'org', targetId: query.batchId ?? auditOrgId, orgId: auditOrgId, after: { export: 'ledger', rows: total, year: query.year ?? null } }, clock());

      const stream = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
      const sheet = workbook.addWorksheet('整改台账', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = [
        { header: '序号', key: 'index', width: 6 },
        { header: '批次', key: 'batch', width: 24 },
        { header: '来源', key: 'source', width: 14 },
        { header: '责任组织', key: 'org', width: 28 },
        { header: '责任人', key: 'person', width: 10 },
        { header: '问题描述', key: 'description', width: 50 },
        { header: '类别', key: 'category', width: 12 },
        { header: '严重程度', key: 'severity', width: 10 },
        { header: '整改时限', key: 'deadline', width: 12 },
        { header: '整改措施', key: 'measures', width: 50 },
        { header: '状态', key: 'status', width: 12 },
        { header: '是否逾期', key: 'overdue', width: 10 },
        { header: '销号日期', key: 'closedOn', width: 12 },
        { header: '回头看', key: 'review', width: 22 },
      ];
      sheet.getRow(1).font = { bold: true };
      const write = async () => {
        let index = 0;
        let afterId = 0;
        for (;;) {
          const rows = await queryRows<ProblemRow>(db, sql`${problemSelect(t)} WHERE ${where} AND p.id > ${afterId} ORDER BY p.id LIMIT ${LEDGER_BATCH}`);
          if (rows.length === 0) break;
          const ids = rows.map((r) => r.id);
          const measures = await queryRows<{ problem_id: number; content: string; owner: string; deadline: string; done_on: string | null }>(
            db,
            sql`SELECT problem_id, content, owner, deadline::text AS deadline, done_on::text AS done_on FROM problem_measures WHERE problem_id IN ${ids} ORDER BY problem_id, sort_order, id`,
          );
          const byProblem = new Map<number, string[]>();
          for (const m of measures) {
            const list = byProblem.get(m.problem_id) ?? [];
            list.push(`${list.length + 1}. ${m.content}（${m.owner}，${m.deadline} 前${m.done_on ? `，${m.done_on} 已完成` : ''}）`);
            byProblem.set(m.problem_id, list);
          }
          for (const r of rows) {
            const review = r.reviewed_on ? `已回头看（${r.reviewed_on}）` : r.review_due_on ? `应于 ${r.review_due_on} 回头看` : '';
            sheet
              .addRow({
                index: ++index,
                batch: r.batch_name,
                source: RECTIFICATION_SOURCE_LABELS[r.source as keyof typeof RECTIFICATION_SOURCE_LABELS] ?? r.source,
                org: r.responsible_org_name,
                person: r.responsible_person ?? '',
                description: r.description,
                category: r.category_label,
                severity: PROBLEM_SEVERITY_LABELS[r.severity as keyof typeof PROBLEM_SEVERITY_LABELS] ?? r.severity,
                deadline: r.deadline,
                measures: (byProblem.get(r.id) ?? []).join('\n'),
                status: PROBLEM_STATUS_LABELS[r.status as ProblemStatus] ?? r.status,
                overdue: r.overdue ? `是（逾期 ${r.days_overdue} 天）` : '否',
                closedOn: r.closed_on ?? '',
                review: r.reopened_count > 0 ? `${review}${review ? '；' : ''}回头看后重新整改 ${r.reopened_count} 次` : review,
              })
              .commit();
          }
          if (rows.length < LEDGER_BATCH) break;
          afterId = rows[rows.length - 1]!.id;
        }
        sheet.commit();
        await workbook.commit();
      };
      write().catch((error: unknown) => stream.destroy(error as Error));
      return { stream, filename: `整改台账-${title}-${t.replaceAll('-', '')}.xlsx`, contentType: XLSX_CONTENT_TYPE };
    },
  };
}

export type RectificationService = ReturnType<typeof createRectificationService>;
