// The HTTP contract of organizational-life activities (组织生活记录). Shapes only; rules live in the service.
import { Type, type TLiteral, type TUnion } from 'typebox';
import { Nullable, PageQueryFields } from '../../platform/http-schemas.js';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, ATTENDANCE_STATUSES } from './activity-types.js';

const IsoDate = (title: string) => Type.String({ format: 'date', title });
type Literals<T extends readonly string[]> = T extends readonly [infer H extends string, ...infer R extends readonly string[]] ? [TLiteral<H>, ...Literals<R>] : [];
/** A union of string literals, typed as one (so Static<> is the literal union, not never). */
const literalUnion = <const T extends readonly string[]>(values: T, title: string) => Type.Union(values.map((v) => Type.Literal(v)), { title }) as unknown as TUnion<Literals<T>>;
const LocalTime = (title: string) => Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', title, description: 'HH:MM（北京时间）' });
const Text = (title: string, maxLength: number) => Type.String({ maxLength, title });

export const ActivityTypeSchema = literalUnion(ACTIVITY_TYPES, '活动类型');
export const AttendanceStatusSchema = literalUnion(ATTENDANCE_STATUSES, '出勤情况');

export const AttendanceInput = Type.Object(
  {
    memberId: Type.Integer({ minimum: 1, title: '党员' }),
    status: AttendanceStatusSchema,
    reason: Type.Optional(Nullable(Text('请假或缺席原因', 100))),
  },
  { additionalProperties: false },
);

const activityFields = {
  types: Type.Array(ActivityTypeSchema, { minItems: 1, maxItems: ACTIVITY_TYPES.length, uniqueItems: true, title: '活动类型' }),
  topic: Type.String({ minLength: 1, maxLength: 200, title: '主题' }),
  heldOn: IsoDate('日期'),
  startsAt: Type.Optional(Nullable(LocalTime('开始时间'))),
  endsAt: Type.Optional(Nullable(LocalTime('结束时间'))),
  place: Type.Optional(Nullable(Text('地点', 100))),
  host: Type.Optional(Nullable(Text('主持人', 50))),
  recorder: Type.Optional(Nullable(Text('记录人', 50))),
  lecturer: Type.Optional(Nullable(Text('授课人', 50))),
  lecturerMemberId: Type.Optional(Nullable(Type.Integer({ minimum: 1, title: '授课党员' }))),
  content: Type.Optional(Nullable(Text('会议内容（记录）', 20000))),
  decisions: Type.Optional(Nullable(Text('决定事项', 5000))),
};

/** Record a held meeting (status completed, with attendance) or plan one (status planned, attendance later). */
export const ActivityCreateBody = Type.Object(
  {
    orgId: Type.Integer({ minimum: 1, title: '组织' }),
    status: literalUnion(['planned', 'completed'], '状态'),
    ...activityFields,
    attendance: Type.Optional(Type.Array(AttendanceInput, { maxItems: 2000, title: '出勤' })),
    /** Made on the device for an offline draft; a second submission of the same draft returns the first record. */
    clientDraftId: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', title: '草稿编号' })),
  },
  { additionalProperties: false },
);

export const ActivityUpdateBody = Type.Partial(Type.Object({ ...activityFields, attendance: Type.Array(AttendanceInput, { maxItems: 2000, title: '出勤' }) }), {
  additionalProperties: false,
  minProperties: 1,
});

export const ActivityCompleteBody = Type.Object(
  {
    heldOn: Type.Optional(IsoDate('日期')),
    attendance: Type.Array(AttendanceInput, { maxItems: 2000, title: '出勤' }),
    content: Type.Optional(Nullable(Text('会议内容（记录）', 20000))),
    decisions: Type.Optional(Nullable(Text('决定事项', 5000))),
  },
  { additionalProperties: false },
);

export const ActivityCancelBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200, title: '取消原因' }) }, { additionalProperties: false });

export const AttendanceCounts = Type.Object({
  expected: Type.Integer({ description: '应到（登记出勤的党员数）' }),
  present: Type.Integer(),
  online: Type.Integer(),
  leave: Type.Integer(),
  absent: Type.Integer(),
});

export const ActivitySummary = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  status: literalUnion(ACTIVITY_STATUSES, '状态'),
  types: Type.Array(ActivityTypeSchema),
  topic: Type.String(),
  heldOn: Type.String({ format: 'date' }),
  startsAt: Nullable(Type.String()),
  place: Nullable(Type.String()),
  host: Nullable(Type.String()),
  attendance: AttendanceCounts,
});

export const AttendanceRow = Type.Object({
  memberId: Type.Integer(),
  name: Type.String(),
  category: Type.String(),
  status: AttendanceStatusSchema,
  reason: Nullable(Type.String()),
});

export const ActivityDetail = Type.Intersect([
  ActivitySummary,
  Type.Object({
    endsAt: Nullable(Type.String()),
    recorder: Nullable(Type.String()),
    lecturer: Nullable(Type.String()),
    lecturerMemberId: Nullable(Type.Integer()),
    content: Nullable(Type.String()),
    decisions: Nullable(Type.String()),
    cancelReason: Nullable(Type.String()),
    clientDraftId: Nullable(Type.String()),
    attendanceRows: Type.Array(AttendanceRow),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
]);

export const ACTIVITY_SORTS = ['heldOn', '-heldOn'] as const;

export const ActivityListQuery = Type.Object(
  {
    orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织（含下级）' })),
    from: Type.Optional(IsoDate('开始日期')),
    to: Type.Optional(IsoDate('结束日期')),
    type: Type.Optional(ActivityTypeSchema),
    status: Type.Optional(literalUnion(ACTIVITY_STATUSES, '状态')),
    q: Type.Optional(Type.String({ maxLength: 50, title: '主题关键词' })),
    sort: Type.Optional(literalUnion(ACTIVITY_SORTS, '排序')),
    ...PageQueryFields,
  },
  { additionalProperties: false },
);

export const AttendanceTemplateQuery = Type.Object({ orgId: Type.Integer({ minimum: 1, title: '组织' }) }, { additionalProperties: false });

/** The members an attendance sheet starts from: the organization's members on the roster (出席 by default). */
export const AttendanceTemplate = Type.Object({
  orgId: Type.Integer(),
  items: Type.Array(Type.Object({ memberId: Type.Integer(), name: Type.String(), category: Type.String(), memberStatus: Type.String(), suggested: AttendanceStatusSchema })),
});

export const LedgerQuery = Type.Object(
  { orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织（含下级）' })), from: IsoDate('开始日期'), to: IsoDate('结束日期') },
  { additionalProperties: false },
);

/** A member's own organizational life: upcoming planned activities of the branch, and attendance so far. */
export const MyActivities = Type.Object({
  upcoming: Type.Array(ActivitySummary),
  attended: Type.Array(Type.Object({ activity: ActivitySummary, status: AttendanceStatusSchema, reason: Nullable(Type.String()) })),
  /** This year: activities the member was recorded in, by attendance status. */
  yearCounts: Type.Object({ present: Type.Integer(), online: Type.Integer(), leave: Type.Integer(), absent: Type.Integer() }),
});
