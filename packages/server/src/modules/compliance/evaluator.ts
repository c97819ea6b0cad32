// The compliance evaluation (合规评价): counts the completed activities of a set of organizations with a few grouped
// queries, judges every obligation for every period containing the months asked about with rule meetings.frequency
// (parameters resolved on the period's first day), stores the results with their basis (compliance_results),
// derives the monthly branch lights (branch_lights) and the six-month absence findings (member_absence_findings).
// Used per write (reevaluate, inside the activity's transaction) and in batches (evaluateAll: chunks of orgs in path
// order, two in flight at once).
import { addMonths, meetingAbsence, meetingFrequency, MEETING_ACTIVITY_IDS, resolveParameter, type FrequencyDetail, type MeetingActivity, type ParameterTree, type Resolved } from '@dangjian/regulations';
import { sql } from 'drizzle-orm';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { pathIds, subtreeRange } from '../../platform/scope.js';
import type { Light } from '../meetings/activity-types.js';
import { ON_ROSTER_SQL } from '../members/members.schemas.js';
import { firstDay, hasLight, isPrimaryCommittee, JUDGED_ORG_TYPES, judgedSince, lastDay, monthLight, monthOf, obligationsOf, periodContaining, type JudgedObligation, type Period } from './lights.js';
import { intArray, replaceSharedRows, withoutJit } from './sql-helpers.js';

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
  status: string;
  founded_on: string | null;
}

const ORG_COLUMNS = sql`o.id, o.parent_id, o.type, o.path, o.status, o.founded_on::text AS founded_on`;
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

/** Counts per id (an org's, or a member's), per key, per month ('YYYY-MM'). */
class MonthlyCounts {
  private readonly map = new Map<number, Map<string, Map<string, number>>>();
  add(id: number, key: string, month: string, n: number) {
    let keys = this.map.get(id);
    if (!keys) this.map.set(id, (keys = new Map()));
    let months = keys.get(key);
    if (!months) keys.set(key, (months = new Map()));
    months.set(month, (months.get(month) ?? 0) + n);
  }
  sum(id: number, key: string, period: Period): number {
    const months = this.map.get(id)?.get(key);
    if (!months) return 0;
    const [from, to] = [monthOf(period.start), monthOf(period.end)];
    let total = 0;
    for (const [month, n] of months) if (month >= from && month <= to) total += n;
    return total;
  }
}

/** The periods judged for some months: per obligation, the periods containing one of them, and the dates they span. */
interface EvaluationWindow {
  periods: Map<MeetingActivity, Period[]>;
  start: string;
  end: string;
}

/** What judging a set of orgs needs from the database (readFacts). */
interface Facts {
  judged: OrgRecord[];
  /** Active 党小组 of each judged branch. */
  groupsOf: Map<number, number[]>;
  committeeMembers: Map<number, number>;
  memberCount: Map<number, number>;
  /** When each branch's on-roster members joined (null: unknown), for the yearly 谈心谈话. */
  joinedOn: Map<number, (string | null)[]>;
  counts: MonthlyCounts;
  /** 谈心谈话 per member (at its own branch), and the members of each branch with one in the window (the others have none). */
  talks: MonthlyCounts;
  talkers: Map<number, Set<number>>;
  lectures: MonthlyCounts;
  absences: AbsenceStreak[];
}

/** A member's months in a row recorded only as 缺席 (see readAbsences), `since` the first day of the first one. */
type AbsenceStreak = { memberId: number; name: string; branchId: number; months: number; since: string };

/** The columns of a stored result that many orgs share (the verdict of an obligation, period and count). */
const VERDICT_COLUMNS = {
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
type Verdict = Omit<ResultRow, 'org_id'>;
const LIGHT_COLUMNS = { month: 'date', light: 'text', reasons: 'jsonb', evaluated_on: 'date' };
type LightValues = { month: string; light: Light; reasons: unknown; evaluated_on: string };
const FINDING_COLUMNS = { consecutive_months: 'integer', since_month: 'date', rule_id: 'text', code: 'text', severity: 'text', message: 'text', basis: 'jsonb', evaluated_on: 'date' };

/** Rows to store (`own` columns of each row, the others shared by rows with the same key): see replaceSharedRows. */
class SharedRows<Own extends Record<string, number>, Shared> {
  readonly rows: (Own & { shared_index: number })[] = [];
  readonly shared: Shared[] = [];
  private readonly index = new Map<string, number>();
  add(own: Own, key: string, values: () => Shared) {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.shared.push(values()) - 1;
      this.index.set(key, i);
    }
    this.rows.push({ ...own, shared_index: i });
  }
}

export interface EvaluationSummary {
  orgs: number;
  results: number;
  lights: number;
  absences: number;
}

export function createComplianceEvaluator({ clock, regulations: tree }: { clock: Clock; regulations: ParameterTree }) {
  function windowOf(months: readonly string[], today: string): EvaluationWindow {
    const periods = new Map<MeetingActivity, Period[]>();
    let start = '9999-12-31';
    let end = '0000-01-01';
    for (const obligation of MEETING_ACTIVITY_IDS) {
      const found = new Map<string, Period>();
      for (const month of months) {
        const p = periodContaining(tree, obligation, firstDay(month));
        if (p && p.start <= today) found.set(p.start, p);
      }
      periods.set(obligation, [...found.values()]);
      for (const p of found.values()) {
        if (p.start < start) start = p.start;
        if (p.end > end) end = p.end;
      }
    }
    return { periods, start, end };
  }

  /**
   * Reads the facts about `orgs` for `window`. Each query is driven by the chunk's ids (`unnest`, then an index
   * lookup per id: LATERAL … OFFSET 0): a long `= ANY(…)` list is costed as thousands of index descents, so that the
   * planner would rather scan the whole table, once per chunk (a batch quadratic in the size of the tree).
   */
  async function readFacts(db: Db, orgs: readonly OrgRecord[], window: EvaluationWindow, today: string): Promise<Facts> {
    const judged = orgs.filter((o) => o.status === 'active' && (JUDGED_ORG_TYPES as readonly string[]).includes(o.type));
    const branchIds = judged.filter((o) => hasLight(o.type)).map((o) => o.id);
    const committees = judged.filter((o) => isPrimaryCommittee(o.type));
    const facts: Facts = {
      judged,
      groupsOf: new Map(),
      committeeMembers: new Map(),
      memberCount: new Map(),
      joinedOn: new Map(),
      counts: new MonthlyCounts(),
      talks: new MonthlyCounts(),
      talkers: new Map(),
      lectures: new MonthlyCounts(),
      absences: [],
    };
    const { start, end, periods } = window;

    const groups = branchIds.length
      ? await queryRows<{ id: number; parent_id: number }>(
          db,
          sql`SELECT g.id, g.parent_id FROM unnest(${intArray(branchIds)}) AS b(id)
              CROSS JOIN LATERAL (SELECT id, parent_id FROM orgs WHERE parent_id = b.id AND type = 'party_small_group' AND status = 'active' OFFSET 0) g`,
        )
      : [];
    for (const g of groups) {
      const list = facts.groupsOf.get(g.parent_id);
      if (list) list.push(g.id);
      else facts.groupsOf.set(g.parent_id, [g.id]);
    }
    /** The branch of each branch and group of the chunk (a group's meetings and members count for its branch). */
    const branchOf = new Map<number, number>([...branchIds.map((id) => [id, id] as const), ...groups.map((g) => [g.id, g.parent_id] as const)]);
    const branchAndGroupIds = [...branchOf.keys()];
    if (branchIds.length) {
      const rows = await queryRows<{ org_id: number; n: number }>(
        db,
        sql`SELECT b.id AS org_id, c.n FROM unnest(${intArray(branchIds)}) AS b(id)
            CROSS JOIN LATERAL (SELECT count(DISTINCT member_id)::integer AS n FROM committee_posts WHERE org_id = b.id AND ended_on IS NULL) c`,
      );
      for (const r of rows) facts.committeeMembers.set(r.org_id, r.n);
    }
    /**
     * The org of each on-roster member of the branches and groups, and those who may be absent for the months of
     * meetings.absence in a row: each such month has a 缺席, so only members with that many 缺席 at all.
     */
    const memberOrg = new Map<number, number>();
    const maybeAbsent: number[] = [];
    const absenceMonths = resolveParameter<number>(tree, 'meetings.absence.warning_months', today)?.value;
    if (branchAndGroupIds.length) {
      const rows = await queryRows<{ id: number; org_id: number; joined_on: string | null; absent: number }>(
        db,
        sql`SELECT m.id, m.org_id, m.joined_on::text AS joined_on,
              (SELECT count(*) FROM activity_attendance aa WHERE aa.member_id = m.id AND aa.status = 'absent')::integer AS absent
            FROM unnest(${intArray(branchAndGroupIds)}) AS o(id)
            CROSS JOIN LATERAL (SELECT id, org_id, joined_on FROM members WHERE org_id = o.id AND status IN ${ON_ROSTER_SQL} OFFSET 0) m`,
      );
      for (const r of rows) {
        const branch = branchOf.get(r.org_id)!;
        memberOrg.set(r.id, r.org_id);
        if (absenceMonths !== undefined && r.absent >= absenceMonths) maybeAbsent.push(r.id);
        facts.memberCount.set(branch, (facts.memberCount.get(branch) ?? 0) + 1);
        const joined = facts.joinedOn.get(branch);
        if (joined) joined.push(r.joined_on);
        else facts.joinedOn.set(branch, [r.joined_on]);
      }
    }

    // Completed activities per org, type and month; each 谈心谈话 apart (its id), to count who attended it.
    const talkActivities = new Map<number, { org: number; month: string }>();
    const countedIds = [...new Set([...judged.map((o) => o.id), ...groups.map((g) => g.id)])];
    if (countedIds.length && start <= end) {
      const rows = await queryRows<{ org_id: number; type: string; month: string; n: number; talk: number | null }>(
        db,
        sql`SELECT a.org_id, t.type, to_char(a.held_on, 'YYYY-MM') AS month, count(*)::integer AS n,
              CASE WHEN t.type = 'heart_to_heart_talk' THEN a.id END AS talk
            FROM unnest(${intArray(countedIds)}) AS o(id)
            CROSS JOIN LATERAL (SELECT id, org_id, held_on FROM activities WHERE org_id = o.id AND status = 'completed' AND held_on >= ${start}::date AND held_on <= ${end}::date OFFSET 0) a
            CROSS JOIN LATERAL (SELECT type FROM activity_types WHERE activity_id = a.id OFFSET 0) t
            GROUP BY 1, 2, 3, 5`,
      );
      for (const r of rows) {
        facts.counts.add(r.org_id, r.type, r.month, r.n);
        if (r.talk !== null && branchOf.has(r.org_id)) talkActivities.set(r.talk, { org: r.org_id, month: r.month });
      }
    }

    // 谈心谈话: per on-roster member, the talks of the member's own branch (or its groups) attended in person or online.
    if (talkActivities.size > 0 && (periods.get('heart_to_heart_talk')?.length ?? 0) > 0) {
      const rows = await queryRows<{ activity_id: number; member_id: number }>(
        db,
        sql`SELECT aa.activity_id, aa.member_id FROM unnest(${intArray([...talkActivities.keys()])}) AS t(id)
            CROSS JOIN LATERAL (SELECT activity_id, member_id FROM activity_attendance WHERE activity_id = t.id AND status IN ('present', 'online') OFFSET 0) aa`,
      );
      for (const r of rows) {
        const talk = talkActivities.get(r.activity_id)!;
        const memberOrgId = memberOrg.get(r.member_id);
        const branch = memberOrgId === undefined ? undefined : branchOf.get(memberOrgId);
        if (branch === undefined || branch !== branchOf.get(talk.org)) continue;
        facts.talks.add(r.member_id, 'heart_to_heart_talk', talk.month, 1);
        facts.talkers.set(branch, (facts.talkers.get(branch) ?? new Set()).add(r.member_id));
      }
    }
    // 书记讲党课: 党课 in the committee's subtree given by whoever was its secretary on that day (found by lecturer).
    if (committees.length && (periods.get('secretary_lecture')?.length ?? 0) > 0) {
      const rows = await queryRows<{ org_id: number; month: string; n: number }>(
        db,
        sql`SELECT c.id AS org_id, to_char(a.held_on, 'YYYY-MM') AS month, count(DISTINCT a.id)::integer AS n
            FROM unnest(${intArray(committees.map((c) => c.id))}) AS c(id)
            CROSS JOIN LATERAL (SELECT member_id, started_on, ended_on FROM committee_posts WHERE org_id = c.id AND post = 'secretary' OFFSET 0) sec
            CROSS JOIN LATERAL (
              SELECT id, org_id, held_on FROM activities
              WHERE lecturer_member_id = sec.member_id AND held_on >= ${start}::date AND held_on <= ${end}::date AND status = 'completed'
                AND held_on >= sec.started_on AND (sec.ended_on IS NULL OR held_on <= sec.ended_on) OFFSET 0) a
            JOIN orgs co ON co.id = c.id
            JOIN orgs ao ON ao.id = a.org_id AND ao.path >= co.path AND ao.path < left(co.path, -1) || '0'
            JOIN activity_types t ON t.activity_id = a.id AND t.type = 'party_lecture'
            GROUP BY 1, 2`,
      );
      for (const r of rows) facts.lectures.add(r.org_id, 'secretary_lecture', r.month, r.n);
    }
    if (absenceMonths !== undefined) facts.absences = await readAbsences(db, maybeAbsent, absenceMonths, memberOrg, branchOf, today);
    return facts;
  }

  /**
   * 连续六个月不参加组织生活 (meetings.absence): for each on-roster member of the branches, the months back from the
   * latest one in which the member was recorded only as 缺席 at the completed activities of the own branch (or its
   * groups). A month with 出席, 线上参加 or 请假 ends the streak; a month without a record for the member neither
   * counts nor ends it. Counted over the last ABSENCE_LOOKBACK_MONTHS months; only streaks of `threshold` months or
   * more, of the members `candidates` (the others cannot have one). `memberOrg`: the org of each member judged;
   * `branchOf`: the branch of each of their orgs.
   */
  async function readAbsences(db: Db, candidates: readonly number[], threshold: number, memberOrg: ReadonlyMap<number, number>, branchOf: ReadonlyMap<number, number>, today: string): Promise<AbsenceStreak[]> {
    if (candidates.length === 0) return [];
    const from = addMonths(firstDay(today), -(ABSENCE_LOOKBACK_MONTHS - 1));
    const rows = await queryRows<{ member_id: number; org_id: number; month: string; absent: boolean }>(
      db,
      sql`SELECT x.id AS member_id, a.org_id, to_char(a.held_on, 'YYYY-MM') AS month, aa.status = 'absent' AS absent
          FROM unnest(${intArray(candidates)}) AS x(id)
          CROSS JOIN LATERAL (SELECT activity_id, status FROM activity_attendance WHERE member_id = x.id OFFSET 0) aa
          CROSS JOIN LATERAL (SELECT org_id, held_on FROM activities WHERE id = aa.activity_id AND status = 'completed' AND held_on >= ${from}::date AND held_on <= ${today}::date OFFSET 0) a`,
    );
    /** Per member, per month with a record at its own branch: was every record 缺席? */
    const allAbsent = new Map<number, Map<string, boolean>>();
    for (const r of rows) {
      if (branchOf.get(r.org_id) !== branchOf.get(memberOrg.get(r.member_id)!)) continue;
      const months = allAbsent.get(r.member_id) ?? new Map<string, boolean>();
      months.set(r.month, (months.get(r.month) ?? true) && r.absent);
      allAbsent.set(r.member_id, months);
    }
    const streaks = new Map<number, { months: number; since: string }>();
    for (const [memberId, months] of allAbsent) {
      const lastBreak = [...months].reduce((last, [month, absent]) => (!absent && month > last ? month : last), '');
      const streak = [...months.keys()].filter((m) => m > lastBreak).sort();
      if (streak.length >= threshold) streaks.set(memberId, { months: streak.length, since: firstDay(streak[0]!) });
    }
    if (streaks.size === 0) return [];
    const names = await queryRows<{ id: number; name: string }>(db, sql`SELECT id, name FROM members WHERE id = ANY(${intArray([...streaks.keys()])})`);
    return names.map(({ id, name }) => ({ memberId: id, name, branchId: branchOf.get(memberOrg.get(id)!)!, ...streaks.get(id)! }));
  }

  /** Judges every obligation of the judged orgs, and lights the branches for `lightMonths`. Pure (no database). */
  function judgeFacts(facts: Facts, window: EvaluationWindow, lightMonths: readonly string[], today: string) {
    const { groupsOf, committeeMembers, memberCount, joinedOn, counts, talks, talkers, lectures } = facts;
    /** Members expected to have a talk in a period: those in the Party since before it began (a newcomer's year is not judged). */
    const expectedTalkers = (branch: number, periodStart: string) => (joinedOn.get(branch) ?? []).filter((d) => d === null || d < periodStart).length;

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

    const results = new SharedRows<{ org_id: number }, Verdict>();
    const resultsByOrg = new Map<number, JudgedObligation[]>();
    for (const org of facts.judged) {
      const smallGroups = groupsOf.get(org.id) ?? [];
      const members = memberCount.get(org.id) ?? 0;
      const own = obligationsOf({ type: org.type, committeeMembers: committeeMembers.get(org.id) ?? 0, smallGroups: smallGroups.length, members });
      for (const obligation of own) {
        for (const period of window.periods.get(obligation) ?? []) {
          if (!judgedSince(org.founded_on, period)) continue;
          let held: number;
          let note = '';
          if (obligation === 'small_group_meeting') {
            held = Math.min(...smallGroups.map((g) => counts.sum(g, 'small_group_meeting', period)));
            note = `（按 ${smallGroups.length} 个党小组中召开次数最少的计）`;
          } else if (obligation === 'heart_to_heart_talk') {
            const withTalk = [...(talkers.get(org.id) ?? [])].map((m) => talks.sum(m, 'heart_to_heart_talk', period)).filter((n) => n > 0);
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
          results.add({ org_id: org.id }, `${obligation}|${period.start}|${held}|${message}`, () => ({
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
          }));
          const list = resultsByOrg.get(org.id) ?? [];
          list.push({ obligation, periodStart: period.start, periodEnd: r.end, light: r.light, message });
          resultsByOrg.set(org.id, list);
        }
      }
    }

    // Lights of the branches, for the months asked about (none before the founding month).
    const lights = new SharedRows<{ org_id: number }, LightValues>();
    for (const org of facts.judged) {
      if (!hasLight(org.type)) continue;
      for (const month of lightMonths) {
        if (org.founded_on !== null && monthOf(org.founded_on) > month) continue;
        const l = monthLight(resultsByOrg.get(org.id) ?? [], month);
        lights.add({ org_id: org.id }, `${month}|${l.light}|${JSON.stringify(l.reasons)}`, () => ({ month: firstDay(month), light: l.light, reasons: l.reasons, evaluated_on: today }));
      }
    }

    const findings = new SharedRows<{ member_id: number; org_id: number }, Record<keyof typeof FINDING_COLUMNS, unknown>>();
    for (const r of facts.absences) {
      const e = meetingAbsence.evaluate({ tree, asOf: today, facts: { memberName: r.name, consecutiveMonthsAbsentWithoutReason: r.months } });
      const p = e.problems[0];
      if (e.status !== 'unmet' || !p) continue;
      findings.add({ member_id: r.memberId, org_id: r.branchId }, String(r.memberId), () => ({
        consecutive_months: r.months,
        since_month: r.since,
        rule_id: e.ruleId,
        code: p.code,
        severity: p.severity ?? 'advice',
        message: p.message,
        basis: [toStoredBasis(p.basis)],
        evaluated_on: today,
      }));
    }
    return { results, lights, findings };
  }

  /**
   * Judges `orgs` for every period containing one of `months` ('YYYY-MM', none after today's month) and lights the
   * branches for `lightMonths` (each must be among `months`; both in order). Replaces the stored results, lights and
   * absence findings of those orgs in that window. Call inside a transaction.
   */
  async function evaluateOrgs(db: Db, orgs: readonly OrgRecord[], months: readonly string[], lightMonths: readonly string[], today: string): Promise<EvaluationSummary> {
    if (orgs.length === 0 || months.length === 0) return { orgs: orgs.length, results: 0, lights: 0, absences: 0 };
    const window = windowOf(months, today);
    const { results, lights, findings } = judgeFacts(await readFacts(db, orgs, window, today), window, lightMonths, today);
    const orgIds = orgs.map((o) => o.id);

    // Replace the window: every period containing one of the months, for every org passed (also those no longer judged).
    // A period is at most a year long (period_kind): the first condition lets the index pass over older ones unread.
    const containing = sql.join(
      months.map((m) => sql`(period_start <= ${lastDay(m)}::date AND period_end >= ${firstDay(m)}::date)`),
      sql` OR `,
    );
    const inWindow = sql`period_start > ${addMonths(firstDay(months[0]!), -12)}::date AND (${containing})`;
    await replaceSharedRows(db, 'compliance_results', { own: { org_id: 'integer' }, shared: VERDICT_COLUMNS }, results.rows, results.shared, ['org_id', 'obligation', 'period_start'], { orgIds, where: inWindow });
    if (lightMonths.length > 0) {
      const inMonths = sql`month IN (${sql.join(lightMonths.map((m) => sql`${firstDay(m)}::date`), sql`, `)})`;
      await replaceSharedRows(db, 'branch_lights', { own: { org_id: 'integer' }, shared: LIGHT_COLUMNS }, lights.rows, lights.shared, ['org_id', 'month'], { orgIds, where: inMonths });
    }
    await replaceSharedRows(db, 'member_absence_findings', { own: { member_id: 'integer', org_id: 'integer' }, shared: FINDING_COLUMNS }, findings.rows, findings.shared, ['member_id'], { orgIds });
    return { orgs: orgs.length, results: results.rows.length, lights: lights.rows.length, absences: findings.rows.length };
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
     * skipped): chunks of orgs in path order (keyset), each judged and stored in its own transaction. `concurrency`
     * chunks are in flight at once (default 2), so that PostgreSQL works on one while node judges another, and on
     * two cores, both are busy.
     */
    async evaluateAll(db: Db, options: { months: readonly string[]; orgId?: number; chunkSize?: number; concurrency?: number; onProgress?: (done: number) => void }) {
      const today = shanghaiDate(clock());
      const months = [...new Set(options.months.filter((m) => m <= monthOf(today)))].sort();
      const chunkSize = options.chunkSize ?? 2000;
      let range = { lo: '', hi: null as string | null };
      if (options.orgId !== undefined) {
        const [root] = await queryRows<{ path: string }>(db, sql`SELECT path FROM orgs WHERE id = ${options.orgId}`);
        if (!root) return { orgs: 0, results: 0, lights: 0, absences: 0 };
        range = subtreeRange(root.path);
      }
      const below = range.hi === null ? sql`true` : sql`o.path < ${range.hi}`;

      // The chunks are read one after the other, each starting after the last path of the previous one.
      let after: string | null = null;
      let reading: Promise<unknown> = Promise.resolve();
      let failed = false;
      const nextChunk = () => {
        const chunk = reading.then(async () => {
          if (failed) return [];
          const from = after === null ? sql`o.path >= ${range.lo}` : sql`o.path > ${after}`;
          const rows = await queryRows<OrgRecord>(db, sql`SELECT ${ORG_COLUMNS} FROM orgs o WHERE ${from} AND ${below} ORDER BY o.path LIMIT ${chunkSize}`);
          if (rows.length > 0) after = rows[rows.length - 1]!.path;
          return rows;
        });
        reading = chunk.catch(() => undefined);
        return chunk;
      };

      const total: EvaluationSummary = { orgs: 0, results: 0, lights: 0, absences: 0 };
      const worker = async () => {
        try {
          for (let chunk = await nextChunk(); chunk.length > 0; chunk = await nextChunk()) {
            const s = await db.transaction(async (tx) => {
              await withoutJit(tx);
              return evaluateOrgs(tx, chunk, months, months, today);
            });
            total.orgs += s.orgs;
            total.results += s.results;
            total.lights += s.lights;
            total.absences += s.absences;
            options.onProgress?.(total.orgs);
          }
        } catch (error) {
          failed = true;
          throw error;
        }
      };
      // Every worker is awaited before a failure is reported (none is left writing after the caller moves on).
      const outcomes = await Promise.allSettled(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
      const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failure) throw failure.reason;
      return total;
    },

    currentMonth,
  };
}

export type ComplianceEvaluator = ReturnType<typeof createComplianceEvaluator>;
