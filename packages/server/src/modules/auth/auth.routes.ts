import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditActor, SESSION_COOKIE } from '../../platform/auth.js';
import type { AppConfig } from '../../platform/config.js';
import { commonErrors, ErrorResponse } from '../../platform/http-schemas.js';
import { ChangePasswordBody, LoginBody, MeView, SwitchGrantBody } from './auth.schemas.js';
import type { AuthService } from './auth.service.js';

const tags = ['认证'];

function cookieOptions(config: Pick<AppConfig, 'cookieSecure'>, request: FastifyRequest) {
  const secure = config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure;
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure };
}

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService; config: Pick<AppConfig, 'cookieSecure' | 'loginRateLimitPerMinute'> }> = async (app, { auth, config }) => {
  app.post(
    '/auth/login',
    {
      schema: { tags, summary: '登录', body: LoginBody, response: { 200: MeView, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 423: ErrorResponse, 429: ErrorResponse } },
      config: { access: 'public', rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { token, me } = await auth.login({ ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(config, request));
      return me;
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: '退出登录', response: { 204: { type: 'null' }, ...commonErrors } }, config: { access: 'authenticated', allowPendingPasswordChange: true } },
    async (request, reply: FastifyReply) => {
      await auth.logout(actorOf(request), auditActor(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions(config, request));
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags, summary: '当前用户、角色与权限', response: { 200: MeView, ...commonErrors } }, config: { access: 'authenticated', allowPendingPasswordChange: true } },
    async (request) => auth.me(actorOf(request)),
  );

  app.post(
    '/auth/password',
    { schema: { tags, summary: '修改密码', body: ChangePasswordBody, response: { 200: MeView, ...commonErrors } }, config: { access: 'authenticated', allowPendingPasswordChange: true } },
    async (request) => auth.changePassword(actorOf(request), auditActor(request), request.body),
  );

  app.post(
    '/auth/active-grant',
    { schema: { tags, summary: '切换当前角色与管理范围', body: SwitchGrantBody, response: { 200: MeView, ...commonErrors } }, config: { access: 'authenticated' } },
    async (request) => auth.switchGrant(actorOf(request), auditActor(request), request.body.grantId),
  );
};
