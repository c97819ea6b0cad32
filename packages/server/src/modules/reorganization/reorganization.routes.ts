import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, ErrorResponse, IdParams } from '../../platform/http-schemas.js';
import { OrgDetail, OrgMoveBody, OrgMovePreview } from '../org/org.schemas.js';
import type { ReorganizationService } from './reorganization.service.js';

const tags = ['机构改革'];
const errors = { ...commonErrors, 409: ErrorResponse };
const When = {
  effectiveOn: Type.String({ format: 'date', title: '调整日期' }),
  reason: Type.String({ minLength: 1, maxLength: 500, title: '调整原因（如机构改革文件）' }),
};

export const reorganizationRoutes: FastifyPluginAsyncTypebox<{ reorganization: ReorganizationService }> = async (app, { reorganization }) => {
  app.get(
    '/orgs/:id/move-preview',
    {
      schema: { tags, summary: '调整隶属关系（预览）：校验并统计随之调整的组织和党员', params: IdParams, querystring: Type.Object({ newParentId: Type.Integer({ minimum: 1, title: '新的上级组织' }) }, { additionalProperties: false }), response: { 200: OrgMovePreview, ...errors } },
      config: { access: 'org:write' },
    },
    async (request) => reorganization.previewMove(actorOf(request), request.params.id, request.query.newParentId),
  );

  app.post(
    '/orgs/:id/move',
    { schema: { tags, summary: '调整隶属关系：连同全部下级组织和党员移到新的上级组织之下', params: IdParams, body: OrgMoveBody, response: { 200: OrgDetail, ...errors } }, config: { access: 'org:write' } },
    async (request) => reorganization.move(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.get(
    '/orgs/:id/merge-preview',
    {
      schema: {
        tags,
        summary: '组织合并（预览）',
        params: IdParams,
        querystring: Type.Object({ targetId: Type.Integer({ minimum: 1, title: '合并到' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ source: Type.Object({ id: Type.Integer(), name: Type.String() }), target: Type.Object({ id: Type.Integer(), name: Type.String() }), memberCount: Type.Integer(), childCount: Type.Integer() }), ...errors },
      },
      config: { access: 'org:write' },
    },
    async (request) => reorganization.previewMerge(actorOf(request), request.params.id, request.query.targetId),
  );

  app.post(
    '/orgs/:id/merge',
    {
      schema: { tags, summary: '组织合并：党员和下级组织转入目标组织，本组织标记为合并', params: IdParams, body: Type.Object({ targetId: Type.Integer({ minimum: 1, title: '合并到' }), ...When }, { additionalProperties: false }), response: { 200: OrgDetail, ...errors } },
      config: { access: 'org:write' },
    },
    async (request) => reorganization.merge(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.post(
    '/orgs/:id/split',
    {
      schema: {
        tags,
        summary: '拆分党支部：设立新的党支部并转入所列党员（dryRun 为 true 时只校验不保存）',
        params: IdParams,
        body: Type.Object(
          {
            parts: Type.Array(
              Type.Object(
                {
                  name: Type.String({ minLength: 1, maxLength: 100, title: '新组织名称' }),
                  shortName: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 50, title: '简称' }), Type.Null()])),
                  memberIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 5000, title: '转入的党员' }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 10, title: '拆分出的新组织' },
            ),
            ...When,
            dryRun: Type.Optional(Type.Boolean({ title: '仅预览' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            source: Type.Object({ id: Type.Integer(), name: Type.String() }),
            parts: Type.Array(Type.Object({ name: Type.String(), memberCount: Type.Integer() })),
            remaining: Type.Integer({ description: '留在原支部的党员数' }),
            created: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
          }),
          ...errors,
        },
      },
      config: { access: 'org:write' },
    },
    async (request) => reorganization.split(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.post(
    '/orgs/:id/dissolve',
    { schema: { tags, summary: '撤销组织（须已无党员和下级组织）', params: IdParams, body: Type.Object(When, { additionalProperties: false }), response: { 200: OrgDetail, ...errors } }, config: { access: 'org:write' } },
    async (request) => reorganization.dissolve(actorOf(request), auditActor(request), request.params.id, request.body),
  );
};
