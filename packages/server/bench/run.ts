// `npm run bench -- --scale demo|unit|province|nation [--database-url postgres://…] [--requests N] [--import-rows N]
// [--duration S] [--no-write]`: the benchmark suite (bench/suite): prints its tables and writes BENCHMARKS.md; exits
// non-zero only when an endpoint's answer differs from its hand-written SQL (or on a crash), never on a missed target.
//
// `npm run bench [-- name] [-- --database-url=postgres://…]`: the named benchmark scripts, listed here explicitly.
// They print numbers; they never fail a test run. The database: --database-url, else TEST_DATABASE_URL or
// DATABASE_URL; without any of them, org-move uses the local PostgreSQL, member-import and compliance-evaluate an
// in-memory PGlite.
import { benchComplianceEvaluate } from './compliance-evaluate.bench.js';
import { benchMemberImport } from './member-import.bench.js';
import { benchOrgMove } from './org-move.bench.js';
import { parseSuiteArgs, wantsSuite } from './suite/args.js';
import { redactUrl, SuiteUsageError } from './suite/datasets.js';
import { runSuite } from './suite/suite.js';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

const BENCHMARKS: Record<string, (url: string | null) => Promise<Record<string, unknown>>> = {
  'org-move': (url) => benchOrgMove(url ?? LOCAL_POSTGRES),
  'member-import': (url) => benchMemberImport(url),
  'compliance-evaluate': benchComplianceEvaluate,
};

async function runNamed(argv: string[]) {
  const urlArg = argv.find((a) => a.startsWith('--database-url='))?.slice('--database-url='.length);
  const url = urlArg || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;
  const wanted = argv.filter((a, i, all) => !a.startsWith('-') && all[i - 1] !== '--orgs');
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.log(`== ${name}`);
    const result = await run(url);
    console.table(result);
    if (result.ok === false) process.exitCode = 1;
  }
}

const argv = process.argv.slice(2);
if (wantsSuite(argv)) {
  try {
    const shown = argv.map((a) => a.replace(/postgres(ql)?:\/\/\S+/, (url) => redactUrl(url)));
    const ok = await runSuite(parseSuiteArgs(argv), `npm run bench -- ${shown.join(' ')}`);
    process.exitCode = ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof SuiteUsageError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
} else {
  await runNamed(argv);
}
