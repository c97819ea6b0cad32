// `npm run gen -- --scale demo|unit|province|nation [--seed N] [--database-url postgres://…]`: fills an empty
// PostgreSQL database with a deterministic dataset shaped like the real system (issue 7); see dataset.ts.
// The database: --database-url, else DATABASE_URL. Prints progress, rows/s per table and the logins.
import { DATASET_ACCOUNTS, DATASET_PASSWORD, DATASET_SCALES, generateDataset, type DatasetScale } from './dataset.js';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function parseArgs(argv: string[]): { scale: DatasetScale; seed: number; url: string } {
  let scale: string | undefined;
  let seed: number | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${flag} 缺少参数值 / ${flag} needs a value`);
    if (flag === '--scale') scale = value();
    else if (flag === '--seed') seed = Number(value());
    else if (flag === '--database-url') url = value();
    else fail(`未知参数 ${arg} / unknown argument ${arg}\n用法 / usage: npm run gen -- --scale demo|unit|province|nation [--seed N] [--database-url postgres://…]`);
  }
  if (!DATASET_SCALES.includes(scale as DatasetScale)) fail('请指定 --scale demo|unit|province|nation / --scale must be demo, unit, province or nation');
  seed ??= scale === 'demo' ? 2026 : 1;
  if (!Number.isInteger(seed)) fail('--seed 必须是整数 / --seed must be an integer');
  url ??= process.env.DATABASE_URL;
  if (!url) fail('未指定数据库：请用 --database-url 或设置 DATABASE_URL（仅支持 PostgreSQL）/ no database: pass --database-url or set DATABASE_URL (PostgreSQL only)');
  return { scale: scale as DatasetScale, seed, url };
}

const args = parseArgs(process.argv.slice(2));
try {
  const result = await generateDataset(args);
  if (Object.keys(result.tables).length > 0) console.table(result.tables);
  if (Object.keys(result.phases).length > 0) console.log(`phases (s): ${Object.entries(result.phases).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
  console.log(`total ${result.seconds.toFixed(1)} s · data as of ${result.asOf}, month ${result.month}`);
  console.log(`logins (password ${DATASET_PASSWORD}): ${Object.values(DATASET_ACCOUNTS).join(', ')}`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
