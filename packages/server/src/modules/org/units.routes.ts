import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, IdParams, Nullable } from '../../platform/http-schemas.js';
import { UNIT_ADMIN_LEVELS, UNIT_LEADING_BODIES, type UnitsService } from './units.service.js';

const tags = ['单位'];

const UnitView = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    shortName: Nullable(Type.String()),
    adminLevel: Type.String(),
    leadingBody: Type.String(),
    hasDisciplineCommission: Type.Boolean(),
    creditCode: Nullable(Type.String()),
    managingOrg: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    orgCount: Type.Integer(),
    /** The actor may edit it (its managing organization is in the actor's scope). */
    editable: Type.Boolean(),
  },
  { title: '单位' },
);
const UnitDetail = Type.Intersect([UnitView, Type.Object({ orgs: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), type: Type.String(), status: Type.String() })) })]);

const unitFields = {
  name: Type.String({ minLength: 1, maxLength: 100, title: '单位名称' }),
  shortName: Nullable(Type.String({ maxLength: 50, title: '简称' })),
  adminLevel: Type.Union(UNIT_ADMIN_LEVELS.map((v) => Type.Literal(v)), { title: '行政级别' }),
  leadingBody: Type.Union(UNIT_LEADING_BODIES.map((v) => Type.Literal(v)), { title: '领导机构（党组/党委）' }),
  hasDisciplineCommission: Type.Boolean({ title: '设立机关纪委' }),
  creditCode: Nullable(Type.String({ maxLength: 18, title: '统一社会信用代码' })),
  managingOrgId: Type.Integer({ minimum: 1, title: '负责维护的党组织' }),
};
const UnitCreateBody = Type.Object(unitFields, { additionalProperties: false });
const UnitUpdateBody = Type.Partial(Type.Object(unitFields), { additionalProperties: false });

export const unitsRoutes: FastifyPluginAsyncTypebox<{ unitsService: UnitsService }> = async (app, { unitsService }) => {
  app.get(
    '/units',
    {
      schema: {
        tags,
        summary: '单位（机关）列表：按名称查找；mine=true 只列本人负责维护的',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, title: '单位名称' })), mine: Type.Optional(Type.Boolean({ title: '只看本人维护的' })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(UnitView) }), ...commonErrors },
      },
      config: { access: 'org:read' },
    },
    async (request) => unitsService.list(actorOf(request), request.query),
  );
  app.get(
    '/units/:id',
    { schema: { tags, summary: '单位详情及其中设立的党组织（管理范围内）', params: IdParams, response: { 200: UnitDetail, ...commonErrors } }, config: { access: 'org:read' } },
    async (request) => unitsService.get(actorOf(request), request.params.id),
  );
  app.post(
    '/units',
    { schema: { tags, summary: '新增单位', body: UnitCreateBody, response: { 201: UnitDetail, ...commonErrors } }, config: { access: 'org:write' } },
    async (request, reply) => reply.code(201).send(await unitsService.create(actorOf(request), auditActor(request), request.body)),
  );
  app.patch(
    '/units/:id',
    { schema: { tags, summary: '修改单位（名称、级别、党组/党委、机关纪委、信用代码、维护组织）', params: IdParams, body: UnitUpdateBody, response: { 200: UnitDetail, ...commonErrors } }, config: { access: 'org:write' } },
    async (request) => unitsService.update(actorOf(request), auditActor(request), request.params.id, request.body),
  );
};
