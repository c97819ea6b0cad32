// Activities (组织生活记录): plan, record, complete and cancel meetings with their types and attendance; the
// meeting record (会议记录, .docx), the 三会一课 ledger (台账, .xlsx) and a member's own view. Every query is
// restricted to the actor's subtree; an activity outside it is "not found". Attendance is entered once by the
// recorder: no check-in, no online time, no photos, no ranking of members.
import { PassThrough } from 'node:stream';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { and, asc, count, desc, eq, gte, ilike, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import { appendAudit, recordAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { AppError, type ErrorDetail } from '../../platform/errors.js';
import type { FieldCrypto } from '../../platform/field-crypto.js';
import { containsPattern, pageWindow } from '../../platform/http-schemas.js';
import { activities, activityAttendance, activityTypes, members, orgs } from '../../platform/schema.js';
import { scopeCondition, scopeIncludes, subtreeRange } from '../../platform/scope.js';
import { findOrg, type OrgRow } from '../org/org.repo.js';
import { orgTypeLabel } from '../org/org-types.js';
import type { OrgService } from '../org/org.service.js';
import { ON_ROSTER_STATUSES } from '../members/members.schemas.js';
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES, ATTENDANCE_STATUSES, type ActivityStatus, type ActivityType, type AttendanceStatus } from './activity-types.js';
import type { ActivityCancelBody, ActivityCompleteBody, ActivityCreateBody, ActivityListQuery, ActivityUpdateBody, LedgerQuery } from './meetings.schemas.js';

/** Called inside the writing transaction with the organization and the dates whose periods changed. */
export type ActivitiesChanged = (db: Db, orgId: number, dates: string[]) => Promise<void>;

export type ActivityCreateInput = Static<typeof ActivityCreateBody>;
export type ActivityUpdateInput = Static<typeof ActivityUpdateBody>;
export type ActivityCompleteInput = Static<typeof ActivityCompleteBody>;
export type ActivityCancelInput = Static<typeof ActivityCancelBody>;
export type ActivityListInput = Static<typeof ActivityListQuery>;
export type LedgerInput = Static<typeof LedgerQuery>;
type AttendanceInput = { memberId: number; status: AttendanceStatus; reason?: string | null };

/** Organization types that hold organizational life: every type but the 工委 itself. */
export const MEETING_ORG_TYPES = ['party_committee', 'organ_party_committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'party_small_group'] as const;
const BRANCH_AND_GROUP_TYPES = ['branch', 'joint_branch', 'temporary_branch', 'party_small_group'] as const;
/** A 党小组 holds its own 党小组会 (and may have a 党课 or 主题党日), never the branch's 党员大会 or 支委会. */
const NOT_FOR_SMALL_GROUPS: readonly ActivityType[] = ['members_meeting', 'committee_meeting'];
const LEDGER_MAX_DAYS = 366;
const LEDGER_BATCH = 500;
const TEMPLATE_LIMIT = 2000;
const LEAVE_REASON_REQUIRED = '请假须填写请假原因';

const onRoster = inArray(members.status, [...ON_ROSTER_STATUSES]);
const inList = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

type Counts = { expected: number; present: number; online: number; leave: number; absent: number };
const emptyCounts = (): Counts => ({ expected: 0, present: 0, online: 0, leave: 0, absent: 0 });

function sortTypes(types: readonly string[]): ActivityType[] {
  return ACTIVITY_TYPES.filter((t) => types.includes(t));
}

function typeLabels(types: readonly string[]): string {
  return sortTypes(types)
    .map((t) => ACTIVITY_TYPE_LABELS[t])
    .join('、');
}

function trimmed(value: string | null | undefined): string | null {
  const t = value?.trim();
  return t ? t : null;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** Whole days from `from` to `to`, both counted (2026-01-01..2026-01-01 is 1). */
function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

const MINE_UPCOMING_LIMIT = 50;
const MINE_ATTENDED_LIMIT = 500;

/** A row of mine(): the member marker, or one activity (upcoming or attended) with its types and counts as CSV. */
interface MineRow {
  part: 'me' | 'upcoming' | 'attended';
  id: number | null;
  org_id: number | null;
  org_name: string | null;
  status: string | null;
  topic: string | null;
  held_on: string | null;
  starts_at: string | null;
  place: string | null;
  host: string | null;
  attendance: string | null;
  reason: string | null;
  types: string | null;
  counts: string | null;
}

function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
/** 2026年11月23日（星期一） */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日（星期${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}）`;
}

function timeRange(startsAt: string | null, endsAt: string | null): string {
  if (startsAt && endsAt) return `${startsAt}—${endsAt}`;
  return startsAt ?? (endsAt ? `至 ${endsAt}` : '');
}

function invalid(details: ErrorDetail[]): AppError {
  return new AppError('E_ACTIVITY_INVALID', details.map((d) => d.message).join('；'), details);
}

export function createActivitiesService(deps: { db: Db; clock: Clock; orgService: OrgService; fieldCrypto: FieldCrypto; onActivitiesChanged: ActivitiesChanged }) {
  const { db, clock, orgService, onActivitiesChanged } = deps;
  const today = () => shanghaiDate(clock());

  function subtreeRoot(actor: Actor) {
    if (actor.scope.kind !== 'subtree') throw new AppError('E_AUTH_FORBIDDEN');
    return actor.scope;
  }

  /** The organization named by a body or query field, answering "not found" for that field. */
  async function visibleOrgField(actor: Actor, orgId: number, field = 'orgId'): Promise<OrgRow> {
    try {
      return await orgService.visibleOrg(actor, orgId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'E_ORG_NOT_FOUND') throw new AppError('E_ORG_NOT_FOUND', undefined, [{ field, message: '组织不存在或不在您的管理范围内' }]);
      throw error;
    }
  }

  async function load(id: number) {
    const [row] = await db
      .select({ a: activities, orgName: orgs.name, orgShortName: orgs.shortName, orgPath: orgs.path, orgType: orgs.type, orgParentId: orgs.parentId })
      .from(activities)
      .innerJoin(orgs, eq(orgs.id, activities.orgId))
      .where(eq(activities.id, id));
    return row ?? null;
  }
  type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

  /** An activity of an organization in the actor's subtree, or "not found" (never revealing it exists elsewhere). */
  async function visible(actor: Actor, id: number): Promise<Loaded> {
    const row = await load(id);
    if (!row || actor.scope.kind !== 'subtree' || !scopeIncludes(actor.scope, row.orgPath)) throw new AppError('E_ACTIVITY_NOT_FOUND');
    return row;
  }

  async function typesOf(ids: number[]): Promise<Map<number, ActivityType[]>> {
    const out = new Map<number, ActivityType[]>();
    if (ids.length === 0) return out;
    const rows = await db.select({ id: activityTypes.activityId, type: activityTypes.type }).from(activityTypes).where(inArray(activityTypes.activityId, ids));
    const raw = new Map<number, string[]>();
    for (const r of rows) raw.set(r.id, [...(raw.get(r.id) ?? []), r.type]);
    for (const [id, types] of raw) out.set(id, sortTypes(types));
    return out;
  }

  /** Attendance counts of many activities in one grouped query. */
  async function countsOf(ids: number[]): Promise<Map<number, Counts>> {
    const out = new Map<number, Counts>();
    if (ids.length === 0) return out;
    const rows = await db
      .select({ id: activityAttendance.activityId, status: activityAttendance.status, n: count() })
      .from(activityAttendance)
      .where(inArray(activityAttendance.activityId, ids))
      .groupBy(activityAttendance.activityId, activityAttendance.status);
    for (const r of rows) {
      const c = out.get(r.id) ?? emptyCounts();
      const n = Number(r.n);
      c.expected += n;
      if ((ATTENDANCE_STATUSES as readonly string[]).includes(r.status)) c[r.status as AttendanceStatus] += n;
      out.set(r.id, c);
    }
    return out;
  }

  type SummaryRow = { a: typeof activities.$inferSelect; orgName: string };
  async function summaries(rows: SummaryRow[]) {
    const ids = rows.map((r) => r.a.id);
    const [types, counts] = await Promise.all([typesOf(ids), countsOf(ids)]);
    return rows.map(({ a, orgName }) => ({
      id: a.id,
      orgId: a.orgId,
      orgName,
      status: a.status as ActivityStatus,
      types: types.get(a.id) ?? [],
      topic: a.topic,
      heldOn: a.heldOn,
      startsAt: a.startsAt,
      place: a.place,
      host: a.host,
      attendance: counts.get(a.id) ?? emptyCounts(),
    }));
  }

  async function attendanceRows(id: number) {
    return db
      .select({ memberId: activityAttendance.memberId, name: members.name, category: members.category, status: activityAttendance.status, reason: activityAttendance.reason })
      .from(activityAttendance)
      .innerJoin(members, eq(members.id, activityAttendance.memberId))
      .where(eq(activityAttendance.activityId, id))
      .orderBy(asc(members.name), asc(members.id));
  }

  async function detail(row: Loaded) {
    const [summary] = await summaries([row]);
    const a = row.a;
    const rows = await attendanceRows(a.id);
    return {
      ...summary!,
      endsAt: a.endsAt,
      recorder: a.recorder,
      lecturer: a.lecturer,
      lecturerMemberId: a.lecturerMemberId,
      content: a.content,
      decisions: a.decisions,
      cancelReason: a.cancelReason,
      clientDraftId: a.clientDraftId,
      attendanceRows: rows.map((r) => ({ ...r, status: r.status as AttendanceStatus })),
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  }

  async function detailOf(id: number) {
    return detail((await load(id))!);
  }

  /** The organization whose members attend: a 党小组 draws on its branch (members are kept in branches). */
  async function attendanceOrg(org: Pick<OrgRow, 'id' | 'type' | 'parentId'>): Promise<OrgRow> {
    const found = await findOrg(db, org.type === 'party_small_group' && org.parentId !== null ? org.parentId : org.id);
    if (!found) throw new AppError('E_ORG_NOT_FOUND');
    return found;
  }

  /** Attendance checked against the members of the organization (or of the group's branch); every problem at once. */
  async function checkAttendance(actor: Actor, org: Pick<OrgRow, 'id' | 'type' | 'parentId'>, input: AttendanceInput[], alreadyRecorded: ReadonlySet<number>, details: ErrorDetail[]) {
    const root = await attendanceOrg(org);
    const ids = [...new Set(input.map((r) => r.memberId))];
    const found = ids.length === 0 ? [] : await db.select({ id: members.id, name: members.name, orgPath: orgs.path }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(inArray(members.id, ids));
    const byId = new Map(found.map((m) => [m.id, m]));
    const seen = new Set<number>();
    const rows: { memberId: number; status: AttendanceStatus; reason: string | null }[] = [];
    input.forEach((r, i) => {
      const m = byId.get(r.memberId);
      const named = m && actor.scope.kind === 'subtree' && scopeIncludes(actor.scope, m.orgPath) ? `「${m.name}」` : `第 ${i + 1} 位党员（编号 ${r.memberId}）`;
      if (seen.has(r.memberId)) {
        details.push({ field: `attendance.${i}.memberId`, message: `出勤名单中${named}重复` });
        return;
      }
      seen.add(r.memberId);
      const belongs = m !== undefined && (m.orgPath.startsWith(root.path) || alreadyRecorded.has(m.id));
      if (!belongs) details.push({ field: `attendance.${i}.memberId`, message: `${named}不是「${root.name}」的党员，不能登记出勤` });
      const reason = trimmed(r.reason);
      if (r.status === 'leave' && !reason) details.push({ field: `attendance.${i}.reason`, message: `${named}${LEAVE_REASON_REQUIRED}` });
      rows.push({ memberId: r.memberId, status: r.status, reason: r.status === 'present' ? null : reason });
    });
    return rows;
  }

  type Fields = {
    types: ActivityType[];
    topic: string;
    heldOn: string;
    startsAt: string | null;
    endsAt: string | null;
    place: string | null;
    host: string | null;
    recorder: string | null;
    lecturer: string | null;
    lecturerMemberId: number | null;
    content: string | null;
    decisions: string | null;
  };

  function normalize(input: Partial<Static<typeof ActivityUpdateBody>>, base: Fields): Fields {
    const pick = <K extends keyof Fields>(key: K, value: Fields[K] | undefined): Fields[K] => (value === undefined ? base[key] : value);
    return {
      types: input.types ? sortTypes(input.types) : base.types,
      topic: input.topic === undefined ? base.topic : input.topic.trim(),
      heldOn: pick('heldOn', input.heldOn),
      startsAt: pick('startsAt', input.startsAt),
      endsAt: pick('endsAt', input.endsAt),
      place: input.place === undefined ? base.place : trimmed(input.place),
      host: input.host === undefined ? base.host : trimmed(input.host),
      recorder: input.recorder === undefined ? base.recorder : trimmed(input.recorder),
      lecturer: input.lecturer === undefined ? base.lecturer : trimmed(input.lecturer),
      lecturerMemberId: pick('lecturerMemberId', input.lecturerMemberId),
      content: input.content === undefined ? base.content : trimmed(input.content),
      decisions: input.decisions === undefined ? base.decisions : trimmed(input.decisions),
    };
  }

  const EMPTY_FIELDS: Fields = { types: [], topic: '', heldOn: '', startsAt: null, endsAt: null, place: null, host: null, recorder: null, lecturer: null, lecturerMemberId: null, content: null, decisions: null };

  /** The rules of one activity's fields; `dateChanged` is false when an edit leaves the date alone. */
  async function checkFields(actor: Actor, org: Pick<OrgRow, 'name' | 'type'>, status: ActivityStatus, f: Fields, dateChanged: boolean, details: ErrorDetail[]) {
    if (!f.topic) details.push({ field: 'topic', message: '主题不能为空' });
    if (f.types.includes('small_group_meeting') && org.type !== 'party_small_group') {
      details.push({ field: 'types', message: `党小组会只能由党小组召开，「${org.name}」是${orgTypeLabel(org.type)}` });
    }
    if (org.type === 'party_small_group') {
      const wrong = f.types.filter((t) => NOT_FOR_SMALL_GROUPS.includes(t));
      if (wrong.length > 0) details.push({ field: 'types', message: `党小组不召开${typeLabels(wrong)}，请由所在党支部登记` });
    }
    if (dateChanged && status === 'completed' && f.heldOn > today()) {
      details.push({ field: 'heldOn', message: `日期 ${f.heldOn} 晚于今天：已召开的活动不能登记将来的日期，尚未召开的请先“计划”` });
    }
    if (dateChanged && status === 'planned' && f.heldOn < today()) {
      details.push({ field: 'heldOn', message: `计划的日期 ${f.heldOn} 早于今天：已召开的活动请直接登记会议记录` });
    }
    if (f.startsAt && f.endsAt && f.endsAt <= f.startsAt) details.push({ field: 'endsAt', message: `结束时间 ${f.endsAt} 应晚于开始时间 ${f.startsAt}` });
    if (f.lecturerMemberId !== null) {
      const [m] = await db.select({ name: members.name, orgPath: orgs.path }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(eq(members.id, f.lecturerMemberId));
      if (!m || actor.scope.kind !== 'subtree' || !scopeIncludes(actor.scope, m.orgPath)) details.push({ field: 'lecturerMemberId', message: '授课党员不存在或不在您的管理范围内' });
      else if (!f.lecturer) f.lecturer = m.name;
    }
  }

  /** What the audit trail keeps of an activity: no names of people, no attendance list (its counts only). */
  function auditState(f: Pick<Fields, 'types' | 'topic' | 'heldOn' | 'startsAt' | 'endsAt' | 'place'>, status: string, counts: Counts | null) {
    return { status, types: f.types, topic: f.topic, heldOn: f.heldOn, startsAt: f.startsAt, endsAt: f.endsAt, place: f.place, ...(counts ? { attendance: counts } : {}) };
  }

  function countRows(rows: { status: AttendanceStatus }[]): Counts {
    const c = emptyCounts();
    for (const r of rows) {
      c.expected += 1;
      c[r.status] += 1;
    }
    return c;
  }

  async function insertAttendance(tx: Db, activityId: number, rows: { memberId: number; status: AttendanceStatus; reason: string | null }[]) {
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(activityAttendance).values(rows.slice(i, i + 500).map((r) => ({ activityId, ...r })));
    }
  }

  function fieldsOf(a: typeof activities.$inferSelect, types: ActivityType[]): Fields {
    return {
      types,
      topic: a.topic,
      heldOn: a.heldOn,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      place: a.place,
      host: a.host,
      recorder: a.recorder,
      lecturer: a.lecturer,
      lecturerMemberId: a.lecturerMemberId,
      content: a.content,
      decisions: a.decisions,
    };
  }

  async function byDraft(actor: Actor, clientDraftId: string) {
    const [row] = await db.select({ id: activities.id, orgPath: orgs.path }).from(activities).innerJoin(orgs, eq(orgs.id, activities.orgId)).where(eq(activities.clientDraftId, clientDraftId));
    if (!row) return null;
    if (actor.scope.kind !== 'subtree' || !scopeIncludes(actor.scope, row.orgPath)) throw new AppError('E_ACTIVITY_DRAFT_TAKEN', undefined, [{ field: 'clientDraftId', message: '草稿编号已被使用' }]);
    return row.id;
  }

  async function listWhere(actor: Actor, query: ActivityListInput): Promise<SQL | undefined> {
    const scope = subtreeRoot(actor);
    const conditions: SQL[] = [scopeCondition(scope, orgs)];
    if (query.orgId !== undefined) {
      const org = await visibleOrgField(actor, query.orgId);
      conditions.push(scopeCondition({ kind: 'subtree', orgId: org.id, path: org.path }, orgs));
    }
    if (query.from && query.to && query.from > query.to) throw new AppError('E_VALIDATION', '结束日期早于开始日期', [{ field: 'to', message: '结束日期早于开始日期' }]);
    if (query.from) conditions.push(gte(activities.heldOn, query.from));
    if (query.to) conditions.push(lte(activities.heldOn, query.to));
    if (query.type) conditions.push(inArray(activities.id, db.select({ id: activityTypes.activityId }).from(activityTypes).where(eq(activityTypes.type, query.type))));
    if (query.status) conditions.push(eq(activities.status, query.status));
    const q = query.q?.trim();
    if (q) conditions.push(ilike(activities.topic, containsPattern(q)));
    return and(...conditions);
  }

  const SORTS: Record<string, SQL[]> = {
    heldOn: [asc(activities.heldOn), asc(activities.startsAt), asc(activities.id)],
    '-heldOn': [desc(activities.heldOn), desc(activities.startsAt), desc(activities.id)],
  };

  function cell(text: string, opts: { bold?: boolean; span?: number; width?: number } = {}) {
    const lines = text.split('\n');
    return new TableCell({
      columnSpan: opts.span ?? 1,
      ...(opts.width ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
      children: lines.map((line) => new Paragraph({ spacing: { before: 60, after: 60 }, children: [new TextRun({ text: line, bold: opts.bold ?? false, size: 24, font: 'FangSong' })] })),
    });
  }

  return {
    async list(actor: Actor, query: ActivityListInput) {
      const { page, pageSize, offset } = pageWindow(query);
      const where = await listWhere(actor, query);
      const [total] = await db.select({ n: count() }).from(activities).innerJoin(orgs, eq(orgs.id, activities.orgId)).where(where);
      const rows = await db
        .select({ a: activities, orgName: orgs.name })
        .from(activities)
        .innerJoin(orgs, eq(orgs.id, activities.orgId))
        .where(where)
        .orderBy(...(SORTS[query.sort ?? '-heldOn'] ?? SORTS['-heldOn']!))
        .limit(pageSize)
        .offset(offset);
      return { items: await summaries(rows), total: Number(total?.n ?? 0), page, pageSize };
    },

    async get(actor: Actor, id: number) {
      return detail(await visible(actor, id));
    },

    /** The members an attendance sheet starts from: on the roster, by name; names and category only. */
    async attendanceTemplate(actor: Actor, orgId: number) {
      subtreeRoot(actor);
      const org = await visibleOrgField(actor, orgId);
      const pick = async (root: Pick<OrgRow, 'id' | 'path'>) => {
        const { lo, hi } = subtreeRange(root.path);
        return db
          .select({ memberId: members.id, name: members.name, category: members.category, memberStatus: members.status })
          .from(members)
          .innerJoin(orgs, eq(orgs.id, members.orgId))
          .where(and(gte(orgs.path, lo), lt(orgs.path, hi), onRoster))
          .orderBy(asc(members.name), asc(members.id))
          .limit(TEMPLATE_LIMIT);
      };
      let rows = await pick(org);
      if (rows.length === 0 && org.type === 'party_small_group') rows = await pick(await attendanceOrg(org));
      return { orgId: org.id, items: rows.map((r) => ({ ...r, suggested: (r.memberStatus === 'mobile' ? 'online' : 'present') as AttendanceStatus })) };
    },

    /** Records a held meeting or plans one. A second submission of an offline draft returns the first record. */
    async create(actor: Actor, auditAs: AuditActor, body: ActivityCreateInput): Promise<{ created: boolean; activity: Awaited<ReturnType<typeof detailOf>> }> {
      subtreeRoot(actor);
      if (body.clientDraftId) {
        const existing = await byDraft(actor, body.clientDraftId);
        if (existing !== null) return { created: false, activity: await detailOf(existing) };
      }
      const org = await visibleOrgField(actor, body.orgId);
      const details: ErrorDetail[] = [];
      if (org.status !== 'active') details.push({ field: 'orgId', message: `「${org.name}」已撤销或合并` });
      if (!(MEETING_ORG_TYPES as readonly string[]).includes(org.type)) {
        details.push({ field: 'orgId', message: `「${org.name}」是${orgTypeLabel(org.type)}，不登记组织生活；请选择党委、党总支、党支部或党小组` });
      }
      const fields = normalize(body, EMPTY_FIELDS);
      await checkFields(actor, org, body.status, fields, true, details);
      const input = body.attendance ?? [];
      if (body.status === 'completed' && input.length === 0) details.push({ field: 'attendance', message: '已召开的活动须登记出勤情况' });
      if (body.status === 'planned' && input.length > 0) details.push({ field: 'attendance', message: '计划中的活动尚未召开，出勤情况在登记召开时填写' });
      const attendance = body.status === 'completed' ? await checkAttendance(actor, org, input, new Set(), details) : [];
      if (details.length > 0) throw invalid(details);
      const { types, ...columns } = fields;
      const now = clock();
      try {
        const id = await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(activities)
            .values({
              orgId: org.id,
              status: body.status,
              ...columns,
              clientDraftId: body.clientDraftId ?? null,
              createdBy: actor.userId,
              createdAt: now,
              updatedAt: now,
              completedAt: body.status === 'completed' ? now : null,
            })
            .returning({ id: activities.id });
          const activityId = row!.id;
          await tx.insert(activityTypes).values(types.map((type) => ({ activityId, type })));
          await insertAttendance(tx, activityId, attendance);
          await appendAudit(tx, auditAs, { action: 'activity.create', targetType: 'activity', targetId: activityId, orgId: org.id, after: auditState(fields, body.status, body.status === 'completed' ? countRows(attendance) : null) }, now);
          await onActivitiesChanged(tx, org.id, [fields.heldOn]);
          return activityId;
        });
        return { created: true, activity: await detailOf(id) };
      } catch (error) {
        // The same draft submitted twice at once: the second insert meets the unique draft id.
        if (body.clientDraftId && isUniqueViolation(error)) {
          const existing = await byDraft(actor, body.clientDraftId);
          if (existing !== null) return { created: false, activity: await detailOf(existing) };
        }
        throw error;
      }
    },

    /** Edits fields, types and (for a held meeting) attendance; a cancelled activity stays as it was. */
    async update(actor: Actor, auditAs: AuditActor, id: number, body: ActivityUpdateInput) {
      const row = await visible(actor, id);
      const a = row.a;
      if (a.status === 'cancelled') throw new AppError('E_ACTIVITY_STATE', '已取消的活动不能修改');
      const status = a.status as ActivityStatus;
      const types = (await typesOf([id])).get(id) ?? [];
      const before = fieldsOf(a, types);
      const after = normalize(body, before);
      const details: ErrorDetail[] = [];
      await checkFields(actor, { name: row.orgName, type: row.orgType }, status, after, body.heldOn !== undefined && body.heldOn !== a.heldOn, details);
      let attendance: Awaited<ReturnType<typeof checkAttendance>> | null = null;
      if (body.attendance !== undefined) {
        if (status !== 'completed') details.push({ field: 'attendance', message: '计划中的活动尚未召开，出勤情况在登记召开时填写' });
        else if (body.attendance.length === 0) details.push({ field: 'attendance', message: '已召开的活动须登记出勤情况' });
        else {
          const recorded = new Set((await db.select({ id: activityAttendance.memberId }).from(activityAttendance).where(eq(activityAttendance.activityId, id))).map((r) => r.id));
          attendance = await checkAttendance(actor, { id: a.orgId, type: row.orgType, parentId: row.orgParentId }, body.attendance, recorded, details);
        }
      }
      if (details.length > 0) throw invalid(details);
      const countsBefore = status === 'completed' ? ((await countsOf([id])).get(id) ?? emptyCounts()) : null;
      const now = clock();
      await db.transaction(async (tx) => {
        const { types: newTypes, ...columns } = after;
        await tx.update(activities).set({ ...columns, updatedAt: now }).where(eq(activities.id, id));
        if (body.types) {
          await tx.delete(activityTypes).where(eq(activityTypes.activityId, id));
          await tx.insert(activityTypes).values(newTypes.map((type) => ({ activityId: id, type })));
        }
        if (attendance) {
          await tx.delete(activityAttendance).where(eq(activityAttendance.activityId, id));
          await insertAttendance(tx, id, attendance);
        }
        await appendAudit(
          tx,
          auditAs,
          { action: 'activity.update', targetType: 'activity', targetId: id, orgId: a.orgId, before: auditState(before, status, countsBefore), after: auditState(after, status, attendance ? countRows(attendance) : countsBefore) },
          now,
        );
        await onActivitiesChanged(tx, a.orgId, [...new Set([a.heldOn, after.heldOn])]);
      });
      return detailOf(id);
    },

    /** A planned activity was held: its attendance (and the record) is entered. */
    async complete(actor: Actor, auditAs: AuditActor, id: number, body: ActivityCompleteInput) {
      const row = await visible(actor, id);
      const a = row.a;
      if (a.status === 'completed') throw new AppError('E_ACTIVITY_STATE', '该活动已登记为已召开，如需更正请修改记录');
      if (a.status === 'cancelled') throw new AppError('E_ACTIVITY_STATE', '已取消的活动不能登记为已召开');
      const heldOn = body.heldOn ?? a.heldOn;
      const details: ErrorDetail[] = [];
      if (heldOn > today()) details.push({ field: 'heldOn', message: `日期 ${heldOn} 晚于今天：活动召开后再登记` });
      if (body.attendance.length === 0) details.push({ field: 'attendance', message: '已召开的活动须登记出勤情况' });
      const attendance = await checkAttendance(actor, { id: a.orgId, type: row.orgType, parentId: row.orgParentId }, body.attendance, new Set(), details);
      if (details.length > 0) throw invalid(details);
      const types = (await typesOf([id])).get(id) ?? [];
      const content = body.content === undefined ? a.content : trimmed(body.content);
      const decisions = body.decisions === undefined ? a.decisions : trimmed(body.decisions);
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(activities).set({ status: 'completed', heldOn, content, decisions, completedAt: now, updatedAt: now }).where(and(eq(activities.id, id), eq(activities.status, 'planned')));
        await tx.delete(activityAttendance).where(eq(activityAttendance.activityId, id));
        await insertAttendance(tx, id, attendance);
        await appendAudit(
          tx,
          auditAs,
          { action: 'activity.complete', targetType: 'activity', targetId: id, orgId: a.orgId, before: { status: a.status, heldOn: a.heldOn }, after: auditState({ ...fieldsOf(a, types), heldOn }, 'completed', countRows(attendance)) },
          now,
        );
        await onActivitiesChanged(tx, a.orgId, [...new Set([a.heldOn, heldOn])]);
      });
      return detailOf(id);
    },

    /** A planned activity will not take place; it stays on record with the reason. */
    async cancel(actor: Actor, auditAs: AuditActor, id: number, body: ActivityCancelInput) {
      const row = await visible(actor, id);
      const a = row.a;
      if (a.status === 'completed') throw new AppError('E_ACTIVITY_STATE', '已召开的活动不能取消；如记录有误，请修改记录');
      if (a.status === 'cancelled') throw new AppError('E_ACTIVITY_STATE', '该活动已经取消');
      const reason = body.reason.trim();
      if (!reason) throw invalid([{ field: 'reason', message: '请填写取消原因' }]);
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(activities).set({ status: 'cancelled', cancelReason: reason, updatedAt: now }).where(and(eq(activities.id, id), eq(activities.status, 'planned')));
        await appendAudit(tx, auditAs, { action: 'activity.cancel', targetType: 'activity', targetId: id, orgId: a.orgId, before: { status: a.status }, after: { status: 'cancelled', reason } }, now);
        await onActivitiesChanged(tx, a.orgId, [a.heldOn]);
      });
      return detailOf(id);
    },

    /** 会议记录 (.docx) in the notebook layout: the header table, the minutes, the decisions and signature lines. */
    async recordDocument(actor: Actor, auditAs: AuditActor, id: number) {
      const row = await visible(actor, id);
      const a = row.a;
      if (a.status === 'cancelled') throw new AppError('E_ACTIVITY_STATE', '已取消的活动没有会议记录');
      const types = (await typesOf([id])).get(id) ?? [];
      const rows = await attendanceRows(id);
      const names = (status: AttendanceStatus, withReason: boolean) =>
        rows
          .filter((r) => r.status === status)
          .map((r) => (withReason ? `${r.name}（${r.reason ?? '未说明原因'}）` : r.name))
          .join('、');
      const c = countRows(rows.map((r) => ({ status: r.status as AttendanceStatus })));
      const planned = a.status === 'planned';
      const blank = (text: string) => (planned && !text ? '' : text || '无');
      const title = `${row.orgName}${typeLabels(types)}会议记录`;
      const p = (text: string, opts: { bold?: boolean; center?: boolean; size?: number; after?: number } = {}) =>
        new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { after: opts.after ?? 120 }, children: [new TextRun({ text, bold: opts.bold ?? false, size: opts.size ?? 24, font: 'FangSong' })] });
      const tableRows = [
        new TableRow({ children: [cell('时间', { bold: true, width: 16 }), cell(`${chineseDate(a.heldOn)} ${timeRange(a.startsAt, a.endsAt)}`.trim(), { span: 3 })] }),
        new TableRow({ children: [cell('地点', { bold: true, width: 16 }), cell(a.place ?? '', { width: 34 }), cell('主持人', { bold: true, width: 16 }), cell(a.host ?? '', { width: 34 })] }),
        new TableRow({ children: [cell('记录人', { bold: true }), cell(a.recorder ?? ''), cell(a.lecturer ? '授课人' : '', { bold: true }), cell(a.lecturer ?? '')] }),
        new TableRow({ children: [cell('应到人数', { bold: true }), cell(planned ? '' : `${c.expected} 人`), cell('实到人数', { bold: true }), cell(planned ? '' : `${c.present + c.online} 人${c.online > 0 ? `（其中线上参加 ${c.online} 人）` : ''}`)] }),
        new TableRow({ children: [cell('出席人员', { bold: true }), cell(names('present', false), { span: 3 })] }),
        ...(c.online > 0 ? [new TableRow({ children: [cell('线上参加', { bold: true }), cell(names('online', false), { span: 3 })] })] : []),
        new TableRow({ children: [cell(`请假人员${planned ? '' : `（${c.leave} 人）`}`, { bold: true }), cell(blank(names('leave', true)), { span: 3 })] }),
        new TableRow({ children: [cell(`缺席人员${planned ? '' : `（${c.absent} 人）`}`, { bold: true }), cell(blank(names('absent', true)), { span: 3 })] }),
        new TableRow({ children: [cell('议题', { bold: true }), cell(a.topic, { span: 3 })] }),
        new TableRow({ children: [cell('会议内容', { bold: true }), cell(a.content ?? '\n\n\n', { span: 3 })] }),
        new TableRow({ children: [cell('决定事项', { bold: true }), cell(a.decisions ?? (planned ? '\n\n' : '无'), { span: 3 })] }),
      ];
      const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
      const doc = new Document({
        sections: [
          {
            children: [
              p(title, { bold: true, center: true, size: 36, after: 240 }),
              new Table({
                width: { size: 100, type: WidthType.PERCENTAGE },
                borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
                rows: tableRows,
              }),
              p('', { after: 360 }),
              p('主持人签字：________________        记录人签字：________________', { after: 240 }),
              p(`${' '.repeat(40)}年    月    日`),
            ],
          },
        ],
      });
      const buffer = await Packer.toBuffer(doc);
      await recordAudit(db, auditAs, { action: 'activity.export', targetType: 'activity', targetId: id, orgId: a.orgId, after: { export: 'record' } }, clock());
      return { buffer, filename: `会议记录-${row.orgShortName ?? row.orgName}-${a.heldOn}-${typeLabels(types).replaceAll('、', '')}.docx` };
    },

    /**
     * 三会一课台账 (.xlsx) of a subtree and period, streamed: sheet 1 one row per held activity, read in keyset
     * pages (never the whole subtree at once); sheet 2 the counts per organization and activity type. The export
     * is audited with its row count before the first byte.
     */
    async ledger(actor: Actor, auditAs: AuditActor, query: LedgerInput) {
      const scope = subtreeRoot(actor);
      const details: ErrorDetail[] = [];
      if (query.from > query.to) details.push({ field: 'to', message: '结束日期早于开始日期' });
      else if (daysInclusive(query.from, query.to) > LEDGER_MAX_DAYS) details.push({ field: 'to', message: `导出期间不能超过 ${LEDGER_MAX_DAYS} 天` });
      if (details.length > 0) throw new AppError('E_VALIDATION', details[0]!.message, details);
      const root = await visibleOrgField(actor, query.orgId ?? scope.orgId);
      const { lo, hi } = subtreeRange(root.path);
      const range = sql`o.path >= ${lo} AND o.path < ${hi}`;
      const period = sql`a.status = 'completed' AND a.held_on >= ${query.from}::date AND a.held_on <= ${query.to}::date`;
      const [counted] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::integer AS n FROM activities a JOIN orgs o ON o.id = a.org_id WHERE ${range} AND ${period}`);
      const total = Number(counted?.n ?? 0);
      await recordAudit(db, auditAs, { action: 'activity.export', targetType: 'org', targetId: root.id, orgId: root.id, after: { export: 'ledger', from: query.from, to: query.to, rows: total } }, clock());

      const stream = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
      type LedgerRow = {
        id: number;
        path: string;
        org_name: string;
        held_on: string;
        starts_at: string | null;
        ends_at: string | null;
        topic: string;
        place: string | null;
        host: string | null;
        recorder: string | null;
        lecturer: string | null;
        types: string | null;
        expected: number;
        present: number;
        online: number;
        leave: number;
        absent: number;
      };
      const write = async () => {
        const sheet = workbook.addWorksheet('活动记录', { views: [{ state: 'frozen', ySplit: 1 }] });
        sheet.columns = [
          { header: '序号', key: 'index', width: 6 },
          { header: '组织', key: 'org', width: 32 },
          { header: '日期', key: 'date', width: 12 },
          { header: '时间', key: 'time', width: 13 },
          { header: '类型', key: 'types', width: 22 },
          { header: '主题', key: 'topic', width: 40 },
          { header: '地点', key: 'place', width: 18 },
          { header: '主持人', key: 'host', width: 10 },
          { header: '记录人', key: 'recorder', width: 10 },
          { header: '授课人', key: 'lecturer', width: 12 },
          { header: '应到', key: 'expected', width: 6 },
          { header: '出席', key: 'present', width: 6 },
          { header: '线上参加', key: 'online', width: 9 },
          { header: '请假', key: 'leave', width: 6 },
          { header: '缺席', key: 'absent', width: 6 },
          { header: '出勤率', key: 'rate', width: 8 },
        ];
        sheet.getRow(1).font = { bold: true };
        let index = 0;
        let after = { path: '', heldOn: '1900-01-01', id: 0 };
        for (;;) {
          const rows = await queryRows<LedgerRow>(
            db,
            sql`SELECT a.id, o.path, o.name AS org_name, a.held_on::text AS held_on, a.starts_at, a.ends_at, a.topic, a.place, a.host, a.recorder, a.lecturer,
                  (SELECT string_agg(t.type, ',') FROM activity_types t WHERE t.activity_id = a.id) AS types,
                  c.expected, c.present, c.online, c.leave, c.absent
                FROM activities a JOIN orgs o ON o.id = a.org_id
                CROSS JOIN LATERAL (
                  SELECT count(*)::integer AS expected,
                         (count(*) FILTER (WHERE x.status = 'present'))::integer AS present,
                         (count(*) FILTER (WHERE x.status = 'online'))::integer AS online,
                         (count(*) FILTER (WHERE x.status = 'leave'))::integer AS leave,
                         (count(*) FILTER (WHERE x.status = 'absent'))::integer AS absent
                  FROM activity_attendance x WHERE x.activity_id = a.id) c
                WHERE ${range} AND ${period} AND (o.path, a.held_on, a.id) > (${after.path}, ${after.heldOn}::date, ${after.id})
                ORDER BY o.path, a.held_on, a.id LIMIT ${LEDGER_BATCH}`,
          );
          for (const r of rows) {
            const attended = Number(r.present) + Number(r.online);
            const expected = Number(r.expected);
            const added = sheet.addRow({
              index: ++index,
              org: r.org_name,
              date: r.held_on,
              time: timeRange(r.starts_at, r.ends_at),
              types: typeLabels((r.types ?? '').split(',')),
              topic: r.topic,
              place: r.place ?? '',
              host: r.host ?? '',
              recorder: r.recorder ?? '',
              lecturer: r.lecturer ?? '',
              expected,
              present: Number(r.present),
              online: Number(r.online),
              leave: Number(r.leave),
              absent: Number(r.absent),
              rate: expected > 0 ? Number((attended / expected).toFixed(4)) : '',
            });
            added.getCell('rate').numFmt = '0.0%';
            added.commit();
          }
          if (rows.length < LEDGER_BATCH) break;
          const last = rows[rows.length - 1]!;
          after = { path: last.path, heldOn: last.held_on, id: Number(last.id) };
        }
        sheet.commit();

        const stats = workbook.addWorksheet('分类统计', { views: [{ state: 'frozen', ySplit: 1 }] });
        stats.columns = [
          { header: '序号', key: 'index', width: 6 },
          { header: '组织', key: 'org', width: 32 },
          { header: '组织类别', key: 'orgType', width: 12 },
          ...ACTIVITY_TYPES.map((t) => ({ header: ACTIVITY_TYPE_LABELS[t], key: t, width: Math.max(8, ACTIVITY_TYPE_LABELS[t].length * 2 + 2) })),
          { header: '活动次数合计', key: 'total', width: 12 },
        ];
        stats.getRow(1).font = { bold: true };
        stats.addRow([`统计期间：${query.from} 至 ${query.to}（已召开的活动；一次活动计入其所有类型）`]).commit();
        let orgIndex = 0;
        let afterPath = '';
        for (;;) {
          const page = await queryRows<{ id: number; path: string; name: string; type: string }>(
            db,
            sql`SELECT o.id, o.path, o.name, o.type FROM orgs o
                WHERE ${range} AND o.path > ${afterPath}
                  AND ((o.type IN (${inList(BRANCH_AND_GROUP_TYPES)}) AND o.status = 'active')
                       OR EXISTS (SELECT 1 FROM activities a WHERE a.org_id = o.id AND ${period}))
                ORDER BY o.path LIMIT 200`,
          );
          if (page.length > 0) {
            const ids = page.map((o) => o.id);
            const byType = await queryRows<{ org_id: number; type: string; n: number }>(
              db,
              sql`SELECT a.org_id, t.type, count(*)::integer AS n FROM activities a JOIN activity_types t ON t.activity_id = a.id
                  WHERE a.org_id IN (${inList(ids)}) AND ${period} GROUP BY a.org_id, t.type`,
            );
            const totals = await queryRows<{ org_id: number; n: number }>(db, sql`SELECT a.org_id, count(*)::integer AS n FROM activities a WHERE a.org_id IN (${inList(ids)}) AND ${period} GROUP BY a.org_id`);
            const counts = new Map<string, number>(byType.map((r) => [`${r.org_id}:${r.type}`, Number(r.n)]));
            const totalOf = new Map<number, number>(totals.map((r) => [Number(r.org_id), Number(r.n)]));
            for (const o of page) {
              stats
                .addRow({
                  index: ++orgIndex,
                  org: o.name,
                  orgType: orgTypeLabel(o.type),
                  ...Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, counts.get(`${o.id}:${t}`) ?? 0])),
                  total: totalOf.get(o.id) ?? 0,
                })
                .commit();
            }
          }
          if (page.length < 200) break;
          afterPath = page[page.length - 1]!.path;
        }
        stats.commit();
        await workbook.commit();
      };
      write().catch((error: unknown) => stream.destroy(error as Error));
      return { stream, filename: `三会一课台账-${root.shortName ?? root.name}-${query.from.replaceAll('-', '')}至${query.to.replaceAll('-', '')}.xlsx`, rows: total };
    },

    /** A member's own organizational life: the branch's upcoming plans, own attendance of the last 12 months, this year's counts. */
    /**
     * The member's own page, in one statement (the most frequent read of the app, issue 7): the member's branch (and
     * the branch above a 党小组), its planned activities, the member's attendance of the last 12 months with each
     * activity's types and counts. This year's counts are summed from the attended rows, which cover the year.
     */
    async mine(actor: Actor) {
      if (actor.memberId === null) throw new AppError('E_MEMBER_NOT_FOUND', '当前账号未关联党员信息');
      const on = today();
      const rows = await queryRows<MineRow>(
        db,
        sql`WITH me AS (
              SELECT m.id, m.org_id, CASE WHEN o.type = 'party_small_group' THEN o.parent_id END AS parent_branch
              FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = ${actor.memberId}),
            picked AS (
              (SELECT 'upcoming' AS part, a.id AS activity_id, NULL AS attendance, NULL AS reason,
                      row_number() OVER (ORDER BY a.held_on, a.starts_at, a.id) AS rank
               FROM activities a, me WHERE a.org_id IN (me.org_id, me.parent_branch) AND a.status = 'planned' AND a.held_on >= ${on}::date
               ORDER BY a.held_on, a.starts_at, a.id LIMIT ${MINE_UPCOMING_LIMIT})
              UNION ALL
              (SELECT 'attended', a.id, aa.status, aa.reason, row_number() OVER (ORDER BY a.held_on DESC, a.id DESC)
               FROM me JOIN activity_attendance aa ON aa.member_id = me.id JOIN activities a ON a.id = aa.activity_id
               WHERE a.status = 'completed' AND a.held_on >= ${monthsBefore(on, 12)}::date AND a.held_on <= ${on}::date
               ORDER BY a.held_on DESC, a.id DESC LIMIT ${MINE_ATTENDED_LIMIT}))
            SELECT 'me' AS part, 0::bigint AS rank, NULL::integer AS id, NULL::integer AS org_id, NULL AS org_name, NULL AS status, NULL AS topic, NULL AS held_on,
                   NULL AS starts_at, NULL AS place, NULL AS host, NULL AS attendance, NULL AS reason, NULL AS types, NULL AS counts
            FROM me
            UNION ALL
            SELECT p.part, p.rank, a.id, a.org_id, o.name, a.status, a.topic, a.held_on::text, a.starts_at, a.place, a.host, p.attendance, p.reason,
                   (SELECT string_agg(t.type, ',') FROM activity_types t WHERE t.activity_id = a.id),
                   (SELECT concat_ws(',', count(*), count(*) FILTER (WHERE c.status = 'present'), count(*) FILTER (WHERE c.status = 'online'),
                                     count(*) FILTER (WHERE c.status = 'leave'), count(*) FILTER (WHERE c.status = 'absent'))
                    FROM activity_attendance c WHERE c.activity_id = a.id)
            FROM picked p JOIN activities a ON a.id = p.activity_id JOIN orgs o ON o.id = a.org_id
            ORDER BY part, rank`,
      );
      if (!rows.some((r) => r.part === 'me')) throw new AppError('E_MEMBER_NOT_FOUND', '当前账号未关联党员信息');
      const summary = (r: MineRow) => {
        const [expected = 0, present = 0, online = 0, leave = 0, absent = 0] = (r.counts ?? '').split(',').map(Number);
        return {
          id: r.id!,
          orgId: r.org_id!,
          orgName: r.org_name!,
          status: r.status as ActivityStatus,
          types: sortTypes(r.types?.split(',') ?? []),
          topic: r.topic!,
          heldOn: r.held_on!,
          startsAt: r.starts_at,
          place: r.place,
          host: r.host,
          attendance: { expected, present, online, leave, absent },
        };
      };
      const upcoming = rows.filter((r) => r.part === 'upcoming');
      const attended = rows.filter((r) => r.part === 'attended');
      const yearCounts = { present: 0, online: 0, leave: 0, absent: 0 };
      const yearStart = `${on.slice(0, 4)}-01-01`;
      if (attended.length < MINE_ATTENDED_LIMIT) {
        for (const r of attended) if (r.held_on! >= yearStart && r.attendance! in yearCounts) yearCounts[r.attendance as AttendanceStatus]++;
      } else {
        // More rows than the list shows (never seen in practice): count the year in the database.
        const year = await db
          .select({ status: activityAttendance.status, n: count() })
          .from(activityAttendance)
          .innerJoin(activities, eq(activities.id, activityAttendance.activityId))
          .where(and(eq(activityAttendance.memberId, actor.memberId), eq(activities.status, 'completed'), gte(activities.heldOn, yearStart), lte(activities.heldOn, on)))
          .groupBy(activityAttendance.status);
        for (const r of year) if (r.status in yearCounts) yearCounts[r.status as AttendanceStatus] = Number(r.n);
      }
      return {
        upcoming: upcoming.map(summary),
        attended: attended.map((r) => ({ activity: summary(r), status: r.attendance as AttendanceStatus, reason: r.reason })),
        yearCounts,
      };
    },
  };
}

export type ActivitiesService = ReturnType<typeof createActivitiesService>;
