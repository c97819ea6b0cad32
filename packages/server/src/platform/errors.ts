import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The one catalogue of error codes. Codes are stable (clients and tests rely on them);
 * messages are Chinese and shown to users as they are.
 */
export const ERRORS = {
  E_VALIDATION: { status: 400, message: '提交的数据有误' },
  E_AUTH_REQUIRED: { status: 401, message: '请先登录' },
  E_AUTH_SESSION_EXPIRED: { status: 401, message: '会话已超时，请重新登录' },
  E_AUTH_INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  E_AUTH_ACCOUNT_LOCKED: { status: 423, message: '账号已锁定' },
  E_AUTH_ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系系统管理员' },
  E_AUTH_CSRF: { status: 403, message: '请求缺少有效的防伪令牌（x-csrf-token），请刷新页面后重试' },
  E_AUTH_FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  E_AUTH_PASSWORD_CHANGE_REQUIRED: { status: 403, message: '首次登录或密码已重置，请先修改密码' },
  E_AUTH_WRONG_PASSWORD: { status: 400, message: '当前密码不正确' },
  E_PASSWORD_POLICY: { status: 400, message: '新密码不符合密码策略' },
  E_RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  E_NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  E_ORG_NOT_FOUND: { status: 404, message: '组织不存在或不在您的管理范围内' },
  E_ORG_INVALID_PARENT: { status: 400, message: '上级组织不允许设立该类型的下级组织' },
  E_ORG_MOVE_INVALID: { status: 400, message: '不能这样调整隶属关系' },
  E_ORG_NOT_EMPTY: { status: 409, message: '组织还有党员或下级组织' },
  E_ORG_USE_REORGANIZATION: { status: 400, message: '撤销或合并组织请使用「撤销」「合并」操作' },
  E_ORG_DUPLICATE_NAME: { status: 409, message: '同一上级组织下已有同名组织' },
  E_COMMITTEE_MEMBER_NOT_IN_ORG: { status: 400, message: '班子成员须为本组织的党员' },
  E_COMMITTEE_SECRETARY_NOT_QUALIFIED: { status: 400, message: '该党员不符合担任书记的条件' },
  E_COMMITTEE_POST_TAKEN: { status: 409, message: '该职务已有人担任' },
  E_COMMITTEE_NOT_APPLICABLE: { status: 400, message: '该类型的组织不设委员会' },
  E_ELECTION_NOT_APPLICABLE: { status: 400, message: '该类型的组织不进行换届选举' },
  E_ELECTION_QUORUM: { status: 400, message: '选举会议到会人数不足，选举无效' },
  E_ELECTION_ADJUSTMENT_LIMIT: { status: 400, message: '延期或提前换届超出规定' },
  E_MEMBER_NOT_FOUND: { status: 404, message: '党员不存在或不在您的管理范围内' },
  E_MEMBER_INVALID: { status: 400, message: '党员信息有误' },
  E_MEMBER_DUPLICATE_ID_NUMBER: { status: 409, message: '该公民身份号码已登记为党员' },
  E_MEMBER_ORG_NOT_BRANCH: { status: 400, message: '党员须编入党支部（含联合、临时党支部）或党小组所属支部' },
  E_MEMBER_LIFECYCLE: { status: 400, message: '当前状态下不能办理该事项' },
  E_MEMBER_NOT_ON_ROSTER: { status: 400, message: '该党员已不在册' },
  E_TRANSFER_NOT_FOUND: { status: 404, message: '转接记录不存在或不在您的管理范围内' },
  E_TRANSFER_PENDING: { status: 409, message: '该党员已有待接收的组织关系转接' },
  E_TRANSFER_INVALID: { status: 400, message: '不能这样转接组织关系' },
  E_TRANSFER_STATE: { status: 409, message: '该转接已处理，不能重复操作' },
  E_CORRECTION_STATE: { status: 409, message: '该更正申请已处理，不能重复处理' },
  E_CORRECTION_NOT_FOUND: { status: 404, message: '更正申请不存在或不在您的管理范围内' },
  E_IMPORT_NOT_FOUND: { status: 404, message: '导入任务不存在或不在您的管理范围内' },
  E_IMPORT_FILE: { status: 400, message: '无法读取上传的 Excel 文件' },
  E_ACTIVITY_NOT_FOUND: { status: 404, message: '组织生活记录不存在或不在您的管理范围内' },
  E_ACTIVITY_INVALID: { status: 400, message: '组织生活记录有误' },
  E_ACTIVITY_STATE: { status: 409, message: '该活动当前的状态下不能办理此事项' },
  E_ACTIVITY_DRAFT_TAKEN: { status: 409, message: '该离线草稿编号已被使用，请重新生成草稿后提交' },
  E_PROBLEM_NOT_FOUND: { status: 404, message: '问题不存在或不在您的管理范围内' },
  E_BATCH_NOT_FOUND: { status: 404, message: '整改批次不存在或不在您的管理范围内' },
  E_PROBLEM_STATE: { status: 409, message: '问题当前的状态下不能办理此事项' },
  E_PROBLEM_NOT_ISSUER: { status: 403, message: '只有下发问题的上级组织才能审核销号或回头看' },
  E_RECTIFICATION_INVALID: { status: 400, message: '问题整改信息有误' },
  E_UNIT_NOT_FOUND: { status: 404, message: '单位不存在或不在您的管理范围内' },
  E_UNIT_DUPLICATE: { status: 409, message: '已有同名单位或相同的统一社会信用代码' },
  E_ACCOUNT_NOT_FOUND: { status: 404, message: '账号不存在' },
  E_ACCOUNT_USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  E_ACCOUNT_SELF_CHANGE: { status: 409, message: '不能停用当前登录的账号' },
  E_GRANT_NOT_FOUND: { status: 404, message: '授权记录不存在' },
  E_GRANT_SEPARATION_OF_DUTIES: { status: 409, message: '三员分立：系统管理员、安全管理员、安全审计员不能兼任其他角色' },
  E_GRANT_ORG_REQUIRED: { status: 400, message: '业务角色必须指定授权的组织' },
  E_GRANT_ORG_NOT_ALLOWED: { status: 400, message: '三员角色不能指定组织' },
  E_GRANT_DUPLICATE: { status: 409, message: '该账号已拥有此授权' },
  E_GRANT_NOT_OWN: { status: 400, message: '只能切换到本人拥有的授权' },
  E_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求体格式不受支持，请使用 JSON' },
  E_PAYLOAD_TOO_LARGE: { status: 413, message: '请求体过大' },
  E_INTERNAL: { status: 500, message: '服务器内部错误，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorDetail {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, message?: string, details: ErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
    this.headers = headers;
  }
}

export const fail = (code: ErrorCode, message?: string, details?: ErrorDetail[]) => new AppError(code, message, details);

interface AjvLikeError {
  keyword: string;
  instancePath: string;
  schemaPath?: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: { title?: string; enum?: unknown[]; anyOf?: { const?: unknown }[] };
}

/** Chinese label of a field: the schema's `title`, else its name. */
function fieldLabel(error: AjvLikeError, field: string): string {
  const title = error.keyword === 'required' ? undefined : error.parentSchema?.title;
  return title ?? field;
}

const CONTEXT_LABEL: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/** Maps one schema-validation error to a detail naming the field in Chinese. */
export function describeValidationError(error: AjvLikeError, context: string): ErrorDetail {
  const pathParts = error.instancePath.split('/').filter(Boolean);
  let field = pathParts.join('.');
  const p = error.params;
  if (error.keyword === 'required') field = [...pathParts, String(p.missingProperty)].join('.');
  if (error.keyword === 'additionalProperties') field = [...pathParts, String(p.additionalProperty)].join('.');
  const label = field ? `「${fieldLabel(error, field)}」` : CONTEXT_LABEL[context] ?? '请求';
  const options = error.parentSchema?.anyOf?.map((s) => s.const).filter((v) => v !== undefined) ?? error.parentSchema?.enum;
  let message: string;
  switch (error.keyword) {
    case 'required':
      message = `缺少必填项${label}`;
      break;
    case 'additionalProperties':
      message = `不允许的字段${label}`;
      break;
    case 'type':
      message = `${label}的类型应为${typeName(String(p.type))}`;
      break;
    case 'minLength':
      message = Number(p.limit) === 1 ? `${label}不能为空` : `${label}至少需要 ${p.limit} 个字符`;
      break;
    case 'maxLength':
      message = `${label}不能超过 ${p.limit} 个字符`;
      break;
    case 'minimum':
    case 'exclusiveMinimum':
      message = `${label}不能小于 ${p.limit}`;
      break;
    case 'maximum':
    case 'exclusiveMaximum':
      message = `${label}不能大于 ${p.limit}`;
      break;
    case 'pattern':
      message = `${label}的格式不正确`;
      break;
    case 'format':
      message = `${label}的格式不正确（应为${formatName(String(p.format))}）`;
      break;
    case 'anyOf':
    case 'enum':
    case 'const':
      message = options && options.length > 0 ? `${label}的取值无效，可选值：${options.join('、')}` : `${label}的取值无效`;
      break;
    case 'minProperties':
      message = '请至少填写一项';
      break;
    case 'minItems':
      message = `${label}至少需要 ${p.limit} 项`;
      break;
    case 'maxItems':
      message = `${label}最多 ${p.limit} 项`;
      break;
    default:
      message = `${label}无效`;
  }
  return { field: field || context, message };
}

function typeName(t: string): string {
  return ({ string: '文本', integer: '整数', number: '数字', boolean: '布尔值（true/false）', object: '对象', array: '数组', null: '空值' } as Record<string, string>)[t.split(',')[0] ?? t] ?? t;
}

function formatName(f: string): string {
  return ({ date: '日期 YYYY-MM-DD', 'date-time': '日期时间 ISO 8601', email: '电子邮箱' } as Record<string, string>)[f] ?? f;
}

function send(reply: FastifyReply, status: number, code: string, message: string, details: ErrorDetail[] = []) {
  return reply.code(status).send({ code, message, details });
}

/** The single error handler: every failure leaves as `{ code, message, details[] }`; 5xx details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: AjvLikeError[]; validationContext?: string }, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return send(reply, error.status, error.code, error.message, error.details);
    }
    if (error.validation) {
      const context = error.validationContext ?? 'body';
      // A union (anyOf) reports one error per branch as well as its own: keep only the union's, which carries the title.
      const details = error.validation.filter((e) => !/\/anyOf\/\d+\//.test(e.schemaPath ?? '')).map((e) => describeValidationError(e, context));
      const first = details[0]?.message;
      return send(reply, 400, 'E_VALIDATION', first ? `提交的数据有误：${first}` : ERRORS.E_VALIDATION.message, details);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, 400, 'E_VALIDATION', '请求体不是有效的 JSON', [{ field: 'body', message: '请求体不是有效的 JSON' }]);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, 415, 'E_UNSUPPORTED_MEDIA_TYPE', ERRORS.E_UNSUPPORTED_MEDIA_TYPE.message);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, 413, 'E_PAYLOAD_TOO_LARGE', ERRORS.E_PAYLOAD_TOO_LARGE.message);
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, 400, 'E_VALIDATION', '请求体长度不正确');
    }
    if (error.statusCode === 429) {
      return send(reply, 429, 'E_RATE_LIMITED', ERRORS.E_RATE_LIMITED.message);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, error.statusCode, 'E_VALIDATION', ERRORS.E_VALIDATION.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, 'E_INTERNAL', ERRORS.E_INTERNAL.message);
  });

}
