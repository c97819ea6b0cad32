import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { commonErrors, Nullable } from '../../platform/http-schemas.js';
import { ROLE_LABELS, ROLES } from '../../platform/permissions.js';
import { MEETING_ACTIVITIES, MEETING_ACTIVITY_IDS, MEMBER_CODE_TABLES, type CodeTable } from '@dangjian/regulations';
import { ACTIVITY_STATUS_LABELS, ACTIVITY_TYPE_LABELS, ATTENDANCE_STATUS_LABELS, LIGHT_LABELS } from '../meetings/activity-types.js';
import { GENDER_LABELS, LIFECYCLE_ACTION_LABELS, MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS, MEMBER_STATUSES, TRANSFER_STATUS_LABELS } from '../members/members.schemas.js';
import { MEMBER_EVENT_KINDS } from '../members/member-events.js';
import { MEMBER_FIELD_LABELS } from '../members/member-record.js';
import { PROBLEM_STATUS_LABELS } from '../rectification/problem-workflow.js';
import { PROBLEM_EVENT_KIND_LABELS, PROBLEM_SEVERITY_LABELS, RECTIFICATION_SOURCE_LABELS } from '../rectification/rectification.schemas.js';
import { UNIT_ADMIN_LEVEL_LABELS, UNIT_LEADING_BODY_LABELS } from '../org/units.service.js';
import { COMMITTEE_POST_LABELS, COMMITTEE_POSTS, ELECTED_ORG_TYPES } from '../committees/committee-posts.js';
import { ELECTION_METHODS } from '../elections/elections.service.js';
import { ALLOWED_CHILD_TYPES, ORG_STATUS_LABELS, ORG_STATUSES, ORG_TYPE_LABELS, ORG_TYPE_NATIONAL_CODES, ORG_TYPES, STATISTICS_CATEGORIES, STATISTICS_CATEGORY_LABELS } from '../org/org-types.js';

const CodeList = Type.Array(Type.Object({ code: Type.String(), label: Type.String() }));

const CodeTables = Type.Object({
  orgTypes: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), allowedChildTypes: Type.Array(Type.String()), hasCommittee: Type.Boolean({ description: '设委员会（书记）并进行换届' }), nationalCode: Nullable(Type.String({ description: '全国党员管理信息系统党组织类别代码' })) })),
  orgStatuses: CodeList,
  roles: CodeList,
  memberCategories: CodeList,
  memberStatuses: CodeList,
  genders: CodeList,
  committeePosts: CodeList,
  electionMethods: CodeList,
  termStages: CodeList,
  warningKinds: CodeList,
  postSources: CodeList,
  adjustmentKinds: CodeList,
  orgHistoryEvents: CodeList,
  statisticsCategories: CodeList,
  ethnicities: CodeList,
  educations: CodeList,
  degrees: CodeList,
  jobPositions: CodeList,
  lifecycleActions: CodeList,
  transferStatuses: CodeList,
  transferKinds: CodeList,
  correctionStatuses: CodeList,
  memberEventKinds: CodeList,
  memberFields: CodeList,
  unitAdminLevels: CodeList,
  unitLeadingBodies: CodeList,
  activityTypes: CodeList,
  activityStatuses: CodeList,
  attendanceStatuses: CodeList,
  lights: CodeList,
  obligations: CodeList,
  rectificationSources: CodeList,
  problemStatuses: CodeList,
  problemSeverities: CodeList,
  problemEventKinds: CodeList,
});

const codes = (labels: Record<string, string>) => Object.entries(labels).map(([code, label]) => ({ code, label }));
const fromTable = (table: CodeTable) => table.entries.map((e) => ({ code: e.code, label: e.label }));

/** The code tables the UI shows (labels live here only; the web asks for them instead of copying them). */
export const CODE_TABLES = {
  orgTypes: ORG_TYPES.map((code) => ({ code, label: ORG_TYPE_LABELS[code], allowedChildTypes: [...ALLOWED_CHILD_TYPES[code]], hasCommittee: (ELECTED_ORG_TYPES as readonly string[]).includes(code), nationalCode: ORG_TYPE_NATIONAL_CODES[code] })),
  orgStatuses: ORG_STATUSES.map((code) => ({ code, label: ORG_STATUS_LABELS[code] })),
  roles: ROLES.map((code) => ({ code, label: ROLE_LABELS[code] })),
  memberCategories: MEMBER_CATEGORIES.map((code) => ({ code, label: MEMBER_CATEGORY_LABELS[code] ?? code })),
  memberStatuses: MEMBER_STATUSES.map((code) => ({ code, label: MEMBER_STATUS_LABELS[code] ?? code })),
  genders: codes(GENDER_LABELS),
  committeePosts: COMMITTEE_POSTS.map((code) => ({ code, label: COMMITTEE_POST_LABELS[code] })),
  electionMethods: Object.entries(ELECTION_METHODS).map(([code, label]) => ({ code, label })),
  termStages: codes({ ok: '任期内', due_soon: '即将届满', due_imminent: '临近届满', overdue: '已逾期' }),
  warningKinds: codes({ election: '换届', finding: '组织设置与职务空缺', no_election: '缺少换届信息', probation: '预备党员转正', transfer: '组织关系转接', meeting: '组织生活', absence: '连续缺席组织生活', problem: '整改逾期' }),
  postSources: codes({ elected: '选举', appointed: '任命' }),
  adjustmentKinds: codes({ postpone: '延期换届', advance: '提前换届' }),
  statisticsCategories: STATISTICS_CATEGORIES.map((code) => ({ code, label: STATISTICS_CATEGORY_LABELS[code] })),
  ethnicities: fromTable(MEMBER_CODE_TABLES.ethnicity),
  educations: fromTable(MEMBER_CODE_TABLES.education),
  degrees: fromTable(MEMBER_CODE_TABLES.degree),
  jobPositions: fromTable(MEMBER_CODE_TABLES.jobPosition),
  lifecycleActions: codes(LIFECYCLE_ACTION_LABELS),
  transferStatuses: codes(TRANSFER_STATUS_LABELS),
  transferKinds: codes({ internal: '系统内转接', outbound: '转出本系统' }),
  correctionStatuses: codes({ open: '待处理', accepted: '已采纳', rejected: '未采纳' }),
  memberEventKinds: codes(MEMBER_EVENT_KINDS),
  memberFields: codes(MEMBER_FIELD_LABELS),
  unitAdminLevels: codes(UNIT_ADMIN_LEVEL_LABELS),
  unitLeadingBodies: codes(UNIT_LEADING_BODY_LABELS),
  activityTypes: codes(ACTIVITY_TYPE_LABELS),
  activityStatuses: codes(ACTIVITY_STATUS_LABELS),
  attendanceStatuses: codes(ATTENDANCE_STATUS_LABELS),
  lights: codes(LIGHT_LABELS),
  // The obligations judged by meetings.frequency, named as the rule names them.
  obligations: MEETING_ACTIVITY_IDS.map((code) => ({ code, label: MEETING_ACTIVITIES[code].name })),
  rectificationSources: codes(RECTIFICATION_SOURCE_LABELS),
  problemStatuses: codes(PROBLEM_STATUS_LABELS),
  problemSeverities: codes(PROBLEM_SEVERITY_LABELS),
  problemEventKinds: codes(PROBLEM_EVENT_KIND_LABELS),
  orgHistoryEvents: codes({ created: '设立', updated: '变更', moved: '调整隶属关系', merged_into: '并入其他组织', absorbed: '合并其他组织', split_from: '由拆分设立', split_into: '拆分出新组织', dissolved: '撤销' }),
};

export const metaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meta/code-tables',
    { schema: { tags: ['系统'], summary: '代码表（组织类型、状态、角色、党员类别等的中文名称）', response: { 200: CodeTables, ...commonErrors } }, config: { access: 'authenticated' } },
    async () => CODE_TABLES,
  );
};
