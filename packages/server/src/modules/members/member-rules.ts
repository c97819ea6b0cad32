// The server's face of the member rules in packages/regulations: the 转正 due date of a probationary member,
// the limits of an extension, the response limit of a transfer, the 介绍信's validity and 党龄. Every
// finding carries its rule id and citation, shown to the user as it is.
import {
  partyStanding,
  probationDue,
  probationExtension,
  resolveParameter,
  transferResponse,
  type ParameterTree,
  type Problem,
} from '@dangjian/regulations';
import { toBasis, type RuleBasis } from '../elections/org-rules.js';

export interface MemberFinding {
  ruleId: string;
  severity: 'violation' | 'warning';
  code: string;
  message: string;
  basis: { title: string; article: string; force: string; parameter: string };
}

export type ProbationStage = 'ok' | 'due_soon' | 'overdue';

function findings(ruleId: string, problems: Problem[]): MemberFinding[] {
  return problems.map((p) => ({
    ruleId,
    severity: p.severity === 'violation' ? 'violation' : 'warning',
    code: p.code,
    message: p.message,
    basis: { title: p.basis.citation.sourceTitle, article: p.basis.citation.article, force: p.basis.force, parameter: p.basis.id },
  }));
}

export interface MemberRules {
  probation(input: { joinedOn: string; extensionMonths: number; today: string }): { ruleId: string; dueOn: string; daysLeft: number; stage: ProbationStage; findings: MemberFinding[]; basis: RuleBasis[] };
  /** Days before the due date a probation is listed among the warnings (members.probation.warning_lead_days). */
  probationLeadDays(on: string): number;
  /** Problems of an extension of `months` for a member extended `previousExtensions` times before. */
  extension(input: { months: number; previousExtensions: number }, on: string): MemberFinding[];
  transferResponse(input: { startedOn: string; today: string }): { dueOn: string; daysLeft: number; findings: MemberFinding[]; basis: RuleBasis[] };
  letterValidityDays(on: string): number;
  standing(fullMemberOn: string | null, today: string, adjustmentYears: number): number | null;
}

export function createMemberRules(tree: ParameterTree): MemberRules {
  return {
    probation({ joinedOn, extensionMonths, today }) {
      const e = probationDue.evaluate({ tree, asOf: today, facts: { probationStart: joinedOn, extensionMonths } });
      if (e.status === 'not_applicable' || e.status === 'unknown') {
        throw new Error(`rule ${e.ruleId} is not applicable on ${today}: ${e.status === 'not_applicable' ? e.reason : e.missing.join(', ')}`);
      }
      const d = e.detail as { dueOn: string; daysLeft: number; stage: ProbationStage };
      return { ruleId: e.ruleId, dueOn: d.dueOn, daysLeft: d.daysLeft, stage: d.stage, findings: findings(e.ruleId, e.problems), basis: e.problems.map((p) => toBasis(p.basis)) };
    },
    probationLeadDays(on) {
      return resolveParameter<number>(tree, 'members.probation.warning_lead_days', on)?.value ?? 30;
    },
    extension({ months, previousExtensions }, on) {
      const e = probationExtension.evaluate({ tree, asOf: on, facts: { months, previousExtensions } });
      return e.status === 'unmet' ? findings(e.ruleId, e.problems) : [];
    },
    transferResponse({ startedOn, today }) {
      const e = transferResponse.evaluate({ tree, asOf: today, facts: { startedOn } });
      if (e.status === 'not_applicable' || e.status === 'unknown') return { dueOn: startedOn, daysLeft: 0, findings: [], basis: [] };
      const d = e.detail as { dueOn: string; daysLeft: number };
      return { dueOn: d.dueOn, daysLeft: d.daysLeft, findings: findings(e.ruleId, e.problems), basis: e.problems.map((p) => toBasis(p.basis)) };
    },
    letterValidityDays(on) {
      const r = resolveParameter<number>(tree, 'members.transfer.letter_validity_days', on);
      return r?.value ?? 90;
    },
    standing(fullMemberOn, today, adjustmentYears) {
      return partyStanding(fullMemberOn, today, adjustmentYears);
    },
  };
}
