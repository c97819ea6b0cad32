import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, IdParams, Paged } from '../../platform/http-schemas.js';
import { OrgCreateBody, OrgDetail, OrgHistoryView, OrgSearchItem, OrgSearchQuery, OrgSummary, OrgUpdateBody } from './org.schemas.js';
import type { OrgService } from './org.service.js';

const tags = ['组织'];

export const orgRoutes: FastifyPluginAsyncTypebox<{ orgService: OrgService }> = async (app, { orgService }) => {
  app.get(
    '/orgs/roots',
    { schema: { tags, summary: '当前管理范围的根组织', response: { 200: Type.Object({ items: Type.Array(OrgSummary) }), ...commonErrors } }, config: { access: 'org:read' } },
    async (request) => orgService.roots(actorOf(request)),
  );

  app.get(
    '/orgs',
    { schema: { tags, summary: '在管理范围内按名称搜索组织', querystring: OrgSearchQuery, response: { 200: Paged(OrgSearchItem), ...commonErrors } }, config: { access: 'org:read' } },
    async (request) => orgService.search(actorOf(request), request.query),
  );

  app.get(
    '/orgs/:id',
    { schema: { tags, summary: '组织详情', params: IdParams, response: { 200: OrgDetail, ...commonErrors } }, config: { access: 'org:read' } },
    async (request) => orgService.get(actorOf(request), request.params.id),
  );

  app.get(
    '/orgs/:id/children',
    { schema: { tags, summary: '下级组织（逐级加载）', params: IdParams, response: { 200: Type.Object({ items: Type.Array(OrgSummary) }), ...commonErrors } }, config: { access: 'org:read' } },
    async (request) => orgService.children(actorOf(request), request.params.id),
  );

  app.post(
    '/orgs',
    { schema: { tags, summary: '新增下级组织', body: OrgCreateBody, response: { 201: OrgDetail, ...commonErrors } }, config: { access: 'org:write' } },
    async (request, reply) => reply.code(201).send(await orgService.create(actorOf(request), auditActor(request), request.body)),
  );

  app.patch(
    '/orgs/:id',
    { schema: { tags, summary: '修改组织名称、简称、编码、成立日期、批准文号或所在单位', params: IdParams, body: OrgUpdateBody, response: { 200: OrgDetail, ...commonErrors } }, config: { access: 'org:write' } },
    async (request) => orgService.update(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.get(
    '/orgs/:id/history',
    { schema: { tags, summary: '组织沿革：设立、更名、调整隶属关系、撤销', params: IdParams, response: { 200: OrgHistoryView, ...commonErrors } }, config: { access: 'org:read' } },
    async (request) => orgService.history(actorOf(request), request.params.id),
  );
};
