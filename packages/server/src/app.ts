import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ParameterTree } from '@dangjian/regulations';
import Fastify, { type FastifyInstance } from 'fastify';
import { installAuth } from './platform/auth.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { AppConfig } from './platform/config.js';
import type { Database } from './platform/db.js';
import type { FieldCrypto } from './platform/field-crypto.js';
import { AppError, installErrorHandler } from './platform/errors.js';
import { createSecurityPolicy } from './platform/security-policy.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createCommitteesService } from './modules/committees/committees.service.js';
import { complianceRoutes } from './modules/compliance/compliance.routes.js';
import { createComplianceService } from './modules/compliance/compliance.service.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { createDashboardService } from './modules/dashboard/dashboard.service.js';
import { createOrgRules } from './modules/elections/org-rules.js';
import { electionsRoutes } from './modules/elections/elections.routes.js';
import { createElectionsService } from './modules/elections/elections.service.js';
import { grantsRoutes } from './modules/grants/grants.routes.js';
import { createGrantsService } from './modules/grants/grants.service.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { ledgersRoutes } from './modules/ledgers/ledgers.routes.js';
import { createLedgersService } from './modules/ledgers/ledgers.service.js';
import { activitiesRoutes } from './modules/meetings/activities.routes.js';
import { createActivitiesService } from './modules/meetings/activities.service.js';
import { membersRoutes } from './modules/members/members.routes.js';
import { metaRoutes } from './modules/meta/meta.routes.js';
import { regulationsRoutes } from './modules/meta/regulations.routes.js';
import { createMembersService } from './modules/members/members.service.js';
import { createMemberRules } from './modules/members/member-rules.js';
import { createMemberImportService } from './modules/members/member-import.service.js';
import { memberImportsRoutes } from './modules/members/member-imports.routes.js';
import { createMemberTransfersService } from './modules/members/member-transfers.service.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { createOrgService } from './modules/org/org.service.js';
import { unitsRoutes } from './modules/org/units.routes.js';
import { createUnitsService } from './modules/org/units.service.js';
import { reorganizationRoutes } from './modules/reorganization/reorganization.routes.js';
import { createReorganizationService } from './modules/reorganization/reorganization.service.js';
import { createProblemImportService } from './modules/rectification/problem-import.service.js';
import { rectificationRoutes } from './modules/rectification/rectification.routes.js';
import { createRectificationService } from './modules/rectification/rectification.service.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { createFindingsService } from './modules/warnings/findings.service.js';
import { createWarningsService } from './modules/warnings/warnings.service.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export interface AppDeps {
  database: Database;
  config: AppConfig;
  regulations: ParameterTree;
  /** Encryption of personal data at rest (platform/field-crypto.ts). */
  fieldCrypto: FieldCrypto;
  clock?: Clock;
  /** Pino options or false; tests pass false. */
  logger?: boolean | object;
}

/** Query parameters whose values never reach a log line (an exact search by ID number or phone). */
const SECRET_QUERY_PARAMS = /([?&](?:idNumber|phone)=)[^&#]*/g;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1[已脱敏]');
}

/** Pino options: cookies, CSRF tokens and secret query values are redacted whatever logger the caller passes. */
function loggerOptions(logger: AppDeps['logger'], level: string): boolean | object {
  if (logger === false) return false;
  const base = typeof logger === 'object' ? logger : { level };
  return {
    ...base,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), hostname: req.hostname, remoteAddress: req.ip }),
    },
  };
}

/**
 * Builds the whole application without listening: platform plugins first, then every module,
 * registered explicitly here (no autoload). Tests drive the result with `app.inject()`.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { database, config } = deps;
  const clock = deps.clock ?? systemClock;
  const db = database.db;

  const app = Fastify({
    logger: loggerOptions(deps.logger, config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { allErrors: true, verbose: true, removeAdditional: false, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app);

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError('E_RATE_LIMITED', `登录尝试过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`, [], { 'retry-after': String(Math.ceil(context.ttl / 1000)) }),
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false, // set by the TLS-terminating reverse proxy (see README)
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '机关党建智慧平台 API', version: VERSION, description: '所有写操作须在请求头 x-csrf-token 中回传登录时获得的令牌；错误统一为 {code, message, details[]}。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dj_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const policy = createSecurityPolicy(deps.regulations, config.idleTimeoutMinutes ? { idleTimeoutMinutes: config.idleTimeoutMinutes } : {});
  installAuth(app, { db, clock, idleTimeoutMinutes: (at) => policy.at(at).idleTimeoutMinutes });

  const orgService = createOrgService({ db, clock });
  const memberRules = createMemberRules(deps.regulations);
  const membersService = createMembersService({ db, clock, orgService, fieldCrypto: deps.fieldCrypto, rules: memberRules });
  const transfersService = createMemberTransfersService({ db, clock, fieldCrypto: deps.fieldCrypto, rules: memberRules });
  const orgRules = createOrgRules(deps.regulations);
  const findings = createFindingsService({ clock, rules: orgRules });
  const committeesService = createCommitteesService({ db, clock, orgService, rules: orgRules, findings });
  const electionsService = createElectionsService({ db, clock, orgService, committees: committeesService, rules: orgRules, findings });
  const compliance = createComplianceService({ db, clock, orgService, regulations: deps.regulations });
  const activities = createActivitiesService({ db, clock, orgService, fieldCrypto: deps.fieldCrypto, onActivitiesChanged: compliance.reevaluate });
  const warningsService = createWarningsService({ db, clock, orgService, rules: orgRules, memberRules, elections: electionsService });
  const rectification = createRectificationService({ db, clock, orgService });
  const services = {
    auth: createAuthService({ db, clock, policy, demoMode: config.demoMode }),
    accountsService: createAccountsService({ db, clock }),
    grantsService: createGrantsService({ db, clock }),
    auditService: createAuditService({ db, clock }),
    dashboardService: createDashboardService({ db, clock, orgService }),
    orgService,
    membersService,
  };

  const api = { prefix: '/api' };
  await app.register(healthRoutes, { ...api, database, version: VERSION });
  await app.register(authRoutes, { ...api, auth: services.auth, config });
  await app.register(metaRoutes, api);
  await app.register(regulationsRoutes, { ...api, regulations: deps.regulations });
  await app.register(orgRoutes, { ...api, orgService });
  await app.register(unitsRoutes, { ...api, unitsService: createUnitsService({ db, clock }) });
  await app.register(electionsRoutes, { ...api, electionsService, committeesService, warningsService });
  await app.register(reorganizationRoutes, { ...api, reorganization: createReorganizationService({ db, clock, orgService, findings }) });
  await app.register(ledgersRoutes, { ...api, ledgersService: createLedgersService({ db, clock, orgService }) });
  await app.register(memberImportsRoutes, { ...api, memberImports: createMemberImportService({ db, clock, orgService, fieldCrypto: deps.fieldCrypto, memberRules }) });
  await app.register(membersRoutes, { ...api, membersService, transfers: transfersService });
  await app.register(activitiesRoutes, { ...api, activities });
  await app.register(complianceRoutes, { ...api, compliance });
  await app.register(rectificationRoutes, { ...api, rectification, problemImports: createProblemImportService({ db, clock, rectification }) });
  await app.register(dashboardRoutes, { ...api, dashboardService: services.dashboardService });
  await app.register(accountsRoutes, { ...api, accountsService: services.accountsService });
  await app.register(grantsRoutes, { ...api, grantsService: services.grantsService });
  await app.register(auditRoutes, { ...api, auditService: services.auditService });
  await app.register(settingsRoutes, { ...api, policy, clock });

  registerWebApp(app, config.webDistDir);
  return app;
}

/** Serves the built web app with a fallback to index.html for client-side routes. */
function registerWebApp(app: FastifyInstance, dir: string | null) {
  const indexHtml = dir ? path.join(dir, 'index.html') : null;
  const hasWeb = indexHtml !== null && existsSync(indexHtml);
  if (hasWeb && dir) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    void app.register(fastifyStatic, { root: dir, wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (hasWeb && request.method === 'GET' && !url.startsWith('/api') && !path.extname(url)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    const hint = !hasWeb && !url.startsWith('/api') ? '（前端尚未构建：请运行 npm run build）' : '';
    return reply.code(404).send({ code: 'E_NOT_FOUND', message: `请求的资源不存在：${request.method} ${url}${hint}`, details: [] });
  });
}
