// The compliance evaluation (合规评价): counts the completed activities of a set of organizations with a few grouped
// queries, judges every obligation for every period containing the months asked about with rule meetings.frequency
// (parameters resolved on the period's first day), stores the results with their basis (compliance_results),
// derives the monthly branch lights (branch_lights) and the six-month absence findings (member_absence_findings).
// Used per write (reevaluate, inside the activity's transaction) and in batches (evaluateAll: id-ordered chunks).
import { addMonths, meetingAbsence, meetingFrequency, MEETING_ACTIVITY_IDS, resolveParameter, type FrequencyDetail, type MeetingActivity, type ParameterTree, type Resolved } from '@dangjian/regulations';
import { sql } from 'drizzle-orm';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { pathIds, subtreeRange } from '../../platform/scope.js';
import type { Light } from '../meetings/activity-types.js';
import { ON_ROSTER_STATUSES } from '../members/members.schemas.js';
import { firstDay, hasLight, isPrimaryCommittee, JUDGED_ORG_TYPES, judgedSince, lastDay, monthLight, monthOf, monthsBetween, obligationsOf, periodContaining, type JudgedObligation, type Period } from './lights.js';
import { bulkUpsert, intArray } from './sql-helpers.js';

/** One parameter a stored result used, as it was when judged (kept with the row, so old results stay explainable). */
export interface StoredBasis {
  parameterId: string;
  value: unknown;
  effectiveFrom: string;
  force: string;
  sourceTitle: string;
  article: string;
  quote: string | null;
}

export function toStoredBasis(r: Resolved<unknown>): StoredBasis {
  return { parameterId: r.id, value: r.value, effectiveFrom: r.effectiveFrom, force: r.force, sourceTitle: r.citation.sourceTitle, article: r.citation.article, quote: r.citation.quote ?? null };
}

export interface OrgRecord {
  id: number;
  parent_id: number | null;
  type: string;
  path: string;
  name: string;
  status: string;
  founded_on: string | null;
}

const ORG_COLUMNS = sql`o.id, o.parent_id, o.type, o.path, o.name, o.status, o.founded_on::text AS founded_on`;
const ON_ROSTER = sql.raw(ON_ROSTER_STATUSES.map((s) => `'${s}'`).join(', '));
/** How far back the absence streak is counted (a longer streak is reported as this many months). */
export const ABSENCE_LOOKBACK_MONTHS = 36;

/** One row of compliance_results as SQL returns it (dates as text). */
export type ResultRow = {
  org_id: number;
  obligation: MeetingActivity;
  period_kind: string;
  period_start: string;
  period_end: string;
  light: Light;
  held: number;
  min_count: number;
  rule_id: string;
  code: string | null;
  severity: string | null;
  message: string | null;
  basis: StoredBasis[];
  evaluated_on: string;
};

const RESULT_COLUMNS = {
  org_id: 'integer',
  obligation: 'text',
  period_kind: 'text',
  period_start: 'date',
  period_end: 'date',
  light: 'text',
  held: 'integer',
  min_count: 'integer',
  rule_id: 'text',
  code: 'text',
  severity: 'text',
  message: 'text',
  basis: 'jsonb',
  evaluated_on: 'date',
};

/** Counts per org, per key, per month ('YYYY-MM'). */
class MonthlyCounts {
  private readonly map = new Map<string, number>();
  add(orgId: number, key: string, month: string, n: number) {
    const k = `${orgId}|${key}|${month}`;
    this.map.set(k, (this.map.get(k) ?? 0) + n);
  }
  sum(orgId: number, key: string, period: Period): number {
    let total = 0;
    for (const month of monthsBetween(period.start, period.end)) total += this.map.get(`${orgId}|${key}|${month}`) ?? 0;
    return total;
  }
}

export interface EvaluationSummary {
  orgs: number;
  results: number;
  lights: number;
  absences: number;
}

export function createComplianceEvaluator({ clock, regulations: tree }: { clock: Clock; regulations: ParameterTree }) {
  /**
   * Judges `orgs` for every period containing one of `months` ('YYYY-MM', none after today's month) and lights the
   * branches for `lightMonths` (each must be among `months`). Replaces the stored results, lights and absence
   * findings of those orgs in that window. Call inside a transaction.
   */
  async function evaluateOrgs(db: Db, orgs: readonly OrgRecord[], months: readonly string[], lightMonths: readonly string[], today: string): Promise<EvaluationSummary> {
    const summary: EvaluationSummary = { orgs: orgs.length, results: 0, lights: 0, absences: 0 };
    if (orgs.length === 0 || months.length === 0) return summary;
    const allIds = orgs.map((o) => o.id);
    const judged = orgs.filter((o) => o.status === 'active' && (JUDGED_ORG_TYPES as readonly string[]).includes(o.type));
    const branches = judged.filter((o) => hasLight(o.type));
    const branchIds = branches.map((o) => o.id);
    const committees = judged.filter((o) => isPrimaryCommittee(o.type));

    // The periods judged: for each obligation, the periods containing a month, started by today.
    const periods = new Map<MeetingActivity, Period[]>();
    let windowStart = '9999-12-31';
    let windowEnd = '0000-01-01';
    for (const obligation of MEETING_ACTIVITY_IDS) {
      const found = new Map<string, Period>();
      for (const month of months) {
        const p = periodContaining(tree, obligation, firstDay(month));
        if (p && p.start <= today) found.set(p.start, p);
      }
      periods.set(obligation, [...found.values()]);
      for (const p of found.values()) {
        if (p.start < windowStart) windowStart = p.start;
        if (p.end > windowEnd) windowEnd = p.end;
      }
    }

    // Facts, one grouped query each.
    const groups = branchIds.length
      ? await queryRows<{ id: number; parent_id: number }>(db, sql`SELECT id, parent_id FROM orgs WHERE parent_id = ANY(${intArray(branchIds)}) AND type = 'party_small_group' AND status = 'active'`)
      : [];
    const groupsOf = new Map<number, number[]>();
    for (const g of groups) groupsOf.set(g.parent_id, [...(groupsOf.get(g.parent_id) ?? []), g.id]);
    const branchOf = new Map<number, number>([...branchIds.map((id) => [id, id] as const), ...groups.map((g) => [g.id, g.parent_id] as const)]);
    const branchAndGroupIds = [...branchOf.keys()];
    const committeeMembers = new Map(
      branchIds.length
        ? (await queryRows<{ org_id: number; n: number }>(db, sql`SELECT org_id, count(DISTINCT member_id)::integer AS n FROM committee_posts WHERE org_id = ANY(${intArray(branchIds)}) AND ended_on IS NULL GROUP BY org_id`)).map((r) => [r.org_id, r.n])
        : [],
    );
    const memberCount = new Map<number, number>();
    /** When each branch's on-roster members joined (null: unknown), for the yearly 谈心谈话. */
    const joinedOn = new Map<number, (string | null)[]>();
    if (branchAndGroupIds.length) {
      for (const r of await queryRows<{ org_id: number; joined_on: string | null }>(db, sql`SELECT org_id, joined_on::text AS joined_on FROM members WHERE org_id = ANY(${intArray(branchAndGroupIds)}) AND status IN (${ON_ROSTER})`)) {
        const branch = branchOf.get(r.org_id)!;
        memberCount.set(branch, (memberCount.get(branch) ?? 0) + 1);
        joinedOn.set(branch, [...(joinedOn.get(branch) ?? []), r.joined_on]);
      }
    }
    /** Members expected to have a talk in a period: those in the Party since before it began (a newcomer's year is not judged). */
    const expectedTalkers = (branch: number, periodStart: string) => (joinedOn.get(branch) ?? []).filter((d) => d === null || d < periodStart).length;

    const counts = new MonthlyCounts();
    const countedIds = [...new Set([...judged.map((o) => o.id), ...groups.map((g) => g.id)])];
    if (countedIds.length && windowStart <= windowEnd) {
      const rows = await queryRows<{ org_id: number; type: string; month: string; n: number }>(
        db,
        // The types by activity (LATERAL … OFFSET 0: an index lookup per activity of the chunk, never a scan of all types).
        sql`SELECT a.org_id, t.type, to_char(a.held_on, 'YYYY-MM') AS month, count(*)::integer AS n
            FROM activities a CROSS JOIN LATERAL (SELECT type FROM activity_types WHERE activity_id = a.id OFFSET 0) t
            WHERE a.org_id = ANY(${intArray(countedIds)}) AND a.status = 'completed' AND a.held_on >= ${windowStart}::date AND a.held_on <= ${windowEnd}::date
            GROUP BY 1, 2, 3`,
      );
      for (const r of rows) counts.add(r.org_id, r.type, r.month, r.n);
    }

    // 谈心谈话: per on-roster member, the talks of the member's own branch (or its groups) attended in person or online.
    const talks = new MonthlyCounts();
    /** The members of each branch with a talk in the window (the others have none, so held is 0 for the branch). */
    const talkers = new Map<number, Set<number>>();
    if (branchAndGroupIds.length && (periods.get('heart_to_heart_talk')?.length ?? 0) > 0) {
      const rows = await queryRows<{ member_id: number; member_org: number; activity_org: number; month: string; n: number }>(
        db,
        sql`WITH talk AS MATERIALIZED (
              SELECT a.id, a.org_id, a.held_on FROM activities a
              CROSS JOIN LATERAL (SELECT 1 FROM activity_types t WHERE t.activity_id = a.id AND t.type = 'heart_to_heart_talk' OFFSET 0) t
              WHERE a.org_id = ANY(${intArray(branchAndGroupIds)}) AND a.status = 'completed' AND a.held_on >= ${windowStart}::date AND a.held_on <= ${windowEnd}::date)
            SELECT m.id AS member_id, m.org_id AS member_org, talk.org_id AS activity_org, to_char(talk.held_on, 'YYYY-MM') AS month, count(DISTINCT talk.id)::integer AS n
            FROM talk
            CROSS JOIN LATERAL (SELECT aa.member_id FROM activity_attendance aa WHERE aa.activity_id = talk.id AND aa.status IN ('present', 'online') OFFSET 0) aa
            JOIN members m ON m.id = aa.member_id
            WHERE m.org_id = ANY(${intArray(branchAndGroupIds)}) AND m.status IN (${ON_ROSTER})
            GROUP BY 1, 2, 3, 4`,
      );
      for (const r of rows) {
        const branch = branchOf.get(r.member_org)!;
        if (branch !== branchOf.get(r.activity_org)) continue;
        talks.add(branch, String(r.member_id), r.month, r.n);
        talkers.set(branch, (talkers.get(branch) ?? new Set()).add(r.member_id));
      }
    }
    // 书记讲党课: 党课 in the committee's subtree given by whoever was its secretary on that day.
    const lectures = new MonthlyCounts();
    if (committees.length && (periods.get('secretary_lecture')?.length ?? 0) > 0) {
      const committeeIds = intArray(committees.map((c) => c.id));
      // Driven by the committees' subtrees (activities by org and date), not by the lecturer (no index on it).
      const rows = await queryRows<{ org_id: number; month: string; n: number }>(
        db,
        sql`WITH sub AS MATERIALIZED (
              SELECT c.id AS committee_id, ao.id AS org_id FROM orgs c JOIN orgs ao ON ao.path >= c.path AND ao.path < left(c.path, -1) || '0'
              WHERE c.id = ANY(${committeeIds}) AND EXISTS (SELECT 1 FROM committee_posts s WHERE s.org_id = c.id AND s.post = 'secretary')),
            sec AS MATERIALIZED (SELECT org_id, member_id, started_on, ended_on FROM committee_posts WHERE post = 'secretary' AND org_id = ANY(${committeeIds}))
            SELECT sub.committee_id AS org_id, to_char(a.held_on, 'YYYY-MM') AS month, count(DISTINCT a.id)::integer AS n
            FROM sub
            JOIN activities a ON a.org_id = sub.org_id AND a.held_on >= ${windowStart}::date AND a.held_on <= ${windowEnd}::date
              AND a.status = 'completed' AND a.lecturer_member_id IS NOT NULL
            JOIN sec ON sec.org_id = sub.committee_id AND sec.member_id = a.lecturer_member_id
              AND a.held_on >= sec.started_on AND (sec.ended_on IS NULL OR a.held_on <= sec.ended_on)
            JOIN activity_types t ON t.activity_id = a.id AND t.type = 'party_lecture'
            GROUP BY 1, 2`,
      );
      for (const r of rows) lectures.add(r.org_id, 'secretary_lecture', r.month, r.n);
    }

    // Judge (memoized: the same obligation, period and count give the same result on the same day).
    const memo = new Map<string, ReturnType<typeof judge>>();
    function judge(obligation: MeetingActivity, period: Period, held: number) {
      const e = meetingFrequency.evaluate({ tree, asOf: period.start, facts: { activity: obligation, applicable: true, today, held } });
      if (e.status !== 'met' && e.status !== 'unmet') return null;
      const detail = e.detail as FrequencyDetail;
      const minParam = e.basis.find((b) => b.id === `meetings.${obligation}.min_count`);
      const used = new Map<string, Resolved<unknown>>();
      for (const b of [...(minParam ? [minParam] : []), ...e.problems.map((p) => p.basis)]) used.set(b.id, b);
      const problem = e.problems[0];
      return {
        kind: detail.period,
        end: detail.periodEnd,
        light: detail.light,
        minCount: detail.minCount,
        ruleId: e.ruleId,
        code: problem?.code ?? null,
        severity: problem?.severity ?? null,
        message: problem?.message ?? null,
        basis: [...used.values()].map(toStoredBasis),
      };
    }
    const judgeOnce = (obligation: MeetingActivity, period: Period, held: number) => {
      const key = `${obligation}|${period.start}|${held}`;
      if (!memo.has(key)) memo.set(key, judge(obligation, period, held));
      return memo.get(key) ?? null;
    };

    const results: ResultRow[] = [];
    const resultsByOrg = new Map<number, JudgedObligation[]>();
    for (const org of judged) {
      const smallGroups = groupsOf.get(org.id) ?? [];
      const members = memberCount.get(org.id) ?? 0;
      const own = obligationsOf({ type: org.type, committeeMembers: committeeMembers.get(org.id) ?? 0, smallGroups: smallGroups.length, members });
      for (const obligation of own) {
        for (const period of periods.get(obligation) ?? []) {
          if (!judgedSince(org.founded_on, period)) continue;
          let held: number;
          let note = '';
          if (obligation === 'small_group_meeting') {
            held = Math.min(...smallGroups.map((g) => counts.sum(g, 'small_group_meeting', period)));
            note = `（按 ${smallGroups.length} 个党小组中召开次数最少的计）`;
          } else if (obligation === 'heart_to_heart_talk') {
            const withTalk = [...(talkers.get(org.id) ?? [])].map((m) => talks.sum(org.id, String(m), period)).filter((n) => n > 0);
            const without = Math.max(0, expectedTalkers(org.id, period.start) - withTalk.length);
            held = without > 0 || withTalk.length === 0 ? 0 : Math.min(...withTalk);
            if (without > 0) note = `（${without} 名党员尚无谈心谈话记录）`;
          } else if (obligation === 'secretary_lecture') {
            held = lectures.sum(org.id, 'secretary_lecture', period);
          } else {
            held = counts.sum(org.id, obligation, period);
          }
          const r = judgeOnce(obligation, period, held);
          if (!r) continue;
          const message = r.message === null ? null : r.light === 'green' ? r.message : `${r.message}${note}`;
          results.push({
            org_id: org.id,
            obligation,
            period_kind: r.kind,
            period_start: period.start,
            period_end: r.end,
            light: r.light,
            held,
            min_count: r.minCount,
            rule_id: r.ruleId,
            code: r.code,
            severity: r.severity,
            message,
            basis: r.basis,
            evaluated_on: today,
          });
          const list = resultsByOrg.get(org.id) ?? [];
          list.push({ obligation, periodStart: period.start, periodEnd: r.end, light: r.light, message });
          resultsByOrg.set(org.id, list);
        }
      }
    }

    // Replace the window: every period containing one of the months, for every org passed (also those no longer judged).
    const inWindow = sql.join(
      months.map((m) => sql`(period_start <= ${lastDay(m)}::date AND period_end >= ${firstDay(m)}::date)`),
      sql` OR `,
    );
    await db.execute(sql`DELETE FROM compliance_results WHERE org_id = ANY(${intArray(allIds)}) AND (${inWindow})`);
    await bulkUpsert(db, 'compliance_results', RESULT_COLUMNS, results, ['org_id', 'obligation', 'period_start'], Object.keys(RESULT_COLUMNS).filter((c) => !['org_id', 'obligation', 'period_start'].includes(c)));
    summary.results = results.length;

    // Lights of the branches, for the months asked about (none before the founding month).
    const lights: { org_id: number; month: string; light: Light; reasons: unknown; evaluated_on: string }[] = [];
    for (const org of branches) {
      for (const month of lightMonths) {
        if (org.founded_on !== null && monthOf(org.founded_on) > month) continue;
        const l = monthLight(resultsByOrg.get(org.id) ?? [], month);
        lights.push({ org_id: org.id, month: firstDay(month), light: l.light, reasons: l.reasons, evaluated_on: today });
      }
    }
    if (lightMonths.length > 0) {
      await db.execute(sql`DELETE FROM branch_lights WHERE org_id = ANY(${intArray(allIds)}) AND month IN (${sql.join(lightMonths.map((m) => sql`${firstDay(m)}::date`), sql`, `)})`);
      await bulkUpsert(db, 'branch_lights', { org_id: 'integer', month: 'date', light: 'text', reasons: 'jsonb', evaluated_on: 'date' }, lights, ['org_id', 'month'], ['light', 'reasons', 'evaluated_on']);
    }
    summary.lights = lights.length;

    summary.absences = await evaluateAbsence(db, allIds, branchAndGroupIds, today);
    return summary;
  }

  /**
   * 连续六个月不参加组织生活 (meetings.absence): for each on-roster member of the branches, the months back from the
   * latest one in which the member was recorded only as 缺席 at the completed activities of the own branch (or its
   * groups). A month with 出席, 线上参加 or 请假 ends the streak; a month without a record for the member neither
   * counts nor ends it. Counted over the last ABSENCE_LOOKBACK_MONTHS months.
   */
  async function evaluateAbsence(db: Db, orgIds: number[], branchAndGroupIds: number[], today: string): Promise<number> {
    await db.execute(sql`DELETE FROM member_absence_findings WHERE org_id = ANY(${intArray(orgIds)})`);
    const threshold = resolveParameter<number>(tree, 'meetings.absence.warning_months', today)?.value;
    if (branchAndGroupIds.length === 0 || threshold === undefined) return 0;
    const from = addMonths(firstDay(today), -(ABSENCE_LOOKBACK_MONTHS - 1));
    const ids = intArray(branchAndGroupIds);
    // Per member and month: recorded only as 缺席? Then the months after the member's last month with another record.
    const rows = await queryRows<{ member_id: number; name: string; branch_id: number; months: number; since: string }>(
      db,
      sql`WITH o AS MATERIALIZED (SELECT o.id, CASE WHEN o.type = 'party_small_group' THEN o.parent_id ELSE o.id END AS branch_id FROM orgs o WHERE o.id = ANY(${ids})),
          months AS (
            SELECT m.id AS member_id, m.name, mo.branch_id, date_trunc('month', a.held_on)::date AS month, bool_and(aa.status = 'absent') AS all_absent
            FROM members m
            JOIN o mo ON mo.id = m.org_id
            JOIN activity_attendance aa ON aa.member_id = m.id
            JOIN activities a ON a.id = aa.activity_id AND a.status = 'completed' AND a.held_on >= ${from}::date AND a.held_on <= ${today}::date
            JOIN o ao ON ao.id = a.org_id AND ao.branch_id = mo.branch_id
            WHERE m.org_id = ANY(${ids}) AND m.status IN (${ON_ROSTER})
            GROUP BY 1, 2, 3, 4),
          marked AS (SELECT *, max(month) FILTER (WHERE NOT all_absent) OVER (PARTITION BY member_id) AS last_break FROM months)
          SELECT member_id, name, branch_id, count(*)::integer AS months, min(month)::text AS since
          FROM marked WHERE last_break IS NULL OR month > last_break
          GROUP BY 1, 2, 3 HAVING count(*) >= ${threshold}`,
    );
    const findings = rows.flatMap((r) => {
      const e = meetingAbsence.evaluate({ tree, asOf: today, facts: { memberName: r.name, consecutiveMonthsAbsentWithoutReason: r.months } });
      const p = e.problems[0];
      if (e.status !== 'unmet' || !p) return [];
      return [{ member_id: r.member_id, org_id: r.branch_id, consecutive_months: r.months, since_month: r.since, rule_id: e.ruleId, code: p.code, severity: p.severity ?? 'advice', message: p.message, basis: [toStoredBasis(p.basis)], evaluated_on: today }];
    });
    await bulkUpsert(
      db,
      'member_absence_findings',
      { member_id: 'integer', org_id: 'integer', consecutive_months: 'integer', since_month: 'date', rule_id: 'text', code: 'text', severity: 'text', message: 'text', basis: 'jsonb', evaluated_on: 'date' },
      findings,
      ['member_id'],
      ['org_id', 'consecutive_months', 'since_month', 'rule_id', 'code', 'severity', 'message', 'basis', 'evaluated_on'],
    );
    return findings.length;
  }

  const currentMonth = () => monthOf(shanghaiDate(clock()));

  return {
    evaluateOrgs,

    /**
     * Re-evaluates after a write of activities of `orgId` on `dates`: the org itself (a 党小组's branch instead, as
     * its meetings count there), the 党委 / 机关党委 above it (their secretary's 党课), for the periods containing the
     * dates, then the lights of the months in which those periods end (up to the current month).
     */
    async reevaluate(db: Db, orgId: number, dates: readonly string[]): Promise<void> {
      const today = shanghaiDate(clock());
      const current = monthOf(today);
      const months = [...new Set(dates.filter((d) => /^\d{4}-\d{2}/.test(d)).map((d) => (monthOf(d) > current ? current : monthOf(d))))];
      if (months.length === 0) return;
      const [self] = await queryRows<OrgRecord>(db, sql`SELECT ${ORG_COLUMNS} FROM orgs o WHERE o.id = ${orgId}`);
      if (!self) return;
      const line = await queryRows<OrgRecord>(db, sql`SELECT ${ORG_COLUMNS} FROM orgs o WHERE o.id = ANY(${intArray(pathIds(self.path))})`);
      const targets = line.filter(
        (o) =>
          o.id === self.id ||
          (self.type === 'party_small_group' && o.id === self.parent_id) ||
          (o.status === 'active' && isPrimaryCommittee(o.type)),
      );
      const lightMonths = new Set<string>();
      for (const obligation of MEETING_ACTIVITY_IDS) {
        for (const month of months) {
          const p = periodContaining(tree, obligation, firstDay(month));
          if (p && monthOf(p.end) <= current) lightMonths.add(monthOf(p.end));
        }
      }
      await evaluateOrgs(db, targets, [...new Set([...months, ...lightMonths])].sort(), [...lightMonths].sort(), today);
    },

    /**
     * Evaluates every org (or the subtree of `orgId`) for `months` ('YYYY-MM'; months after the current one are
     * skipped): id-ordered chunks, each in its own transaction with grouped counts and bulk upserts.
     */
    async evaluateAll(db: Db, options: { months: readonly string[]; orgId?: number; chunkSize?: number; onProgress?: (done: number) => void }) {
      const today = shanghaiDate(clock());
      const months = [...new Set(options.months.filter((m) => m <= monthOf(today)))].sort();
      const chunkSize = options.chunkSize ?? 500;
      let range = sql`true`;
      if (options.orgId !== undefined) {
        const [root] = await queryRows<{ path: string }>(db, sql`SELECT path FROM orgs WHERE id = ${options.orgId}`);
        if (!root) return { orgs: 0, results: 0, lights: 0, absences: 0 };
        const { lo, hi } = subtreeRange(root.path);
        range = sql`o.path >= ${lo} AND o.path < ${hi}`;
      }
      const total: EvaluationSummary = { orgs: 0, results: 0, lights: 0, absences: 0 };
      let after = 0;
      for (;;) {
        const chunk = await queryRows<OrgRecord>(db, sql`SELECT ${ORG_COLUMNS} FROM orgs o WHERE o.id > ${after} AND ${range} ORDER BY o.id LIMIT ${chunkSize}`);
        if (chunk.length === 0) break;
        const s = await db.transaction((tx) => evaluateOrgs(tx, chunk, months, months, today));
        total.orgs += s.orgs;
        total.results += s.results;
        total.lights += s.lights;
        total.absences += s.absences;
        after = chunk[chunk.length - 1]!.id;
        options.onProgress?.(total.orgs);
      }
      return total;
    },

    currentMonth,
  };
}

export type ComplianceEvaluator = ReturnType<typeof createComplianceEvaluator>;
