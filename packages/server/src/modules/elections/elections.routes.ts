import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, ErrorResponse, IdParams, Paged } from '../../platform/http-schemas.js';
import type { CommitteesService } from '../committees/committees.service.js';
import type { WarningsService } from '../warnings/warnings.service.js';
import { AdjustBody, AppointBody, CommitteeView, ElectionBody, ElectionRecorded, ElectionsView, EndPostBody, RuleWarnings, TalkBody, WarningsQuery, WarningView } from './elections.schemas.js';
import type { ElectionsService } from './elections.service.js';

const errors = { ...commonErrors, 409: ErrorResponse };

export const electionsRoutes: FastifyPluginAsyncTypebox<{ electionsService: ElectionsService; committeesService: CommitteesService; warningsService: WarningsService }> = async (
  app,
  { electionsService, committeesService, warningsService },
) => {
  app.get(
    '/orgs/:id/committee',
    { schema: { tags: ['班子'], summary: '班子成员（现任与历任）', params: IdParams, response: { 200: CommitteeView, ...errors } }, config: { access: 'org:read' } },
    async (request) => committeesService.list(actorOf(request), request.params.id),
  );

  app.post(
    '/orgs/:id/committee',
    {
      schema: { tags: ['班子'], summary: '任命班子成员（书记须为正式党员，并校验党龄）', params: IdParams, body: AppointBody, response: { 201: Type.Object({ id: Type.Integer(), warnings: RuleWarnings }), ...errors } },
      config: { access: 'org:write' },
    },
    async (request, reply) => reply.code(201).send(await committeesService.appoint(actorOf(request), auditActor(request), request.params.id, request.body)),
  );

  app.post(
    '/committee-posts/:id/end',
    { schema: { tags: ['班子'], summary: '免职（结束任职）', params: IdParams, body: EndPostBody, response: { 204: { type: 'null' }, ...errors } }, config: { access: 'org:write' } },
    async (request, reply) => {
      await committeesService.end(actorOf(request), auditActor(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/committee-posts/:id/talk',
    { schema: { tags: ['班子'], summary: '记录任职谈话', params: IdParams, body: TalkBody, response: { 204: { type: 'null' }, ...errors } }, config: { access: 'org:write' } },
    async (request, reply) => {
      await committeesService.recordTalk(actorOf(request), auditActor(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/orgs/:id/elections',
    { schema: { tags: ['换届'], summary: '换届信息：当前任期、历届选举、延期/提前', params: IdParams, response: { 200: ElectionsView, ...errors } }, config: { access: 'org:read' } },
    async (request) => electionsService.list(actorOf(request), request.params.id),
  );

  app.post(
    '/orgs/:id/elections',
    {
      schema: { tags: ['换届'], summary: '录入换届选举结果（一步更新班子与届满日期）', params: IdParams, body: ElectionBody, response: { 201: ElectionRecorded, ...errors } },
      config: { access: 'org:write' },
    },
    async (request, reply) => reply.code(201).send(await electionsService.record(actorOf(request), auditActor(request), request.params.id, request.body)),
  );

  app.post(
    '/orgs/:id/term-adjustments',
    {
      schema: { tags: ['换届'], summary: '经批准延期或提前换届', params: IdParams, body: AdjustBody, response: { 201: Type.Object({ kind: Type.String(), dueOn: Type.String(), warnings: RuleWarnings }), ...errors } },
      config: { access: 'org:write' },
    },
    async (request, reply) => reply.code(201).send(await electionsService.adjust(actorOf(request), auditActor(request), request.params.id, request.body)),
  );

  app.get(
    '/warnings',
    { schema: { tags: ['预警'], summary: '管理范围内的预警：换届到期/逾期、职务空缺、组织设置问题、转正与转接、组织生活红黄灯、连续缺席组织生活（按到期日排序）', querystring: WarningsQuery, response: { 200: Paged(WarningView), ...errors } }, config: { access: 'member:read' } },
    async (request) => warningsService.list(actorOf(request), request.query),
  );
};
