/**
 * Every rule, listed by hand: no directory scanning, no registration by side effect. Adding a rule means
 * importing it here and writing its `.cases.yaml`; `rules/cases.test.ts` fails until both exist.
 */
import type { AnyRule } from './engine/rule.js';
import { secretaryQualification } from './rules/committee/secretary-qualification.rule.js';
import { vacancy } from './rules/committee/vacancy.rule.js';
import { electionQuorum } from './rules/elections/quorum.rule.js';
import { postponementLimit } from './rules/elections/postponement-limit.rule.js';
import { termDue } from './rules/elections/term-due.rule.js';
import { meetingAbsence } from './rules/meetings/absence.rule.js';
import { meetingFrequency } from './rules/meetings/frequency.rule.js';
import { probationDue } from './rules/members/probation-due.rule.js';
import { probationExtension } from './rules/members/probation-extension.rule.js';
import { transferResponse } from './rules/members/transfer-response.rule.js';
import { orgSetup } from './rules/org/setup.rule.js';
import { passwordPolicy } from './rules/security/password-policy.rule.js';

export const registry: readonly AnyRule[] = [
  passwordPolicy,
  orgSetup,
  termDue,
  postponementLimit,
  secretaryQualification,
  vacancy,
  electionQuorum,
  probationDue,
  probationExtension,
  transferResponse,
  meetingFrequency,
  meetingAbsence,
];

export function findRule(id: string): AnyRule | undefined {
  return registry.find((rule) => rule.id === id);
}
