// `npm run compliance:evaluate -- [--months YYYY-MM,YYYY-MM] [--org id]`: re-evaluates organizational life
// (rule meetings.frequency: compliance results, branch lights; meetings.absence) for every organization, or the
// subtree of --org, for the given months (default: the current and the previous month). Run it after changing a
// frequency parameter, or from cron when the in-process schedule is off (COMPLIANCE_SCHEDULE=off).
import { loadRegulations } from '@dangjian/regulations/load';
import { shanghaiDate, systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db.js';
import { migrate } from '../platform/migrate.js';
import { createComplianceEvaluator } from '../modules/compliance/evaluator.js';
import { lastMonths, monthOf } from '../modules/compliance/lights.js';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

const monthsArg = option('months');
const orgArg = option('org');
const months = monthsArg ? monthsArg.split(',').map((m) => m.trim()).filter(Boolean) : lastMonths(monthOf(shanghaiDate(systemClock())), 2);
const bad = months.filter((m) => !/^\d{4}-(0[1-9]|1[0-2])$/.test(m));
if (bad.length > 0 || (orgArg !== undefined && !/^\d+$/.test(orgArg))) {
  console.error(`参数有误：--months 应为 YYYY-MM[,YYYY-MM…]${bad.length ? `（收到 ${bad.join('、')}）` : ''}，--org 应为组织 id`);
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(database);
  const evaluator = createComplianceEvaluator({ clock: systemClock, regulations: loadRegulations() });
  const started = Date.now();
  const rate = (n: number) => (n / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(0);
  console.log(`合规评价：${months.join('、')}${orgArg ? `，组织 ${orgArg} 及其下级` : '，全部组织'}`);
  const s = await evaluator.evaluateAll(database.db, {
    months,
    ...(orgArg ? { orgId: Number(orgArg) } : {}),
    onProgress: (done) => process.stdout.write(`\r  已评价 ${done} 个组织（${rate(done)} 个/秒）`),
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(`\n已评价 ${s.orgs} 个组织，${s.results} 项要求，${s.lights} 个月度亮灯，${s.absences} 名党员连续缺席；用时 ${seconds.toFixed(1)} 秒（${rate(s.orgs)} 个组织/秒）`);
} finally {
  await database.close();
}
