import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { auditActor } from '../../platform/auth.js';
import { commonErrors, Nullable, PageQueryFields, Paged } from '../../platform/http-schemas.js';
import type { AuditService } from './audit.service.js';

const tags = ['审计日志（安全审计员）'];
const DateString = (title: string) => Type.String({ format: 'date', title });

const AuditEventView = Type.Object(
  {
    id: Type.Integer(),
    occurredAt: Type.String({ format: 'date-time' }),
    actorUsername: Nullable(Type.String()),
    actorRole: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    action: Type.String(),
    actionLabel: Type.String(),
    targetType: Nullable(Type.String()),
    targetId: Nullable(Type.String()),
    orgId: Nullable(Type.Integer()),
    result: Type.String(),
    before: Type.Unknown(),
    after: Type.Unknown(),
  },
  { title: '审计记录' },
);

export const auditRoutes: FastifyPluginAsyncTypebox<{ auditService: AuditService }> = async (app, { auditService }) => {
  app.get(
    '/audit-events',
    {
      schema: {
        tags,
        summary: '审计日志（筛选、分页）',
        querystring: Type.Object(
          {
            actor: Type.Optional(Type.String({ maxLength: 64, title: '操作人' })),
            action: Type.Optional(Type.String({ maxLength: 64, title: '操作类型' })),
            targetType: Type.Optional(Type.String({ maxLength: 64, title: '对象类型' })),
            result: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure')], { title: '结果' })),
            from: Type.Optional(DateString('开始日期')),
            to: Type.Optional(DateString('结束日期')),
            ...PageQueryFields,
          },
          { additionalProperties: false },
        ),
        response: { 200: Paged(AuditEventView), ...commonErrors },
      },
      config: { access: 'audit:read' },
    },
    async (request) => auditService.list(request.query),
  );

  app.get(
    '/audit-events/actions',
    { schema: { tags, summary: '操作类型目录', response: { 200: Type.Object({ items: Type.Array(Type.Object({ action: Type.String(), label: Type.String() })) }), ...commonErrors } }, config: { access: 'audit:read' } },
    async () => auditService.actions(),
  );

  app.post(
    '/audit-events/verify',
    {
      schema: { tags, summary: '校验审计日志哈希链', response: { 200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), brokenAtId: Nullable(Type.Integer()), message: Type.String() }), ...commonErrors } },
      config: { access: 'audit:read' },
    },
    async (request) => auditService.verify(auditActor(request)),
  );
};
