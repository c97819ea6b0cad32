import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { pageWindow } from '../../platform/http-schemas.js';
import { subtreeRange } from '../../platform/scope.js';
import { ELECTED_ORG_TYPES } from '../committees/committee-posts.js';
import type { ElectionsService } from '../elections/elections.service.js';
import type { OrgRules, RuleBasis } from '../elections/org-rules.js';
import { orgTypeLabel } from '../org/org-types.js';
import type { MemberRules } from '../members/member-rules.js';
import { ON_ROSTER_SQL } from '../members/members.schemas.js';
import type { OrgService } from '../org/org.service.js';

export interface WarningItem {
  key: string;
  kind: 'election' | 'finding' | 'no_election' | 'probation' | 'transfer' | 'meeting' | 'absence' | 'problem';
  /** The member concerned (probation, transfer, absence). */
  memberId?: number;
  /** The problem concerned (problem: 整改逾期), for the link /rectification/problems/:id. */
  problemId?: number;
  code: string;
  orgId: number;
  orgName: string;
  orgTypeLabel: string;
  severity: 'violation' | 'warning' | null;
  dueOn: string | null;
  message: string;
  basis: RuleBasis[];
}

const ELECTED = sql.raw(ELECTED_ORG_TYPES.map((t) => `'${t}'`).join(', '));

/**
 * The warnings of a scope (预警): elections due or overdue (read live from org_terms, so they move with
 * the calendar), vacant posts and setup findings (stored per org), orgs with no election on record, probations
 * and transfers due, organizational life not held (stored compliance results: red in the last 12 months, yellow
 * in a period containing today) and members absent for six months (stored absence findings).
 * Sorted by due date; each item names its rule and citation.
 */
export function createWarningsService({ db, clock, orgService, rules, memberRules, elections }: { db: Db; clock: Clock; orgService: OrgService; rules: OrgRules; memberRules: MemberRules; elections: ElectionsService }) {
  return {
    async list(actor: Actor, query: { orgId?: number; kind?: string; page?: number; pageSize?: number }) {
      if (actor.scope.kind !== 'subtree') throw new AppError('E_AUTH_FORBIDDEN');
      const root = await orgService.visibleOrg(actor, query.orgId ?? actor.scope.orgId);
      const { lo, hi } = subtreeRange(root.path);
      const { page, pageSize, offset } = pageWindow(query);
      const today = shanghaiDate(clock());
      const horizon = rules.electionHorizonDays(today);
      const inScope = sql`o.path >= ${lo} AND o.path < ${hi} AND o.status = 'active'`;
      const parts: SQL[] = [];
      if (!query.kind || query.kind === 'election') {
        parts.push(sql`SELECT 'election' AS kind, o.id AS org_id, o.name AS org_name, o.type AS org_type, t.due_on::text AS due_on, NULL::bigint AS finding_id,
                              e.elected_on::text AS elected_on, e.due_on::text AS term_due_on
                       FROM org_terms t JOIN orgs o ON o.id = t.org_id JOIN elections e ON e.id = t.election_id
                       WHERE ${inScope} AND t.due_on <= (${today}::date + ${horizon}::integer)`);
      }
      if (!query.kind || query.kind === 'finding') {
        parts.push(sql`SELECT 'finding' AS kind, o.id AS org_id, o.name AS org_name, o.type AS org_type, f.due_on::text AS due_on, f.id AS finding_id, NULL AS elected_on, NULL AS term_due_on
                       FROM org_findings f JOIN orgs o ON o.id = f.org_id WHERE ${inScope}`);
      }
      if (!query.kind || query.kind === 'no_election') {
        parts.push(sql`SELECT 'no_election' AS kind, o.id AS org_id, o.name AS org_name, o.type AS org_type, NULL AS due_on, NULL::bigint AS finding_id, NULL AS elected_on, NULL AS term_due_on
                       FROM orgs o WHERE ${inScope} AND o.type IN (${ELECTED}) AND o.type <> 'temporary_branch'
                       AND NOT EXISTS (SELECT 1 FROM org_terms t WHERE t.org_id = o.id)`);
      }
      if (!query.kind || query.kind === 'probation') {
        // 预备党员 whose probation ends within the lead time or has ended without a decision (members.probation_due).
        parts.push(sql`SELECT 'probation' AS kind, o.id AS org_id, o.name AS org_name, o.type AS org_type, m.probation_ends_on::text AS due_on, m.id::bigint AS finding_id, m.joined_on::text AS elected_on, m.probation_extension_months::text AS term_due_on
                       FROM members m JOIN orgs o ON o.id = m.org_id
                       WHERE ${inScope} AND m.category = 'probationary' AND m.status IN ${ON_ROSTER_SQL}
                       AND m.probation_ends_on <= (${today}::date + ${memberRules.probationLeadDays(today)}::integer)`);
      }
      if (!query.kind || query.kind === 'transfer') {
        // Transfers the receiving organization has not answered within the limit (members.transfer_response).
        parts.push(sql`SELECT 'transfer' AS kind, o.id AS org_id, o.name AS org_name, o.type AS org_type, t.response_due_on::text AS due_on, t.id::bigint AS finding_id, t.started_on::text AS elected_on, NULL AS term_due_on
                       FROM member_transfers t JOIN orgs o ON o.id = t.to_org_id
                       WHERE ${inScope} AND t.status = 'pending' AND t.response_due_on < ${today}::date`);
      }
      if (!query.kind || query.kind === 'meeting') {
        // 组织生活: red obligations whose period ended within the last 12 months, yellow ones whose period contains today.
        parts.push(sql`SELECT 'meeting' AS kind, o.id AS org_id, o.name AS org_name, o.type AS org_type, r.period_end::text AS due_on, NULL::bigint AS finding_id, r.obligation AS elected_on, r.period_start::text AS term_due_on
                       FROM compliance_results r JOIN orgs o ON o.id = r.org_id
                       WHERE ${inScope} AND ((r.light = 'red' AND r.period_end > (${today}::date - interval '12 months')) OR (r.light = 'yellow' AND r.period_start <= ${today}::date AND r.period_end >= ${today}::date))`);
      }
      if (!query.kind || query.kind === 'absence') {
        // Members absent from organizational life without reason for six months (meetings.absence).
        parts.push(sql`SELECT 'absence' AS kind, o.id AS org_id, o.name AS org_name, o.type AS org_type, NULL AS due_on, f.member_id::bigint AS finding_id, NULL AS elected_on, NULL AS term_due_on
                       FROM member_absence_findings f JOIN orgs o ON o.id = f.org_id WHERE ${inScope}`);
      }
      if (!query.kind || query.kind === 'problem') {
        // 整改逾期: open problems past their deadline whose responsible organization is in the scope (derived, never stored).
        parts.push(sql`SELECT 'problem' AS kind, o.id AS org_id, o.name AS org_name, o.type AS org_type, p.deadline::text AS due_on, p.id::bigint AS finding_id, NULL AS elected_on, NULL AS term_due_on
                       FROM problems p JOIN orgs o ON o.id = p.responsible_org_id
                       WHERE ${inScope} AND p.status <> 'closed' AND p.deadline < ${today}::date`);
      }
      if (parts.length === 0) return { items: [], total: 0, page, pageSize };
      const union = sql.join(parts, sql` UNION ALL `);
      // One pass over the union gives the page and the total (count(*) OVER ()); only a page past the end needs
      // its own count. The order is total: rows of one org that tie on date and name are ordered by kind and key,
      // so paging never repeats or skips a row.
      const rows = await queryRows<{ kind: WarningItem['kind']; org_id: number; org_name: string; org_type: string; due_on: string | null; finding_id: number | null; elected_on: string | null; term_due_on: string | null; total: number }>(
        db,
        sql`SELECT w.*, count(*) OVER ()::integer AS total FROM (${union}) w
            ORDER BY w.due_on ASC NULLS LAST, w.org_name, w.kind, w.org_id, w.finding_id, w.elected_on, w.term_due_on LIMIT ${pageSize} OFFSET ${offset}`,
      );
      const total = rows[0]?.total ?? (offset > 0 ? ((await queryRows<{ n: number }>(db, sql`SELECT count(*)::integer AS n FROM (${union}) w`))[0]?.n ?? 0) : 0);
      const findingIds = rows.flatMap((r) => (r.finding_id === null ? [] : [Number(r.finding_id)]));
      const findings = findingIds.length
        ? await queryRows<{ id: number; code: string; severity: 'violation' | 'warning' | null; message: string; basis: RuleBasis[] }>(db, sql`SELECT id::integer AS id, code, severity, message, basis FROM org_findings WHERE id IN ${findingIds}`)
        : [];
      const byId = new Map(findings.map((f) => [Number(f.id), f]));
      const memberIds = rows.flatMap((r) => (r.kind === 'probation' ? [Number(r.finding_id)] : []));
      const names = new Map(memberIds.length ? (await queryRows<{ id: number; name: string }>(db, sql`SELECT id, name FROM members WHERE id IN ${memberIds}`)).map((m) => [Number(m.id), m.name]) : []);
      const transferIds = rows.flatMap((r) => (r.kind === 'transfer' ? [Number(r.finding_id)] : []));
      const transferNames = new Map(
        transferIds.length ? (await queryRows<{ id: number; name: string }>(db, sql`SELECT t.id, m.name FROM member_transfers t JOIN members m ON m.id = t.member_id WHERE t.id IN ${transferIds}`)).map((m) => [Number(m.id), m.name]) : [],
      );
      const meetingKeys = rows.filter((r) => r.kind === 'meeting');
      const meetings = new Map(
        meetingKeys.length
          ? (
              await queryRows<{ org_id: number; obligation: string; period_start: string; code: string | null; severity: 'violation' | 'warning' | null; message: string | null; basis: RuleBasis[] }>(
                db,
                sql`SELECT org_id, obligation, period_start::text AS period_start, code, severity, message, basis FROM compliance_results
                    WHERE (org_id, obligation, period_start) IN (${sql.join(meetingKeys.map((r) => sql`(${r.org_id}::integer, ${r.elected_on}::text, ${r.term_due_on}::date)`), sql`, `)})`,
              )
            ).map((m) => [`${m.org_id}-${m.obligation}-${m.period_start}`, m])
          : [],
      );
      const absenceIds = rows.flatMap((r) => (r.kind === 'absence' ? [Number(r.finding_id)] : []));
      const absences = new Map(
        absenceIds.length
          ? (await queryRows<{ member_id: number; code: string; severity: 'violation' | 'warning' | null; message: string; basis: RuleBasis[] }>(db, sql`SELECT member_id, code, severity, message, basis FROM member_absence_findings WHERE member_id IN ${absenceIds}`)).map((a) => [Number(a.member_id), a])
          : [],
      );
      const problemIds = rows.flatMap((r) => (r.kind === 'problem' ? [Number(r.finding_id)] : []));
      const problemTexts = new Map(
        problemIds.length
          ? (
              await queryRows<{ id: number; description: string; days: number; batch_name: string; issued_on: string; issuer: string }>(
                db,
                sql`SELECT p.id, p.description, (${today}::date - p.deadline)::integer AS days, b.name AS batch_name, b.issued_on::text AS issued_on, io.name AS issuer
                    FROM problems p JOIN rectification_batches b ON b.id = p.batch_id JOIN orgs io ON io.id = p.issuing_org_id WHERE p.id IN ${problemIds}`,
              )
            ).map((p) => [Number(p.id), p])
          : [],
      );
      const adminLevels = await elections.adminLevelsOf(rows.flatMap((r) => (r.kind === 'election' ? [r.org_id] : [])));
      const items: WarningItem[] = [];
      for (const r of rows) {
        const base = { orgId: r.org_id, orgName: r.org_name, orgTypeLabel: orgTypeLabel(r.org_type), dueOn: r.due_on };
        if (r.kind === 'election') {
          const s = rules.termDue({ orgType: r.org_type, electedOn: r.elected_on!, adminLevel: adminLevels.get(r.org_id) ?? 'provincial', postponedUntil: r.due_on !== r.term_due_on ? r.due_on : null, today });
          items.push({ ...base, key: `election-${r.org_id}`, kind: 'election', code: `election_${s.stage}`, severity: s.severity, message: s.message, basis: s.basis });
        } else if (r.kind === 'finding') {
          const f = byId.get(Number(r.finding_id));
          if (f) items.push({ ...base, key: `finding-${f.id}`, kind: 'finding', code: f.code, severity: f.severity, message: f.message, basis: f.basis });
        } else if (r.kind === 'probation') {
          const p = memberRules.probation({ joinedOn: r.elected_on!, extensionMonths: Number(r.term_due_on ?? 0), today });
          const name = names.get(Number(r.finding_id)) ?? '';
          const f = p.findings[0];
          items.push({ ...base, key: `probation-${r.finding_id}`, kind: 'probation', memberId: Number(r.finding_id), code: f?.code ?? 'probation_due', severity: f?.severity ?? 'warning', message: `${name}：${f?.message ?? `预备期将于 ${p.dueOn} 届满`}`, basis: p.basis });
        } else if (r.kind === 'transfer') {
          const tr = memberRules.transferResponse({ startedOn: r.elected_on!, today });
          const f = tr.findings[0];
          items.push({ ...base, key: `transfer-${r.finding_id}`, kind: 'transfer', code: f?.code ?? 'transfer_response_overdue', severity: f?.severity ?? 'warning', message: `${transferNames.get(Number(r.finding_id)) ?? ''}的组织关系转入：${f?.message ?? `应于 ${tr.dueOn} 前接收或退回`}`, basis: tr.basis });
        } else if (r.kind === 'meeting') {
          const key = `${r.org_id}-${r.elected_on}-${r.term_due_on}`;
          const m = meetings.get(key);
          if (m) items.push({ ...base, key: `meeting-${key}`, kind: 'meeting', code: m.code ?? `${m.obligation}_due`, severity: m.severity, message: m.message ?? '', basis: m.basis });
        } else if (r.kind === 'absence') {
          const a = absences.get(Number(r.finding_id));
          if (a) items.push({ ...base, key: `absence-${a.member_id}`, kind: 'absence', memberId: Number(a.member_id), code: a.code, severity: a.severity, message: a.message, basis: a.basis });
        } else if (r.kind === 'problem') {
          const p = problemTexts.get(Number(r.finding_id));
          if (p) {
            const text = [...p.description].length > 40 ? `${[...p.description].slice(0, 40).join('')}…` : p.description;
            items.push({ ...base, key: `problem-${p.id}`, kind: 'problem', problemId: Number(p.id), code: 'problem_overdue', severity: 'violation', message: `整改逾期 ${p.days} 天：${text}（整改时限 ${r.due_on}）`,
              // The deadline was set by the issuing level in its batch: that document is the basis.
              basis: [{ parameterId: 'rectification.deadline', value: r.due_on, effectiveFrom: p.issued_on, sourceTitle: `${p.issuer}「${p.batch_name}」`, article: '整改时限', quote: null }],
            });
          }
        } else {
          items.push({ ...base, key: `no-election-${r.org_id}`, kind: 'no_election', code: 'no_election_record', severity: null, message: '尚未录入换届选举信息，无法计算任期届满日期', basis: [] });
        }
      }
      return { items, total, page, pageSize };
    },
  };
}

export type WarningsService = ReturnType<typeof createWarningsService>;
