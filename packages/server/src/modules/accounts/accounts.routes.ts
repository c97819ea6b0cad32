import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors, ErrorResponse, IdParams, Paged } from '../../platform/http-schemas.js';
import { AccountCreateBody, AccountListQuery, AccountUpdateBody, AccountView, InitialPassword } from './accounts.schemas.js';
import type { AccountsService } from './accounts.service.js';

const tags = ['账号（系统管理员）'];

export const accountsRoutes: FastifyPluginAsyncTypebox<{ accountsService: AccountsService }> = async (app, { accountsService }) => {
  app.get(
    '/accounts',
    { schema: { tags, summary: '账号列表', querystring: AccountListQuery, response: { 200: Paged(AccountView), ...commonErrors } }, config: { access: 'account:read' } },
    async (request) => accountsService.list(request.query),
  );

  app.post(
    '/accounts',
    {
      schema: { tags, summary: '创建账号（返回一次性初始密码）', body: AccountCreateBody, response: { 201: Type.Object({ account: AccountView, initialPassword: InitialPassword }), 409: ErrorResponse, ...commonErrors } },
      config: { access: 'account:manage' },
    },
    async (request, reply) => reply.code(201).send(await accountsService.create(auditActor(request), request.body)),
  );

  app.patch(
    '/accounts/:id',
    { schema: { tags, summary: '修改姓名或停用/启用账号', params: IdParams, body: AccountUpdateBody, response: { 200: AccountView, 409: ErrorResponse, ...commonErrors } }, config: { access: 'account:manage' } },
    async (request) => accountsService.update(actorOf(request), auditActor(request), request.params.id, request.body),
  );

  app.post(
    '/accounts/:id/reset-password',
    { schema: { tags, summary: '重置密码（返回一次性初始密码）', params: IdParams, response: { 200: Type.Object({ initialPassword: InitialPassword }), ...commonErrors } }, config: { access: 'account:manage' } },
    async (request) => accountsService.resetPassword(auditActor(request), request.params.id),
  );

  app.post(
    '/accounts/:id/unlock',
    { schema: { tags, summary: '解除登录锁定', params: IdParams, response: { 200: AccountView, ...commonErrors } }, config: { access: 'account:manage' } },
    async (request) => accountsService.unlock(auditActor(request), request.params.id),
  );
};
