import { Type } from 'typebox';
import { Nullable, PageQueryFields } from '../../platform/http-schemas.js';
import { COMMITTEE_POSTS } from '../committees/committee-posts.js';

const DateString = (title: string) => Type.String({ format: 'date', title });
const Basis = Type.Array(
  Type.Object({
    parameterId: Type.String(),
    value: Type.Unknown(),
    effectiveFrom: Type.String(),
    sourceTitle: Type.String(),
    article: Type.String(),
    quote: Nullable(Type.String()),
  }),
  { description: '规则依据：参数、取值、生效日期、出处与条款' },
);

export const PostSchema = Type.Union(COMMITTEE_POSTS.map((p) => Type.Literal(p)), { title: '职务' });

const PostView = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  post: Type.String(),
  postLabel: Type.String(),
  memberId: Type.Integer(),
  memberName: Type.String(),
  startedOn: Type.String(),
  endedOn: Nullable(Type.String()),
  source: Type.String(),
  electionId: Nullable(Type.Integer()),
  appointmentDoc: Nullable(Type.String()),
  endReason: Nullable(Type.String()),
  talkOn: Nullable(Type.String()),
  talkBy: Nullable(Type.String()),
  talkNote: Nullable(Type.String()),
});

export const CommitteeView = Type.Object({ current: Type.Array(PostView), past: Type.Array(PostView) }, { title: '班子成员' });

export const RuleWarnings = Type.Array(Type.Object({ message: Type.String(), severity: Nullable(Type.String()), basis: Basis }), { description: '不阻止保存的规则提醒' });

export const AppointBody = Type.Object(
  {
    post: PostSchema,
    memberId: Type.Integer({ minimum: 1, title: '党员' }),
    startedOn: DateString('任职日期'),
    appointmentDoc: Type.Optional(Nullable(Type.String({ maxLength: 100, title: '任职文号' }))),
    talkOn: Type.Optional(Nullable(DateString('任职谈话日期'))),
    talkBy: Type.Optional(Nullable(Type.String({ maxLength: 50, title: '谈话人' }))),
    talkNote: Type.Optional(Nullable(Type.String({ maxLength: 2000, title: '谈话要点' }))),
  },
  { additionalProperties: false },
);

export const EndPostBody = Type.Object(
  { endedOn: DateString('免职日期'), endReason: Type.String({ minLength: 1, maxLength: 200, title: '免职原因' }) },
  { additionalProperties: false },
);

export const TalkBody = Type.Object(
  { talkOn: DateString('任职谈话日期'), talkBy: Type.String({ minLength: 1, maxLength: 50, title: '谈话人' }), talkNote: Type.Optional(Nullable(Type.String({ maxLength: 2000, title: '谈话要点' }))) },
  { additionalProperties: false },
);

export const ElectionBody = Type.Object(
  {
    electedOn: DateString('选举日期'),
    method: Type.Union([Type.Literal('members_meeting'), Type.Literal('delegate_meeting')], { title: '选举方式' }),
    expectedVoters: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000, title: '应到有选举权人数' }))),
    actualVoters: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000, title: '实到有选举权人数' }))),
    approvedOn: Type.Optional(Nullable(DateString('上级批复日期'))),
    approvalDoc: Type.Optional(Nullable(Type.String({ maxLength: 100, title: '批复文号' }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000, title: '备注' }))),
    committee: Type.Array(Type.Object({ post: PostSchema, memberId: Type.Integer({ minimum: 1, title: '党员' }) }, { additionalProperties: false }), { minItems: 1, maxItems: 15, title: '新一届班子' }),
  },
  { additionalProperties: false },
);

export const ElectionRecorded = Type.Object({ electionId: Type.Integer(), termNumber: Type.Integer(), termYears: Type.Integer(), dueOn: Type.String(), warnings: RuleWarnings });

export const AdjustBody = Type.Object(
  {
    newDueOn: DateString('新的届满日期'),
    approvedOn: DateString('上级批复日期'),
    approvalDoc: Type.String({ minLength: 1, maxLength: 100, title: '批复文号' }),
    reason: Type.String({ minLength: 1, maxLength: 500, title: '延期或提前的理由' }),
  },
  { additionalProperties: false },
);

export const ElectionsView = Type.Object(
  {
    current: Nullable(
      Type.Object({
        electionId: Type.Integer(),
        termNumber: Type.Integer(),
        electedOn: Type.String(),
        dueOn: Type.String(),
        daysLeft: Type.Integer(),
        stage: Type.String(),
        severity: Nullable(Type.String()),
        message: Type.String(),
        basis: Basis,
      }),
    ),
    elections: Type.Array(
      Type.Object({
        id: Type.Integer(),
        termNumber: Type.Integer(),
        electedOn: Type.String(),
        method: Type.String(),
        methodLabel: Type.String(),
        expectedVoters: Nullable(Type.Integer()),
        actualVoters: Nullable(Type.Integer()),
        approvedOn: Nullable(Type.String()),
        approvalDoc: Nullable(Type.String()),
        termYears: Type.Integer(),
        dueOn: Type.String(),
        basis: Basis,
        note: Nullable(Type.String()),
      }),
    ),
    adjustments: Type.Array(
      Type.Object({ id: Type.Integer(), kind: Type.String(), previousDueOn: Type.String(), newDueOn: Type.String(), approvedOn: Type.String(), approvalDoc: Type.String(), reason: Type.String() }),
    ),
  },
  { title: '换届信息' },
);

export const WarningsQuery = Type.Object(
  {
    orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织' })),
    kind: Type.Optional(Type.Union(['election', 'finding', 'no_election', 'probation', 'transfer', 'meeting', 'absence', 'problem'].map((k) => Type.Literal(k)), { title: '预警类别' })),
    ...PageQueryFields,
  },
  { additionalProperties: false },
);

export const WarningView = Type.Object({
  key: Type.String(),
  kind: Type.String(),
  memberId: Type.Optional(Type.Integer()),
  problemId: Type.Optional(Type.Integer({ description: '整改逾期：问题 id' })),
  code: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  orgTypeLabel: Type.String(),
  severity: Nullable(Type.String()),
  dueOn: Nullable(Type.String()),
  message: Type.String(),
  basis: Basis,
});
