// `npm run gen -- --scale unit|province|nation [--seed N] [--database-url postgres://…]`: fills an empty PostgreSQL
// database with a deterministic dataset shaped like the real system (issue 7): orgs with materialized paths,
// members, twelve months of activities and attendance. The database: --database-url, else DATABASE_URL.
// Streams organ by organ (never holds the members of more than one organ in memory) and writes with multi-row
// INSERT … SELECT FROM unnest(…) batches of 5,000 rows with explicit ids, then moves the identity sequences past them.
import pg from 'pg';
import { openDatabase } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { ACTIVITY_COLUMNS, ACTIVITY_TYPES_SQL, ATTENDANCE_COLUMNS, ATTENDANCE_TYPES, MEMBER_COLUMNS, MEMBER_TYPES, TYPE_COLUMNS, TYPE_TYPES, branchActivities, branchMembers } from './rows.js';
import { OrgIds, SCALES, mulberry32, planOrgan, rootOrg, subSeed, type OrgRow, type Scale } from './tree-shape.js';

const BATCH = 5_000;

interface Args {
  scale: Scale;
  seed: number;
  url: string;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  let scale: string | undefined;
  let seed = 1;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${flag} 缺少参数值 / ${flag} needs a value`);
    if (flag === '--scale') scale = value();
    else if (flag === '--seed') seed = Number(value());
    else if (flag === '--database-url') url = value();
    else fail(`未知参数 ${arg} / unknown argument ${arg}\n用法 / usage: npm run gen -- --scale unit|province|nation [--seed N] [--database-url postgres://…]`);
  }
  if (scale !== 'unit' && scale !== 'province' && scale !== 'nation') fail('请指定 --scale unit|province|nation / --scale must be unit, province or nation');
  if (!Number.isInteger(seed)) fail('--seed 必须是整数 / --seed must be an integer');
  url ??= process.env.DATABASE_URL;
  if (!url) fail('未指定数据库：请用 --database-url 或设置 DATABASE_URL（仅支持 PostgreSQL）/ no database: pass --database-url or set DATABASE_URL (PostgreSQL only)');
  return { scale, seed, url };
}

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

  constructor(private readonly client: pg.Client, specs: { name: string; columns: readonly string[]; types: readonly string[] }[]) {
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
    console.log(`[${elapsed}s] ${parts.join(' · ')}`);
  }
}

const ORG_COLUMNS = ['id', 'parent_id', 'path', 'depth', 'type', 'name', 'short_name', 'code', 'sort_order'];
const ORG_TYPES = ['int', 'int', 'text', 'int2', 'text', 'text', 'text', 'text', 'int'];
const orgRow = (o: OrgRow): unknown[] => [o.id, o.parentId, o.path, o.depth, o.type, o.name, o.shortName, o.code, o.sortOrder];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const spec = SCALES[args.scale];
  const started = process.hrtime.bigint();

  const database = await openDatabase({ databaseUrl: args.url, dataDir: null });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }

  const client = new pg.Client({ connectionString: args.url, options: '-c timezone=UTC' });
  await client.connect();
  try {
    const existing = await client.query<{ n: number }>('SELECT (SELECT count(*) FROM orgs)::int + (SELECT count(*) FROM members)::int AS n');
    if ((existing.rows[0]?.n ?? 0) > 0) fail('数据库非空（已有组织或党员），请使用空库 / the database already holds orgs or members; use an empty one');
    // Bulk load: losing the last commits on a crash is fine for generated data.
    await client.query('SET synchronous_commit = off');

    console.log(`gen: scale=${args.scale} seed=${args.seed} organs=${spec.organs}`);
    const writer = new Writer(client, [
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
    for (let o = 0; o < spec.organs; o++) {
      const organ = planOrgan(ids, root, o, spec, args.seed);
      await writer.add('orgs', organ.orgs.map(orgRow));
      // Members and activities of each organ come from their own stream, so organ n does not depend on organ n−1.
      const rng = mulberry32(subSeed(args.seed ^ 0x5bd1e995, o));
      for (const branch of organ.branches) {
        const { rows, briefs } = branchMembers(rng, branch, nextMember);
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
    console.log('analyze …');
    await client.query('ANALYZE orgs, members, activities, activity_types, activity_attendance');

    const total = Number(process.hrtime.bigint() - started) / 1e9;
    const summary: Record<string, { rows: number; seconds: number; 'rows/s': number }> = {};
    for (const t of writer.tables) summary[t.name] = { rows: t.written, seconds: Number(t.seconds.toFixed(1)), 'rows/s': Math.round(t.written / Math.max(t.seconds, 1e-3)) };
    console.table(summary);
    console.log(`total ${total.toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

await main();
