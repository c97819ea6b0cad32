import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, ErrorResponse, IdParams } from '../../platform/http-schemas.js';
import { IMPORT_MAX_BYTES, XLSX_CONTENT_TYPE, type MemberImportService } from './member-import.service.js';
import { ImportJob, ImportStartQuery, MEMBER_STATUSES } from './members.schemas.js';

const tags = ['党员'];
const xlsx = { type: 'string', format: 'binary', description: 'xlsx' } as const;

export const RosterExportQuery = Type.Object(
  {
    orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织' })),
    includeSubtree: Type.Optional(Type.Boolean({ default: true, title: '含下级组织' })),
    /** A status, or 'on_roster' (default: 在册) or 'all'. */
    status: Type.Optional(Type.Union([...MEMBER_STATUSES, 'on_roster', 'all'].map((s) => Type.Literal(s)), { title: '党员状态' })),
  },
  { additionalProperties: false },
);

function attachment(filename: string, fallback: string) {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Excel import of the 党员花名册 (template, upload as a background job, progress) and the roster export. */
export const memberImportsRoutes: FastifyPluginAsyncTypebox<{ memberImports: MemberImportService }> = async (app, { memberImports }) => {
  // The upload is the raw .xlsx body, handed over as a stream (saved to a temporary file by the service).
  app.addContentTypeParser([XLSX_CONTENT_TYPE, 'application/octet-stream'], (_request, payload, done) => done(null, payload));
  app.addHook('onClose', async () => memberImports.drain());

  app.get(
    '/members/import-template.xlsx',
    { schema: { tags, summary: '下载党员花名册导入模板（含填写说明和下拉选项）', response: { 200: xlsx, ...commonErrors } }, config: { access: 'member:write' } },
    async (_request, reply) => {
      const buffer = await memberImports.template();
      reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachment('党员花名册导入模板.xlsx', 'member-import-template.xlsx'))
        .header('cache-control', 'no-store');
      return reply.send(buffer as never);
    },
  );

  app.post(
    '/member-imports',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags,
        summary: '上传党员花名册（请求体为 .xlsx 文件本身）：mode=validate 只校验，mode=commit 校验并全部导入（有任何错误则不导入）；立即返回任务，进度用 GET /member-imports/{id} 查询',
        querystring: ImportStartQuery,
        response: { 202: ImportJob, 413: ErrorResponse, ...commonErrors },
      },
      config: { access: 'member:write' },
    },
    async (request, reply) => {
      const declared = request.headers['content-length'] === undefined ? null : Number(request.headers['content-length']);
      const job = await memberImports.start(actorOf(request), auditActor(request), request.query, request.body as Readable | undefined, Number.isFinite(declared) ? declared : null);
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/member-imports/:id',
    { schema: { tags, summary: '导入任务的状态、进度和错误清单（行号、列号）', params: IdParams, response: { 200: ImportJob, ...commonErrors } }, config: { access: 'member:write' } },
    async (request) => memberImports.get(actorOf(request), request.params.id),
  );

  app.get(
    '/members/roster.xlsx',
    {
      schema: { tags, summary: '导出党员花名册（Excel；身份证号和电话脱敏；记入审计日志）', querystring: RosterExportQuery, response: { 200: xlsx, ...commonErrors } },
      config: { access: 'member:read' },
    },
    async (request, reply) => {
      const { stream, filename } = await memberImports.exportRoster(actorOf(request), auditActor(request), request.query);
      reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachment(filename, 'roster.xlsx'))
        .header('cache-control', 'no-store');
      return reply.send(stream as never);
    },
  );
};
