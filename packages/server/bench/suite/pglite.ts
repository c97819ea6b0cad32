// Item 6: the item-1 endpoints on the demo data, on the embedded PGlite (in memory) and on PostgreSQL, each behind its
// own app: p50 of each and the ratio. The PGlite data is loaded the way generateDataset loads the demo scale (the
// demo loader with the dataset's clock, key and seed), so both apps must give the same answers: that is checked too.
import { loadRegulations } from '@dangjian/regulations/load';
import { loadDemoData } from '../../src/modules/demo/demo-loader.js';
import { openDatabase, type Database } from '../../src/platform/db.js';
import { createFieldCrypto } from '../../src/platform/field-crypto.js';
import { migrate } from '../../src/platform/migrate.js';
import { DATASET_FIELD_KEY, type DatasetInfo } from '../../scale/dataset.js';
import { diff } from './compare.js';
import { getJson } from './http-client.js';
import { datasetClock, startApp } from './app-under-test.js';
import { loadLevels } from './levels.js';
import type { Probe } from './probe.js';
import { rollupProbes } from './rollups.js';
import { sample, secondsSince } from './timing.js';

export const PGLITE_TARGET_RATIO = 3;

export interface PgliteRow {
  level: string;
  endpoint: string;
  postgresP50: number;
  pgliteP50: number;
  ratio: number;
  diffs: string[];
}

export interface PgliteResult {
  loadSeconds: number;
  rows: PgliteRow[];
}

async function probesOn(database: Database, info: DatasetInfo) {
  const app = await startApp(database, info.asOf);
  const levels = await loadLevels(database.db, app.baseUrl);
  const probes = rollupProbes({ ...levels, asOf: info.asOf, month: info.month, year: Number(info.month.slice(0, 4)) });
  return { app, probes };
}

const answer = async (p: Probe) => p.fromEndpoint(await getJson(p.session, p.path));

/** `postgres` holds the demo dataset described by `info`. */
export async function benchPglite(postgres: Database, info: DatasetInfo, n: number, log: (line: string) => void): Promise<PgliteResult> {
  const started = process.hrtime.bigint();
  const pglite = await openDatabase({ databaseUrl: null, dataDir: null });
  try {
    await migrate(pglite);
    await loadDemoData(pglite.db, datasetClock(info.asOf), loadRegulations(), createFieldCrypto(DATASET_FIELD_KEY), info.seed);
    const loadSeconds = secondsSince(started);
    log(`PGlite: demo data loaded in ${loadSeconds.toFixed(1)} s`);
    const pg = await probesOn(postgres, info);
    const lite = await probesOn(pglite, info);
    try {
      const rows: PgliteRow[] = [];
      for (const [i, p] of pg.probes.entries()) {
        const l = lite.probes[i]!;
        const diffs = diff(await answer(l), await answer(p)).map((d) => d.replace('endpoint=', 'pglite=').replace('sql=', 'postgres='));
        const postgresP50 = (await sample(() => getJson(p.session, p.path), n)).p50;
        const pgliteP50 = (await sample(() => getJson(l.session, l.path), n)).p50;
        rows.push({ level: p.level, endpoint: p.endpoint, postgresP50, pgliteP50, ratio: pgliteP50 / postgresP50, diffs });
      }
      return { loadSeconds, rows };
    } finally {
      await pg.app.close();
      await lite.app.close();
    }
  } finally {
    await pglite.close();
  }
}
