import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, IdParams, Paged } from '../../platform/http-schemas.js';
import type { ActivitiesService } from './activities.service.js';
import {
  ActivityCancelBody,
  ActivityCompleteBody,
  ActivityCreateBody,
  ActivityDetail,
  ActivityListQuery,
  ActivitySummary,
  ActivityUpdateBody,
  AttendanceTemplate,
  AttendanceTemplateQuery,
  LedgerQuery,
  MyActivities,
} from './meetings.schemas.js';

const tags = ['组织生活'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function attachment(filename: string, fallback: string) {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Activities: /api/activities (list, record, plan, complete, cancel, ledger, meeting record) and /api/me/activities. */
export const activitiesRoutes: FastifyPluginAsyncTypebox<{ activities: ActivitiesService }> = async (app, { activities }) => {
  app.get(
    '/activities',
    {
      schema: { tags, summary: '组织生活记录（管理范围内，含下级；按日期、类型、状态、主题筛选）', querystring: ActivityListQuery, response: { 200: Paged(ActivitySummary), ...commonErrors } },
      config: { access: 'meeting:read' },
    },
    async (request) => activities.list(actorOf(request), request.query),
  );

  app.get(
    '/activities/attendance-template',
    {
      schema: { tags, summary: '出勤登记名单：组织的在册党员（党小组无直属党员时取所在支部），默认出席', querystring: AttendanceTemplateQuery, response: { 200: AttendanceTemplate, ...commonErrors } },
      config: { access: 'meeting:read' },
    },
    async (request) => activities.attendanceTemplate(actorOf(request), request.query.orgId),
  );

  app.get(
    '/activities/ledger.xlsx',
    {
      schema: {
        tags,
        summary: '导出三会一课台账（Excel，含下级组织；活动记录和分类统计，期间不超过 366 天）',
        querystring: LedgerQuery,
        response: { 200: { type: 'string', format: 'binary', description: 'xlsx' }, ...commonErrors },
      },
      config: { access: 'meeting:read' },
    },
    async (request, reply) => {
      const { stream, filename } = await activities.ledger(actorOf(request), auditActor(request), request.query);
      reply.header('content-type', XLSX).header('content-disposition', attachment(filename, 'activity-ledger.xlsx')).header('cache-control', 'no-store');
      return reply.send(stream as never);
    },
  );

  app.post(
    '/activities',
    {
      schema: {
        tags,
        summary: '登记已召开的组织生活（须登记出勤）或计划组织生活；同一离线草稿重复提交返回已登记的记录',
        body: ActivityCreateBody,
        response: { 200: ActivityDetail, 201: ActivityDetail, ...commonErrors },
      },
      config: { access: 'meeting:write' },
    },
    async (request, reply) => {
      const { created, activity } = await activities.create(actorOf(request), auditActor(request), request.body);
      return reply.code(created ? 201 : 200).send(activity);
    },
  );

  app.get(
    '/activities/:id',
    { schema: { tags, summary: '组织生活记录详情（含出勤名单）', params: IdParams, response: { 200: ActivityDetail, ...commonErrors } }, config: { access: 'meeting:read' } },
    async (request) => activities.get(actorOf(request), request.params.id),
  );

  app.patch(
    '/activities/:id',
    {
      schema: { tags, summary: '修改组织生活记录（出勤只能在已召开后修改；已取消的不能修改）', params: IdParams, body: ActivityUpdateBody, response: { 200: ActivityDetail, ...commonErrors } },
      config: { access: 'meeting:write' },
    },
    async (request) => activities.update(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.post(
    '/activities/:id/complete',
    {
      schema: { tags, summary: '计划的组织生活已召开：登记出勤和会议记录', params: IdParams, body: ActivityCompleteBody, response: { 200: ActivityDetail, ...commonErrors } },
      config: { access: 'meeting:write' },
    },
    async (request) => activities.complete(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.post(
    '/activities/:id/cancel',
    {
      schema: { tags, summary: '取消计划的组织生活（须写明原因；已召开的不能取消）', params: IdParams, body: ActivityCancelBody, response: { 200: ActivityDetail, ...commonErrors } },
      config: { access: 'meeting:write' },
    },
    async (request) => activities.cancel(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.get(
    '/activities/:id/record.docx',
    {
      schema: { tags, summary: '导出会议记录（Word，会议记录本格式）', params: IdParams, response: { 200: { type: 'string', format: 'binary', description: 'docx' }, ...commonErrors } },
      config: { access: 'meeting:read' },
    },
    async (request, reply) => {
      const { buffer, filename } = await activities.recordDocument(actorOf(request), auditActor(request), request.params.id);
      return reply.header('content-type', DOCX).header('content-disposition', attachment(filename, 'meeting-record.docx')).header('cache-control', 'no-store').send(buffer as never);
    },
  );

  app.get(
    '/me/activities',
    {
      schema: { tags, summary: '本人的组织生活：本支部计划的活动、本人近 12 个月的参加情况和本年度统计', response: { 200: MyActivities, ...commonErrors } },
      config: { access: 'self:read' },
    },
    async (request) => activities.mine(actorOf(request)),
  );
};
