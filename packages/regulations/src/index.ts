/**
 * @dangjian/regulations: requirements of Party regulations, laws and standards as cited, date-versioned
 * parameters (YAML) and pure rules (TypeScript). No I/O and no clock here; load the tree with
 * `loadRegulations()` from `@dangjian/regulations/load` and pass dates in explicitly.
 */
export {
  buildParameterTree,
  getParameter,
  parameterPath,
  resolveParameter,
  type Citation,
  type DatedEntry,
  type DatedValue,
  type Force,
  type Parameter,
  type ParameterFile,
  type ParameterInput,
  type ParameterTree,
  type Resolved,
  type ScalarValue,
  type Source,
  type SourceKind,
} from './engine/parameters.js';
export { addDays, addMonths, daysBetween, isIsoDate, periodBounds, periodEndOf, periodKindOf, periodOf, type DateRange, type PeriodKind } from './engine/period.js';
export {
  defineRule,
  met,
  notApplicable,
  param,
  resolutionDate,
  ruleParameterProblems,
  severityOf,
  unknownFacts,
  unmet,
  type AnyRule,
  type EvaluateInput,
  type Evaluation,
  type Outcome,
  type ParamSpec,
  type Problem,
  type ProblemInput,
  type Rule,
  type Severity,
  type Status,
  type Timing,
} from './engine/rule.js';
export { boundaryGaps, caseDate, checkCase, parseCaseFile, runCase, type CaseFile, type RuleCase } from './engine/cases.js';
export { describeCatalogue, type Catalogue, type CatalogueParameter, type CatalogueRule, type CatalogueValue } from './engine/catalogue.js';
export { findRule, registry } from './registry.js';
export { characterClassCount, passwordPolicy, type PasswordPolicyDetail } from './rules/security/password-policy.rule.js';
export { BRANCH_LIKE, ORG_TYPES, ORG_TYPE_LABELS, PRIMARY_COMMITTEES, completedYears, type OrgType } from './rules/org/org-types.js';
export { orgSetup, type SetupDetail } from './rules/org/setup.rule.js';
export { termDue, type TermDueDetail, type TermStage } from './rules/elections/term-due.rule.js';
export { postponementLimit, type AdjustmentDetail } from './rules/elections/postponement-limit.rule.js';
export { secretaryQualification, type SecretaryQualificationDetail } from './rules/committee/secretary-qualification.rule.js';
export { vacancy, type VacancyDetail } from './rules/committee/vacancy.rule.js';
export { probationDue, type ProbationDueDetail, type ProbationStage } from './rules/members/probation-due.rule.js';
export { probationExtension, type ProbationExtensionDetail } from './rules/members/probation-extension.rule.js';
export { transferResponse, type TransferResponseDetail } from './rules/members/transfer-response.rule.js';
export { partyStanding } from './rules/members/party-standing.js';
export {
  DEGREE_CODES,
  EDUCATION_CODES,
  ETHNICITY_CODES,
  GENDER_CODES,
  JOB_POSITION_CODES,
  MEMBER_CATEGORY_CODES,
  MEMBER_CODE_TABLES,
  MEMBER_STATUS_CODES,
  entryKeys,
  idCheckChar,
  idNumberAgrees,
  labelOf,
  lookupCode,
  maskIdNumber,
  maskPhone,
  normalizeText,
  parseIdNumber,
  parsePhone,
  type CodeEntry,
  type CodeTable,
  type IdNumberParse,
  type MemberCodeTableId,
  type PhoneParse,
} from './standards/index.js';
export { electionQuorum, type QuorumDetail } from './rules/elections/quorum.rule.js';
export {
  MEETING_ACTIVITIES,
  MEETING_ACTIVITY_IDS,
  meetingFrequency,
  type FrequencyDetail,
  type FrequencyLight,
  type MeetingActivity,
} from './rules/meetings/frequency.rule.js';
export { meetingAbsence, type AbsenceDetail } from './rules/meetings/absence.rule.js';
export { dayOfWeek, firstWorkingDayOfMonth, fixedPublicHolidays, isWorkingDay, FIXED_PUBLIC_HOLIDAYS_PARAMETER } from './rules/calendar/working-day.js';
