import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { commonErrors } from '../../platform/http-schemas.js';
import { ROLE_LABELS, ROLES } from '../../platform/permissions.js';
import { MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS, MEMBER_STATUSES } from '../members/members.schemas.js';
import { COMMITTEE_POST_LABELS, COMMITTEE_POSTS } from '../committees/committee-posts.js';
import { ELECTION_METHODS } from '../elections/elections.service.js';
import { ALLOWED_CHILD_TYPES, ORG_STATUS_LABELS, ORG_STATUSES, ORG_TYPE_LABELS, ORG_TYPES } from '../org/org-types.js';

const CodeList = Type.Array(Type.Object({ code: Type.String(), label: Type.String() }));

const CodeTables = Type.Object({
  orgTypes: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), allowedChildTypes: Type.Array(Type.String()) })),
  orgStatuses: CodeList,
  roles: CodeList,
  memberCategories: CodeList,
  memberStatuses: CodeList,
  genders: CodeList,
  committeePosts: CodeList,
  electionMethods: CodeList,
});

/** The code tables the UI shows (labels live here only; the web asks for them instead of copying them). */
export const CODE_TABLES = {
  orgTypes: ORG_TYPES.map((code) => ({ code, label: ORG_TYPE_LABELS[code], allowedChildTypes: [...ALLOWED_CHILD_TYPES[code]] })),
  orgStatuses: ORG_STATUSES.map((code) => ({ code, label: ORG_STATUS_LABELS[code] })),
  roles: ROLES.map((code) => ({ code, label: ROLE_LABELS[code] })),
  memberCategories: MEMBER_CATEGORIES.map((code) => ({ code, label: MEMBER_CATEGORY_LABELS[code] ?? code })),
  memberStatuses: MEMBER_STATUSES.map((code) => ({ code, label: MEMBER_STATUS_LABELS[code] ?? code })),
  genders: [
    { code: 'male', label: '男' },
    { code: 'female', label: '女' },
  ],
  committeePosts: COMMITTEE_POSTS.map((code) => ({ code, label: COMMITTEE_POST_LABELS[code] })),
  electionMethods: Object.entries(ELECTION_METHODS).map(([code, label]) => ({ code, label })),
};

export const metaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meta/code-tables',
    { schema: { tags: ['系统'], summary: '代码表（组织类型、状态、角色、党员类别等的中文名称）', response: { 200: CodeTables, ...commonErrors } }, config: { access: 'authenticated' } },
    async () => CODE_TABLES,
  );
};
