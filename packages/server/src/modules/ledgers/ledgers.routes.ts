import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors } from '../../platform/http-schemas.js';
import { LEDGERS, type LedgerKind, type LedgersService } from './ledgers.service.js';

const KINDS = Object.keys(LEDGERS) as LedgerKind[];

export const ledgersRoutes: FastifyPluginAsyncTypebox<{ ledgersService: LedgersService }> = async (app, { ledgersService }) => {
  app.get(
    '/orgs/:id/ledgers/:kind',
    {
      schema: {
        tags: ['台账'],
        summary: '导出下级范围的台账（Excel）：组织信息台账 org-info、换届选举台账 elections、任职谈话台账 appointment-talks',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647, title: 'id' }), kind: Type.Union(KINDS.map((k) => Type.Literal(k)), { title: '台账' }) }),
        response: { 200: { type: 'string', format: 'binary', description: 'xlsx' }, ...commonErrors },
      },
      config: { access: 'org:export' },
    },
    async (request, reply) => {
      const { stream, filename } = await ledgersService.export(actorOf(request), auditActor(request), request.params.id, request.params.kind);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('cache-control', 'no-store');
      return reply.send(stream as never);
    },
  );
};
