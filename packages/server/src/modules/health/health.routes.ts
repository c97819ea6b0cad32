import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Database } from '../../platform/db.js';

export const healthRoutes: FastifyPluginAsyncTypebox<{ database: Database; version: string }> = async (app, { database, version }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['系统'],
        summary: '健康检查',
        response: { 200: Type.Object({ status: Type.Literal('ok'), db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]), version: Type.String() }) },
      },
      config: { access: 'public' },
    },
    async () => {
      await database.db.execute(sql`SELECT 1`);
      return { status: 'ok' as const, db: database.kind, version };
    },
  );
};
