import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, ErrorResponse, IdParams, Paged } from '../../platform/http-schemas.js';
import { PROBLEM_IMPORT_MAX_BYTES, XLSX_CONTENT_TYPE, type ProblemImportService } from './problem-import.service.js';
import {
  BatchBoard,
  BatchCreateBody,
  BatchListQuery,
  BatchSummary,
  Category,
  CategoryCodeParams,
  CategoryCreateBody,
  CategoryUpdateBody,
  ClaimBody,
  CommonProblems,
  Evidence,
  EvidenceBody,
  EvidenceParams,
  ImportQuery,
  ImportResult,
  Indicators,
  LedgerQuery,
  MeasuresBody,
  NoteBody,
  OptionalNoteBody,
  OrgOnlyQuery,
  OrgYearQuery,
  ProblemCreateBody,
  ProblemDetail,
  ProblemListQuery,
  ProblemSummary,
  RedBlack,
  ReturnBody,
  ReviewBody,
  Trend,
} from './rectification.schemas.js';
import type { RectificationService } from './rectification.service.js';

const tags = ['问题整改'];
const xlsx = { type: 'string', format: 'binary', description: 'xlsx' } as const;
const errors = { ...commonErrors, 409: ErrorResponse };
/** Evidence files travel as Base64 in JSON: 2 MB decoded is about 2.7 MB encoded. */
const EVIDENCE_BODY_LIMIT = 3 * 1024 * 1024;

function attachment(filename: string, fallback: string) {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** 问题整改: batches, problems and their workflow up to 销号, import, ledger and analysis. */
export const rectificationRoutes: FastifyPluginAsyncTypebox<{ rectification: RectificationService; problemImports: ProblemImportService }> = async (app, { rectification, problemImports }) => {
  // The findings import takes the raw .xlsx body (at most 5 MB), as a buffer.
  app.addContentTypeParser([XLSX_CONTENT_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: PROBLEM_IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));

  // Categories -----------------------------------------------------------------------------------
  app.get(
    '/rectification/categories',
    { schema: { tags, summary: '问题类别（可配置）', response: { 200: Type.Object({ items: Type.Array(Category) }), ...commonErrors } }, config: { access: 'rectification:read' } },
    async () => rectification.categories(),
  );
  app.post(
    '/rectification/categories',
    { schema: { tags, summary: '新增问题类别（工委统一维护）', body: CategoryCreateBody, response: { 201: Category, ...commonErrors } }, config: { access: 'rectification:issue' } },
    async (request, reply) => reply.code(201).send(await rectification.createCategory(actorOf(request), auditActor(request), request.body)),
  );
  app.patch(
    '/rectification/categories/:code',
    { schema: { tags, summary: '修改、停用问题类别（工委统一维护）', params: CategoryCodeParams, body: CategoryUpdateBody, response: { 200: Category, ...commonErrors } }, config: { access: 'rectification:issue' } },
    async (request) => rectification.updateCategory(actorOf(request), auditActor(request), request.params.code, request.body),
  );

  // Batches --------------------------------------------------------------------------------------
  app.get(
    '/rectification/batches',
    { schema: { tags, summary: '整改批次（下发组织在管理范围内，新的在前）', querystring: BatchListQuery, response: { 200: Paged(BatchSummary), ...commonErrors } }, config: { access: 'rectification:read' } },
    async (request) => rectification.listBatches(actorOf(request), request.query),
  );
  app.post(
    '/rectification/batches',
    { schema: { tags, summary: '新建整改批次（如 2026年第一轮巡察）', body: BatchCreateBody, response: { 201: BatchSummary, ...commonErrors } }, config: { access: 'rectification:issue' } },
    async (request, reply) => reply.code(201).send(await rectification.createBatch(actorOf(request), auditActor(request), request.body)),
  );
  app.get(
    '/rectification/batches/:id',
    { schema: { tags, summary: '批次看板：按责任组织、类别、状态统计（含逾期）', params: IdParams, response: { 200: BatchBoard, ...commonErrors } }, config: { access: 'rectification:read' } },
    async (request) => rectification.board(actorOf(request), request.params.id),
  );
  app.post(
    '/rectification/batches/:id/problems',
    { schema: { tags, summary: '下发问题（责任组织须为下发组织的下级组织）', params: IdParams, body: ProblemCreateBody, response: { 201: ProblemDetail, ...commonErrors } }, config: { access: 'rectification:issue' } },
    async (request, reply) => reply.code(201).send(await rectification.createProblem(actorOf(request), auditActor(request), request.params.id, request.body)),
  );
  app.get(
    '/rectification/batches/:id/import-template.xlsx',
    { schema: { tags, summary: '下载问题清单导入模板（含填写说明和下拉选项）', params: IdParams, response: { 200: xlsx, ...commonErrors } }, config: { access: 'rectification:issue' } },
    async (request, reply) => {
      const { buffer, filename } = await problemImports.template(actorOf(request), request.params.id);
      return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', attachment(filename, 'problem-import-template.xlsx')).header('cache-control', 'no-store').send(buffer as never);
    },
  );
  app.post(
    '/rectification/batches/:id/import',
    {
      bodyLimit: PROBLEM_IMPORT_MAX_BYTES,
      schema: {
        tags,
        summary: '导入问题清单（请求体为 .xlsx 文件本身，≤ 5 MB）：mode=validate 只校验，mode=commit 校验并全部导入（有任何错误则不导入）',
        params: IdParams,
        querystring: ImportQuery,
        response: { 200: ImportResult, 413: ErrorResponse, ...commonErrors },
      },
      config: { access: 'rectification:issue' },
    },
    async (request) => problemImports.run(actorOf(request), auditActor(request), request.params.id, request.query.mode, request.body),
  );

  // Problems -------------------------------------------------------------------------------------
  app.get(
    '/rectification/problems',
    {
      schema: { tags, summary: '问题清单：责任视角（默认）、下发视角或本人负责的问题；可按批次、状态、逾期等筛选', querystring: ProblemListQuery, response: { 200: Paged(ProblemSummary), ...commonErrors } },
      config: { access: 'rectification:read' },
    },
    async (request) => rectification.listProblems(actorOf(request), request.query),
  );
  app.get(
    '/rectification/problems/:id',
    { schema: { tags, summary: '问题详情：整改措施、时间线、佐证和当前可办理的事项', params: IdParams, response: { 200: ProblemDetail, ...commonErrors } }, config: { access: 'rectification:read' } },
    async (request) => rectification.get(actorOf(request), request.params.id),
  );
  app.post(
    '/rectification/problems/:id/claim',
    { schema: { tags, summary: '认领问题', params: IdParams, body: ClaimBody, response: { 200: ProblemDetail, ...errors } }, config: { access: 'rectification:write' } },
    async (request) => rectification.claim(actorOf(request), auditActor(request), request.params.id, request.body),
  );
  app.put(
    '/rectification/problems/:id/measures',
    { schema: { tags, summary: '制定或修改整改措施（申请销号前可修改）', params: IdParams, body: MeasuresBody, response: { 200: ProblemDetail, ...errors } }, config: { access: 'rectification:write' } },
    async (request) => rectification.setMeasures(actorOf(request), auditActor(request), request.params.id, request.body),
  );
  app.post(
    '/rectification/problems/:id/progress',
    { schema: { tags, summary: '报告整改进展', params: IdParams, body: NoteBody, response: { 200: ProblemDetail, ...errors } }, config: { access: 'rectification:write' } },
    async (request) => rectification.progress(actorOf(request), auditActor(request), request.params.id, request.body.note),
  );
  app.post(
    '/rectification/problems/:id/evidence',
    {
      bodyLimit: EVIDENCE_BODY_LIMIT,
      schema: { tags, summary: '添加整改佐证：链接、组织生活记录或文件（≤ 2 MB，Base64）', params: IdParams, body: EvidenceBody, response: { 201: Evidence, 413: ErrorResponse, ...errors } },
      config: { access: 'rectification:write' },
    },
    async (request, reply) => reply.code(201).send(await rectification.addEvidence(actorOf(request), auditActor(request), request.params.id, request.body)),
  );
  app.get(
    '/rectification/problems/:id/evidence/:evidenceId/file',
    { schema: { tags, summary: '下载佐证文件', params: EvidenceParams, response: { 200: { type: 'string', format: 'binary' }, ...commonErrors } }, config: { access: 'rectification:read' } },
    async (request, reply) => {
      const { buffer, fileName, contentType } = await rectification.evidenceFile(actorOf(request), request.params.id, request.params.evidenceId);
      const safeType = /^[\w.+-]+\/[\w.+-]+$/.test(contentType) ? contentType : 'application/octet-stream';
      return reply.header('content-type', safeType).header('content-disposition', attachment(fileName, 'evidence')).header('cache-control', 'no-store').send(buffer as never);
    },
  );
  app.post(
    '/rectification/problems/:id/request-closure',
    { schema: { tags, summary: '申请销号（须已制定整改措施）', params: IdParams, body: NoteBody, response: { 200: ProblemDetail, ...errors } }, config: { access: 'rectification:write' } },
    async (request) => rectification.requestClosure(actorOf(request), auditActor(request), request.params.id, request.body.note),
  );
  // 销号, 退回 and 回头看 belong to the issuing level: the service answers E_PROBLEM_NOT_ISSUER to anyone else (the
  // responsible branch included) and requires rectification:issue of the issuing level.
  app.post(
    '/rectification/problems/:id/approve',
    { schema: { tags, summary: '审核通过销号（仅下发问题的组织）', params: IdParams, body: OptionalNoteBody, response: { 200: ProblemDetail, ...errors } }, config: { access: 'rectification:write' } },
    async (request) => rectification.approve(actorOf(request), auditActor(request), request.params.id, request.body.note),
  );
  app.post(
    '/rectification/problems/:id/return',
    { schema: { tags, summary: '退回销号申请（须写明理由；仅下发问题的组织）', params: IdParams, body: ReturnBody, response: { 200: ProblemDetail, ...errors } }, config: { access: 'rectification:write' } },
    async (request) => rectification.returnClosure(actorOf(request), auditActor(request), request.params.id, request.body.reason),
  );
  app.post(
    '/rectification/problems/:id/review',
    { schema: { tags, summary: '回头看：通过，或发现反弹重新整改（仅下发问题的组织）', params: IdParams, body: ReviewBody, response: { 200: ProblemDetail, ...errors } }, config: { access: 'rectification:write' } },
    async (request) => rectification.review(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  // Analysis and ledger --------------------------------------------------------------------------
  app.get(
    '/rectification/common',
    { schema: { tags, summary: '共性问题：同一年度两个以上组织出现的问题类别', querystring: OrgYearQuery, response: { 200: CommonProblems, ...commonErrors } }, config: { access: 'rectification:read' } },
    async (request) => rectification.common(actorOf(request), request.query),
  );
  app.get(
    '/rectification/trend',
    { schema: { tags, summary: '各批次销号率、按期销号率（由早到晚）', querystring: OrgOnlyQuery, response: { 200: Trend, ...commonErrors } }, config: { access: 'rectification:read' } },
    async (request) => rectification.trend(actorOf(request), request.query),
  );
  app.get(
    '/rectification/red-black',
    { schema: { tags, summary: '红黑榜：下级组织按期全部销号（红榜）、有逾期或退回（黑榜），由记录生成', querystring: OrgYearQuery, response: { 200: RedBlack, ...commonErrors } }, config: { access: 'rectification:read' } },
    async (request) => rectification.redBlack(actorOf(request), request.query),
  );
  app.get(
    '/rectification/indicators',
    { schema: { tags, summary: '整改指标：本组织及各下级组织收到、按期销号、逾期、重新整改的问题数', querystring: OrgYearQuery, response: { 200: Indicators, ...commonErrors } }, config: { access: 'rectification:read' } },
    async (request) => rectification.indicators(actorOf(request), request.query),
  );
  app.get(
    '/rectification/ledger.xlsx',
    { schema: { tags, summary: '导出问题清单/整改台账（Excel；按批次，或按组织和年度；记入审计日志）', querystring: LedgerQuery, response: { 200: xlsx, ...commonErrors } }, config: { access: 'rectification:read' } },
    async (request, reply) => {
      const { stream, filename } = await rectification.ledger(actorOf(request), auditActor(request), request.query);
      return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', attachment(filename, 'rectification-ledger.xlsx')).header('cache-control', 'no-store').send(stream as never);
    },
  );
};
