// The scale dataset as a library (issue 7): `generateDataset` fills an empty PostgreSQL database; the benchmark
// suite (packages/server/bench/suite) calls it for a throw-away database and reads `readDatasetInfo` to learn what
// an existing database holds. `npm run gen` (generate.ts) is the command line over the same function.
import { loadRegulations } from '@dangjian/regulations/load';
import pg from 'pg';
import { DEMO_PASSWORD, loadDemoData } from '../src/modules/demo/demo-loader.js';
import { manualClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/db.js';
import { createFieldCrypto } from '../src/platform/field-crypto.js';
import { migrate } from '../src/platform/migrate.js';
import { hashPassword } from '../src/platform/passwords.js';
import { ACTIVITY_COLUMNS, ACTIVITY_TYPES_SQL, ACTIVITY_YEAR, ATTENDANCE_COLUMNS, ATTENDANCE_TYPES, MEMBER_COLUMNS, MEMBER_TYPES, TYPE_COLUMNS, TYPE_TYPES, branchActivities, branchMembers } from './rows.js';
import { OrgIds, SCALES, mulberry32, planOrgan, rootOrg, subSeed, type OrgRow } from './tree-shape.js';

export type DatasetScale = 'demo' | 'unit' | 'province' | 'nation';
export const DATASET_SCALES: readonly DatasetScale[] = ['demo', 'unit', 'province', 'nation'];

/** What a generated database holds, stored as JSON in app_meta under DATASET_META_KEY. */
export interface DatasetInfo {
  scale: DatasetScale;
  seed: number;
  /** The day the data is anchored on (YYYY-MM-DD): run the app and the evaluator with a clock on this day. */
  asOf: string;
  /** The last complete month with activities (YYYY-MM): the month the benchmarks evaluate and roll up. */
  month: string;
}

export const DATASET_META_KEY = 'scale_dataset';

/** Every scale has these logins (password DATASET_PASSWORD, no forced change): one per level of the tree. */
export const DATASET_ACCOUNTS = {
  /** committee_admin on the root 工委. */
  committee: 'gongwei',
  /** organ_admin on the first 机关党委. */
  organ: 'jiguan1',
  /** branch_officer on the first 党支部 of that organ. */
  branch: 'zhibu1',
  /** member role, linked to a member of that branch. */
  member: 'dangyuan1',
} as const;
export const DATASET_PASSWORD = DEMO_PASSWORD;

/**
 * The key that encrypts personal fields in a generated database (the demo scale stores ID numbers and phones):
 * a benchmark app over such a database must be built with this key. Never a production key.
 */
export const DATASET_FIELD_KEY = Buffer.alloc(32, 11);

/** The day the generated data is anchored on, and its last month of activities. */
export const DATASET_AS_OF = '2026-01-15';
export const DATASET_MONTH = `${ACTIVITY_YEAR}-12`;

export interface GenerateOptions {
  url: string;
  scale: DatasetScale;
  seed: number;
  /** Progress lines (rows and rows/s per table); default console.log. */
  log?: (line: string) => void;
}

export interface GenerateResult extends DatasetInfo {
  seconds: number;
  tables: Record<string, { rows: number; seconds: number; rowsPerSecond: number }>;
}

export async function generateDataset(options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = process.hrtime.bigint();
  const info: DatasetInfo = { scale: options.scale, seed: options.seed, asOf: DATASET_AS_OF, month: DATASET_MONTH };
  const database = await openDatabase({ databaseUrl: options.url, dataDir: null });
  try {
    await migrate(database);
    if (options.scale === 'demo') {
      // The demo scale is the data `npm start` shows, anchored on DATASET_AS_OF instead of today.
      const clock = manualClock(`${DATASET_AS_OF}T02:00:00.000Z`);
      const result = await loadDemoData(database.db, clock, loadRegulations(), createFieldCrypto(DATASET_FIELD_KEY), options.seed);
      if (!result.loaded) throw new Error('数据库已有演示数据，请使用空库 / the database already holds the demo data; use an empty one');
    }
  } finally {
    await database.close();
  }

  const client = new pg.Client({ connectionString: options.url, options: '-c timezone=UTC' });
  await client.connect();
  try {
    let tables: GenerateResult['tables'] = {};
    if (options.scale !== 'demo') tables = await generateTree(client, options.scale, options.seed, log);
    await client.query('INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [DATASET_META_KEY, JSON.stringify(info)]);
    return { ...info, seconds: Number(process.hrtime.bigint() - started) / 1e9, tables };
  } finally {
    await client.end();
  }
}

async function generateTree(client: pg.Client, scale: Exclude<DatasetScale, 'demo'>, seed: number, log: (line: string) => void): Promise<GenerateResult['tables']> {
  const spec = SCALES[scale];
  const existing = await client.query<{ n: number }>('SELECT (SELECT count(*) FROM orgs)::int + (SELECT count(*) FROM members)::int AS n');
  if ((existing.rows[0]?.n ?? 0) > 0) throw new Error('数据库非空（已有组织或党员），请使用空库 / the database already holds orgs or members; use an empty one');
  // Bulk load: losing the last commits on a crash is fine for generated data.
  await client.query('SET synchronous_commit = off');

  log(`gen: scale=${scale} seed=${seed} organs=${spec.organs}`);
  const writer = new Writer(client, log, [
    { name: 'orgs', columns: ORG_COLUMNS, types: ORG_TYPES },
    { name: 'members', columns: MEMBER_COLUMNS, types: MEMBER_TYPES },
    { name: 'activities', columns: ACTIVITY_COLUMNS, types: ACTIVITY_TYPES_SQL },
    { name: 'activity_types', columns: TYPE_COLUMNS, types: TYPE_TYPES },
    { name: 'activity_attendance', columns: ATTENDANCE_COLUMNS, types: ATTENDANCE_TYPES },
  ]);

  const ids = new OrgIds(1);
  const root = rootOrg(ids);
  await writer.add('orgs', [orgRow(root)]);
  let nextMember = 1;
  let nextActivity = 1;
  let firstOrgan: OrgRow | null = null;
  let firstBranch: { org: OrgRow; memberId: number } | null = null;
  for (let o = 0; o < spec.organs; o++) {
    const organ = planOrgan(ids, root, o, spec, seed);
    firstOrgan ??= organ.orgs[0] ?? null;
    await writer.add('orgs', organ.orgs.map(orgRow));
    // Members and activities of each organ come from their own stream, so organ n does not depend on organ n−1.
    const rng = mulberry32(subSeed(seed ^ 0x5bd1e995, o));
    for (const branch of organ.branches) {
      const { rows, briefs } = branchMembers(rng, branch, nextMember);
      firstBranch ??= { org: branch.org, memberId: nextMember + 1 };
      nextMember += rows.length;
      await writer.add('members', rows);
      const acts = branchActivities(rng, briefs, branch.org.id, nextActivity, spec.fullAttendance);
      nextActivity += acts.activities.length;
      await writer.add('activities', acts.activities);
      await writer.add('activity_types', acts.types);
      await writer.add('activity_attendance', acts.attendance);
    }
  }
  await writer.flushThrough(null);
  writer.report();

  for (const table of ['orgs', 'members', 'activities']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1))`);
  }
  if (!firstOrgan || !firstBranch) throw new Error('the scale produced no organ or branch');
  await insertAccounts(client, { root: root.id, organ: firstOrgan.id, branch: firstBranch.org.id, memberId: firstBranch.memberId });
  log('analyze …');
  await client.query('ANALYZE');

  const tables: GenerateResult['tables'] = {};
  for (const t of writer.tables) tables[t.name] = { rows: t.written, seconds: Number(t.seconds.toFixed(1)), rowsPerSecond: Math.round(t.written / Math.max(t.seconds, 1e-3)) };
  return tables;
}

/** The DATASET_ACCOUNTS logins with their grants. */
async function insertAccounts(client: pg.Client, at: { root: number; organ: number; branch: number; memberId: number }): Promise<void> {
  const hash = await hashPassword(DATASET_PASSWORD);
  const accounts: { username: string; displayName: string; role: string; orgId: number; memberId: number | null }[] = [
    { username: DATASET_ACCOUNTS.committee, displayName: '工委管理员', role: 'committee_admin', orgId: at.root, memberId: null },
    { username: DATASET_ACCOUNTS.organ, displayName: '机关党委管理员', role: 'organ_admin', orgId: at.organ, memberId: null },
    { username: DATASET_ACCOUNTS.branch, displayName: '支部书记', role: 'branch_officer', orgId: at.branch, memberId: null },
    { username: DATASET_ACCOUNTS.member, displayName: '党员', role: 'member', orgId: at.branch, memberId: at.memberId },
  ];
  for (const a of accounts) {
    const { rows } = await client.query<{ id: number }>(
      'INSERT INTO users (username, display_name, password_hash, must_change_password, member_id) VALUES ($1, $2, $3, false, $4) RETURNING id',
      [a.username, a.displayName, hash, a.memberId],
    );
    await client.query('INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, $2, $3)', [rows[0]!.id, a.role, a.orgId]);
  }
}

const BATCH = 5_000;

interface Table {
  name: string;
  columns: readonly string[];
  types: readonly string[];
  rows: unknown[][];
  written: number;
  seconds: number;
}

/** Buffers rows per table and writes them in dependency order (a table is flushed only after the ones before it). */
class Writer {
  readonly tables: Table[];
  private lastReport = Date.now();
  private readonly started = Date.now();

  constructor(private readonly client: pg.Client, private readonly log: (line: string) => void, specs: { name: string; columns: readonly string[]; types: readonly string[] }[]) {
    this.tables = specs.map((s) => ({ ...s, rows: [], written: 0, seconds: 0 }));
  }

  table(name: string): Table {
    const t = this.tables.find((x) => x.name === name);
    if (!t) throw new Error(`no table ${name}`);
    return t;
  }

  async add(name: string, rows: unknown[][]): Promise<void> {
    const t = this.table(name);
    for (const row of rows) t.rows.push(row);
    if (t.rows.length >= BATCH) await this.flushThrough(t);
  }

  async flushThrough(last: Table | null): Promise<void> {
    for (const t of this.tables) {
      while (t.rows.length > 0) await this.write(t, t.rows.splice(0, BATCH));
      if (t === last) break;
    }
    if (Date.now() - this.lastReport >= 2_000) this.report();
  }

  private async write(t: Table, rows: unknown[][]): Promise<void> {
    const start = process.hrtime.bigint();
    const params = t.columns.map((_, c) => rows.map((r) => r[c] ?? null));
    const casts = t.types.map((type, c) => `$${c + 1}::${type}[]`).join(', ');
    await this.client.query(`INSERT INTO ${t.name} (${t.columns.join(', ')}) SELECT * FROM unnest(${casts})`, params);
    t.seconds += Number(process.hrtime.bigint() - start) / 1e9;
    t.written += rows.length;
  }

  report(): void {
    this.lastReport = Date.now();
    const elapsed = ((Date.now() - this.started) / 1000).toFixed(0);
    const parts = this.tables.map((t) => `${t.name} ${t.written.toLocaleString('en')} (${Math.round(t.written / Math.max(t.seconds, 1e-3)).toLocaleString('en')}/s)`);
    this.log(`[${elapsed}s] ${parts.join(' · ')}`);
  }
}

const ORG_COLUMNS = ['id', 'parent_id', 'path', 'depth', 'type', 'name', 'short_name', 'code', 'sort_order'];
const ORG_TYPES = ['int', 'int', 'text', 'int2', 'text', 'text', 'text', 'text', 'int'];
const orgRow = (o: OrgRow): unknown[] => [o.id, o.parentId, o.path, o.depth, o.type, o.name, o.shortName, o.code, o.sortOrder];


/** The dataset an existing database holds, or null when it was not made by generateDataset. */
export async function readDatasetInfo(url: string): Promise<DatasetInfo | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ t: string | null }>("SELECT to_regclass('app_meta')::text AS t");
    if (!tables[0]?.t) return null;
    const { rows } = await client.query<{ value: string }>('SELECT value FROM app_meta WHERE key = $1', [DATASET_META_KEY]);
    return rows[0] ? (JSON.parse(rows[0].value) as DatasetInfo) : null;
  } finally {
    await client.end();
  }
}
