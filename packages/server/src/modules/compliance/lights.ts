// Pure helpers of the compliance evaluation (合规评价): which obligations an organization is judged for, the
// calendar period of an obligation that contains a date, and the monthly light of a branch (支部亮灯).
// No database and no clock here; compliance.service.ts feeds them. Tested in lights.test.ts.
import { addMonths, BRANCH_LIKE, MEETING_ACTIVITIES, periodBounds, periodOf, PRIMARY_COMMITTEES, resolveParameter, type MeetingActivity, type OrgType, type ParameterTree, type PeriodKind } from '@dangjian/regulations';
import type { Light } from '../meetings/activity-types.js';

/** What decides an organization's obligations: its type and the bodies it has. */
export interface OrgFacts {
  type: string;
  /** Distinct members holding a current committee post (committee_posts, ended_on IS NULL). */
  committeeMembers: number;
  /** Active 党小组 directly under it. */
  smallGroups: number;
  /** On-roster members of the org and its small groups. */
  members: number;
}

const isBranchLike = (type: string) => (BRANCH_LIKE as readonly string[]).includes(type);
export const isPrimaryCommittee = (type: string) => (PRIMARY_COMMITTEES as readonly string[]).includes(type);

/** A 支委会 exists when at least two members hold current committee posts (a lone secretary is not a committee). */
export const MIN_COMMITTEE_MEMBERS = 2;

/**
 * The obligations (rule meetings.frequency activities) an organization is judged for, in catalogue order:
 * - 党支部 (branch, joint, temporary): 党员大会, 支委会 (only with a 支委会, i.e. ≥ 2 current committee members),
 *   党小组会 (only with active 党小组; held is the minimum over the groups), 党课, 主题党日, 组织生活会, 民主评议党员,
 *   谈心谈话 (only with members; held is the minimum over the on-roster members);
 * - 党总支: 党员大会, 支委会 (总支委员会会议), 党课, 组织生活会;
 * - 党委 / 机关党委: the secretary's yearly 党课 (书记讲党课);
 * - 工委 and 党小组: nothing of their own (a 党小组会 counts for its branch).
 */
export function obligationsOf(org: OrgFacts): MeetingActivity[] {
  if (isBranchLike(org.type)) {
    return [
      'members_meeting',
      ...(org.committeeMembers >= MIN_COMMITTEE_MEMBERS ? (['committee_meeting'] as const) : []),
      ...(org.smallGroups > 0 ? (['small_group_meeting'] as const) : []),
      'party_lecture',
      'theme_day',
      'org_life_meeting',
      'democratic_review',
      ...(org.members > 0 ? (['heart_to_heart_talk'] as const) : []),
    ];
  }
  if (org.type === 'general_branch') return ['members_meeting', 'committee_meeting', 'party_lecture', 'org_life_meeting'];
  if (isPrimaryCommittee(org.type)) return ['secretary_lecture'];
  return [];
}

/** Org types with obligations of their own (the orgs evaluated and given a 月提示). */
export const JUDGED_ORG_TYPES: readonly OrgType[] = [...BRANCH_LIKE, 'general_branch', ...PRIMARY_COMMITTEES];
export function hasLight(type: string): boolean {
  return isBranchLike(type);
}

export function obligationLabel(obligation: string): string {
  return (MEETING_ACTIVITIES as Record<string, { name: string }>)[obligation]?.name ?? obligation;
}

export interface Period {
  kind: PeriodKind;
  /** First and last day (inclusive). */
  start: string;
  end: string;
}

function kindOn(tree: ParameterTree, obligation: MeetingActivity, date: string): PeriodKind | undefined {
  return resolveParameter<PeriodKind>(tree, `meetings.${obligation}.period`, date)?.value;
}

/**
 * The period of an obligation that contains `date`. Its kind (month, quarter, year) is a parameter judged on the
 * period's first day, so it is found in two steps: the kind in force on `date` gives a candidate period, whose first
 * day confirms the kind (when the kind changed inside the candidate, the kind in force on that first day wins).
 * Null before any frequency rule was in force.
 */
export function periodContaining(tree: ParameterTree, obligation: MeetingActivity, date: string): Period | null {
  let kind = kindOn(tree, obligation, date);
  for (let attempt = 0; attempt < 2 && kind; attempt++) {
    const bounds = periodBounds(periodOf(date, kind));
    const kindAtStart = kindOn(tree, obligation, bounds.start);
    if (kindAtStart === kind) return { kind, start: bounds.start, end: bounds.end };
    kind = kindAtStart;
  }
  return null;
}

/** 'YYYY-MM' of a date. */
export const monthOf = (date: string) => date.slice(0, 7);
/** First day of a month given as 'YYYY-MM' or a date. */
export const firstDay = (month: string) => `${month.slice(0, 7)}-01`;
/** Last day of a month given as 'YYYY-MM' or a date. */
export const lastDay = (month: string) => periodBounds(month.slice(0, 7)).end;

/** The months ('YYYY-MM') of a date range, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = firstDay(from); m <= to; m = addMonths(m, 1)) months.push(monthOf(m));
  return months;
}

/** The `count` months ending with `month` ('YYYY-MM'), oldest first. */
export function lastMonths(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => monthOf(addMonths(firstDay(month), i - count + 1)));
}

/**
 * An org is judged for a period only when it existed from the period's first month: a branch founded on
 * 20 March is judged for March (and later months), but not for the first quarter or for that year's yearly
 * obligations. Orgs without a founding date are judged for every period.
 */
export function judgedSince(foundedOn: string | null, period: Pick<Period, 'start'>): boolean {
  return foundedOn === null || foundedOn <= lastDay(period.start);
}

/** One judged obligation, as the monthly light needs it. */
export interface JudgedObligation {
  obligation: string;
  periodStart: string;
  periodEnd: string;
  light: Light;
  message: string | null;
}

export interface MonthLightResult {
  light: Light;
  /** The obligations that made the month yellow or red. */
  reasons: { obligation: string; obligationLabel: string; periodStart: string; light: Light; message: string | null }[];
}

/**
 * The light of a branch for month M (支部亮灯), from the obligations judged on min(today, last day of M):
 * red if an obligation whose period ENDS in M is red; else yellow if one whose period ends in M is still open and
 * unmet (only possible in the current month); else green. Obligations of periods ending after M do not colour M:
 * a quarterly 党员大会 not yet held in February leaves February green; March is yellow until it is held and red
 * once 31 March has passed. Results of other months are ignored, so callers may pass everything they have.
 */
export function monthLight(results: readonly JudgedObligation[], month: string): MonthLightResult {
  const ending = results.filter((r) => monthOf(r.periodEnd) === month && r.light !== 'green');
  const red = ending.filter((r) => r.light === 'red');
  const light: Light = red.length > 0 ? 'red' : ending.length > 0 ? 'yellow' : 'green';
  return {
    light,
    reasons: ending.map((r) => ({ obligation: r.obligation, obligationLabel: obligationLabel(r.obligation), periodStart: r.periodStart, light: r.light, message: r.message })),
  };
}

/** green / branches, null without branches. */
export function greenRate(counts: { branches: number; green: number }): number | null {
  return counts.branches > 0 ? counts.green / counts.branches : null;
}
