import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth.js';
import { commonErrors } from '../../platform/http-schemas.js';
import type { DashboardService } from './dashboard.service.js';

const Count = Type.Object({ label: Type.String(), count: Type.Integer() });

export const DashboardView = Type.Object(
  {
    org: Type.Object({ id: Type.Integer(), name: Type.String(), type: Type.String(), typeLabel: Type.String() }),
    orgCountsByType: Type.Array(Type.Object({ type: Type.String(), label: Type.String(), count: Type.Integer() })),
    memberTotals: Type.Object({ total: Type.Integer(), full: Type.Integer(), probationary: Type.Integer() }),
    membersByGender: Type.Array(Count),
    membersByAgeBand: Type.Array(Count),
    children: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), typeLabel: Type.String(), orgCount: Type.Integer({ description: '该下级组织及其全部下级的组织数（含自身）' }), memberCount: Type.Integer({ description: '该下级组织整个子树的党员数' }) })),
  },
  { title: '概览' },
);

export const dashboardRoutes: FastifyPluginAsyncTypebox<{ dashboardService: DashboardService }> = async (app, { dashboardService }) => {
  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['概览'],
        summary: '组织与党员概览（默认为管理范围根组织）',
        querystring: Type.Object({ orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织' })) }, { additionalProperties: false }),
        response: { 200: DashboardView, ...commonErrors },
      },
      config: { access: 'member:read' },
    },
    async (request) => dashboardService.summary(actorOf(request), request.query.orgId),
  );
};
