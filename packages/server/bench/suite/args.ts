// Command line of the suite: `npm run bench -- --scale demo|unit|province|nation [--database-url postgres://…]
// [--requests N] [--import-rows N] [--duration S] [--no-write]` (`--flag value` or `--flag=value`).
import { DATASET_SCALES, type DatasetScale } from '../../scale/dataset.js';
import { SuiteUsageError } from './datasets.js';

export interface SuiteOptions {
  scale: DatasetScale;
  databaseUrl: string | null;
  requests: number;
  importRows: number;
  durationSeconds: number;
  write: boolean;
}

const USAGE = '用法 / usage: npm run bench -- --scale demo|unit|province|nation [--database-url postgres://…] [--requests N] [--import-rows N] [--duration S] [--no-write]';

/** True when the command line asks for the suite rather than named benchmarks. */
export const wantsSuite = (argv: readonly string[]) => argv.some((a) => a === '--scale' || a.startsWith('--scale='));

function positiveInt(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new SuiteUsageError(`${flag} 须为正整数 / ${flag} must be a positive integer (got "${raw}")\n${USAGE}`);
  return n;
}

export function parseSuiteArgs(argv: readonly string[]): SuiteOptions {
  const values = new Map<string, string>();
  let write = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-write') {
      write = false;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!['--scale', '--database-url', '--requests', '--import-rows', '--duration'].includes(flag)) throw new SuiteUsageError(`未知参数 ${arg} / unknown argument ${arg}\n${USAGE}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new SuiteUsageError(`${flag} 缺少参数值 / ${flag} needs a value\n${USAGE}`);
    values.set(flag, value);
  }
  const scale = values.get('--scale') as DatasetScale;
  if (!DATASET_SCALES.includes(scale)) throw new SuiteUsageError(`--scale 须为 demo、unit、province 或 nation / --scale must be demo, unit, province or nation\n${USAGE}`);
  // The demo scale is the CI smoke test: a small import and short load runs unless asked otherwise.
  const smoke = scale === 'demo';
  const int = (flag: string, fallback: number) => (values.has(flag) ? positiveInt(flag, values.get(flag)!) : fallback);
  return {
    scale,
    databaseUrl: values.get('--database-url') ?? null,
    requests: int('--requests', 50),
    importRows: int('--import-rows', smoke ? 2_000 : 100_000),
    durationSeconds: int('--duration', smoke ? 2 : 10),
    write,
  };
}
