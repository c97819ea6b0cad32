import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, IdParams, Nullable, Paged } from '../../platform/http-schemas.js';
import type { MemberTransfersService } from './member-transfers.service.js';
import {
  Birthdays,
  BirthdayQuery,
  CareVisit,
  CareVisitBody,
  Correction,
  CorrectionBody,
  CorrectionListQuery,
  CorrectionResolveBody,
  HardshipBody,
  HardshipMember,
  HardshipQuery,
  LifecycleBody,
  MemberCreateBody,
  MemberDetail,
  MemberListQuery,
  MemberStats,
  MemberSummary,
  MemberUpdateBody,
  OrgQuery,
  Timeline,
  Transfer,
  TransferCreateBody,
  TransferListQuery,
  TransferReturnBody,
  UnmaskBody,
  UnmaskResult,
} from './members.schemas.js';
import type { MembersService } from './members.service.js';

const tags = ['党员'];
const transferTags = ['组织关系转接'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(filename: string, fallback: string) {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const membersRoutes: FastifyPluginAsyncTypebox<{ membersService: MembersService; transfers: MemberTransfersService }> = async (app, { membersService, transfers }) => {
  app.get(
    '/members',
    { schema: { tags, summary: '党员名册（管理范围内，分页、搜索、筛选；默认只列在册党员）', querystring: MemberListQuery, response: { 200: Paged(MemberSummary), ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => membersService.list(actorOf(request), request.query),
  );

  app.post(
    '/members',
    { schema: { tags, summary: '新增党员', body: MemberCreateBody, response: { 201: MemberDetail, ...commonErrors } }, config: { access: 'member:write' } },
    async (request, reply) => reply.code(201).send(await membersService.create(actorOf(request), auditActor(request), request.body)),
  );

  app.get(
    '/members/stats',
    { schema: { tags, summary: '党员统计（类别、性别、民族、年龄、学历、党龄），以在册党员计', querystring: OrgQuery, response: { 200: MemberStats, ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => membersService.stats(actorOf(request), request.query.orgId),
  );

  app.get(
    '/members/stats.xlsx',
    { schema: { tags, summary: '导出党员统计（Excel）', querystring: OrgQuery }, config: { access: 'member:read' } },
    async (request, reply) => {
      const { buffer, filename } = await membersService.statsWorkbook(actorOf(request), auditActor(request), request.query.orgId);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(filename, 'member-stats.xlsx')).header('cache-control', 'no-store').send(buffer);
    },
  );

  app.get(
    '/members/birthdays',
    { schema: { tags, summary: '政治生日：本月（或指定月份）入党纪念日，按支部分组', querystring: BirthdayQuery, response: { 200: Birthdays, ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => membersService.birthdays(actorOf(request), request.query),
  );

  app.get(
    '/members/hardship',
    { schema: { tags, summary: '困难党员及走访情况（最久未走访的在前）', querystring: HardshipQuery, response: { 200: Paged(HardshipMember), ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => membersService.hardshipList(actorOf(request), request.query),
  );

  app.get(
    '/members/:id',
    { schema: { tags, summary: '党员详情（身份证号、手机号脱敏；查看记入审计日志）', params: IdParams, response: { 200: MemberDetail, ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => membersService.get(actorOf(request), auditActor(request), request.params.id),
  );

  app.patch(
    '/members/:id',
    { schema: { tags, summary: '修改党员信息（组织关系用转接，党籍状态用状态变更）', params: IdParams, body: MemberUpdateBody, response: { 200: MemberDetail, ...commonErrors } }, config: { access: 'member:write' } },
    async (request) => membersService.update(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.post(
    '/members/:id/unmask',
    { schema: { tags, summary: '查看完整身份证号或手机号（每次查看记入审计日志）', params: IdParams, body: UnmaskBody, response: { 200: UnmaskResult, ...commonErrors } }, config: { access: 'member:unmask' } },
    async (request) => membersService.unmask(actorOf(request), auditActor(request), request.params.id, request.body.field),
  );

  app.post(
    '/members/:id/lifecycle',
    { schema: { tags, summary: '党员状态变更：转正、延长预备期、取消预备党员资格、停止党籍、出党、死亡、流动、失联', params: IdParams, body: LifecycleBody, response: { 200: MemberDetail, ...commonErrors } }, config: { access: 'member:write' } },
    async (request) => membersService.lifecycle(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.get(
    '/members/:id/timeline',
    { schema: { tags, summary: '党员时间线（每一次变更）', params: IdParams, response: { 200: Timeline, ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => membersService.timeline(actorOf(request), request.params.id),
  );

  app.put(
    '/members/:id/hardship',
    { schema: { tags, summary: '登记或取消困难党员', params: IdParams, body: HardshipBody, response: { 200: MemberDetail, ...commonErrors } }, config: { access: 'member:write' } },
    async (request) => membersService.setHardship(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.get(
    '/members/:id/care-visits',
    { schema: { tags, summary: '走访慰问记录', params: IdParams, response: { 200: Type.Object({ items: Type.Array(CareVisit) }), ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => membersService.careVisits(actorOf(request), request.params.id),
  );

  app.post(
    '/members/:id/care-visits',
    { schema: { tags, summary: '记录走访慰问', params: IdParams, body: CareVisitBody, response: { 201: CareVisit, ...commonErrors } }, config: { access: 'member:write' } },
    async (request, reply) => reply.code(201).send(await membersService.addCareVisit(actorOf(request), auditActor(request), request.params.id, request.body)),
  );

  // Self-view (role 党员)
  app.get(
    '/me/member',
    { schema: { tags, summary: '本人党员信息（脱敏）', response: { 200: MemberDetail, ...commonErrors } }, config: { access: 'self:read' } },
    async (request) => membersService.self(actorOf(request)),
  );
  app.get(
    '/me/member/timeline',
    { schema: { tags, summary: '本人时间线', response: { 200: Timeline, ...commonErrors } }, config: { access: 'self:read' } },
    async (request) => membersService.selfTimeline(actorOf(request)),
  );
  app.get(
    '/me/member/corrections',
    { schema: { tags, summary: '本人提出的信息更正申请', response: { 200: Type.Object({ items: Type.Array(Correction) }), ...commonErrors } }, config: { access: 'self:read' } },
    async (request) => membersService.selfCorrections(actorOf(request)),
  );
  app.post(
    '/me/member/corrections',
    { schema: { tags, summary: '申请更正本人信息（由支部核实后修改）', body: CorrectionBody, response: { 201: Correction, ...commonErrors } }, config: { access: 'self:read' } },
    async (request, reply) => reply.code(201).send(await membersService.requestCorrection(actorOf(request), auditActor(request), request.body)),
  );

  // Corrections inbox (branch officers and admins)
  app.get(
    '/member-corrections',
    { schema: { tags, summary: '管理范围内党员提出的信息更正申请', querystring: CorrectionListQuery, response: { 200: Type.Intersect([Paged(Correction), Type.Object({ openCount: Type.Integer() })]), ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => {
      const actor = actorOf(request);
      return { ...(await membersService.correctionList(actor, request.query)), openCount: await membersService.openCorrectionCount(actor) };
    },
  );
  app.post(
    '/member-corrections/:id/resolve',
    { schema: { tags, summary: '处理信息更正申请', params: IdParams, body: CorrectionResolveBody, response: { 200: Correction, ...commonErrors } }, config: { access: 'member:write' } },
    async (request) => membersService.resolveCorrection(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  // 组织关系转接
  app.get(
    '/member-transfers/targets',
    {
      schema: {
        tags: transferTags,
        summary: '按名称查找可转入的党支部（全系统，仅名称和上级）',
        querystring: Type.Object({ q: Type.String({ maxLength: 50, title: '党组织名称' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), parentName: Nullable(Type.String()) })) }), ...commonErrors },
      },
      config: { access: 'member:write' },
    },
    async (request) => transfers.targets(actorOf(request), request.query.q),
  );
  app.get(
    '/member-transfers',
    { schema: { tags: transferTags, summary: '转入 / 转出的组织关系转接', querystring: TransferListQuery, response: { 200: Paged(Transfer), ...commonErrors } }, config: { access: 'member:read' } },
    async (request) => transfers.list(actorOf(request), request.query),
  );
  app.post(
    '/member-transfers',
    { schema: { tags: transferTags, summary: '发起组织关系转接（系统内转接或转出本系统）', body: TransferCreateBody, response: { 201: Transfer, ...commonErrors } }, config: { access: 'member:write' } },
    async (request, reply) => reply.code(201).send(await transfers.start(actorOf(request), auditActor(request), request.body)),
  );
  app.post(
    '/member-transfers/:id/accept',
    { schema: { tags: transferTags, summary: '接收组织关系（党员及其记录随之转入）', params: IdParams, response: { 200: Transfer, ...commonErrors } }, config: { access: 'member:write' } },
    async (request) => transfers.accept(actorOf(request), auditActor(request), request.params.id),
  );
  app.post(
    '/member-transfers/:id/return',
    { schema: { tags: transferTags, summary: '退回组织关系转接（须写明原因）', params: IdParams, body: TransferReturnBody, response: { 200: Transfer, ...commonErrors } }, config: { access: 'member:write' } },
    async (request) => transfers.returnTransfer(actorOf(request), auditActor(request), request.params.id, request.body.reason),
  );
  app.post(
    '/member-transfers/:id/cancel',
    { schema: { tags: transferTags, summary: '撤回尚未接收的转接', params: IdParams, response: { 200: Transfer, ...commonErrors } }, config: { access: 'member:write' } },
    async (request) => transfers.cancel(actorOf(request), auditActor(request), request.params.id),
  );
  app.get(
    '/member-transfers/:id/letter.docx',
    {
      schema: {
        tags: transferTags,
        summary: '党员组织关系介绍信（Word；身份证号默认脱敏，unmasked=true 须有查看权限并记入审计）',
        params: IdParams,
        querystring: Type.Object({ unmasked: Type.Optional(Type.Boolean({ title: '显示完整身份证号' })) }, { additionalProperties: false }),
      },
      config: { access: 'member:write' },
    },
    async (request, reply) => {
      const { buffer, filename } = await transfers.letter(actorOf(request), auditActor(request), request.params.id, request.query.unmasked === true);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', attachment(filename, 'transfer-letter.docx'))
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
};
