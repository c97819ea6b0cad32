import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, ErrorResponse, IdParams, Nullable } from '../../platform/http-schemas.js';
import { RoleSchema } from '../auth/auth.schemas.js';
import type { GrantsService } from './grants.service.js';

const tags = ['角色授权（安全管理员）'];

const GrantDetail = Type.Object(
  {
    id: Type.Integer(),
    role: Type.String(),
    roleLabel: Type.String(),
    orgId: Nullable(Type.Integer()),
    orgName: Nullable(Type.String()),
    userId: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    grantedAt: Type.String({ format: 'date-time' }),
    grantedByUsername: Nullable(Type.String()),
  },
  { title: '角色授权' },
);

export const grantsRoutes: FastifyPluginAsyncTypebox<{ grantsService: GrantsService }> = async (app, { grantsService }) => {
  app.get(
    '/grants',
    {
      schema: { tags, summary: '有效的角色授权', querystring: Type.Object({ userId: Type.Optional(Type.Integer({ minimum: 1, title: '账号' })) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(GrantDetail) }), ...commonErrors } },
      config: { access: 'grant:manage' },
    },
    async (request) => grantsService.list(request.query.userId),
  );

  app.post(
    '/grants',
    {
      schema: {
        tags,
        summary: '授予角色（业务角色须指定组织，管理范围为该组织及其下级）',
        body: Type.Object({ userId: Type.Integer({ minimum: 1, title: '账号' }), role: RoleSchema, orgId: Type.Optional(Nullable(Type.Integer({ minimum: 1, title: '组织' }))) }, { additionalProperties: false }),
        response: { 201: GrantDetail, 409: ErrorResponse, ...commonErrors },
      },
      config: { access: 'grant:manage' },
    },
    async (request, reply) => reply.code(201).send(await grantsService.create(actorOf(request), auditActor(request), request.body)),
  );

  app.delete(
    '/grants/:id',
    { schema: { tags, summary: '撤销角色授权', params: IdParams, response: { 204: { type: 'null' }, 409: ErrorResponse, ...commonErrors } }, config: { access: 'grant:manage' } },
    async (request, reply) => {
      await grantsService.revoke(actorOf(request), auditActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
