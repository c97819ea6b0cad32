// Benchmark: the batch compliance evaluation (evaluateAll) of one month over a synthetic org tree with half a year
// of activities and attendance, first into empty tables, then again over its own results (the daily run: rows updated
// in place), then one reevaluate (the per-write path). Tree: a 工委, and per 机关党委 80 branches
// (10 members, a secretary and an 组织委员 each) and 19 党小组; --orgs sets the size (default 5,000).
// Run: `npm run bench -- compliance-evaluate [--orgs=20000]` on PostgreSQL (`--database-url=…`, TEST_DATABASE_URL or
// DATABASE_URL; a database of its own is created and dropped), or with none of them on an in-memory PGlite.
import { sql } from 'drizzle-orm';
import { loadRegulations } from '@dangjian/regulations/load';
import { manualClock } from '../src/platform/clock.js';
import { queryRows, type Db } from '../src/platform/db.js';
import { openBenchDatabase } from './bench-database.js';
import { migrate } from '../src/platform/migrate.js';
import { createComplianceEvaluator } from '../src/modules/compliance/evaluator.js';

const BRANCHES_PER_ORGAN = 80;
const GROUPS_PER_ORGAN = 19;
const MEMBERS_PER_BRANCH = 10;
const MONTH = '2026-06';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

function orgsArg(): number {
  const args = process.argv.slice(2);
  const inline = args.find((a) => a.startsWith('--orgs='))?.slice('--orgs='.length);
  const at = args.indexOf('--orgs');
  const value = Number(inline ?? (at >= 0 ? args[at + 1] : 5000));
  return Number.isFinite(value) && value >= 100 ? value : 5000;
}

/** Builds the synthetic tree with `organs` 机关党委 (100 orgs each) and half a year of activities. */
export async function buildComplianceBenchTree(db: Db, organs: number) {
  // organ o: id 1+o; branch b of organ o: 1000 + (o-1)*100 + b (b ≤ 80); group g: 1000 + (o-1)*100 + 80 + g, under branch g.
  await db.execute(sql`INSERT INTO orgs (id, parent_id, path, depth, type, name) VALUES (1, NULL, '/1/', 0, 'work_committee', '工委')`);
  await db.execute(sql`INSERT INTO orgs (id, parent_id, path, depth, type, name)
    SELECT 1 + o, 1, '/1/' || (1 + o) || '/', 1, 'organ_party_committee', '单位' || o || '机关党委' FROM generate_series(1, ${organs}) o`);
  await db.execute(sql`INSERT INTO orgs (id, parent_id, path, depth, type, name)
    SELECT 1000 + (o - 1) * 100 + b, 1 + o, '/1/' || (1 + o) || '/' || (1000 + (o - 1) * 100 + b) || '/', 2, 'branch', '支部' || o || '-' || b
    FROM generate_series(1, ${organs}) o, generate_series(1, ${BRANCHES_PER_ORGAN}) b`);
  await db.execute(sql`INSERT INTO orgs (id, parent_id, path, depth, type, name)
    SELECT 1000 + (o - 1) * 100 + 80 + g, p.id, p.path || (1000 + (o - 1) * 100 + 80 + g) || '/', 3, 'party_small_group', '党小组' || o || '-' || g
    FROM generate_series(1, ${organs}) o, generate_series(1, ${GROUPS_PER_ORGAN}) g JOIN LATERAL (SELECT id, path FROM orgs WHERE id = 1000 + (o - 1) * 100 + g) p ON true`);
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);
  await db.execute(sql`INSERT INTO members (org_id, name, gender, category, status)
    SELECT o.id, '党员' || o.id || '-' || n, 'male', 'full', 'normal' FROM orgs o, generate_series(1, ${MEMBERS_PER_BRANCH}) n WHERE o.type = 'branch'`);
  // Secretary and 组织委员 of each branch (a 支委会 of two); the organ's secretary is a member of its first branch.
  await db.execute(sql`INSERT INTO committee_posts (org_id, post, member_id, started_on, source)
    SELECT m.org_id, CASE WHEN m.rn = 1 THEN 'secretary' ELSE 'organization_member' END, m.id, '2024-01-01', 'elected'
    FROM (SELECT id, org_id, row_number() OVER (PARTITION BY org_id ORDER BY id) AS rn FROM members) m WHERE m.rn <= 2`);
  await db.execute(sql`INSERT INTO committee_posts (org_id, post, member_id, started_on, source)
    SELECT o.id, 'secretary', (SELECT min(m.id) FROM members m WHERE m.org_id = 1000 + (o.id - 2) * 100 + 1), '2024-01-01', 'elected'
    FROM orgs o WHERE o.type = 'organ_party_committee'`);
  // Half a year of activities (topic = its type), with gaps so that every light colour occurs.
  await db.execute(sql`INSERT INTO activities (org_id, status, topic, held_on)
    SELECT o.id, 'completed', k.type, make_date(2026, mo, k.day)
    FROM orgs o, generate_series(1, 6) mo,
         (VALUES ('committee_meeting', 5), ('theme_day', 12), ('members_meeting', 18), ('party_lecture', 10), ('heart_to_heart_talk', 8), ('democratic_review', 3)) AS k(type, day)
    WHERE o.type = 'branch' AND (
          (k.type = 'committee_meeting' AND (o.id + mo) % 9 <> 0)
       OR (k.type = 'theme_day' AND (o.id + mo) % 11 <> 0)
       OR (k.type = 'members_meeting' AND mo IN (2, 5) AND o.id % 13 <> 0)
       OR (k.type = 'party_lecture' AND mo IN (3, 6) AND o.id % 7 <> 0)
       OR (k.type = 'heart_to_heart_talk' AND mo = 4)
       OR (k.type = 'democratic_review' AND mo = 1 AND o.id % 2 = 0))`);
  await db.execute(sql`INSERT INTO activities (org_id, status, topic, held_on)
    SELECT o.id, 'completed', 'small_group_meeting', make_date(2026, mo, 20) FROM orgs o, generate_series(1, 6) mo
    WHERE o.type = 'party_small_group' AND (o.id + mo) % 5 <> 0 AND make_date(2026, mo, 20) <= '2026-06-15'`);
  await db.execute(sql`UPDATE activities a SET lecturer_member_id = cp.member_id FROM committee_posts cp JOIN orgs c ON c.id = cp.org_id
    WHERE c.type = 'organ_party_committee' AND cp.post = 'secretary' AND a.org_id = 1000 + (c.id - 2) * 100 + 1 AND a.topic = 'party_lecture' AND a.held_on = '2026-03-10'`);
  await db.execute(sql`INSERT INTO activity_types (activity_id, type) SELECT id, topic FROM activities`);
  // Attendance at 主题党日 and 谈心谈话: the last member of every fifth branch is always absent.
  await db.execute(sql`INSERT INTO activity_attendance (activity_id, member_id, status)
    SELECT a.id, m.id, CASE WHEN a.org_id % 5 = 0 AND m.id = l.last THEN 'absent' ELSE 'present' END
    FROM activities a JOIN members m ON m.org_id = a.org_id JOIN (SELECT org_id, max(id) AS last FROM members GROUP BY org_id) l ON l.org_id = a.org_id
    WHERE a.topic IN ('theme_day', 'heart_to_heart_talk')`);
  await db.execute(sql`ANALYZE`);
}

export async function benchComplianceEvaluate(adminUrl: string | null) {
  const organs = Math.max(1, Math.round(orgsArg() / (1 + BRANCHES_PER_ORGAN + GROUPS_PER_ORGAN)));
  const { database, drop } = await openBenchDatabase(adminUrl);
  try {
    await migrate(database);
    const db = database.db;
    let t = process.hrtime.bigint();
    await buildComplianceBenchTree(db, organs);
    const [counts] = await queryRows<{ orgs: number; activities: number; attendance: number }>(
      db,
      sql`SELECT (SELECT count(*)::integer FROM orgs) AS orgs, (SELECT count(*)::integer FROM activities) AS activities, (SELECT count(*)::integer FROM activity_attendance) AS attendance`,
    );
    const buildS = seconds(t);

    const clock = manualClock('2026-06-15T04:00:00.000Z');
    const evaluator = createComplianceEvaluator({ clock, regulations: loadRegulations() });
    t = process.hrtime.bigint();
    const summary = await evaluator.evaluateAll(db, { months: [MONTH] });
    const evaluateS = seconds(t);
    t = process.hrtime.bigint();
    await evaluator.evaluateAll(db, { months: [MONTH] });
    const againS = seconds(t);

    t = process.hrtime.bigint();
    await db.transaction((tx) => evaluator.reevaluate(tx, 1001, ['2026-05-18']));
    const reevaluateMs = seconds(t) * 1000;

    const lights = await queryRows<{ light: string; n: number }>(db, sql`SELECT light, count(*)::integer AS n FROM branch_lights WHERE month = ${`${MONTH}-01`}::date GROUP BY light ORDER BY light`);
    const branches = organs * BRANCHES_PER_ORGAN;
    const lit = lights.reduce((a, l) => a + l.n, 0);
    return {
      backend: adminUrl ? 'postgres' : 'pglite',
      orgs: counts?.orgs,
      activities: counts?.activities,
      attendance: counts?.attendance,
      buildS: Number(buildS.toFixed(1)),
      evaluatedOrgs: summary.orgs,
      results: summary.results,
      absences: summary.absences,
      lights: lights.map((l) => `${l.light} ${l.n}`).join(', '),
      evaluateS: Number(evaluateS.toFixed(2)),
      orgsPerSecond: Math.round(summary.orgs / evaluateS),
      againS: Number(againS.toFixed(2)),
      againOrgsPerSecond: Math.round(summary.orgs / againS),
      reevaluateMs: Number(reevaluateMs.toFixed(1)),
      ok: lit === branches && summary.orgs === counts?.orgs,
    };
  } finally {
    await drop();
  }
}
