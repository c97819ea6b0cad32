import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { Nullable, PageQueryFields } from '../../platform/http-schemas.js';

export const MEMBER_CATEGORIES = ['full', 'probationary'] as const;
export const MEMBER_CATEGORY_LABELS: Record<string, string> = { full: '正式党员', probationary: '预备党员' };
export const MEMBER_STATUSES = ['normal', 'mobile', 'lost_contact', 'suspended', 'expelled', 'deceased', 'transferred_out', 'probation_cancelled'] as const;
export const MEMBER_STATUS_LABELS: Record<string, string> = {
  normal: '正常',
  mobile: '流动',
  lost_contact: '失联',
  suspended: '停止党籍',
  expelled: '出党',
  deceased: '死亡',
  transferred_out: '已转出',
  probation_cancelled: '取消预备党员资格',
};
/** Statuses of members still on the roster (在册): lists and statistics count these by default. */
export const ON_ROSTER_STATUSES = ['normal', 'mobile', 'lost_contact', 'suspended'] as const;
/** ON_ROSTER_STATUSES as the SQL list `('normal', …)`, for `status IN …` in hand-written SQL text. */
export const ON_ROSTER_LIST = `(${ON_ROSTER_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** The same list for Drizzle's sql template: `status IN ${ON_ROSTER_SQL}`. */
export const ON_ROSTER_SQL = sql.raw(ON_ROSTER_LIST);
export const MEMBER_SORTS = ['name', '-name', 'joinedOn', '-joinedOn', 'birthDate', '-birthDate', 'probationEndsOn'] as const;
export const GENDERS = ['male', 'female'] as const;
/** The one place the two genders are named (GB/T 2261.1 男/女). */
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { male: '男', female: '女' };

const IsoDate = (title: string) => Type.String({ format: 'date', title });
const literalUnion = (values: readonly string[], title: string) => Type.Union(values.map((v) => Type.Literal(v)), { title });

const memberSummaryFields = {
  id: Type.Integer(),
  name: Type.String(),
  gender: Type.String(),
  /** GB/T 3304 code. */
  ethnicity: Nullable(Type.String()),
  /** 党统学历 code. */
  education: Nullable(Type.String()),
  birthDate: Nullable(Type.String({ format: 'date' })),
  joinedOn: Nullable(Type.String({ format: 'date' })),
  fullMemberOn: Nullable(Type.String({ format: 'date' })),
  category: Type.String(),
  status: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  position: Nullable(Type.String()),
  /** Masked, e.g. 138****1234; null when not recorded. */
  phoneMasked: Nullable(Type.String()),
  probationEndsOn: Nullable(Type.String({ format: 'date' })),
  inHardship: Type.Boolean(),
};

export const MemberSummary = Type.Object(memberSummaryFields, { title: '党员（摘要）' });

export const RuleFinding = Type.Object({
  ruleId: Type.String(),
  severity: Type.String(),
  code: Type.String(),
  message: Type.String(),
  basis: Type.Object({ title: Type.String(), article: Type.String(), force: Type.String(), parameter: Type.String() }),
});

export const MemberDetail = Type.Object(
  {
    ...memberSummaryFields,
    /** Masked: the first 3 and last 4 characters; the full number only through POST /members/:id/unmask. */
    idNumberMasked: Nullable(Type.String()),
    nativePlace: Nullable(Type.String()),
    degree: Nullable(Type.String()),
    jobPosition: Nullable(Type.String()),
    rank: Nullable(Type.String()),
    unit: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    standingAdjustmentYears: Type.Integer(),
    /** 党龄 in whole years from 转正日期 (plus the adjustment), computed; null for probationary members. */
    standingYears: Nullable(Type.Integer()),
    probationExtensionMonths: Type.Integer(),
    hardshipNote: Nullable(Type.String()),
    leftOn: Nullable(Type.String({ format: 'date' })),
    orgPath: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    /** Open findings of the member's rules (转正到期 …), each naming its rule and citation. */
    findings: Type.Array(RuleFinding),
    /** The pending transfer, if any. */
    pendingTransferId: Nullable(Type.Integer()),
  },
  { title: '党员（详情）' },
);

export const MemberListQuery = Type.Object(
  {
    orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织' })),
    includeSubtree: Type.Optional(Type.Boolean({ default: true, title: '含下级组织' })),
    q: Type.Optional(Type.String({ maxLength: 50, title: '姓名' })),
    /** Exact search by a full ID number (through the keyed hash). */
    idNumber: Type.Optional(Type.String({ maxLength: 30, title: '公民身份号码' })),
    category: Type.Optional(literalUnion(MEMBER_CATEGORIES, '党员类别')),
    /** A status, or 'on_roster' (default: 在册) or 'all'. */
    status: Type.Optional(literalUnion([...MEMBER_STATUSES, 'on_roster', 'all'], '党员状态')),
    gender: Type.Optional(literalUnion(GENDERS, '性别')),
    inHardship: Type.Optional(Type.Boolean({ title: '困难党员' })),
    sort: Type.Optional(literalUnion(MEMBER_SORTS, '排序')),
    ...PageQueryFields,
  },
  { additionalProperties: false },
);

/** The editable fields of a member record (create and update). Codes come from /api/meta/code-tables. */
const memberInputFields = {
  name: Type.String({ minLength: 1, maxLength: 50, title: '姓名' }),
  gender: literalUnion(GENDERS, '性别'),
  idNumber: Nullable(Type.String({ maxLength: 30, title: '公民身份号码' })),
  ethnicity: Nullable(Type.String({ maxLength: 10, title: '民族' })),
  birthDate: Nullable(IsoDate('出生日期')),
  nativePlace: Nullable(Type.String({ maxLength: 50, title: '籍贯' })),
  education: Nullable(Type.String({ maxLength: 10, title: '学历' })),
  degree: Nullable(Type.String({ maxLength: 10, title: '学位' })),
  joinedOn: Nullable(IsoDate('入党日期')),
  fullMemberOn: Nullable(IsoDate('转正日期')),
  category: literalUnion(MEMBER_CATEGORIES, '人员类别'),
  jobPosition: Nullable(Type.String({ maxLength: 10, title: '工作岗位' })),
  position: Nullable(Type.String({ maxLength: 50, title: '工作单位职务' })),
  rank: Nullable(Type.String({ maxLength: 50, title: '职级' })),
  unitId: Nullable(Type.Integer({ minimum: 1, title: '工作单位' })),
  phone: Nullable(Type.String({ maxLength: 30, title: '联系电话' })),
  standingAdjustmentYears: Type.Optional(Type.Integer({ minimum: -10, maximum: 10, title: '党龄校正值' })),
};

export const MemberCreateBody = Type.Object({ orgId: Type.Integer({ minimum: 1, title: '所在党组织' }), ...memberInputFields }, { additionalProperties: false });
export const MemberUpdateBody = Type.Partial(Type.Object(memberInputFields), { additionalProperties: false });

export const UnmaskBody = Type.Object({ field: literalUnion(['idNumber', 'phone'], '字段') }, { additionalProperties: false });
export const UnmaskResult = Type.Object({ field: Type.String(), value: Nullable(Type.String()) });

export const LIFECYCLE_ACTIONS = ['convert', 'extend_probation', 'cancel_probation', 'suspend', 'expel', 'deceased', 'restore', 'mark_mobile', 'mark_lost_contact', 'mark_normal'] as const;
export const LIFECYCLE_ACTION_LABELS: Record<string, string> = {
  convert: '按期转为正式党员',
  extend_probation: '延长预备期',
  cancel_probation: '取消预备党员资格',
  suspend: '停止党籍',
  expel: '出党',
  deceased: '死亡',
  restore: '恢复正常',
  mark_mobile: '登记为流动党员',
  mark_lost_contact: '登记为失联党员',
  mark_normal: '恢复正常联系',
};
export const LifecycleBody = Type.Object(
  {
    action: literalUnion(LIFECYCLE_ACTIONS, '事项'),
    occurredOn: IsoDate('日期'),
    reason: Type.Optional(Type.String({ maxLength: 200, title: '原因' })),
    /** extend_probation: months (6–12, rule members.probation_extension). */
    months: Type.Optional(Type.Integer({ minimum: 1, maximum: 24, title: '延长月数' })),
  },
  { additionalProperties: false },
);

export const TimelineEvent = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  occurredOn: Type.String({ format: 'date' }),
  orgId: Type.Integer(),
  orgName: Type.String(),
  /** Chinese sentence for the timeline. */
  summary: Type.String(),
  reason: Nullable(Type.String()),
  actor: Nullable(Type.String()),
});
export const Timeline = Type.Object({ items: Type.Array(TimelineEvent) });

export const CountItem = Type.Object({ key: Type.String(), label: Type.String(), count: Type.Integer() });
export const MemberStats = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  asOf: Type.String({ format: 'date' }),
  total: Type.Integer(),
  byCategory: Type.Array(CountItem),
  byGender: Type.Array(CountItem),
  byEthnicity: Type.Array(CountItem),
  byAgeBand: Type.Array(CountItem),
  byEducation: Type.Array(CountItem),
  byStandingBand: Type.Array(CountItem),
  byStatus: Type.Array(CountItem),
});
export const OrgQuery = Type.Object({ orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织' })) }, { additionalProperties: false });

export const BirthdayQuery = Type.Object(
  { orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织' })), month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, title: '月份' })) },
  { additionalProperties: false },
);
export const Birthdays = Type.Object({
  month: Type.Integer(),
  /** True when more members matched than are listed (choose a smaller organization). */
  truncated: Type.Boolean(),
  groups: Type.Array(
    Type.Object({
      orgId: Type.Integer(),
      orgName: Type.String(),
      members: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), joinedOn: Type.String({ format: 'date' }), years: Type.Integer() })),
    }),
  ),
});

export const HardshipBody = Type.Object(
  { inHardship: Type.Boolean({ title: '困难党员' }), note: Nullable(Type.String({ maxLength: 200, title: '困难情况' })) },
  { additionalProperties: false },
);
export const CareVisitBody = Type.Object(
  {
    visitedOn: IsoDate('走访日期'),
    visitor: Type.String({ minLength: 1, maxLength: 50, title: '走访人' }),
    content: Type.String({ minLength: 1, maxLength: 500, title: '走访情况' }),
    assistance: Nullable(Type.String({ maxLength: 200, title: '帮扶内容' })),
  },
  { additionalProperties: false },
);
export const CareVisit = Type.Object({ id: Type.Integer(), memberId: Type.Integer(), visitedOn: Type.String({ format: 'date' }), visitor: Type.String(), content: Type.String(), assistance: Nullable(Type.String()) });
export const HardshipQuery = Type.Object({ orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织' })), ...PageQueryFields }, { additionalProperties: false });
export const HardshipMember = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  hardshipNote: Nullable(Type.String()),
  lastVisitOn: Nullable(Type.String({ format: 'date' })),
  visitCount: Type.Integer(),
});

// 组织关系转接
export const TRANSFER_STATUSES = ['pending', 'accepted', 'returned', 'cancelled', 'issued'] as const;
export const TRANSFER_STATUS_LABELS: Record<string, string> = { pending: '待接收', accepted: '已接收', returned: '已退回', cancelled: '已撤回', issued: '已开具介绍信' };
export const TransferCreateBody = Type.Object(
  {
    memberId: Type.Integer({ minimum: 1, title: '党员' }),
    kind: literalUnion(['internal', 'outbound'], '转接类型'),
    toOrgId: Type.Optional(Type.Integer({ minimum: 1, title: '转入党组织' })),
    destination: Type.Optional(Type.String({ minLength: 1, maxLength: 100, title: '转入党组织名称' })),
    reason: Type.String({ minLength: 1, maxLength: 200, title: '转接原因' }),
    startedOn: IsoDate('转出日期'),
    duesPaidUntil: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', title: '党费交至月份' })),
  },
  { additionalProperties: false },
);
export const TransferReturnBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200, title: '退回原因' }) }, { additionalProperties: false });
export const TransferListQuery = Type.Object(
  {
    direction: literalUnion(['incoming', 'outgoing'], '方向'),
    status: Type.Optional(literalUnion(TRANSFER_STATUSES, '状态')),
    ...PageQueryFields,
  },
  { additionalProperties: false },
);
export const Transfer = Type.Object({
  id: Type.Integer(),
  memberId: Type.Integer(),
  memberName: Type.String(),
  kind: Type.String(),
  fromOrgId: Type.Integer(),
  fromOrgName: Type.String(),
  toOrgId: Nullable(Type.Integer()),
  toOrgName: Nullable(Type.String()),
  status: Type.String(),
  reason: Type.String(),
  startedOn: Type.String({ format: 'date' }),
  responseDueOn: Nullable(Type.String({ format: 'date' })),
  respondedOn: Nullable(Type.String({ format: 'date' })),
  responseNote: Nullable(Type.String()),
  letterNumber: Nullable(Type.String()),
  /** Rule findings (接收逾期), with citations. */
  findings: Type.Array(RuleFinding),
});

// Corrections requested by a member (self-view) and resolved by a branch officer.
export const CorrectionBody = Type.Object(
  {
    field: Type.String({ minLength: 1, maxLength: 50, title: '需更正的项目' }),
    proposedValue: Nullable(Type.String({ maxLength: 200, title: '正确内容' })),
    note: Nullable(Type.String({ maxLength: 500, title: '说明' })),
  },
  { additionalProperties: false },
);
export const CorrectionResolveBody = Type.Object(
  { status: literalUnion(['accepted', 'rejected'], '处理结果'), note: Nullable(Type.String({ maxLength: 200, title: '处理意见' })) },
  { additionalProperties: false },
);
export const Correction = Type.Object({
  id: Type.Integer(),
  memberId: Type.Integer(),
  memberName: Type.String(),
  orgName: Type.String(),
  field: Type.String(),
  proposedValue: Nullable(Type.String()),
  note: Nullable(Type.String()),
  status: Type.String(),
  createdAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
  resolutionNote: Nullable(Type.String()),
});
export const CorrectionListQuery = Type.Object(
  { status: Type.Optional(literalUnion(['open', 'accepted', 'rejected'], '状态')), ...PageQueryFields },
  { additionalProperties: false },
);

// Excel import jobs
export const ImportStartQuery = Type.Object(
  {
    orgId: Type.Integer({ minimum: 1, title: '导入到的组织' }),
    mode: literalUnion(['validate', 'commit'], '导入方式'),
    fileName: Type.Optional(Type.String({ maxLength: 200, title: '文件名' })),
  },
  { additionalProperties: false },
);
export const ImportError = Type.Object({ row: Type.Integer(), column: Type.String(), field: Type.String(), message: Type.String() });
export const ImportJob = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  fileName: Type.String(),
  mode: Type.String(),
  /** running | valid | invalid | committed | failed */
  status: Type.String(),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  insertedRows: Type.Integer(),
  errorCount: Type.Integer(),
  errors: Type.Array(ImportError),
  message: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});
