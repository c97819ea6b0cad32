import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, auditActor } from '../../platform/auth.js';
import { commonErrors } from '../../platform/http-schemas.js';
import { BranchCalendar, BranchCompliance, CalendarQuery, ComplianceOverview, ComplianceQuery, CurrentDigest, DigestQuery, DigestReadBody, MonthlyDigest } from './compliance.schemas.js';
import type { ComplianceService } from './compliance.service.js';

const TAGS = ['组织生活'];
const LIGHT_RULE =
  '月度亮灯：该月结束（或当月截至今天）的各项组织生活要求中有红灯即为红灯，否则有尚未完成的为黄灯，否则为绿灯；' +
  '期间在以后月份结束的要求不影响本月（如一季度的党员大会 2 月尚未召开，2 月仍为绿灯；3 月在召开前为黄灯，3 月 31 日后仍未召开为红灯）。';

/** Compliance: branch lights, green rates, calendars and monthly digests (routes under /api/compliance and /api/digests). */
export const complianceRoutes: FastifyPluginAsyncTypebox<{ compliance: ComplianceService }> = async (app, { compliance }) => {
  app.get(
    '/compliance/branch',
    {
      schema: {
        tags: TAGS,
        summary: '支部亮灯：近 12 个月的亮灯和本月所在期间的各项组织生活要求（含依据）',
        description: `${LIGHT_RULE}非支部的组织只返回本组织自身的要求（如党委书记讲党课），不亮灯。默认为管理范围根组织和本月。`,
        querystring: ComplianceQuery,
        response: { 200: BranchCompliance, ...commonErrors },
      },
      config: { access: 'meeting:read' },
    },
    async (request) => compliance.branch(actorOf(request), request.query),
  );

  app.get(
    '/compliance/overview',
    {
      schema: {
        tags: TAGS,
        summary: '绿灯率：下辖支部本月的绿灯率、近 12 个月趋势、直属下级排名和红灯支部',
        description: `${LIGHT_RULE}绿灯率 = 绿灯支部数 / 已亮灯的支部数；排名只列直属下级组织（其下有支部的），红灯支部最多列 50 个并给出总数。`,
        querystring: ComplianceQuery,
        response: { 200: ComplianceOverview, ...commonErrors },
      },
      config: { access: 'meeting:read' },
    },
    async (request) => compliance.overview(actorOf(request), request.query),
  );

  app.get(
    '/compliance/calendar',
    {
      schema: { tags: TAGS, summary: '组织生活日历：全年每天已召开的活动数和类型，以及各月亮灯', querystring: CalendarQuery, response: { 200: BranchCalendar, ...commonErrors } },
      config: { access: 'meeting:read' },
    },
    async (request) => compliance.calendar(actorOf(request), request.query),
  );

  app.get(
    '/digests/current',
    {
      schema: {
        tags: TAGS,
        summary: '月提示：本月到期的组织生活、换届、转正、组织关系转接等事项（尚未生成时为 null）',
        description: '月提示在每月第一个工作日 9:00 后生成（工作日为周一至周五且非元旦、劳动节、国庆节等公历固定假日；农历节日和调休未计入）。',
        querystring: DigestQuery,
        response: { 200: CurrentDigest, ...commonErrors },
      },
      config: { access: 'meeting:read' },
    },
    async (request) => compliance.digest(actorOf(request), request.query),
  );

  app.post(
    '/digests/read',
    {
      schema: { tags: TAGS, summary: '标记月提示为已读', body: DigestReadBody, response: { 200: MonthlyDigest, ...commonErrors } },
      config: { access: 'meeting:read' },
    },
    async (request) => compliance.markDigestRead(actorOf(request), auditActor(request), request.body),
  );
};
