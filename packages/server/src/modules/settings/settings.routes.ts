import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Clock } from '../../platform/clock.js';
import { commonErrors, Nullable } from '../../platform/http-schemas.js';
import type { SecurityPolicy } from '../../platform/security-policy.js';

const SettingView = Type.Object({
  id: Type.String(),
  label: Type.String(),
  value: Type.Number(),
  unit: Type.String(),
  citation: Type.Object({ sourceTitle: Type.String(), article: Type.String(), quote: Nullable(Type.String()) }),
});

export const settingsRoutes: FastifyPluginAsyncTypebox<{ policy: SecurityPolicy; clock: Clock }> = async (app, { policy, clock }) => {
  app.get(
    '/system/settings',
    { schema: { tags: ['系统设置（系统管理员）'], summary: '当前生效的安全设置及其依据', response: { 200: Type.Object({ items: Type.Array(SettingView) }), ...commonErrors } }, config: { access: 'settings:read' } },
    async () => ({ items: policy.describe(clock()) }),
  );
};
