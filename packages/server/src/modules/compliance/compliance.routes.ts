import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ComplianceService } from './compliance.service.js';

/** Compliance: branch lights, green rates, calendars and monthly digests (routes under /api/compliance and /api/digests). */
export const complianceRoutes: FastifyPluginAsyncTypebox<{ compliance: ComplianceService }> = async (app, { compliance }) => {
  void app;
  void compliance;
};
