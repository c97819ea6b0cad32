import { Type } from 'typebox';
import { Nullable, PageQueryFields } from '../../platform/http-schemas.js';
import { ORG_STATUSES, ORG_TYPES, STATISTICS_CATEGORIES } from './org-types.js';

export const OrgTypeSchema = Type.Union(ORG_TYPES.map((t) => Type.Literal(t)), { title: '组织类型' });
export const OrgStatusSchema = Type.Union(ORG_STATUSES.map((s) => Type.Literal(s)), { title: '组织状态' });

const orgSummaryFields = {
  id: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  type: Type.String(),
  typeLabel: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  hasChildren: Type.Boolean(),
};

export const OrgSummary = Type.Object(orgSummaryFields, { title: '组织（摘要）' });

export const OrgDetail = Type.Object(
  {
    ...orgSummaryFields,
    code: Nullable(Type.String()),
    foundedOn: Nullable(Type.String({ format: 'date' })),
    approvalDoc: Nullable(Type.String()),
    statisticsCategory: Nullable(Type.String({ description: '党组织所在单位类别（党内统计）' })),
    nationalTypeCode: Nullable(Type.String({ description: '全国党员管理信息系统的党组织类别代码，由组织类型得出' })),
    units: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    ancestors: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    childCount: Type.Integer(),
    memberCount: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: '组织（详情）' },
);

export const OrgSearchItem = Type.Object({
  ...orgSummaryFields,
  pathNames: Type.String({ description: '从管理范围根节点到上级组织的名称' }),
});

export const OrgSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, title: '组织名称' })),
    type: Type.Optional(OrgTypeSchema),
    status: Type.Optional(OrgStatusSchema),
    ...PageQueryFields,
  },
  { additionalProperties: false },
);

export const OrgCreateBody = Type.Object(
  {
    parentId: Type.Integer({ minimum: 1, title: '上级组织' }),
    name: Type.String({ minLength: 1, maxLength: 100, title: '组织名称' }),
    shortName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50, title: '简称' }))),
    type: OrgTypeSchema,
  },
  { additionalProperties: false },
);

export const OrgUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, title: '组织名称' })),
    shortName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50, title: '简称' }))),
    code: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 32, title: '组织编码' }))),
    foundedOn: Type.Optional(Nullable(Type.String({ format: 'date', title: '成立日期' }))),
    approvalDoc: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100, title: '批准文号' }))),
    unitIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20, title: '所在单位' })),
    statisticsCategory: Type.Optional(Nullable(Type.Union(STATISTICS_CATEGORIES.map((c) => Type.Literal(c)), { title: '所在单位类别' }))),
    status: Type.Optional(OrgStatusSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const OrgMoveBody = Type.Object(
  {
    newParentId: Type.Integer({ minimum: 1, title: '新的上级组织' }),
    effectiveOn: Type.String({ format: 'date', title: '调整日期' }),
    reason: Type.String({ minLength: 1, maxLength: 500, title: '调整原因（如机构改革文件）' }),
  },
  { additionalProperties: false },
);

export const OrgMovePreview = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  fromParent: Type.Object({ id: Type.Integer(), name: Type.String() }),
  toParent: Type.Object({ id: Type.Integer(), name: Type.String() }),
  orgCount: Type.Integer({ description: '随之调整的组织数（含自身）' }),
  memberCount: Type.Integer({ description: '随之调整的党员数' }),
});

export const OrgHistoryView = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      event: Type.String(),
      occurredOn: Type.String(),
      fromParentName: Nullable(Type.String()),
      toParentName: Nullable(Type.String()),
      detail: Type.Unknown(),
      recordedAt: Type.String(),
    }),
  ),
});

