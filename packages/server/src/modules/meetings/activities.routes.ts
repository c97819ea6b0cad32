import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ActivitiesService } from './activities.service.js';

/** Activities: /api/activities (list, record, plan, complete, cancel, ledger, meeting record) and /api/me/activities. */
export const activitiesRoutes: FastifyPluginAsyncTypebox<{ activities: ActivitiesService }> = async (app, { activities }) => {
  void app;
  void activities;
};
