// `npm run bench [-- name]`: benchmark scripts, listed here explicitly. They print numbers; they never fail a test run.
import { benchOrgMove } from './org-move.bench.js';

const BENCHMARKS: Record<string, (url: string) => Promise<Record<string, unknown>>> = {
  'org-move': benchOrgMove,
};

const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`== ${name}`);
  const result = await run(url);
  console.table(result);
  if (result.ok === false) process.exitCode = 1;
}
