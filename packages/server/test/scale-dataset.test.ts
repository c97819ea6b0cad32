// The scale dataset generator (scale/dataset.ts) against PostgreSQL: runs only with TEST_DATABASE_URL
// (`npm run test:pg`), creating and dropping its own databases. The load drops foreign keys and indexes and
// validates/rebuilds them afterwards, so every relation is checked here again, row by row, independently of that.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyLine } from '../scale/copy-load.js';
import { DATASET_ACCOUNTS, DATASET_AS_OF, DATASET_META_KEY, DATASET_MONTH, DATASET_PASSWORD, generateDataset, readDatasetInfo, type GenerateResult } from '../scale/dataset.js';
import { loadRegulations } from '@dangjian/regulations/load';
import { createComplianceEvaluator } from '../src/modules/compliance/evaluator.js';
import { createOrgRules } from '../src/modules/elections/org-rules.js';
import { createFindingsService } from '../src/modules/warnings/findings.service.js';
import { manualClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/db.js';
import { verifyPassword } from '../src/platform/passwords.js';

const adminUrl = process.env.TEST_DATABASE_URL;

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return, and writes null as \\N', () => {
    expect(copyLine([1, 'a\\b', 'x\ty', 'l1\nl2', 'r\r', null, undefined, true, false])).toBe('1\ta\\\\b\tx\\ty\tl1\\nl2\tr\\r\t\\N\t\\N\tt\tf\n');
    expect(copyLine([{ quote: '引"号\\', n: 2 }])).toBe('{"quote":"引\\\\"号\\\\\\\\","n":2}\n');
    expect(copyLine(['\\N', '\\.'])).toBe('\\\\N\t\\\\.\n');
    expect(() => copyLine([Number.NaN])).toThrow(RangeError);
  });
});

describe.skipIf(!adminUrl)('scale dataset on PostgreSQL', () => {
  const databases: string[] = [];
  const clients: pg.Client[] = [];

  async function freshDatabase(): Promise<string> {
    const name = `dangjian_scale_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databases.push(name);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }

  const quiet = () => undefined;
  let url: string;
  let db: pg.Client;
  let result: GenerateResult;

  beforeAll(async () => {
    url = await freshDatabase();
    result = await generateDataset({ url, scale: 'unit', seed: 7, log: quiet });
    db = await connect(url);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

  it('writes plausible numbers of rows to every table and reports them', async () => {
    const ranges: Record<string, [number, number]> = {
      orgs: [150, 800],
      members: [2_500, 12_000],
      activities: [3_000, 12_000],
      activity_types: [3_500, 14_000],
      activity_attendance: [40_000, 250_000],
      elections: [100, 500],
      org_terms: [100, 500],
      committee_posts: [600, 3_500],
      rectification_batches: [2, 10],
      problems: [1, 40],
      problem_measures: [0, 80],
      problem_events: [1, 300],
      org_findings: [50, 800],
    };
    for (const [table, [lo, hi]] of Object.entries(ranges)) {
      const n = await count(`SELECT count(*)::int AS n FROM ${table}`);
      expect(n, table).toBeGreaterThanOrEqual(lo);
      expect(n, table).toBeLessThanOrEqual(hi);
      expect(result.tables[table]?.rows, table).toBe(n);
    }
    expect(await count(`SELECT count(*)::int AS n FROM orgs WHERE parent_id IS NULL`)).toBe(1);
    expect(Object.keys(result.phases)).toEqual(expect.arrayContaining(['load', 'restore', 'analyze']));
  });

  it('leaves every foreign key valid (checked row by row) and every constraint and index in place', async () => {
    const { rows: fks } = await db.query<{ name: string; child: string; parent: string; child_cols: string[]; parent_cols: string[]; validated: boolean }>(
      `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent, c.convalidated AS validated,
              (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS child_cols,
              (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS parent_cols
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace ORDER BY 1`,
    );
    const relations = new Set(fks.map((f) => `${f.child}.${f.child_cols.join(',')}->${f.parent}`));
    for (const r of ['activity_attendance.activity_id->activities', 'activity_attendance.member_id->members', 'activity_types.activity_id->activities', 'activities.org_id->orgs', 'members.org_id->orgs', 'orgs.parent_id->orgs', 'committee_posts.member_id->members', 'committee_posts.election_id->elections', 'org_terms.election_id->elections', 'problems.batch_id->rectification_batches', 'problem_events.problem_id->problems']) {
      expect(relations, r).toContain(r);
    }
    for (const fk of fks) {
      expect(fk.validated, fk.name).toBe(true);
      const notNull = fk.child_cols.map((c) => `x.${c} IS NOT NULL`).join(' AND ');
      const match = fk.child_cols.map((c, i) => `y.${fk.parent_cols[i]} = x.${c}`).join(' AND ');
      const orphans = await count(`SELECT count(*)::int AS n FROM ${fk.child} x WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} y WHERE ${match})`);
      expect(orphans, `${fk.name}: ${fk.child}(${fk.child_cols.join(', ')}) → ${fk.parent}`).toBe(0);
    }
    // The secondary indexes dropped for the load are back (as defined by the migrations).
    const { rows: indexes } = await db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('members', 'activities', 'activity_types', 'activity_attendance', 'committee_posts')`);
    expect(indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining(['members_org_id_idx', 'members_name_idx', 'members_id_number_hash_key', 'activities_org_held_idx', 'activities_held_idx', 'activity_types_type_idx', 'activity_attendance_member_idx', 'committee_posts_current_idx']),
    );
  });

  it('sets the identity sequences past the ids written: inserts without an id succeed', async () => {
    await db.query('BEGIN');
    try {
      const org = (await db.query<{ id: number }>(`INSERT INTO orgs (parent_id, path, depth, type, name) SELECT id, path || 'x/', 1, 'branch', '测试支部' FROM orgs WHERE parent_id IS NULL RETURNING id`)).rows[0]!.id;
      await db.query(`UPDATE orgs SET path = (SELECT path FROM orgs WHERE parent_id IS NULL) || id || '/' WHERE id = $1`, [org]);
      const member = (await db.query<{ id: number }>(`INSERT INTO members (org_id, name, gender, category) VALUES ($1, '测试', 'male', 'full') RETURNING id`, [org])).rows[0]!.id;
      const activity = (await db.query<{ id: number }>(`INSERT INTO activities (org_id, status, topic, held_on) VALUES ($1, 'planned', '测试', '2026-02-01') RETURNING id`, [org])).rows[0]!.id;
      await db.query(`INSERT INTO committee_posts (org_id, post, member_id, started_on, source) VALUES ($1, 'secretary', $2, '2026-01-10', 'appointed')`, [org, member]);
      await db.query(`INSERT INTO elections (org_id, term_number, elected_on, method, term_years, due_on, basis) VALUES ($1, 1, '2026-01-10', 'members_meeting', 3, '2029-01-10', '[]')`, [org]);
      const batch = (await db.query<{ id: number }>(`INSERT INTO rectification_batches (issuing_org_id, source, name, issued_on) SELECT id, 'self_check', '测试', '2026-01-10' FROM orgs WHERE parent_id IS NULL RETURNING id`)).rows[0]!.id;
      const problem = (await db.query<{ id: number }>(`INSERT INTO problems (batch_id, issuing_org_id, responsible_org_id, description, category, severity, deadline, status) SELECT $1, issuing_org_id, $2, '测试', 'political', 'general', '2026-03-01', 'issued' FROM rectification_batches WHERE id = $1 RETURNING id`, [batch, org])).rows[0]!.id;
      await db.query(`INSERT INTO problem_measures (problem_id, content, owner, deadline) VALUES ($1, '测试', '书记', '2026-02-01')`, [problem]);
      await db.query(`INSERT INTO problem_events (problem_id, kind) VALUES ($1, 'issued')`, [problem]);
      expect(activity).toBeGreaterThan(0);
    } finally {
      await db.query('ROLLBACK');
    }
  });

  it('gives the same data for the same seed and different data for another seed', async () => {
    const digest = async (client: pg.Client) => {
      const out: Record<string, string> = {};
      for (const [table, order] of [['orgs', 'id'], ['members', 'id'], ['activities', 'id'], ['activity_attendance', 'activity_id, member_id'], ['committee_posts', 'id'], ['elections', 'id'], ['problems', 'id'], ['problem_events', 'id'], ['org_findings', 'id']] as const) {
        out[table] = (await client.query<{ md5: string }>(`SELECT md5(string_agg(t::text, E'\\n' ORDER BY ${order})) AS md5 FROM ${table} t`)).rows[0]!.md5;
      }
      return out;
    };
    const sameUrl = await freshDatabase();
    const otherUrl = await freshDatabase();
    await generateDataset({ url: sameUrl, scale: 'unit', seed: 7, log: quiet });
    await generateDataset({ url: otherUrl, scale: 'unit', seed: 8, log: quiet });
    const [a, b, c] = await Promise.all([digest(db), digest(await connect(sameUrl)), digest(await connect(otherUrl))]);
    expect(b).toEqual(a);
    expect(c.orgs).not.toBe(a.orgs);
    expect(c.members).not.toBe(a.members);
    expect(c.committee_posts).not.toBe(a.committee_posts);
  }, 60_000);

  it('records what it generated: readDatasetInfo', async () => {
    const info = { scale: 'unit', seed: 7, asOf: DATASET_AS_OF, month: DATASET_MONTH };
    expect(await readDatasetInfo(url)).toEqual(info);
    expect(JSON.parse((await db.query<{ value: string }>('SELECT value FROM app_meta WHERE key = $1', [DATASET_META_KEY])).rows[0]!.value)).toEqual(info);
    expect(result).toMatchObject(info);
    // Not made by the generator: no app_meta table at all.
    expect(await readDatasetInfo(await freshDatabase())).toBeNull();
  });

  it('creates the four logins with their grants, without a forced password change', async () => {
    const { rows } = await db.query<{ username: string; role: string; type: string; parent_type: string | null; member_org: number | null; org_id: number; password_hash: string; must_change_password: boolean }>(
      `SELECT u.username, g.role, o.type, p.type AS parent_type, m.org_id AS member_org, g.org_id, u.password_hash, u.must_change_password
       FROM users u JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL JOIN orgs o ON o.id = g.org_id LEFT JOIN orgs p ON p.id = o.parent_id LEFT JOIN members m ON m.id = u.member_id`,
    );
    const by = new Map(rows.map((r) => [r.username, r]));
    expect(rows).toHaveLength(4);
    expect(by.get(DATASET_ACCOUNTS.committee)).toMatchObject({ role: 'committee_admin', type: 'work_committee', parent_type: null });
    expect(by.get(DATASET_ACCOUNTS.organ)).toMatchObject({ role: 'organ_admin', type: 'organ_party_committee' });
    expect(by.get(DATASET_ACCOUNTS.branch)).toMatchObject({ role: 'branch_officer', type: 'branch' });
    const member = by.get(DATASET_ACCOUNTS.member)!;
    expect(member).toMatchObject({ role: 'member', org_id: by.get(DATASET_ACCOUNTS.branch)!.org_id, member_org: by.get(DATASET_ACCOUNTS.branch)!.org_id });
    for (const r of rows) expect(r.must_change_password, r.username).toBe(false);
    expect(await verifyPassword(member.password_hash, DATASET_PASSWORD)).toBe(true);
  });

  it('keeps the app invariants of committees, elections and problems', async () => {
    // $1 is DATASET_AS_OF in every query.
    const none = async (what: string, sql: string) => expect(await count(`SELECT count(*)::int AS n FROM (${sql}) x WHERE $1::date IS NOT NULL`, [DATASET_AS_OF]), what).toBe(0);
    // A post holder belongs to the org's subtree, is in good standing and was a full member when the post began.
    await none('holder outside the subtree', `SELECT 1 FROM committee_posts cp JOIN orgs o ON o.id = cp.org_id JOIN members m ON m.id = cp.member_id JOIN orgs mo ON mo.id = m.org_id WHERE left(mo.path, length(o.path)) <> o.path`);
    await none('holder not in good standing', `SELECT 1 FROM committee_posts cp JOIN members m ON m.id = cp.member_id WHERE cp.ended_on IS NULL AND m.status NOT IN ('normal', 'mobile')`);
    await none('holder not a full member when elected', `SELECT 1 FROM committee_posts cp JOIN members m ON m.id = cp.member_id WHERE m.category <> 'full' OR m.full_member_on > cp.started_on`);
    await none('secretary without a year of standing', `SELECT 1 FROM committee_posts cp JOIN members m ON m.id = cp.member_id WHERE cp.post = 'secretary' AND m.full_member_on + interval '1 year' > cp.started_on`);
    await none('talk outside the post', `SELECT 1 FROM committee_posts WHERE talk_on < started_on OR talk_on > $1::date OR started_on > $1::date`);
    // One current holder of each single-holder post; every 党支部, 党总支 and 机关党委 has a secretary.
    await none('two holders of a post', `SELECT org_id, post FROM committee_posts WHERE ended_on IS NULL AND post <> 'committee_member' GROUP BY 1, 2 HAVING count(*) > 1`);
    await none('org without secretary', `SELECT 1 FROM orgs o WHERE o.type IN ('organ_party_committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch') AND NOT EXISTS (SELECT 1 FROM committee_posts cp WHERE cp.org_id = o.id AND cp.post = 'secretary' AND cp.ended_on IS NULL)`);
    // Branches of 7 or more members have a 支委会 of 5 or 7 with the required posts; smaller ones only a secretary.
    const { rows: committees } = await db.query<{ members: number; size: number; required: number }>(
      `SELECT (SELECT count(*) FROM members m WHERE m.org_id = o.id)::int AS members,
              (SELECT count(DISTINCT member_id) FROM committee_posts cp WHERE cp.org_id = o.id AND cp.ended_on IS NULL)::int AS size,
              (SELECT count(DISTINCT post) FROM committee_posts cp WHERE cp.org_id = o.id AND cp.ended_on IS NULL AND cp.post IN ('secretary', 'organization_member', 'propaganda_member', 'discipline_member'))::int AS required
       FROM orgs o WHERE o.type IN ('branch', 'joint_branch', 'temporary_branch')`,
    );
    for (const c of committees) {
      if (c.members >= 7) expect(c).toMatchObject({ size: c.members >= 25 ? 7 : 5, required: 4 });
      else expect(c).toMatchObject({ size: 1, required: 1 });
    }
    expect(committees.some((c) => c.members >= 7) && committees.some((c) => c.members < 7)).toBe(true);
    // 支委会 meetings are held exactly by the branches with a committee, attended by its members.
    await none('committee meeting without a committee', `SELECT 1 FROM activities a JOIN activity_types t ON t.activity_id = a.id AND t.type = 'committee_meeting' WHERE (SELECT count(*) FROM committee_posts cp WHERE cp.org_id = a.org_id AND cp.ended_on IS NULL) < 2`);
    await none('committee meeting attended by a non-member of the committee', `SELECT 1 FROM activity_attendance aa JOIN activity_types t ON t.activity_id = aa.activity_id AND t.type = 'committee_meeting' JOIN activities a ON a.id = aa.activity_id WHERE NOT EXISTS (SELECT 1 FROM committee_posts cp WHERE cp.org_id = a.org_id AND cp.member_id = aa.member_id AND cp.ended_on IS NULL)`);

    // Elections: one current term per elected org (not 临时党支部), quorum, terms of 3 and 5 years, some overdue.
    await none('org_terms not the last election', `SELECT 1 FROM org_terms t JOIN elections e ON e.id = t.election_id WHERE e.org_id <> t.org_id OR e.due_on <> t.due_on`);
    await none('elected org without a term', `SELECT 1 FROM orgs o WHERE o.type IN ('organ_party_committee', 'general_branch', 'branch', 'joint_branch') AND NOT EXISTS (SELECT 1 FROM org_terms t WHERE t.org_id = o.id)`);
    await none('temporary branch with an election', `SELECT 1 FROM elections e JOIN orgs o ON o.id = e.org_id WHERE o.type IN ('temporary_branch', 'party_small_group', 'work_committee')`);
    await none('quorum not met', `SELECT 1 FROM elections WHERE NOT (actual_voters <= expected_voters AND actual_voters * 5 > expected_voters * 4)`);
    await none('wrong term', `SELECT 1 FROM elections e JOIN orgs o ON o.id = e.org_id WHERE e.term_years <> CASE o.type WHEN 'organ_party_committee' THEN 5 ELSE 3 END OR e.due_on <> (e.elected_on + make_interval(years => e.term_years))::date OR e.elected_on > $1::date OR e.approved_on < e.elected_on OR jsonb_array_length(e.basis) = 0`);
    await none('approval by another than the parent', `SELECT 1 FROM elections e JOIN orgs o ON o.id = e.org_id WHERE e.approved_on IS NOT NULL AND e.approving_org_id IS DISTINCT FROM o.parent_id`);
    await none('elected committee without its election', `SELECT 1 FROM committee_posts cp LEFT JOIN elections e ON e.id = cp.election_id WHERE cp.source = 'elected' AND (e.id IS NULL OR e.org_id <> cp.org_id OR e.elected_on <> cp.started_on)`);
    const terms = await db.query<{ total: number; overdue: number }>(`SELECT count(*)::int AS total, count(*) FILTER (WHERE due_on < $1::date)::int AS overdue FROM org_terms`, [DATASET_AS_OF]);
    const { total, overdue } = terms.rows[0]!;
    expect(overdue).toBeGreaterThan(0);
    expect(overdue / total).toBeLessThan(0.12);

    // Problems: below the issuer, valid states for their dates, a timeline that ends with the status, nothing after AS_OF.
    await none('problem not strictly below its issuer', `SELECT 1 FROM problems p JOIN orgs i ON i.id = p.issuing_org_id JOIN orgs r ON r.id = p.responsible_org_id JOIN rectification_batches b ON b.id = p.batch_id WHERE b.issuing_org_id <> p.issuing_org_id OR r.path = i.path OR left(r.path, length(i.path)) <> i.path`);
    await none('responsible member outside the org', `SELECT 1 FROM problems p JOIN members m ON m.id = p.responsible_member_id JOIN orgs mo ON mo.id = m.org_id JOIN orgs r ON r.id = p.responsible_org_id WHERE left(mo.path, length(r.path)) <> r.path OR m.name <> p.responsible_person`);
    await none('closed problem without 销号 data', `SELECT 1 FROM problems WHERE (status = 'closed') <> (closed_on IS NOT NULL) OR (status = 'closed' AND (closed_on_time IS DISTINCT FROM (closed_on <= deadline) OR closed_on > $1::date))`);
    await none('timeline not matching the status', `SELECT 1 FROM problems p WHERE (SELECT e.kind FROM problem_events e WHERE e.problem_id = p.id ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1) <> CASE p.status WHEN 'issued' THEN 'issued' WHEN 'claimed' THEN 'claimed' WHEN 'measures_set' THEN 'measures_set' WHEN 'in_progress' THEN 'progress' WHEN 'closure_requested' THEN 'closure_requested' ELSE 'closed' END`);
    await none('event after AS_OF', `SELECT 1 FROM problem_events WHERE occurred_at > $1::date`);
    await none('measures before they were set', `SELECT 1 FROM problem_measures pm JOIN problems p ON p.id = pm.problem_id WHERE p.status IN ('issued', 'claimed')`);
  });

  // Last of the unit database's tests: it rewrites org_findings (with the same content when it passes).
  it('stores the setup findings the app itself computes (findings.service.ts) from the generated members and committees', async () => {
    const read = async () =>
      (
        await db.query<{ row: string }>(
          `SELECT concat_ws(' | ', org_id, rule_id, code, severity, message, detail::text, due_on::text, basis::text, computed_at::text) AS row FROM org_findings ORDER BY org_id, code, message`,
        )
      ).rows.map((r) => r.row);
    const generated = await read();
    expect(generated.length).toBeGreaterThan(0);
    const database = await openDatabase({ databaseUrl: url, dataDir: null });
    try {
      await createFindingsService({ clock: manualClock(`${DATASET_AS_OF}T02:00:00.000Z`), rules: createOrgRules(loadRegulations()) }).refreshAll(database.db);
    } finally {
      await database.close();
    }
    expect(await read()).toEqual(generated);
  });

  it('gives the compliance evaluation of the month a realistic spread: most branches green, a tail red, every obligation met somewhere', async () => {
    const database = await openDatabase({ databaseUrl: url, dataDir: null });
    try {
      await createComplianceEvaluator({ clock: manualClock(`${DATASET_AS_OF}T02:00:00.000Z`), regulations: loadRegulations() }).evaluateAll(database.db, { months: [DATASET_MONTH] });
    } finally {
      await database.close();
    }
    const { rows: lights } = await db.query<{ light: string; n: number }>(`SELECT light, count(*)::int AS n FROM branch_lights WHERE month = $1 GROUP BY light`, [`${DATASET_MONTH}-01`]);
    const count = (light: string) => lights.find((l) => l.light === light)?.n ?? 0;
    const branches = count('green') + count('yellow') + count('red');
    expect(count('green') / branches).toBeGreaterThan(0.6);
    expect(count('red') / branches).toBeGreaterThan(0.03);
    const { rows: obligations } = await db.query<{ obligation: string }>(`SELECT DISTINCT obligation FROM compliance_results WHERE light = 'green'`);
    expect(obligations.map((o) => o.obligation).sort()).toEqual(
      ['committee_meeting', 'democratic_review', 'heart_to_heart_talk', 'members_meeting', 'org_life_meeting', 'party_lecture', 'secretary_lecture', 'small_group_meeting', 'theme_day'],
    );
  }, 60_000);

  it('loads the demo data as the demo scale', async () => {
    const demoUrl = await freshDatabase();
    const demo = await generateDataset({ url: demoUrl, scale: 'demo', seed: 2026, log: quiet });
    expect(demo).toMatchObject({ scale: 'demo', seed: 2026, tables: {} });
    expect(await readDatasetInfo(demoUrl)).toEqual({ scale: 'demo', seed: 2026, asOf: DATASET_AS_OF, month: DATASET_MONTH });
  }, 60_000);
});
