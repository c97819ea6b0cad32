// Drizzle table definitions mirroring migrations/*.sql (the SQL files are the source of truth;
// schema.test.ts checks that every column declared here exists in the migrated database).
import { bigint, boolean, date, integer, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const orgs = pgTable('orgs', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  parentId: integer('parent_id'),
  path: text('path').notNull(),
  depth: smallint('depth').notNull(),
  type: text('type').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  code: text('code'),
  status: text('status').notNull(),
  sortOrder: integer('sort_order').notNull(),
  foundedOn: date('founded_on', { mode: 'string' }),
  approvalDoc: text('approval_doc'),
  statisticsCategory: text('statistics_category'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const members = pgTable('members', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  name: text('name').notNull(),
  gender: text('gender').notNull(),
  ethnicity: text('ethnicity'),
  education: text('education'),
  birthDate: date('birth_date', { mode: 'string' }),
  joinedOn: date('joined_on', { mode: 'string' }),
  fullMemberOn: date('full_member_on', { mode: 'string' }),
  category: text('category').notNull(),
  status: text('status').notNull(),
  position: text('position'),
  idNumberCipher: text('id_number_cipher'),
  idNumberHash: text('id_number_hash'),
  phoneCipher: text('phone_cipher'),
  phoneHash: text('phone_hash'),
  nativePlace: text('native_place'),
  degree: text('degree'),
  jobPosition: text('job_position'),
  rank: text('rank'),
  unitId: integer('unit_id'),
  probationEndsOn: date('probation_ends_on', { mode: 'string' }),
  probationExtensionMonths: integer('probation_extension_months').notNull().default(0),
  standingAdjustmentYears: integer('standing_adjustment_years').notNull().default(0),
  inHardship: boolean('in_hardship').notNull().default(false),
  hardshipNote: text('hardship_note'),
  leftOn: date('left_on', { mode: 'string' }),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull(),
  passwordChangedAt: ts('password_changed_at'),
  failedLoginCount: integer('failed_login_count').notNull(),
  lockedUntil: ts('locked_until'),
  status: text('status').notNull(),
  memberId: integer('member_id'),
  isDemo: boolean('is_demo').notNull(),
  lastLoginAt: ts('last_login_at'),
  createdAt: ts('created_at').notNull(),
});

export const roleGrants = pgTable('role_grants', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id').notNull(),
  role: text('role').notNull(),
  orgId: integer('org_id'),
  grantedBy: integer('granted_by'),
  grantedAt: ts('granted_at').notNull(),
  revokedAt: ts('revoked_at'),
  revokedBy: integer('revoked_by'),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull(),
  activeGrantId: integer('active_grant_id'),
  csrfToken: text('csrf_token').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: ts('created_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull(),
});

export const auditEvents = pgTable('audit_events', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  occurredAt: ts('occurred_at').notNull(),
  actorUserId: integer('actor_user_id'),
  actorUsername: text('actor_username'),
  actorRole: text('actor_role'),
  ip: text('ip'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  orgId: integer('org_id'),
  result: text('result').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export const auditChainHead = pgTable('audit_chain_head', {
  id: smallint('id').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});

export const units = pgTable('units', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  adminLevel: text('admin_level').notNull(),
  leadingBody: text('leading_body').notNull(),
  hasDisciplineCommission: boolean('has_discipline_commission').notNull(),
  managingOrgId: integer('managing_org_id'),
  creditCode: text('credit_code'),
  createdAt: ts('created_at').notNull(),
});

export const orgUnits = pgTable('org_units', {
  orgId: integer('org_id').notNull(),
  unitId: integer('unit_id').notNull(),
});

export const elections = pgTable('elections', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  termNumber: integer('term_number').notNull(),
  electedOn: date('elected_on', { mode: 'string' }).notNull(),
  method: text('method').notNull(),
  expectedVoters: integer('expected_voters'),
  actualVoters: integer('actual_voters'),
  approvedOn: date('approved_on', { mode: 'string' }),
  approvalDoc: text('approval_doc'),
  approvingOrgId: integer('approving_org_id'),
  termYears: integer('term_years').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  basis: jsonb('basis').notNull(),
  note: text('note'),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull(),
});

export const termAdjustments = pgTable('term_adjustments', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  electionId: integer('election_id').notNull(),
  kind: text('kind').notNull(),
  previousDueOn: date('previous_due_on', { mode: 'string' }).notNull(),
  newDueOn: date('new_due_on', { mode: 'string' }).notNull(),
  approvedOn: date('approved_on', { mode: 'string' }).notNull(),
  approvalDoc: text('approval_doc').notNull(),
  reason: text('reason').notNull(),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull(),
});

export const orgTerms = pgTable('org_terms', {
  orgId: integer('org_id').primaryKey(),
  electionId: integer('election_id').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
});

export const committeePosts = pgTable('committee_posts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  post: text('post').notNull(),
  memberId: integer('member_id').notNull(),
  startedOn: date('started_on', { mode: 'string' }).notNull(),
  endedOn: date('ended_on', { mode: 'string' }),
  source: text('source').notNull(),
  electionId: integer('election_id'),
  appointmentDoc: text('appointment_doc'),
  endReason: text('end_reason'),
  talkOn: date('talk_on', { mode: 'string' }),
  talkBy: text('talk_by'),
  talkNote: text('talk_note'),
  createdAt: ts('created_at').notNull(),
});

export const orgFindings = pgTable('org_findings', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  ruleId: text('rule_id').notNull(),
  code: text('code').notNull(),
  severity: text('severity'),
  message: text('message').notNull(),
  detail: jsonb('detail'),
  dueOn: date('due_on', { mode: 'string' }),
  basis: jsonb('basis').notNull(),
  computedAt: ts('computed_at').notNull(),
});

export const orgHistory = pgTable('org_history', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  event: text('event').notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  fromParentId: integer('from_parent_id'),
  toParentId: integer('to_parent_id'),
  relatedOrgId: integer('related_org_id'),
  detail: jsonb('detail'),
  actorUserId: integer('actor_user_id'),
  createdAt: ts('created_at').notNull(),
});

export const memberOrgHistory = pgTable('member_org_history', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  memberId: integer('member_id').notNull(),
  fromOrgId: integer('from_org_id'),
  toOrgId: integer('to_org_id').notNull(),
  movedOn: date('moved_on', { mode: 'string' }).notNull(),
  reason: text('reason').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const memberEvents = pgTable('member_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  memberId: integer('member_id').notNull(),
  kind: text('kind').notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  orgId: integer('org_id').notNull(),
  detail: jsonb('detail'),
  reason: text('reason'),
  actorUserId: integer('actor_user_id'),
  createdAt: ts('created_at').notNull(),
});

export const memberTransfers = pgTable('member_transfers', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  memberId: integer('member_id').notNull(),
  kind: text('kind').notNull(),
  fromOrgId: integer('from_org_id').notNull(),
  toOrgId: integer('to_org_id'),
  destination: text('destination'),
  status: text('status').notNull(),
  reason: text('reason').notNull(),
  startedOn: date('started_on', { mode: 'string' }).notNull(),
  responseDueOn: date('response_due_on', { mode: 'string' }),
  respondedOn: date('responded_on', { mode: 'string' }),
  responseNote: text('response_note'),
  duesPaidUntil: text('dues_paid_until'),
  letterNumber: text('letter_number'),
  validityDays: integer('validity_days'),
  startedBy: integer('started_by'),
  respondedBy: integer('responded_by'),
  createdAt: ts('created_at').notNull(),
});

export const memberCareVisits = pgTable('member_care_visits', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  memberId: integer('member_id').notNull(),
  visitedOn: date('visited_on', { mode: 'string' }).notNull(),
  visitor: text('visitor').notNull(),
  content: text('content').notNull(),
  assistance: text('assistance'),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull(),
});

export const memberCorrectionRequests = pgTable('member_correction_requests', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  memberId: integer('member_id').notNull(),
  field: text('field').notNull(),
  proposedValue: text('proposed_value'),
  note: text('note'),
  status: text('status').notNull(),
  createdAt: ts('created_at').notNull(),
  resolvedAt: ts('resolved_at'),
  resolvedBy: integer('resolved_by'),
  resolutionNote: text('resolution_note'),
});

export const memberImports = pgTable('member_imports', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  fileName: text('file_name').notNull(),
  mode: text('mode').notNull(),
  status: text('status').notNull(),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  insertedRows: integer('inserted_rows').notNull().default(0),
  errorCount: integer('error_count').notNull().default(0),
  errors: jsonb('errors'),
  message: text('message'),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull(),
  finishedAt: ts('finished_at'),
});

// 0005: organizational life (组织生活) and its derived compliance tables.
export const activities = pgTable('activities', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  status: text('status').notNull(),
  topic: text('topic').notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  startsAt: text('starts_at'),
  endsAt: text('ends_at'),
  place: text('place'),
  host: text('host'),
  recorder: text('recorder'),
  lecturer: text('lecturer'),
  lecturerMemberId: integer('lecturer_member_id'),
  content: text('content'),
  decisions: text('decisions'),
  cancelReason: text('cancel_reason'),
  clientDraftId: text('client_draft_id'),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  completedAt: ts('completed_at'),
});

export const activityTypes = pgTable('activity_types', {
  activityId: integer('activity_id').notNull(),
  type: text('type').notNull(),
});

export const activityAttendance = pgTable('activity_attendance', {
  activityId: integer('activity_id').notNull(),
  memberId: integer('member_id').notNull(),
  status: text('status').notNull(),
  reason: text('reason'),
});

export const complianceResults = pgTable('compliance_results', {
  orgId: integer('org_id').notNull(),
  obligation: text('obligation').notNull(),
  periodKind: text('period_kind').notNull(),
  periodStart: date('period_start', { mode: 'string' }).notNull(),
  periodEnd: date('period_end', { mode: 'string' }).notNull(),
  light: text('light').notNull(),
  held: integer('held').notNull(),
  minCount: integer('min_count').notNull(),
  ruleId: text('rule_id').notNull(),
  code: text('code'),
  severity: text('severity'),
  message: text('message'),
  basis: jsonb('basis').notNull(),
  evaluatedOn: date('evaluated_on', { mode: 'string' }).notNull(),
});

export const branchLights = pgTable('branch_lights', {
  orgId: integer('org_id').notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  light: text('light').notNull(),
  reasons: jsonb('reasons').notNull(),
  evaluatedOn: date('evaluated_on', { mode: 'string' }).notNull(),
});

export const memberAbsenceFindings = pgTable('member_absence_findings', {
  memberId: integer('member_id').primaryKey(),
  orgId: integer('org_id').notNull(),
  consecutiveMonths: integer('consecutive_months').notNull(),
  sinceMonth: date('since_month', { mode: 'string' }).notNull(),
  ruleId: text('rule_id').notNull(),
  code: text('code').notNull(),
  severity: text('severity').notNull(),
  message: text('message').notNull(),
  basis: jsonb('basis').notNull(),
  evaluatedOn: date('evaluated_on', { mode: 'string' }).notNull(),
});

export const monthlyDigests = pgTable('monthly_digests', {
  orgId: integer('org_id').notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  items: jsonb('items').notNull(),
  generatedAt: ts('generated_at').notNull(),
  channels: jsonb('channels').notNull(),
  readAt: ts('read_at'),
  readBy: integer('read_by'),
});

// 0006: problem rectification (问题整改) closed by 销号.
export const rectificationCategories = pgTable('rectification_categories', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  sortOrder: integer('sort_order').notNull(),
  active: boolean('active').notNull(),
});

export const rectificationBatches = pgTable('rectification_batches', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  issuingOrgId: integer('issuing_org_id').notNull(),
  source: text('source').notNull(),
  name: text('name').notNull(),
  issuedOn: date('issued_on', { mode: 'string' }).notNull(),
  reviewAfterMonths: integer('review_after_months').notNull(),
  note: text('note'),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull(),
});

export const problems = pgTable('problems', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  batchId: integer('batch_id').notNull(),
  issuingOrgId: integer('issuing_org_id').notNull(),
  responsibleOrgId: integer('responsible_org_id').notNull(),
  responsiblePerson: text('responsible_person'),
  responsibleMemberId: integer('responsible_member_id'),
  description: text('description').notNull(),
  category: text('category').notNull(),
  severity: text('severity').notNull(),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  status: text('status').notNull(),
  closedOn: date('closed_on', { mode: 'string' }),
  closedOnTime: boolean('closed_on_time'),
  reviewDueOn: date('review_due_on', { mode: 'string' }),
  reviewedOn: date('reviewed_on', { mode: 'string' }),
  reopenedCount: integer('reopened_count').notNull(),
  returnedCount: integer('returned_count').notNull(),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const problemMeasures = pgTable('problem_measures', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  problemId: integer('problem_id').notNull(),
  content: text('content').notNull(),
  owner: text('owner').notNull(),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  doneOn: date('done_on', { mode: 'string' }),
  sortOrder: integer('sort_order').notNull(),
});

export const problemEvents = pgTable('problem_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  problemId: integer('problem_id').notNull(),
  kind: text('kind').notNull(),
  note: text('note'),
  detail: jsonb('detail'),
  actorUserId: integer('actor_user_id'),
  occurredAt: ts('occurred_at').notNull(),
});

/** Evidence files are read with SQL (bytea) in the service; this mirror leaves the content column out. */
export const problemEvidence = pgTable('problem_evidence', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  problemId: integer('problem_id').notNull(),
  kind: text('kind').notNull(),
  label: text('label').notNull(),
  url: text('url'),
  activityId: integer('activity_id'),
  fileName: text('file_name'),
  contentType: text('content_type'),
  size: integer('size'),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull(),
});
