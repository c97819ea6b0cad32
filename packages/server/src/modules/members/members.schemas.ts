import { Type } from 'typebox';
import { Nullable, PageQueryFields } from '../../platform/http-schemas.js';

export const MEMBER_CATEGORIES = ['full', 'probationary'] as const;
export const MEMBER_CATEGORY_LABELS: Record<string, string> = { full: '正式党员', probationary: '预备党员' };
export const MEMBER_STATUSES = ['normal', 'mobile', 'lost_contact', 'suspended', 'expelled', 'deceased'] as const;
export const MEMBER_STATUS_LABELS: Record<string, string> = { normal: '正常', mobile: '流动', lost_contact: '失联', suspended: '停止党籍', expelled: '出党', deceased: '死亡' };
export const MEMBER_SORTS = ['name', '-name', 'joinedOn', '-joinedOn', 'birthDate', '-birthDate'] as const;

const memberSummaryFields = {
  id: Type.Integer(),
  name: Type.String(),
  gender: Type.String(),
  birthDate: Nullable(Type.String({ format: 'date' })),
  joinedOn: Nullable(Type.String({ format: 'date' })),
  category: Type.String(),
  status: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  position: Nullable(Type.String()),
};

export const MemberSummary = Type.Object(memberSummaryFields, { title: '党员（摘要）' });

export const MemberDetail = Type.Object(
  {
    ...memberSummaryFields,
    ethnicity: Nullable(Type.String()),
    education: Nullable(Type.String()),
    fullMemberOn: Nullable(Type.String({ format: 'date' })),
    orgPath: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  },
  { title: '党员（详情）' },
);

export const MemberListQuery = Type.Object(
  {
    orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织' })),
    includeSubtree: Type.Optional(Type.Boolean({ default: true, title: '含下级组织' })),
    q: Type.Optional(Type.String({ maxLength: 50, title: '姓名' })),
    category: Type.Optional(Type.Union(MEMBER_CATEGORIES.map((c) => Type.Literal(c)), { title: '党员类别' })),
    status: Type.Optional(Type.Union(MEMBER_STATUSES.map((s) => Type.Literal(s)), { title: '党员状态' })),
    sort: Type.Optional(Type.Union(MEMBER_SORTS.map((s) => Type.Literal(s)), { title: '排序' })),
    ...PageQueryFields,
  },
  { additionalProperties: false },
);

export const MemberUpdateBody = Type.Object(
  { position: Nullable(Type.String({ maxLength: 50, title: '职务' })) },
  { additionalProperties: false },
);
