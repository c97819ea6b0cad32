// The server's face of the organization rules in packages/regulations: term and election due dates,
// term adjustments, setup rules, the secretary's qualification and vacant posts. Each result carries
// the rule id and the citations of the parameters it used (basis), which the UI shows as they are.
import { electionQuorum, orgSetup, postponementLimit, resolveParameter, secretaryQualification, termDue, vacancy, type OrgType, type ParameterTree, type Problem, type Resolved } from '@dangjian/regulations';

export interface RuleBasis {
  parameterId: string;
  value: unknown;
  effectiveFrom: string;
  sourceTitle: string;
  article: string;
  quote: string | null;
}

export interface RuleProblem {
  ruleId: string;
  code: string;
  severity: 'violation' | 'warning' | null;
  message: string;
  /** "source title article", for messages. */
  citation: string;
  basis: RuleBasis[];
}

export type TermStage = 'ok' | 'due_soon' | 'due_imminent' | 'overdue';

export interface TermEvaluation {
  ruleId: string;
  applicable: boolean;
  reason?: string;
  termYears: number;
  dueOn: string;
  daysLeft: number;
  stage: TermStage;
  severity: 'violation' | 'warning' | null;
  message: string;
  basis: RuleBasis[];
}

export interface SetupFacts {
  orgType: string;
  memberCount: number;
  fullMemberCount: number;
  committeeSize: number;
  hasSecretary: boolean;
  smallGroups: { name: string; memberCount: number; fullMemberCount: number }[];
}

export interface OrgRules {
  termDue(input: { orgType: string; electedOn: string; adminLevel: 'provincial' | 'prefecture' | 'county'; postponedUntil: string | null; today: string }): TermEvaluation;
  /** How far ahead of the due date elections are listed (the 90-day lead time in force today). */
  electionHorizonDays(today: string): number;
  adjustment(input: { dueOn: string; newDueOn: string; approved: boolean }, on: string): RuleProblem[];
  setup(facts: SetupFacts, on: string): RuleProblem[];
  secretaryQualification(facts: { category: 'full' | 'probationary'; fullMemberOn: string | null }, on: string): RuleProblem[];
  /** Problems of the attendance at an election meeting (elections.quorum: more than 4/5 of the expected voters). */
  quorum(facts: { expectedVoters: number; actualVoters: number }, on: string): RuleProblem[];
  vacancy(input: { post: string; vacantSince: string; today: string }): { ruleId: string; unmet: boolean; severity: 'violation' | 'warning' | null; vacantDays: number; maxDays: number; dueOn: string; basis: RuleBasis[] };
}

export function toBasis(r: Resolved<unknown>): RuleBasis {
  return { parameterId: r.id, value: r.value, effectiveFrom: r.effectiveFrom, sourceTitle: r.citation.sourceTitle, article: r.citation.article, quote: r.citation.quote ?? null };
}

function unique(list: Resolved<unknown>[]): RuleBasis[] {
  const seen = new Map<string, Resolved<unknown>>();
  for (const r of list) seen.set(`${r.id}@${r.effectiveFrom}`, r);
  return [...seen.values()].map(toBasis);
}

function problems(ruleId: string, list: Problem[]): RuleProblem[] {
  return list.map((p) => ({ ruleId, code: p.code, severity: p.severity, message: p.message, citation: `${p.basis.citation.sourceTitle} ${p.basis.citation.article}`, basis: [toBasis(p.basis)] }));
}

const STAGE_TEXT: Record<TermStage, string> = { ok: '任期内', due_soon: '即将届满', due_imminent: '临近届满', overdue: '已逾期' };

export function createOrgRules(tree: ParameterTree): OrgRules {
  return {
    termDue({ orgType, electedOn, adminLevel, postponedUntil, today }) {
      const e = termDue.evaluate({ tree, asOf: electedOn, facts: { orgType: orgType as OrgType, electedOn, today, adminLevel, ...(postponedUntil ? { postponedUntil } : {}) } });
      if (e.status === 'not_applicable' || e.status === 'unknown') {
        return { ruleId: e.ruleId, applicable: false, reason: e.status === 'not_applicable' ? e.reason : `缺少：${e.missing.join('、')}`, termYears: 0, dueOn: electedOn, daysLeft: 0, stage: 'ok', severity: null, message: '不适用任期规定', basis: unique(e.basis) };
      }
      const d = e.detail as { termYears: number; dueOn: string; daysLeft: number; stage: TermStage; termParameter: string };
      const termBasis = e.basis.filter((b) => b.id === d.termParameter);
      const message =
        e.problems[0]?.message ?? `第${d.termYears}年任期内，${d.dueOn} 届满（尚余 ${d.daysLeft} 天）`;
      return {
        ruleId: e.ruleId,
        applicable: true,
        termYears: d.termYears,
        dueOn: d.dueOn,
        daysLeft: d.daysLeft,
        stage: d.stage,
        severity: e.severity,
        message: e.problems[0] ? message : `${STAGE_TEXT[d.stage]}：任期 ${d.termYears} 年，${d.dueOn} 届满（尚余 ${d.daysLeft} 天）`,
        basis: unique([...termBasis, ...e.problems.map((p) => p.basis)]),
      };
    },

    electionHorizonDays(today) {
      return resolveParameter<number>(tree, 'elections.warning_lead_days.due_soon', today)?.value ?? 90;
    },

    adjustment(facts, on) {
      const e = postponementLimit.evaluate({ tree, asOf: on, facts });
      return problems(e.ruleId, e.problems);
    },

    setup(facts, on) {
      const e = orgSetup.evaluate({ tree, asOf: on, facts: { ...facts, orgType: facts.orgType as OrgType } });
      return problems(e.ruleId, e.problems);
    },

    secretaryQualification(facts, on) {
      const e = secretaryQualification.evaluate({ tree, asOf: on, facts });
      return problems(e.ruleId, e.problems);
    },

    quorum(facts, on) {
      const e = electionQuorum.evaluate({ tree, asOf: on, facts });
      return problems(e.ruleId, e.problems);
    },

    vacancy({ post, vacantSince, today }) {
      const e = vacancy.evaluate({ tree, asOf: today, facts: { post, vacantSince } });
      const d = (e.status === 'met' || e.status === 'unmet' ? e.detail : { vacantDays: 0, maxDays: 0, dueOn: today }) as { vacantDays: number; maxDays: number; dueOn: string };
      return { ruleId: e.ruleId, unmet: e.status === 'unmet', severity: e.severity, vacantDays: d.vacantDays, maxDays: d.maxDays, dueOn: d.dueOn, basis: unique(e.problems.length ? e.problems.map((p) => p.basis) : e.basis) };
    },
  };
}
