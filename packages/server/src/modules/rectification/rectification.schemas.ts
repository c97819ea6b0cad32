// The HTTP contract of problem rectification (问题整改). Shapes only; rules live in the service and problem-workflow.ts.
import { Type, type TLiteral, type TUnion } from 'typebox';
import { Nullable, PageQueryFields } from '../../platform/http-schemas.js';
import { PROBLEM_ACTIONS, PROBLEM_STATUSES } from './problem-workflow.js';

type Literals<T extends readonly string[]> = T extends readonly [infer H extends string, ...infer R extends readonly string[]] ? [TLiteral<H>, ...Literals<R>] : [];
const literalUnion = <const T extends readonly string[]>(values: T, title: string) => Type.Union(values.map((v) => Type.Literal(v)), { title }) as unknown as TUnion<Literals<T>>;
const IsoDate = (title: string) => Type.String({ format: 'date', title });

export const RECTIFICATION_SOURCES = ['inspection_tour', 'centralized_inspection', 'special_inspection', 'discipline_spot_check', 'review_comment', 'discipline_advice', 'petition', 'self_check'] as const;
export const RECTIFICATION_SOURCE_LABELS: Record<(typeof RECTIFICATION_SOURCES)[number], string> = {
  inspection_tour: '巡视巡察反馈',
  centralized_inspection: '集中督查',
  special_inspection: '专项检查',
  discipline_spot_check: '正风肃纪抽查',
  review_comment: '述职评议点评',
  discipline_advice: '纪检监察建议',
  petition: '群众信访',
  self_check: '自查',
};
export const PROBLEM_SEVERITIES = ['general', 'serious', 'critical'] as const;
export const PROBLEM_SEVERITY_LABELS: Record<(typeof PROBLEM_SEVERITIES)[number], string> = { general: '一般', serious: '较重', critical: '严重' };
export const PROBLEM_EVENT_KINDS = ['issued', 'claimed', 'measures_set', 'progress', 'closure_requested', 'closed', 'returned', 'reviewed', 'reopened', 'updated'] as const;
export const PROBLEM_EVENT_KIND_LABELS: Record<(typeof PROBLEM_EVENT_KINDS)[number], string> = {
  issued: '下发',
  claimed: '认领',
  measures_set: '制定措施',
  progress: '整改进展',
  closure_requested: '申请销号',
  closed: '审核销号',
  returned: '退回',
  reviewed: '回头看',
  reopened: '重新整改',
  updated: '修改',
};

export const SourceSchema = literalUnion(RECTIFICATION_SOURCES, '问题来源');
export const SeveritySchema = literalUnion(PROBLEM_SEVERITIES, '严重程度');
export const StatusSchema = literalUnion(PROBLEM_STATUSES, '状态');

const Year = Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' });
const OrgIdQuery = Type.Integer({ minimum: 1, maximum: 2147483647, title: '组织' });

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

export const Category = Type.Object({ code: Type.String(), label: Type.String(), sortOrder: Type.Integer(), active: Type.Boolean() });
export const CategoryCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$', title: '类别代码' }) });
export const CategoryCreateBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$', title: '类别代码', description: '小写字母开头，字母、数字、下划线' }),
    label: Type.String({ minLength: 1, maxLength: 30, title: '类别名称' }),
  },
  { additionalProperties: false },
);
export const CategoryUpdateBody = Type.Object(
  {
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 30, title: '类别名称' })),
    active: Type.Optional(Type.Boolean({ title: '启用' })),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, title: '排序' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

// ---------------------------------------------------------------------------------------------
// Batches
// ---------------------------------------------------------------------------------------------

export const BatchSummary = Type.Object({
  id: Type.Integer(),
  issuingOrgId: Type.Integer(),
  issuingOrgName: Type.String(),
  source: Type.String(),
  name: Type.String(),
  issuedOn: Type.String(),
  reviewAfterMonths: Type.Integer(),
  note: Nullable(Type.String()),
  problemCount: Type.Integer(),
  closedCount: Type.Integer(),
  overdueCount: Type.Integer(),
  closureRate: Nullable(Type.Number({ description: '销号率 0..1，无问题时为 null' })),
});

export const BatchListQuery = Type.Object(
  {
    orgId: Type.Optional(OrgIdQuery),
    year: Type.Optional(Year),
    source: Type.Optional(SourceSchema),
    q: Type.Optional(Type.String({ maxLength: 100, title: '搜索' })),
    ...PageQueryFields,
  },
  { additionalProperties: false },
);

export const BatchCreateBody = Type.Object(
  {
    issuingOrgId: Type.Integer({ minimum: 1, maximum: 2147483647, title: '下发组织' }),
    source: SourceSchema,
    name: Type.String({ minLength: 1, maxLength: 100, title: '批次名称' }),
    issuedOn: IsoDate('下发日期'),
    reviewAfterMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 36, default: 6, title: '回头看间隔（月）' })),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000, title: '备注' }))),
  },
  { additionalProperties: false },
);

export const BatchBoard = Type.Object({
  batch: BatchSummary,
  byOrg: Type.Array(
    Type.Object({
      orgId: Type.Integer(),
      orgName: Type.String(),
      total: Type.Integer(),
      closed: Type.Integer(),
      closedOnTime: Type.Integer(),
      overdue: Type.Integer(),
      returned: Type.Integer(),
      avgDaysToClose: Nullable(Type.Number()),
    }),
  ),
  byCategory: Type.Array(Type.Object({ category: Type.String(), label: Type.String(), count: Type.Integer() })),
  byStatus: Type.Array(Type.Object({ status: Type.String(), count: Type.Integer() })),
});

// ---------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------

const problemFields = {
  responsibleOrgId: Type.Integer({ minimum: 1, maximum: 2147483647, title: '责任组织' }),
  responsiblePerson: Type.Optional(Nullable(Type.String({ maxLength: 50, title: '责任人' }))),
  responsibleMemberId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647, title: '责任人（党员）' }))),
  description: Type.String({ minLength: 1, maxLength: 2000, title: '问题描述' }),
  category: Type.String({ minLength: 1, maxLength: 40, title: '问题类别' }),
  severity: SeveritySchema,
  deadline: IsoDate('整改时限'),
};

export const ProblemCreateBody = Type.Object(problemFields, { additionalProperties: false });

export const ProblemSummary = Type.Object({
  id: Type.Integer(),
  batchId: Type.Integer(),
  batchName: Type.String(),
  source: Type.String(),
  issuingOrgId: Type.Integer(),
  issuingOrgName: Type.String(),
  responsibleOrgId: Type.Integer(),
  responsibleOrgName: Type.String(),
  responsiblePerson: Nullable(Type.String()),
  responsibleMemberId: Nullable(Type.Integer()),
  description: Type.String(),
  category: Type.String(),
  categoryLabel: Type.String(),
  severity: Type.String(),
  deadline: Type.String(),
  status: Type.String(),
  overdue: Type.Boolean(),
  daysOverdue: Type.Integer(),
  closedOn: Nullable(Type.String()),
  closedOnTime: Nullable(Type.Boolean()),
  reviewDueOn: Nullable(Type.String()),
  reopenedCount: Type.Integer(),
  returnedCount: Type.Integer(),
});

export const Measure = Type.Object({ id: Type.Integer(), content: Type.String(), owner: Type.String(), deadline: Type.String(), doneOn: Nullable(Type.String()) });
export const ProblemEvent = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  note: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  occurredAt: Type.String(),
  detail: Nullable(Type.Object({}, { additionalProperties: true })),
});
export const Evidence = Type.Object({
  id: Type.Integer(),
  kind: literalUnion(['link', 'activity', 'file'], '佐证类型'),
  label: Type.String(),
  url: Nullable(Type.String()),
  activityId: Nullable(Type.Integer()),
  activityTopic: Nullable(Type.String()),
  fileName: Nullable(Type.String()),
  size: Nullable(Type.Integer()),
  createdAt: Type.String(),
});

export const ProblemDetail = Type.Object({
  ...ProblemSummary.properties,
  measures: Type.Array(Measure),
  events: Type.Array(ProblemEvent),
  evidence: Type.Array(Evidence),
  allowedActions: Type.Array(literalUnion(PROBLEM_ACTIONS, '可办理事项')),
});

export const ProblemListQuery = Type.Object(
  {
    view: Type.Optional(literalUnion(['responsible', 'issued', 'mine'], '视角')),
    orgId: Type.Optional(OrgIdQuery),
    batchId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, title: '批次' })),
    status: Type.Optional(StatusSchema),
    overdue: Type.Optional(Type.Boolean({ title: '逾期' })),
    category: Type.Optional(Type.String({ maxLength: 40, title: '问题类别' })),
    severity: Type.Optional(SeveritySchema),
    q: Type.Optional(Type.String({ maxLength: 100, title: '搜索' })),
    sort: Type.Optional(literalUnion(['deadline', '-deadline', '-id'], '排序')),
    ...PageQueryFields,
  },
  { additionalProperties: false },
);

export const ClaimBody = Type.Object(
  {
    responsiblePerson: Type.Optional(Nullable(Type.String({ maxLength: 50, title: '责任人' }))),
    responsibleMemberId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647, title: '责任人（党员）' }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000, title: '说明' }))),
  },
  { additionalProperties: false },
);

export const MeasuresBody = Type.Object(
  {
    measures: Type.Array(
      Type.Object(
        {
          content: Type.String({ minLength: 1, maxLength: 500, title: '措施内容' }),
          owner: Type.String({ minLength: 1, maxLength: 50, title: '措施责任人' }),
          deadline: IsoDate('措施完成时限'),
          doneOn: Type.Optional(Nullable(IsoDate('完成日期'))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20, title: '整改措施' },
    ),
  },
  { additionalProperties: false },
);

export const NoteBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000, title: '说明' }) }, { additionalProperties: false });
export const OptionalNoteBody = Type.Object({ note: Type.Optional(Nullable(Type.String({ maxLength: 1000, title: '说明' }))) }, { additionalProperties: false });
export const ReturnBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000, title: '退回理由' }) }, { additionalProperties: false });
export const ReviewBody = Type.Object(
  { outcome: literalUnion(['passed', 'reopen'], '回头看结论'), note: Type.String({ minLength: 1, maxLength: 1000, title: '回头看情况' }) },
  { additionalProperties: false },
);

export const EvidenceBody = Type.Union(
  [
    Type.Object({ kind: Type.Literal('link'), label: Type.String({ minLength: 1, maxLength: 100, title: '佐证名称' }), url: Type.String({ minLength: 1, maxLength: 500, pattern: '^https?://', title: '链接' }) }, { additionalProperties: false }),
    Type.Object(
      { kind: Type.Literal('activity'), label: Type.String({ minLength: 1, maxLength: 100, title: '佐证名称' }), activityId: Type.Integer({ minimum: 1, maximum: 2147483647, title: '组织生活记录' }) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('file'),
        label: Type.String({ minLength: 1, maxLength: 100, title: '佐证名称' }),
        fileName: Type.String({ minLength: 1, maxLength: 200, title: '文件名' }),
        contentType: Type.String({ minLength: 1, maxLength: 100, title: '文件类型' }),
        contentBase64: Type.String({ minLength: 1, maxLength: 2_900_000, title: '文件内容（Base64）' }),
      },
      { additionalProperties: false },
    ),
  ],
  { title: '佐证' },
);

export const EvidenceParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647, title: 'id' }),
  evidenceId: Type.Integer({ minimum: 1, maximum: 2147483647, title: '佐证' }),
});

// ---------------------------------------------------------------------------------------------
// Import, ledger, analysis
// ---------------------------------------------------------------------------------------------

export const ImportQuery = Type.Object({ mode: literalUnion(['validate', 'commit'], '导入方式') }, { additionalProperties: false });
export const ImportResult = Type.Object({
  mode: Type.String(),
  valid: Type.Boolean(),
  rows: Type.Integer(),
  created: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), field: Type.String(), message: Type.String() })),
});

export const LedgerQuery = Type.Object(
  { batchId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, title: '批次' })), orgId: Type.Optional(OrgIdQuery), year: Type.Optional(Year) },
  { additionalProperties: false },
);

export const OrgYearQuery = Type.Object({ orgId: Type.Optional(OrgIdQuery), year: Type.Optional(Year) }, { additionalProperties: false });
export const OrgOnlyQuery = Type.Object({ orgId: Type.Optional(OrgIdQuery) }, { additionalProperties: false });

export const CommonProblems = Type.Object({
  items: Type.Array(Type.Object({ category: Type.String(), label: Type.String(), orgCount: Type.Integer(), problemCount: Type.Integer(), orgNames: Type.Array(Type.String()) })),
});
export const Trend = Type.Object({
  items: Type.Array(Type.Object({ batchId: Type.Integer(), name: Type.String(), issuedOn: Type.String(), total: Type.Integer(), closureRate: Nullable(Type.Number()), onTimeRate: Nullable(Type.Number()) })),
});
export const RedBlack = Type.Object({
  red: Type.Array(Type.Object({ orgId: Type.Integer(), orgName: Type.String(), total: Type.Integer(), closedOnTime: Type.Integer() })),
  black: Type.Array(Type.Object({ orgId: Type.Integer(), orgName: Type.String(), overdue: Type.Integer(), returned: Type.Integer(), reopened: Type.Integer() })),
});
export const Indicators = Type.Object({
  items: Type.Array(Type.Object({ orgId: Type.Integer(), orgName: Type.String(), received: Type.Integer(), closedOnTime: Type.Integer(), overdue: Type.Integer(), reopened: Type.Integer() })),
});
