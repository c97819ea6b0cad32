// The benchmark suite (issue 7): one run against PostgreSQL at a dataset scale, items 1–6, printed and written to
// BENCHMARKS.md. Order matters: the evaluation (item 3) runs first so that the roll-ups read fresh lights and results.
import { loadRegulations } from '@dangjian/regulations/load';
import pg from 'pg';
import { createOrgRules } from '../../src/modules/elections/org-rules.js';
import { createMemberRules } from '../../src/modules/members/member-rules.js';
import { openDatabase, type Database } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';
import { generateDataset, type DatasetInfo } from '../../scale/dataset.js';
import { startApp } from './app-under-test.js';
import type { SuiteOptions } from './args.js';
import { createThrowawayDatabase } from '../bench-database.js';
import { defaultSeed, openSuiteDataset } from './datasets.js';
import { benchEvaluation } from './evaluation.js';
import { explainSlowest } from './explain.js';
import { loadLevels } from './levels.js';
import { listProbes, pickSearchTerms } from './lists.js';
import { countRows, describeMachine } from './machine.js';
import { runMemberImport } from './member-import.js';
import { benchPglite, type PgliteResult } from './pglite.js';
import { runProbe, type ProbeResult } from './probe.js';
import { answersMatch, renderReport, writeBenchmarksFile, type SuiteReport } from './report.js';
import { rollupProbes } from './rollups.js';
import { benchThroughput } from './throughput.js';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (line: string) => console.log(line);

/** Item 6 needs the demo data on PostgreSQL: the dataset itself at demo scale, else a throw-away demo database. */
async function pgliteComparison(scaleDb: Database, info: DatasetInfo, serverUrl: string, n: number): Promise<PgliteResult> {
  if (info.scale === 'demo') return benchPglite(scaleDb, info, n, log);
  const demo = await createThrowawayDatabase(serverUrl, 'demo');
  try {
    const generated = await generateDataset({ url: demo.url, scale: 'demo', seed: defaultSeed('demo'), log });
    const database = await openDatabase({ databaseUrl: demo.url, dataDir: null });
    try {
      return await benchPglite(database, generated, n, log);
    } finally {
      await database.close();
    }
  } finally {
    await demo.drop();
  }
}

/** Runs the suite; resolves to whether every answer matched its SQL (the exit status). */
export async function runSuite(options: SuiteOptions, command: string): Promise<boolean> {
  // Throw-away databases go to the server of --database-url when given, else to the admin URL's server.
  const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || LOCAL_POSTGRES;
  const serverUrl = options.databaseUrl ?? adminUrl;
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const dataset = await openSuiteDataset(options.scale, options.databaseUrl, adminUrl, log);
  const { info } = dataset;
  const database = await openDatabase({ databaseUrl: dataset.url, dataDir: null });
  const client = new pg.Client({ connectionString: dataset.url, options: '-c timezone=UTC' });
  await client.connect();
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  try {
    await migrate(database);
    log(`3. evaluating every organization for ${info.month} …`);
    const evaluation = await benchEvaluation(database.db, info);
    app = await startApp(database, info.asOf);
    const levels = await loadLevels(database.db, app.baseUrl);
    const regulations = loadRegulations();
    const terms = await pickSearchTerms(client, levels.committee, levels.organ);
    const probes = [
      ...rollupProbes({ ...levels, asOf: info.asOf, month: info.month, year: Number(info.month.slice(0, 4)) }),
      ...listProbes({
        ...levels,
        asOf: info.asOf,
        electionHorizonDays: createOrgRules(regulations).electionHorizonDays(info.asOf),
        probationLeadDays: createMemberRules(regulations).probationLeadDays(info.asOf),
        terms,
      }),
    ];
    const results: ProbeResult[] = [];
    for (const p of probes) {
      log(`${p.item === 'rollup' ? 1 : 2}. ${p.level} ${p.path}`);
      results.push(await runProbe(p, client, options.requests));
    }
    const slowest = results.reduce((a, b) => (b.endpointLatency.p95 > a.endpointLatency.p95 ? b : a));
    const explain = await explainSlowest(client, slowest, probes[results.indexOf(slowest)]!);
    log(`5. throughput (${options.durationSeconds} s per server) …`);
    const throughput = await benchThroughput(levels.member.session, levels.member.memberId, dataset.url, options.durationSeconds);
    await app.close();
    app = null;
    log('6. demo data on PGlite vs PostgreSQL …');
    const pglite = await pgliteComparison(database, info, serverUrl, options.requests);
    log(`4. importing ${options.importRows.toLocaleString('en')} members …`);
    const memberImport = await runMemberImport(serverUrl, options.importRows);
    const report: SuiteReport = {
      date,
      command,
      machine: await describeMachine(client),
      info,
      source: dataset.source,
      rows: await countRows(client),
      requests: options.requests,
      terms,
      probes: results,
      evaluation,
      memberImport,
      throughput,
      pglite,
      explain,
    };
    console.log(`\n${renderReport(report, !options.write)}\n`);
    if (options.write) {
      writeBenchmarksFile(report);
      log('BENCHMARKS.md written.');
    }
    const ok = answersMatch(report);
    if (!ok) console.error('✗ 有接口的结果与手写 SQL 不一致（见上）/ some answers differ from the hand-written SQL (see above)');
    return ok;
  } finally {
    await app?.close();
    await client.end();
    await database.close();
    await dataset.drop();
  }
}
