// Types mirroring the server's REST contract (/api/docs).

export type Permission =
  | 'org:read'
  | 'org:write'
  | 'org:export'
  | 'member:read'
  | 'member:write'
  | 'member:unmask'
  | 'meeting:read'
  | 'meeting:write'
  | 'rectification:read'
  | 'rectification:write'
  | 'rectification:issue'
  | 'self:read'
  | 'account:manage'
  | 'account:read'
  | 'grant:manage'
  | 'audit:read'
  | 'settings:read';

export type Role =
  | 'committee_admin'
  | 'organ_admin'
  | 'branch_officer'
  | 'member'
  | 'system_admin'
  | 'security_admin'
  | 'auditor';

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: { field: string; message: string }[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Items<T> {
  items: T[];
}

export interface Grant {
  id: number;
  role: Role;
  roleLabel: string;
  orgId: number | null;
  orgName: string | null;
}

export interface Me {
  user: { id: number; username: string; displayName: string; mustChangePassword: boolean };
  csrfToken: string;
  grants: Grant[];
  activeGrantId: number | null;
  /** Kept as string[]: the server may add permissions the client does not know yet. */
  permissions: string[];
  idleTimeoutMinutes: number;
}

export type OrgType =
  | 'work_committee'
  | 'party_committee'
  | 'organ_party_committee'
  | 'general_branch'
  | 'branch'
  | 'joint_branch'
  | 'temporary_branch'
  | 'party_small_group';

export type OrgStatus = 'active' | 'dissolved' | 'merged';

export interface OrgSummary {
  id: number;
  parentId: number | null;
  name: string;
  shortName: string | null;
  type: OrgType;
  typeLabel: string;
  status: OrgStatus;
  statusLabel: string;
  hasChildren: boolean;
}

export interface OrgRef {
  id: number;
  name: string;
}

export interface OrgDetail extends OrgSummary {
  /** 组织编码. */
  code: string | null;
  /** 成立日期, YYYY-MM-DD. */
  foundedOn: string | null;
  /** 批准文号. */
  approvalDoc: string | null;
  /** 所在单位. */
  units: OrgRef[];
  /** 所在单位类别 (党内统计), a code of codeTables.statisticsCategories. */
  statisticsCategory: string | null;
  /** 党组织类别代码 of the national system, derived from the type (e.g. 631 党支部). */
  nationalTypeCode: string | null;
  ancestors: OrgRef[];
  childCount: number;
  memberCount: number;
  createdAt: string;
}

export interface OrgSearchItem extends OrgSummary {
  pathNames: string;
}

export interface OrgCreateInput {
  parentId: number;
  name: string;
  shortName?: string;
  type: OrgType;
}

/** 撤销 and 合并 go through the reorganization endpoints (the server refuses status here: E_ORG_USE_REORGANIZATION). */
export interface OrgPatchInput {
  name?: string;
  shortName?: string | null;
  /** 组织编码, at most 32 characters. */
  code?: string | null;
  /** 成立日期 YYYY-MM-DD, not after today. */
  foundedOn?: string | null;
  /** 批准文号, at most 100 characters. */
  approvalDoc?: string | null;
  /** 所在单位: replaces the whole list ([] clears it), at most 20. */
  unitIds?: number[];
  /** 所在单位类别 (党内统计), or null to clear. */
  statisticsCategory?: string | null;
}

/** A 单位 (机关) an org can be set up in, GET /api/units (packages/server/src/modules/org/units.routes.ts). */
export interface Unit {
  id: number;
  name: string;
  shortName: string | null;
  /** A code of codeTables.unitAdminLevels. */
  adminLevel: string;
  /** A code of codeTables.unitLeadingBodies (党组 / 党委 / none). */
  leadingBody: string;
  /** 设立机关纪委 */
  hasDisciplineCommission: boolean;
  /** 统一社会信用代码 */
  creditCode: string | null;
  /** The organization that maintains it (normally the organ's 机关党委). */
  managingOrg: OrgRef | null;
  /** Organizations set up in it, all of them (not only those in the actor's scope). */
  orgCount: number;
  /** The actor may edit it: its managing organization is in the actor's scope. */
  editable: boolean;
}

export type Gender = 'male' | 'female';
export type MemberCategory = 'full' | 'probationary';
export type MemberStatus = 'normal' | 'mobile' | 'lost_contact' | 'suspended' | 'expelled' | 'deceased' | 'transferred_out' | 'probation_cancelled';
/** The list's status filter: one status, 在册 (on_roster, the server's default) or 全部 (all). */
export type MemberStatusFilter = MemberStatus | 'on_roster' | 'all';

export interface MemberSummary {
  id: number;
  name: string;
  gender: Gender;
  /** GB/T 3304 code (codeTables.ethnicities). */
  ethnicity: string | null;
  /** 党统学历 code (codeTables.educations). */
  education: string | null;
  birthDate: string | null;
  joinedOn: string | null;
  fullMemberOn: string | null;
  category: MemberCategory;
  status: MemberStatus;
  orgId: number;
  orgName: string;
  position: string | null;
  /** Masked, e.g. 138****1234; null when not recorded. */
  phoneMasked: string | null;
  /** End of the probation (预备期) of a probationary member. */
  probationEndsOn: string | null;
  inHardship: boolean;
}

/** A member rule's finding (转正到期, 接收逾期 …), naming its rule and citation. */
export interface RuleFinding {
  ruleId: string;
  /** violation | warning | … */
  severity: string;
  code: string;
  message: string;
  basis: { title: string; article: string; force: string; parameter: string };
}

export interface MemberDetail extends MemberSummary {
  /** The first 3 and last 4 characters; the full number only through POST /members/:id/unmask. */
  idNumberMasked: string | null;
  nativePlace: string | null;
  /** codeTables.degrees */
  degree: string | null;
  /** 工作岗位, codeTables.jobPositions */
  jobPosition: string | null;
  /** 职级 */
  rank: string | null;
  /** 工作单位 */
  unit: OrgRef | null;
  /** 党龄校正值 */
  standingAdjustmentYears: number;
  /** 党龄 in whole years (from 转正日期, plus the adjustment); null for probationary members. */
  standingYears: number | null;
  probationExtensionMonths: number;
  hardshipNote: string | null;
  leftOn: string | null;
  orgPath: OrgRef[];
  findings: RuleFinding[];
  pendingTransferId: number | null;
}

/** The editable fields of a member record (POST /members with orgId; PATCH takes any part). */
export interface MemberInput {
  name: string;
  gender: Gender;
  idNumber: string | null;
  ethnicity: string | null;
  birthDate: string | null;
  nativePlace: string | null;
  education: string | null;
  degree: string | null;
  joinedOn: string | null;
  fullMemberOn: string | null;
  category: MemberCategory;
  jobPosition: string | null;
  position: string | null;
  rank: string | null;
  unitId: number | null;
  phone: string | null;
  standingAdjustmentYears?: number;
}

export interface MemberCreateInput extends MemberInput {
  orgId: number;
}

export type MemberUpdateInput = Partial<MemberInput>;

export type UnmaskField = 'idNumber' | 'phone';

export interface UnmaskResult {
  field: UnmaskField;
  value: string | null;
}

export type LifecycleAction =
  | 'convert'
  | 'extend_probation'
  | 'cancel_probation'
  | 'suspend'
  | 'expel'
  | 'deceased'
  | 'restore'
  | 'mark_mobile'
  | 'mark_lost_contact'
  | 'mark_normal';

export interface LifecycleInput {
  action: LifecycleAction;
  occurredOn: string;
  reason?: string;
  /** extend_probation only: 6–12. */
  months?: number;
}

export interface TimelineEvent {
  id: number;
  /** codeTables.memberEventKinds */
  kind: string;
  occurredOn: string;
  orgId: number;
  orgName: string;
  /** A Chinese sentence for the timeline. */
  summary: string;
  reason: string | null;
  actor: string | null;
}

export interface CountItem {
  key: string;
  label: string;
  count: number;
}

export interface MemberStats {
  orgId: number;
  orgName: string;
  asOf: string;
  total: number;
  byCategory: CountItem[];
  byGender: CountItem[];
  byEthnicity: CountItem[];
  byAgeBand: CountItem[];
  byEducation: CountItem[];
  byStandingBand: CountItem[];
  byStatus: CountItem[];
}

export interface BirthdayMember {
  id: number;
  name: string;
  joinedOn: string;
  /** 入党 N 周年 */
  years: number;
}

export interface Birthdays {
  month: number;
  groups: { orgId: number; orgName: string; members: BirthdayMember[] }[];
}

export interface HardshipInput {
  inHardship: boolean;
  note: string | null;
}

export interface CareVisitInput {
  visitedOn: string;
  visitor: string;
  content: string;
  assistance: string | null;
}

export interface CareVisit extends CareVisitInput {
  id: number;
  memberId: number;
}

export interface HardshipMember {
  id: number;
  name: string;
  orgId: number;
  orgName: string;
  hardshipNote: string | null;
  lastVisitOn: string | null;
  visitCount: number;
}

/** pending 待接收, accepted 已接收, returned 已退回, cancelled 已撤回, issued 已开具介绍信 (codeTables.transferStatuses). */
export type TransferStatus = 'pending' | 'accepted' | 'returned' | 'cancelled' | 'issued';
export type TransferKind = 'internal' | 'outbound';
export type TransferDirection = 'incoming' | 'outgoing';

export interface TransferInput {
  memberId: number;
  kind: TransferKind;
  /** internal: the receiving org (in the actor's scope). */
  toOrgId?: number;
  /** outbound: the receiving organization outside the platform, by name. */
  destination?: string;
  reason: string;
  startedOn: string;
  /** 党费交至 YYYY-MM */
  duesPaidUntil?: string;
}

export interface Transfer {
  id: number;
  memberId: number;
  memberName: string;
  kind: string;
  fromOrgId: number;
  fromOrgName: string;
  toOrgId: number | null;
  toOrgName: string | null;
  status: string;
  reason: string;
  startedOn: string;
  responseDueOn: string | null;
  respondedOn: string | null;
  responseNote: string | null;
  letterNumber: string | null;
  /** 接收逾期 … with citations. */
  findings: RuleFinding[];
}

export type CorrectionStatus = 'open' | 'accepted' | 'rejected';

export interface CorrectionInput {
  /** The Chinese name of the field to correct (姓名, 出生日期 …). */
  field: string;
  proposedValue: string | null;
  note: string | null;
}

export interface Correction {
  id: number;
  memberId: number;
  memberName: string;
  orgName: string;
  field: string;
  proposedValue: string | null;
  note: string | null;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

export interface CorrectionResolveInput {
  status: 'accepted' | 'rejected';
  note: string | null;
}

export type ImportMode = 'validate' | 'commit';
/** running | valid | invalid | committed | failed */
export type ImportStatus = 'running' | 'valid' | 'invalid' | 'committed' | 'failed';

export interface ImportRowError {
  /** The row of the sheet (as Excel numbers it). */
  row: number;
  /** The column letter or header. */
  column: string;
  field: string;
  message: string;
}

export interface ImportJob {
  id: number;
  orgId: number;
  fileName: string;
  mode: string;
  status: string;
  totalRows: number;
  processedRows: number;
  insertedRows: number;
  errorCount: number;
  /** At most a first batch of the errors: errorCount says how many there are. */
  errors: ImportRowError[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface LabelCount {
  label: string;
  count: number;
}

export interface Dashboard {
  org: { id: number; name: string; type: OrgType; typeLabel: string };
  orgCountsByType: { type: OrgType; label: string; count: number }[];
  memberTotals: { total: number; full: number; probationary: number };
  membersByGender: LabelCount[];
  membersByAgeBand: LabelCount[];
  children: { id: number; name: string; typeLabel: string; orgCount: number; memberCount: number }[];
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
  locked: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  grants: Grant[];
}

export interface GrantDetail extends Grant {
  userId: number;
  username: string;
  displayName: string;
  grantedAt: string;
  grantedByUsername: string | null;
}

export interface AuditEvent {
  id: number;
  occurredAt: string;
  actorUsername: string | null;
  /** The actor's role, already as its label (安全审计员). */
  actorRole: string | null;
  ip: string | null;
  action: string;
  actionLabel: string;
  targetType: string | null;
  targetId: string | null;
  orgId: number | null;
  result: 'success' | 'failure';
  before: unknown;
  after: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAtId: number | null;
  message: string;
}

export interface Setting {
  id: string | number;
  label: string;
  value: number;
  unit: string;
  citation: { sourceTitle: string; article: string; quote: string | null };
}

export interface Health {
  status: string;
  db: 'pglite' | 'postgres';
  version: string;
}

// Organization system: committee (班子), elections (换届), warnings (预警), ledgers (台账).

/** A rule's citation: the parameter it used and where that parameter comes from. */
export interface RuleBasis {
  parameterId: string;
  value: unknown;
  effectiveFrom: string;
  sourceTitle: string;
  article: string;
  quote: string | null;
}

/** violation 违规, warning 提醒, null 建议 (the rule's force). */
export type RuleSeverity = 'violation' | 'warning' | null;

/** A rule finding that did not stop the save; the message already names its citation. */
export interface RuleWarning {
  message: string;
  severity: RuleSeverity;
  /** The citation, as in a warning's basis; older servers leave it out. */
  basis?: RuleBasis[];
}

export type CommitteePostCode =
  | 'secretary'
  | 'deputy_secretary'
  | 'organization_member'
  | 'propaganda_member'
  | 'discipline_member'
  | 'youth_member'
  | 'committee_member';

export interface CommitteePost {
  id: number;
  orgId: number;
  post: string;
  postLabel: string;
  memberId: number;
  memberName: string;
  startedOn: string;
  endedOn: string | null;
  /** 'elected' | 'appointed' */
  source: string;
  electionId: number | null;
  appointmentDoc: string | null;
  endReason: string | null;
  talkOn: string | null;
  talkBy: string | null;
  talkNote: string | null;
}

export interface CommitteeView {
  current: CommitteePost[];
  past: CommitteePost[];
}

export interface AppointInput {
  post: CommitteePostCode;
  memberId: number;
  startedOn: string;
  appointmentDoc?: string | null;
  talkOn?: string | null;
  talkBy?: string | null;
  talkNote?: string | null;
}

export interface EndPostInput {
  endedOn: string;
  endReason: string;
}

export interface TalkInput {
  talkOn: string;
  talkBy: string;
  talkNote?: string | null;
}

export type TermStage = 'ok' | 'due_soon' | 'due_imminent' | 'overdue';
export type ElectionMethod = 'members_meeting' | 'delegate_meeting';

export interface CurrentTerm {
  electionId: number;
  termNumber: number;
  electedOn: string;
  dueOn: string;
  daysLeft: number;
  /** TermStage; kept as string: the server may add stages. */
  stage: string;
  severity: RuleSeverity;
  message: string;
  basis: RuleBasis[];
}

export interface ElectionRecord {
  id: number;
  termNumber: number;
  electedOn: string;
  method: string;
  methodLabel: string;
  expectedVoters: number | null;
  actualVoters: number | null;
  approvedOn: string | null;
  approvalDoc: string | null;
  termYears: number;
  dueOn: string;
  basis: RuleBasis[];
  note: string | null;
}

export interface TermAdjustment {
  id: number;
  /** 'postpone' 延期 | 'advance' 提前 */
  kind: string;
  previousDueOn: string;
  newDueOn: string;
  approvedOn: string;
  approvalDoc: string;
  reason: string;
}

export interface ElectionsView {
  current: CurrentTerm | null;
  elections: ElectionRecord[];
  adjustments: TermAdjustment[];
}

export interface ElectionInput {
  electedOn: string;
  method: ElectionMethod;
  expectedVoters?: number | null;
  actualVoters?: number | null;
  approvedOn?: string | null;
  approvalDoc?: string | null;
  note?: string | null;
  committee: { post: CommitteePostCode; memberId: number }[];
}

export interface ElectionRecorded {
  electionId: number;
  termNumber: number;
  termYears: number;
  dueOn: string;
  warnings: RuleWarning[];
}

export interface TermAdjustmentInput {
  newDueOn: string;
  approvedOn: string;
  approvalDoc: string;
  reason: string;
}

export interface TermAdjusted {
  kind: string;
  dueOn: string;
  /** Limits exceeded that did not stop the save (e.g. more than the usual 12 months); older servers leave it out. */
  warnings?: RuleWarning[];
}

/** meeting: an obligation of organizational life missed or due (a branch); absence: a member absent for six months. */
export type WarningKind = 'election' | 'finding' | 'no_election' | 'probation' | 'transfer' | 'meeting' | 'absence' | 'problem';

export interface WarningItem {
  key: string;
  kind: string;
  code: string;
  orgId: number;
  orgName: string;
  orgTypeLabel: string;
  /** The member concerned (probation, absence). */
  memberId?: number;
  /** The overdue problem (问题整改), kind 'problem'. */
  problemId?: number;
  severity: RuleSeverity;
  dueOn: string | null;
  message: string;
  basis: RuleBasis[];
}

// Reorganization (机构改革): move, merge, split, dissolve; the org's history (沿革).

export interface ReorganizationWhen {
  /** 调整日期 */
  effectiveOn: string;
  /** 调整原因（如机构改革文件） */
  reason: string;
}

export interface OrgMovePreview {
  orgId: number;
  orgName: string;
  fromParent: OrgRef;
  toParent: OrgRef;
  /** Orgs that move, the org itself included. */
  orgCount: number;
  memberCount: number;
}

export interface OrgMergePreview {
  source: OrgRef;
  target: OrgRef;
  memberCount: number;
  childCount: number;
}

export interface OrgSplitPart {
  name: string;
  shortName?: string | null;
  memberIds: number[];
}

export interface OrgSplitResult {
  source: OrgRef;
  parts: { name: string; memberCount: number }[];
  /** Members left in the source branch. */
  remaining: number;
  /** Empty for a dry run. */
  created: OrgRef[];
}

export interface OrgHistoryItem {
  id: number;
  /** created, updated, moved, merged_into, absorbed, split_from, split_into, dissolved; the server may add more. */
  event: string;
  occurredOn: string;
  fromParentName: string | null;
  toParentName: string | null;
  /** Free-form: { reason?, members?, children?, orgCount?, memberCount?, ... }. */
  detail: unknown;
  recordedAt: string;
}
