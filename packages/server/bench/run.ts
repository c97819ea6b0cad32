// `npm run bench [-- name] [-- --database-url=postgres://…]`: benchmark scripts, listed here explicitly. They print
// numbers; they never fail a test run. The database: --database-url, else TEST_DATABASE_URL or DATABASE_URL;
// without any of them, org-move uses the local PostgreSQL, member-import and compliance-evaluate an in-memory PGlite.
import { benchComplianceEvaluate } from './compliance-evaluate.bench.js';
import { benchMemberImport } from './member-import.bench.js';
import { benchOrgMove } from './org-move.bench.js';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

const BENCHMARKS: Record<string, (url: string | null) => Promise<Record<string, unknown>>> = {
  'org-move': (url) => benchOrgMove(url ?? LOCAL_POSTGRES),
  'member-import': benchMemberImport,
  'compliance-evaluate': benchComplianceEvaluate,
};

const urlArg = process.argv.find((a) => a.startsWith('--database-url='))?.slice('--database-url='.length);
const url = urlArg || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;
const wanted = process.argv.slice(2).filter((a, i, all) => !a.startsWith('-') && all[i - 1] !== '--orgs');
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`== ${name}`);
  const result = await run(url);
  console.table(result);
  if (result.ok === false) process.exitCode = 1;
}
