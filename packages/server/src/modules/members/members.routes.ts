import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, IdParams, Paged } from '../../platform/http-schemas.js';
import { MemberDetail, MemberListQuery, MemberSummary, MemberUpdateBody } from './members.schemas.js';
import type { MembersService } from './members.service.js';

const tags = ['党员'];

export const membersRoutes: FastifyPluginAsyncTypebox<{ membersService: MembersService }> = async (app, { membersService }) => {
  app.get(
    '/members',
    { schema: { tags, summary: '党员名册（管理范围内，分页、搜索、筛选）', querystring: MemberListQuery, response: { 200: Paged(MemberSummary), ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => membersService.list(actorOf(request), request.query),
  );

  app.get(
    '/members/:id',
    { schema: { tags, summary: '党员详情（查看记入审计日志）', params: IdParams, response: { 200: MemberDetail, ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => membersService.get(actorOf(request), auditActor(request), request.params.id),
  );

  app.patch(
    '/members/:id',
    { schema: { tags, summary: '修改党员职务', params: IdParams, body: MemberUpdateBody, response: { 200: MemberDetail, ...commonErrors } }, config: { access: 'member:write' } },
    async (request) => membersService.update(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.get(
    '/me/member',
    { schema: { tags, summary: '本人党员信息', response: { 200: MemberDetail, ...commonErrors } }, config: { access: 'self:read' } },
    async (request) => membersService.self(actorOf(request)),
  );
};
