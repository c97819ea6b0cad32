// The scale dataset as a library (issue 7): `generateDataset` fills an empty PostgreSQL database; the benchmark
// suite (packages/server/bench/suite) calls it for a throw-away database and reads `readDatasetInfo` to learn what
// an existing database holds. `npm run gen` (generate.ts) is the command line over the same function.
//
// The tree scales stream organ by organ (memory: one organ at a time) into one COPY per table (copy-load.ts):
// orgs, members, a year of activities with attendance (rows.ts); committees, the last election and term of every
// elected org (org-records.ts); 问题整改 batches and problems with their timelines (rectification.ts); and the stored
// setup findings the app would compute from all that (findings.ts). Everything is deterministic from the seed and
// anchored on DATASET_AS_OF. Foreign keys and secondary indexes are dropped for the load, then validated and rebuilt.
import { loadRegulations } from '@dangjian/regulations/load';
import pg from 'pg';
import { createOrgRules, type OrgRules } from '../src/modules/elections/org-rules.js';
import { DEMO_PASSWORD, loadDemoData } from '../src/modules/demo/demo-loader.js';
import { manualClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/db.js';
import { createFieldCrypto } from '../src/platform/field-crypto.js';
import { migrate } from '../src/platform/migrate.js';
import { hashPassword } from '../src/platform/passwords.js';
import { CopyWriter, ident, prepareLoad, restoreLoad, type CopyTableSpec } from './copy-load.js';
import { FINDING_COLUMNS, FindingsGenerator } from './findings.js';
import { branchCandidates, branchRecords, COMMITTEE_POST_COLUMNS, ELECTION_COLUMNS, emptyRecordRows, foundedDays, ORG_TERM_COLUMNS, RECORDS_AS_OF, RecordIds, upperRecords, type Candidate, type CommitteeSummary, type TermInfo, type TermOf } from './org-records.js';
import { addProblem, BATCH_COLUMNS, BRANCH_PROBLEM_SHARE, emptyRectificationRows, EVENT_COLUMNS, MEASURE_COLUMNS, organBatch, ORGAN_PROBLEM_SHARE, PROBLEM_COLUMNS, RectificationIds, rootBatches } from './rectification.js';
import { ACTIVITY_COLUMNS, ACTIVITY_YEAR, ATTENDANCE_COLUMNS, MEMBER_COLUMNS, RECORDED_AT, TYPE_COLUMNS, branchActivities, branchMembers, dayNumber, generalBranchActivities, isoDay, secretaryLecture, type BranchActivities } from './rows.js';
import { OrgIds, SCALES, mulberry32, pick, planOrgan, rootOrg, subSeed, type OrgRow, type ScaleSpec } from './tree-shape.js';

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
export const DATASET_AS_OF = RECORDS_AS_OF;
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
  /**
   * Rows per table. The tables are written concurrently (one COPY each): `seconds` is when the table's COPY was
   * committed, counted from the start of the load, and `rowsPerSecond` is rows over the whole load phase.
   */
  tables: Record<string, { rows: number; seconds: number; rowsPerSecond: number }>;
  /** Seconds per phase: prepare (drop FKs/indexes), load (generate + COPY), restore (indexes, FK checks), finish, analyze. */
  phases: Record<string, number>;
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
    const generated = options.scale === 'demo' ? { tables: {}, phases: {} } : await generateTree(client, options.url, options.scale, options.seed, log);
    await client.query('INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [DATASET_META_KEY, JSON.stringify(info)]);
    return { ...info, seconds: Number(process.hrtime.bigint() - started) / 1e9, ...generated };
  } finally {
    await client.end();
  }
}

/** Tables the tree scales write, in COPY column order. */
const LOADED_TABLES: readonly CopyTableSpec[] = [
  { name: 'orgs', columns: ['id', 'parent_id', 'path', 'depth', 'type', 'name', 'short_name', 'code', 'sort_order', 'founded_on', 'statistics_category', 'created_at', 'updated_at'] },
  { name: 'members', columns: MEMBER_COLUMNS },
  { name: 'activities', columns: ACTIVITY_COLUMNS },
  { name: 'activity_types', columns: TYPE_COLUMNS },
  { name: 'activity_attendance', columns: ATTENDANCE_COLUMNS },
  { name: 'elections', columns: ELECTION_COLUMNS },
  { name: 'org_terms', columns: ORG_TERM_COLUMNS },
  { name: 'committee_posts', columns: COMMITTEE_POST_COLUMNS },
  { name: 'rectification_batches', columns: BATCH_COLUMNS },
  { name: 'problems', columns: PROBLEM_COLUMNS },
  { name: 'problem_measures', columns: MEASURE_COLUMNS },
  { name: 'problem_events', columns: EVENT_COLUMNS },
  { name: 'org_findings', columns: FINDING_COLUMNS },
];
/** Tables whose secondary indexes are dropped during the load and rebuilt after it: all of them (see copy-load.ts). */
const REINDEXED_TABLES = LOADED_TABLES.map((t) => t.name);
/** Connections that rebuild indexes and validate foreign keys after the load (one per core of the target machine). */
const RESTORE_WORKERS = 2;

const orgRow = (o: OrgRow, foundedDay: number | undefined): unknown[] => [
  o.id, o.parentId, o.path, o.depth, o.type, o.name, o.shortName, o.code, o.sortOrder, foundedDay === undefined ? null : isoDay(foundedDay),
  o.type === 'party_small_group' ? null : 'party_government_organ', RECORDED_AT, RECORDED_AT,
];

/** The term of an election (rule elections.term_due on its day, as the elections service records it), cached by type and day. */
function termRule(rules: OrgRules): TermOf {
  const cache = new Map<string, TermInfo>();
  return (orgType, electedOn) => {
    const key = `${orgType}|${electedOn}`;
    let term = cache.get(key);
    if (!term) {
      const t = rules.termDue({ orgType, electedOn, adminLevel: 'provincial', postponedUntil: null, today: electedOn });
      if (!t.applicable) throw new Error(`elections.term_due is not applicable to ${orgType} on ${electedOn}: ${t.reason ?? ''}`);
      // Serialized once: stored as jsonb by COPY.
      term = { termYears: t.termYears, dueOn: t.dueOn, basis: JSON.stringify(t.basis) };
      cache.set(key, term);
    }
    return term;
  };
}

async function generateTree(client: pg.Client, url: string, scale: Exclude<DatasetScale, 'demo'>, seed: number, log: (line: string) => void): Promise<Pick<GenerateResult, 'tables' | 'phases'>> {
  const spec = SCALES[scale];
  const names = LOADED_TABLES.map((t) => t.name);
  const { rows: counts } = await client.query<{ n: number }>(`SELECT ${names.map((t) => `(SELECT count(*) FROM ${ident(t)})::int`).join(' + ')} AS n`);
  if ((counts[0]?.n ?? 0) > 0) throw new Error('数据库非空（已有组织、党员或其他业务数据），请使用空库 / the database already holds orgs, members or other records; use an empty one');
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = process.hrtime.bigint();
    const result = await run();
    phases[name] = Number((Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1));
    return result;
  };

  log(`gen: scale=${scale} seed=${seed} organs=${spec.organs}`);
  // Bulk load of generated data: losing the last commits on a crash is fine.
  await client.query('SET synchronous_commit = off');
  const prep = await phase('prepare', () => prepareLoad(client, names, REINDEXED_TABLES));
  log(`dropped ${prep.foreignKeys.length} foreign keys and ${prep.indexes.length} indexes for the load`);
  const { tree, stats } = await phase('load', async () => {
    let writer: CopyWriter | null = null;
    try {
      writer = await CopyWriter.open(url, LOADED_TABLES, log);
      const tree = await streamTree(writer, spec, seed);
      return { tree, stats: await writer.finish() };
    } catch (error) {
      // The COPY transactions roll back (the tables stay empty): put the constraints and indexes back, so that a
      // failed run leaves the schema as the migrations made it.
      await writer?.abort();
      await restoreLoad(url, prep, { workers: 1, log: () => undefined }).catch(() => undefined);
      throw error;
    }
  });
  const restore = await phase('restore', () => restoreLoad(url, prep, { workers: RESTORE_WORKERS, log }));
  log(`rebuilt ${prep.indexes.length} indexes, validated ${prep.foreignKeys.length} foreign keys in ${restore.seconds.toFixed(1)} s`);

  await phase('finish', async () => {
    // Identity sequences past the ids written (an INSERT without id must not collide).
    const { rows: sequences } = await client.query<{ table: string; seq: string }>(
      `SELECT t AS table, pg_get_serial_sequence(t, 'id') AS seq FROM unnest($1::text[]) AS t WHERE EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t::regclass AND a.attname = 'id' AND a.attidentity <> '')`,
      [names],
    );
    for (const { table, seq } of sequences) await client.query(`SELECT setval($1, GREATEST((SELECT max(id) FROM ${ident(table)}), 1))`, [seq]);
    const { root, firstOrgan: organ, firstBranch: branch } = tree;
    if (!organ || !branch) throw new Error('the scale produced no organ or branch');
    await insertAccounts(client, { root: root.id, organ: organ.id, branch: branch.org.id, memberId: branch.memberId });
  });
  log('analyze …');
  await phase('analyze', () => client.query('ANALYZE'));

  const loadSeconds = phases.load ?? 0;
  const tables: GenerateResult['tables'] = {};
  for (const t of stats) tables[t.name] = { rows: t.rows, seconds: Number(t.seconds.toFixed(1)), rowsPerSecond: Math.round(t.rows / Math.max(loadSeconds, 1e-3)) };
  return { tables, phases };
}

/** Generates the tree organ by organ into the writer (memory: one organ at a time). */
async function streamTree(writer: CopyWriter, spec: ScaleSpec, seed: number): Promise<{ root: OrgRow; firstOrgan: OrgRow | null; firstBranch: { org: OrgRow; memberId: number } | null }> {
  const rules = createOrgRules(loadRegulations());
  const termOf = termRule(rules);
  // Stored findings as findings.service.ts computes them, on DATASET_AS_OF (the demo loader's clock time).
  const findings = new FindingsGenerator(rules, DATASET_AS_OF, `${DATASET_AS_OF}T02:00:00.000Z`);
  const ids = new OrgIds(1);
  const root = rootOrg(ids);
  writer.add('orgs', orgRow(root, dayNumber('1983-07-01')));
  const recordIds = new RecordIds();
  const rectIds = new RectificationIds();
  const rect = emptyRectificationRows();
  const rounds = rootBatches(rectIds, rect, root);
  let nextMember = 1;
  let nextActivity = 1;
  let firstOrgan: OrgRow | null = null;
  let firstBranch: { org: OrgRow; memberId: number } | null = null;
  const addActivities = (acts: BranchActivities) => {
    nextActivity += acts.activities.length;
    writer.addAll('activities', acts.activities);
    writer.addAll('activity_types', acts.types);
    writer.addAll('activity_attendance', acts.attendance);
  };
  for (let o = 0; o < spec.organs; o++) {
    const organPlan = planOrgan(ids, root, o, spec, seed);
    const organ = organPlan.orgs[0]!;
    firstOrgan ??= organ;
    // Members and activities, committees and elections, problems: each organ's from their own streams, so organ n
    // does not depend on organ n−1, nor one kind of record on how much another drew.
    const rng = mulberry32(subSeed(seed ^ 0x5bd1e995, o));
    const recordRng = mulberry32(subSeed(seed ^ 0x2545f491, o));
    const rectRng = mulberry32(subSeed(seed ^ 0x68e31da4, o));
    const founded = foundedDays(recordRng, organ, organPlan.orgs);
    for (const org of organPlan.orgs) writer.add('orgs', orgRow(org, founded.get(org.id)));
    const records = emptyRecordRows();
    const ownBatch = organBatch(rectRng, rectIds, rect, organ);
    const byId = new Map(organPlan.orgs.map((org) => [org.id, org]));
    const candidates = new Map<number, Candidate[]>([[organ.id, []]]);
    const fullMembers = new Map<number, number>([[organ.id, 0]]);
    const memberCounts = new Map<number, number>([[organ.id, 0]]);
    const upperFindings = (org: OrgRow, committee: CommitteeSummary) =>
      writer.addAll('org_findings', findings.rows({ org, memberCount: memberCounts.get(org.id) ?? 0, fullMemberCount: fullMembers.get(org.id) ?? 0, committee, smallGroups: [] }));
    for (const branch of organPlan.branches) {
      const { rows, briefs } = branchMembers(rng, branch, nextMember);
      firstBranch ??= { org: branch.org, memberId: nextMember + 1 };
      nextMember += rows.length;
      writer.addAll('members', rows);
      addActivities(branchActivities(rng, briefs, branch.org.id, nextActivity, spec.fullAttendance, branch.smallGroups.map((g) => g.id)));

      const parent = byId.get(branch.org.parentId!) ?? organ;
      const committee = branchRecords(recordRng, recordIds, records, termOf, branch, parent, organ, briefs, founded.get(branch.org.id)!);
      // Every generated member is on the roster; members belong to the branch itself, none to its 党小组.
      const full = briefs.filter((m) => m.fullMemberDay !== null).length;
      const smallGroups = branch.smallGroups.map((g) => ({ name: g.name, memberCount: 0, fullMemberCount: 0 }));
      writer.addAll('org_findings', findings.rows({ org: branch.org, memberCount: briefs.length, fullMemberCount: full, committee, smallGroups }));
      const pool = branchCandidates(branch, briefs);
      for (const upper of parent.id === organ.id ? [organ.id] : [parent.id, organ.id]) {
        const list = candidates.get(upper) ?? [];
        for (const c of pool) list.push(c);
        candidates.set(upper, list);
        fullMembers.set(upper, (fullMembers.get(upper) ?? 0) + full);
        memberCounts.set(upper, (memberCounts.get(upper) ?? 0) + briefs.length);
      }
      if (rectRng.next() < BRANCH_PROBLEM_SHARE) {
        const batch = ownBatch && rectRng.next() < 0.5 ? ownBatch : pick(rectRng, rounds);
        addProblem(rectRng, rectIds, rect, batch, branch.org, briefs[0] ?? null);
      }
      await writer.drain();
    }
    for (const org of organPlan.orgs) {
      if (org.type !== 'general_branch') continue;
      const committee = upperRecords(recordRng, recordIds, records, termOf, org, organ, candidates.get(org.id) ?? [], fullMembers.get(org.id) ?? 0);
      upperFindings(org, committee);
      addActivities(generalBranchActivities(rng, org.id, nextActivity, committee.secretary?.name ?? '书记'));
    }
    const organCommittee = upperRecords(recordRng, recordIds, records, termOf, organ, root, candidates.get(organ.id) ?? [], fullMembers.get(organ.id) ?? 0);
    upperFindings(organ, organCommittee);
    addActivities(secretaryLecture(rng, organ.id, nextActivity, organCommittee.secretary));
    if (rectRng.next() < ORGAN_PROBLEM_SHARE) addProblem(rectRng, rectIds, rect, pick(rectRng, rounds), organ, organCommittee.secretary);

    writer.addAll('elections', records.elections);
    writer.addAll('org_terms', records.orgTerms);
    writer.addAll('committee_posts', records.committeePosts);
    writer.addAll('rectification_batches', rect.batches.splice(0));
    writer.addAll('problems', rect.problems.splice(0));
    writer.addAll('problem_measures', rect.measures.splice(0));
    writer.addAll('problem_events', rect.events.splice(0));
    await writer.drain();
  }
  return { root, firstOrgan, firstBranch };
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
