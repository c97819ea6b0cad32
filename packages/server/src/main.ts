// Entry point: `npm start`. Opens the database (PGlite in ./data, or DATABASE_URL), applies migrations,
// loads demo data (demo mode) or creates the platform administrators (first production start), listens, and starts
// the daily compliance schedule (lights, 月提示; COMPLIANCE_SCHEDULE=off disables it).
import { loadRegulations } from '@dangjian/regulations/load';
import { buildApp, VERSION } from './app.js';
import { bootstrapProduction } from './platform/bootstrap.js';
import { systemClock } from './platform/clock.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db.js';
import { createFieldCrypto, loadFieldKey, verifyFieldKey } from './platform/field-crypto.js';
import { migrate } from './platform/migrate.js';
import { ROLE_LABELS } from './platform/permissions.js';
import { DEMO_PASSWORD, loadDemoData } from './modules/demo/demo-loader.js';
import { scheduleEnabled, startComplianceSchedule } from './modules/compliance/compliance-schedule.js';
import { createDigests } from './modules/compliance/digests.js';
import { createComplianceEvaluator } from './modules/compliance/evaluator.js';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(database);
  const regulations = loadRegulations();
  const fieldCrypto = createFieldCrypto(loadFieldKey({ envKey: process.env.FIELD_ENCRYPTION_KEY, dataDir: config.dataDir, embedded: config.databaseUrl === null }));
  await verifyFieldKey(database.db, fieldCrypto);
  const lines: string[] = [];
  if (config.demoMode) {
    const demo = await loadDemoData(database.db, systemClock, regulations, fieldCrypto);
    lines.push(demo.loaded ? `已载入演示数据：${demo.orgs} 个组织、${demo.members} 名党员` : '演示数据已存在（删除 data/ 目录可重新生成）');
    if (demo.evaluated) lines.push(`已评价近 14 个月的组织生活：${demo.evaluated.orgs} 个组织、${demo.evaluated.lights} 个月度亮灯`);
    lines.push(`演示账号（密码均为 ${DEMO_PASSWORD}，仅限演示模式）：`);
    for (const a of demo.accounts) lines.push(`  ${a.username.padEnd(10)} ${ROLE_LABELS[a.role]}${a.displayName ? ` · ${a.displayName}` : ''}`);
  } else {
    const boot = await bootstrapProduction(database.db, systemClock, process.env.ROOT_ORG_NAME?.trim() || '机关工委');
    if (boot.created.length > 0) {
      lines.push('首次启动：已创建三员账号（一次性初始密码，只显示这一次，首次登录须修改）：');
      for (const c of boot.created) lines.push(`  ${c.username.padEnd(10)} ${ROLE_LABELS[c.role].padEnd(6)} ${c.initialPassword}`);
      if (boot.rootOrg) lines.push(`已创建根组织「${boot.rootOrg}」（可由工委管理员修改名称）`);
    }
  }
  const app = await buildApp({ database, config, regulations, fieldCrypto });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
  console.log(
    [
      '',
      `机关党建智慧平台 ${VERSION} 已启动：${url}`,
      `数据库：${database.kind === 'pglite' ? `PGlite（嵌入式，数据目录 ${config.dataDir}）` : 'PostgreSQL'}；已应用迁移 ${applied.length} 个`,
      `API 文档：${url}/api/docs`,
      ...lines,
      '',
    ].join('\n'),
  );
  const schedule = scheduleEnabled()
    ? startComplianceSchedule({
        db: database.db,
        clock: systemClock,
        evaluator: createComplianceEvaluator({ clock: systemClock, regulations }),
        digests: createDigests({ clock: systemClock, regulations }),
        log: { info: (message) => app.log.info(message), error: (message, error) => app.log.error({ err: error }, message) },
      })
    : null;
  const shutdown = async () => {
    schedule?.stop();
    await schedule?.idle();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `配置错误：${error.message}` : error);
  process.exit(1);
});
