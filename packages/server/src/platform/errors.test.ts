import { describe, expect, it } from 'vitest';
import { describeValidationError, ERRORS } from './errors.js';

describe('describeValidationError', () => {
  it.each([
    [{ keyword: 'required', instancePath: '', params: { missingProperty: 'username' } }, 'body', 'username', '缺少必填项「username」'],
    [{ keyword: 'minLength', instancePath: '/name', params: { limit: 1 }, parentSchema: { title: '组织名称' } }, 'body', 'name', '「组织名称」不能为空'],
    [{ keyword: 'maxLength', instancePath: '/name', params: { limit: 100 }, parentSchema: { title: '组织名称' } }, 'body', 'name', '「组织名称」不能超过 100 个字符'],
    [{ keyword: 'type', instancePath: '/id', params: { type: 'integer' }, parentSchema: { title: 'id' } }, 'params', 'id', '「id」的类型应为整数'],
    [{ keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'isAdmin' } }, 'body', 'isAdmin', '不允许的字段「isAdmin」'],
    [{ keyword: 'anyOf', instancePath: '/type', params: {}, parentSchema: { title: '组织类型', anyOf: [{ const: 'branch' }, { const: 'general_branch' }] } }, 'body', 'type', '「组织类型」的取值无效，可选值：branch、general_branch'],
    [{ keyword: 'format', instancePath: '/from', params: { format: 'date' }, parentSchema: { title: '开始日期' } }, 'querystring', 'from', '「开始日期」的格式不正确（应为日期 YYYY-MM-DD）'],
  ])('%#: %j', (error, context, field, message) => {
    expect(describeValidationError(error, context)).toEqual({ field, message });
  });
});

describe('error catalogue', () => {
  it('every code is E_ + upper snake case, with a Chinese message and an HTTP status', () => {
    for (const [code, { status, message }] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^E_[A-Z_]+$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
