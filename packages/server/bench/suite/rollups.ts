// Item 1: every dashboard / roll-up endpoint at the three levels, each paired with one hand-written SQL statement
// that computes the same answer in a single round trip (one pass over the subtree where the service makes several).
// The SQL is written from the meaning of each answer, not copied from the services; the mappers turn its codes into
// the labels the endpoint shows, so that labels, ids and numbers are all compared.
import { MEETING_ACTIVITY_IDS, MEMBER_CODE_TABLES } from '@dangjian/regulations';
import { ORG_TYPE_LABELS, ORG_TYPES, orgTypeLabel } from '../../src/modules/org/org-types.js';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS, ON_ROSTER_LIST } from '../../src/modules/members/members.schemas.js';
import { subtreeRange } from '../../src/platform/scope.js';
import { probe, type Level, type LevelOrg, type Probe } from './probe.js';

export interface RollupContext {
  committee: Level;
  organ: Level;
  branch: Level;
  /** The app's today (YYYY-MM-DD). */
  asOf: string;
  /** The month rolled up (YYYY-MM). */
  month: string;
  /** The year of the rectification roll-ups. */
  year: number;
}

const firstDay = (month: string) => `${month}-01`;
/** The 12 months ending at `month`, as their first days. */
function twelveMonths(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 12, 1));
  return { from: start.toISOString().slice(0, 10), to: firstDay(month) };
}
function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
/** Path segment (1-based, for split_part) holding the id of the direct child of `org` in a descendant's path. */
const childSegment = (org: LevelOrg) => org.depth + 3;

type OrgJson = { id: number; name: string; type: string };
const orgView = (o: OrgJson) => ({ id: o.id, name: o.name, type: o.type, typeLabel: orgTypeLabel(o.type) });

// ---------------------------------------------------------------------------------------------
// GET /api/dashboard
// ---------------------------------------------------------------------------------------------

/** The dashboard's age bands (dashboard.service.ts), by index; index 5 is "no birth date". */
const DASHBOARD_AGE_LABELS = ['30岁及以下', '31—40岁', '41—50岁', '51—60岁', '61岁及以上', '未填写'] as const;

interface DashboardJson {
  org: OrgJson & { typeLabel: string };
  orgCountsByType: { type: string; label: string; count: number }[];
  memberTotals: { total: number; full: number; probationary: number };
  membersByGender: { label: string; count: number }[];
  membersByAgeBand: { label: string; count: number }[];
  children: { id: number; name: string; typeLabel: string; orgCount: number; memberCount: number }[];
}
interface DashboardRow {
  org: OrgJson;
  org_types: Record<string, number>;
  members: { total: number; full: number; probationary: number; male: number; female: number; bands: number[] };
  children: (OrgJson & { orgCount: number; memberCount: number })[];
}

function dashboard(level: Level, asOf: string): Probe {
  const { lo, hi } = subtreeRange(level.org.path);
  return probe<DashboardJson, DashboardRow>({
    item: 'rollup',
    level,
    endpoint: 'GET /api/dashboard',
    path: `/api/dashboard?orgId=${level.org.id}`,
    // Members on the roster (statistics count 在册 members: ARCHITECTURE.md, and org.routes.test.ts asserts the totals
    // equal the roster list's), grouped once by (child, category, gender, age band); totals and per-child counts
    // come from that.
    sql: {
      text: `WITH sub AS (
               SELECT id, type, NULLIF(split_part(path, '/', $4), '')::integer AS child FROM orgs WHERE path >= $2 AND path < $3),
             g AS MATERIALIZED (
               SELECT s.child, m.category, m.gender,
                      CASE WHEN m.birth_date IS NULL THEN 5
                           ELSE width_bucket(extract(year FROM age($5::date, m.birth_date))::integer, ARRAY[31, 41, 51, 61]) END AS band,
                      count(*)::integer AS n
               FROM members m JOIN sub s ON s.id = m.org_id WHERE m.status IN ${ON_ROSTER_LIST} GROUP BY 1, 2, 3, 4)
             SELECT
               (SELECT json_build_object('id', id, 'name', name, 'type', type) FROM orgs WHERE id = $1) AS org,
               (SELECT coalesce(json_object_agg(type, n), '{}') FROM (SELECT type, count(*)::integer AS n FROM sub GROUP BY type) t) AS org_types,
               (SELECT json_build_object(
                  'total', coalesce(sum(n), 0), 'full', coalesce(sum(n) FILTER (WHERE category = 'full'), 0),
                  'probationary', coalesce(sum(n) FILTER (WHERE category = 'probationary'), 0),
                  'male', coalesce(sum(n) FILTER (WHERE gender = 'male'), 0), 'female', coalesce(sum(n) FILTER (WHERE gender = 'female'), 0),
                  'bands', (SELECT json_agg((SELECT coalesce(sum(n), 0) FROM g WHERE band = b) ORDER BY b) FROM generate_series(0, 5) b)) FROM g) AS members,
               (SELECT coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'type', c.type, 'orgCount', coalesce(oc.n, 0), 'memberCount', coalesce(mc.n, 0))
                                ORDER BY c.sort_order, c.id), '[]')
                FROM orgs c
                LEFT JOIN (SELECT child, count(*)::integer AS n FROM sub WHERE child IS NOT NULL GROUP BY child) oc ON oc.child = c.id
                LEFT JOIN (SELECT child, sum(n)::integer AS n FROM g WHERE child IS NOT NULL GROUP BY child) mc ON mc.child = c.id
                WHERE c.parent_id = $1) AS children`,
      values: [level.org.id, lo, hi, childSegment(level.org), asOf],
    },
    fromEndpoint: (j) => j,
    fromSql: ([r]) => {
      const m = r!.members;
      return {
        org: orgView(r!.org),
        orgCountsByType: ORG_TYPES.filter((t) => (r!.org_types[t] ?? 0) > 0).map((t) => ({ type: t, label: ORG_TYPE_LABELS[t], count: r!.org_types[t]! })),
        memberTotals: { total: m.total, full: m.full, probationary: m.probationary },
        membersByGender: [
          { label: GENDER_LABELS.male, count: m.male },
          { label: GENDER_LABELS.female, count: m.female },
        ],
        // Bands 0–4 always, "未填写" only when some member has no birth date.
        membersByAgeBand: DASHBOARD_AGE_LABELS.map((label, band) => ({ label, count: m.bands[band]! })).filter((b, band) => band < 5 || b.count > 0),
        children: r!.children.map((c) => ({ id: c.id, name: c.name, typeLabel: orgTypeLabel(c.type), orgCount: c.orgCount, memberCount: c.memberCount })),
      };
    },
  });
}

// ---------------------------------------------------------------------------------------------
// GET /api/members/stats
// ---------------------------------------------------------------------------------------------

/** members.service.ts's 党内统计 bands: key → label. */
const STATS_AGE_LABELS: Record<string, string> = { le30: '30岁及以下', '31_35': '31至35岁', '36_40': '36至40岁', '41_45': '41至45岁', '46_50': '46至50岁', '51_55': '51至55岁', '56_60': '56至60岁', ge61: '61岁及以上' };
const STATS_STANDING_LABELS: Record<string, string> = { probationary: '预备党员（未计党龄）', lt5: '不满5年', '5_10': '5至10年', '11_20': '11至20年', '21_30': '21至30年', '31_40': '31至40年', '41_50': '41至50年', gt50: '51年及以上' };
const codeLabels = (table: 'ethnicity' | 'education') => Object.fromEntries(MEMBER_CODE_TABLES[table].entries.map((e) => [e.code, e.label]));
const STATS_DIMENSIONS: Record<string, Record<string, string>> = {
  byCategory: MEMBER_CATEGORY_LABELS,
  byGender: GENDER_LABELS,
  byEthnicity: codeLabels('ethnicity'),
  byAgeBand: STATS_AGE_LABELS,
  byEducation: codeLabels('education'),
  byStandingBand: STATS_STANDING_LABELS,
  byStatus: MEMBER_STATUS_LABELS,
};

type StatsItem = { key: string; label: string; count: number };
type StatsJson = { orgId: number; orgName: string; asOf: string; total: number } & Record<string, StatsItem[]>;
interface StatsRow {
  dim: string;
  key: string;
  n: number;
  org_name: string;
}

/** A dimension as key → label and count, zero counts left out (the endpoint lists some zero rows, some not). */
const nonZero = (items: StatsItem[]) => Object.fromEntries(items.filter((i) => i.count > 0).map((i) => [i.key, { label: i.label, count: i.count }]));

function memberStats(level: Level, asOf: string): Probe {
  const { lo, hi } = subtreeRange(level.org.path);
  return probe<StatsJson, StatsRow>({
    item: 'rollup',
    level,
    endpoint: 'GET /api/members/stats',
    path: `/api/members/stats?orgId=${level.org.id}`,
    // One scan of the subtree's members on the roster, counted once per combination of the seven dimensions (a few
    // thousand rows), then each dimension by GROUPING SETS over those counts: seven grouping sets straight over the
    // members make the planner sort them seven times. Ages are computed once per member (OFFSET 0 keeps the subquery
    // from being flattened into every CASE branch).
    sql: {
      text: `WITH m AS (
               SELECT category, gender, ethnicity, education, status,
                      CASE WHEN birth_date IS NULL THEN ''
                           WHEN age BETWEEN 0 AND 30 THEN 'le30' WHEN age BETWEEN 31 AND 35 THEN '31_35' WHEN age BETWEEN 36 AND 40 THEN '36_40'
                           WHEN age BETWEEN 41 AND 45 THEN '41_45' WHEN age BETWEEN 46 AND 50 THEN '46_50' WHEN age BETWEEN 51 AND 55 THEN '51_55'
                           WHEN age BETWEEN 56 AND 60 THEN '56_60' WHEN age BETWEEN 61 AND 200 THEN 'ge61' ELSE '' END AS age_band,
                      CASE WHEN category = 'probationary' THEN 'probationary' WHEN full_member_on IS NULL THEN ''
                           WHEN standing BETWEEN 5 AND 10 THEN '5_10' WHEN standing BETWEEN 11 AND 20 THEN '11_20' WHEN standing BETWEEN 21 AND 30 THEN '21_30'
                           WHEN standing BETWEEN 31 AND 40 THEN '31_40' WHEN standing BETWEEN 41 AND 50 THEN '41_50' WHEN standing BETWEEN 51 AND 200 THEN 'gt50'
                           ELSE 'lt5' END AS standing_band
               FROM (SELECT m.category, m.gender, coalesce(m.ethnicity, '') AS ethnicity, coalesce(m.education, '') AS education, m.status,
                            m.birth_date, m.full_member_on, extract(year FROM age($3::date, m.birth_date))::integer AS age,
                            extract(year FROM age($3::date, m.full_member_on))::integer + m.standing_adjustment_years AS standing
                     FROM members m JOIN orgs o ON o.id = m.org_id
                     WHERE o.path >= $1 AND o.path < $2 AND m.status IN ${ON_ROSTER_LIST} OFFSET 0) m),
             c AS (SELECT category, gender, ethnicity, age_band, education, standing_band, status, count(*) AS n FROM m GROUP BY 1, 2, 3, 4, 5, 6, 7)
             SELECT CASE WHEN GROUPING(category) = 0 THEN 'byCategory' WHEN GROUPING(gender) = 0 THEN 'byGender' WHEN GROUPING(ethnicity) = 0 THEN 'byEthnicity'
                         WHEN GROUPING(age_band) = 0 THEN 'byAgeBand' WHEN GROUPING(education) = 0 THEN 'byEducation'
                         WHEN GROUPING(standing_band) = 0 THEN 'byStandingBand' ELSE 'byStatus' END AS dim,
                    coalesce(category, gender, ethnicity, age_band, education, standing_band, status) AS key, sum(n)::integer AS n,
                    (SELECT name FROM orgs WHERE id = $4) AS org_name
             FROM c GROUP BY GROUPING SETS ((category), (gender), (ethnicity), (age_band), (education), (standing_band), (status))`,
      values: [lo, hi, asOf, level.org.id],
    },
    fromEndpoint: (j) => ({
      orgId: j.orgId,
      orgName: j.orgName,
      asOf: j.asOf,
      total: j.total,
      ...Object.fromEntries(Object.keys(STATS_DIMENSIONS).map((d) => [d, nonZero(j[d]!)])),
    }),
    fromSql: (rows) => {
      const label = (dim: string, key: string) => STATS_DIMENSIONS[dim]![key] ?? (key === '' ? '未填写' : key);
      return {
        orgId: level.org.id,
        // The org's name comes with every row; an empty subtree has no rows, so fall back to the level's org.
        orgName: rows[0]?.org_name ?? level.org.name,
        asOf,
        total: rows.filter((r) => r.dim === 'byCategory').reduce((a, r) => a + r.n, 0),
        ...Object.fromEntries(Object.keys(STATS_DIMENSIONS).map((d) => [d, nonZero(rows.filter((r) => r.dim === d).map((r) => ({ key: r.key, label: label(d, r.key), count: r.n })))])),
      };
    },
  });
}

// ---------------------------------------------------------------------------------------------
// GET /api/compliance/overview and /api/compliance/branch
// ---------------------------------------------------------------------------------------------

type Tally = { branches: number; green: number; yellow: number; red: number; greenRate: number | null };
interface OverviewJson {
  org: OrgJson & { typeLabel: string };
  month: string;
  total: Tally;
  trend: (Tally & { month: string })[];
  children: (Tally & { id: number; name: string; typeLabel: string })[];
  redBranches: { id: number; name: string; parentName: string | null; reasons: string[] }[];
  redBranchesTotal: number;
}
interface OverviewRow {
  org: OrgJson;
  trend: (Tally & { month: string })[];
  children: (Tally & OrgJson)[];
  red: { id: number; name: string; parentName: string | null; reasons: string[] }[];
}

function complianceOverview(level: Level, month: string): Probe {
  const { lo, hi } = subtreeRange(level.org.path);
  const { from, to } = twelveMonths(month);
  const tally = `count(bl.light)::integer AS branches, (count(*) FILTER (WHERE bl.light = 'green'))::integer AS green,
                 (count(*) FILTER (WHERE bl.light = 'yellow'))::integer AS yellow, (count(*) FILTER (WHERE bl.light = 'red'))::integer AS red`;
  const tallyJson = (t: string) => `'branches', ${t}.branches, 'green', ${t}.green, 'yellow', ${t}.yellow, 'red', ${t}.red, 'greenRate', ${t}.green::float8 / NULLIF(${t}.branches, 0)`;
  return probe<OverviewJson, OverviewRow>({
    item: 'rollup',
    level,
    endpoint: 'GET /api/compliance/overview',
    path: `/api/compliance/overview?orgId=${level.org.id}&month=${month}`,
    // The subtree's lights of the 12 months are read once; trend, ranking and red list are cut from them.
    sql: {
      text: `WITH bl AS MATERIALIZED (
               SELECT bl.month, bl.light, bl.reasons, o.id, o.name, o.path, o.parent_id, NULLIF(split_part(o.path, '/', $4), '')::integer AS child
               FROM branch_lights bl JOIN orgs o ON o.id = bl.org_id
               WHERE bl.month >= $5::date AND bl.month <= $6::date AND o.path >= $2 AND o.path < $3),
             trend AS (
               SELECT to_char(mo.month, 'YYYY-MM') AS month, ${tally}
               FROM generate_series($5::date, $6::date, interval '1 month') AS mo(month) LEFT JOIN bl ON bl.month = mo.month GROUP BY mo.month),
             kids AS (
               SELECT c.id, c.name, c.type, ${tally} FROM bl JOIN orgs c ON c.id = bl.child AND c.parent_id = $1 WHERE bl.month = $6::date GROUP BY c.id, c.name, c.type)
             SELECT
               (SELECT json_build_object('id', id, 'name', name, 'type', type) FROM orgs WHERE id = $1) AS org,
               (SELECT json_agg(json_build_object('month', t.month, ${tallyJson('t')}) ORDER BY t.month) FROM trend t) AS trend,
               (SELECT coalesce(json_agg(json_build_object('id', k.id, 'name', k.name, 'type', k.type, ${tallyJson('k')})
                                         ORDER BY k.green::float8 / k.branches DESC, k.branches DESC, k.name COLLATE "zh-x-icu"), '[]') FROM kids k) AS children,
               (SELECT coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'parentName', p.name, 'reasons',
                         (SELECT coalesce(json_agg(coalesce(x->>'message', x->>'obligationLabel') ORDER BY i), '[]')
                          FROM jsonb_array_elements(r.reasons) WITH ORDINALITY AS e(x, i) WHERE x->>'light' = 'red')) ORDER BY r.path), '[]')
                FROM (SELECT * FROM bl WHERE month = $6::date AND light = 'red' ORDER BY path LIMIT 50) r LEFT JOIN orgs p ON p.id = r.parent_id) AS red`,
      values: [level.org.id, lo, hi, childSegment(level.org), from, to],
    },
    fromEndpoint: (j) => j,
    fromSql: ([r]) => {
      const total = r!.trend.find((t) => t.month === month)!;
      const { month: _month, ...totalTally } = total;
      return {
        org: orgView(r!.org),
        month,
        total: totalTally,
        trend: r!.trend,
        children: r!.children.map(({ type, ...k }) => ({ id: k.id, name: k.name, typeLabel: orgTypeLabel(type), branches: k.branches, green: k.green, yellow: k.yellow, red: k.red, greenRate: k.greenRate })),
        redBranches: r!.red,
        redBranchesTotal: total.red,
      };
    },
  });
}

type Basis = { parameter: string; value: unknown; effectiveFrom: string; title: string; article: string; quote: string | null };
type Obligation = {
  orgId: number; obligation: string; periodKind: string; periodStart: string; periodEnd: string; light: string; held: number; minCount: number;
  ruleId: string; code: string | null; severity: string | null; message: string | null; basis: Basis[]; evaluatedOn: string;
};
interface BranchJson {
  org: OrgJson & { typeLabel: string };
  month: string;
  light: string | null;
  lights: { month: string; light: string; reasons: unknown[] }[];
  obligations: (Omit<Obligation, 'basis'> & { obligationLabel: string; basis: (Basis & { force: string })[] })[];
}
interface BranchRow {
  org: OrgJson;
  lights: BranchJson['lights'];
  obligations: Obligation[];
}

function complianceBranch(level: Level, month: string): Probe {
  const { from, to } = twelveMonths(month);
  return probe<BranchJson, BranchRow>({
    item: 'rollup',
    level,
    endpoint: 'GET /api/compliance/branch',
    path: `/api/compliance/branch?orgId=${level.org.id}&month=${month}`,
    sql: {
      text: `SELECT
               (SELECT json_build_object('id', id, 'name', name, 'type', type) FROM orgs WHERE id = $1) AS org,
               (SELECT coalesce(json_agg(json_build_object('month', to_char(month, 'YYYY-MM'), 'light', light, 'reasons', reasons) ORDER BY month), '[]')
                FROM branch_lights WHERE org_id = $1 AND month >= $2::date AND month <= $3::date) AS lights,
               (SELECT coalesce(json_agg(json_build_object(
                   'orgId', r.org_id, 'obligation', r.obligation, 'periodKind', r.period_kind, 'periodStart', r.period_start, 'periodEnd', r.period_end,
                   'light', r.light, 'held', r.held, 'minCount', r.min_count, 'ruleId', r.rule_id, 'code', r.code, 'severity', r.severity, 'message', r.message,
                   'basis', (SELECT coalesce(json_agg(json_build_object('parameter', b->>'parameterId', 'value', b->'value', 'effectiveFrom', b->>'effectiveFrom',
                                                                       'title', b->>'sourceTitle', 'article', b->>'article', 'quote', b->>'quote') ORDER BY i), '[]')
                             FROM jsonb_array_elements(r.basis) WITH ORDINALITY AS x(b, i)),
                   'evaluatedOn', r.evaluated_on) ORDER BY array_position($5::text[], r.obligation), r.period_start), '[]')
                FROM compliance_results r WHERE r.org_id = $1 AND r.period_start <= $4::date AND r.period_end >= $3::date) AS obligations`,
      values: [level.org.id, from, to, lastDay(month), [...MEETING_ACTIVITY_IDS]],
    },
    // Labels and the force of a basis are looked up in the regulations tree by the service: not compared.
    fromEndpoint: (j) => ({
      ...j,
      obligations: j.obligations.map(({ obligationLabel: _label, basis, ...o }) => ({ ...o, basis: basis.map(({ force: _force, ...b }) => b) })),
    }),
    fromSql: ([r]) => ({
      org: orgView(r!.org),
      month,
      light: r!.lights.find((l) => l.month === month)?.light ?? null,
      lights: r!.lights,
      obligations: r!.obligations,
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// GET /api/rectification/indicators and /api/rectification/red-black
// ---------------------------------------------------------------------------------------------

interface Aggregate {
  id: number;
  name: string;
  is_self: boolean;
  received: number;
  closed_on_time: number;
  overdue: number;
  returned: number;
  reopened: number;
}

/**
 * The org (its whole subtree) and each active direct child (its subtree): problems received in the year, closed on
 * time, overdue today, returns and reopenings. Problems are read once, grouped by the child their path runs
 * through, with the ROLLUP total as the org's own row (key -1). Unordered; tree order is is_self DESC, sort_order, id.
 */
function aggregatesSql(org: LevelOrg, year: number, asOf: string): { text: string; values: unknown[] } {
  const { lo, hi } = subtreeRange(org.path);
  return {
    text: `WITH p AS (
             SELECT p.status, p.closed_on_time, p.deadline, p.returned_count, p.reopened_count, NULLIF(split_part(ro.path, '/', $4), '')::integer AS child
             FROM problems p JOIN orgs ro ON ro.id = p.responsible_org_id JOIN rectification_batches b ON b.id = p.batch_id
             WHERE ro.path >= $2 AND ro.path < $3 AND b.issued_on >= make_date($5, 1, 1) AND b.issued_on < make_date($5 + 1, 1, 1)),
           g AS (
             SELECT CASE WHEN GROUPING(child) = 1 THEN -1 ELSE child END AS key, count(*)::integer AS received,
                    (count(*) FILTER (WHERE status = 'closed' AND closed_on_time))::integer AS closed_on_time,
                    (count(*) FILTER (WHERE status <> 'closed' AND deadline < $6::date))::integer AS overdue,
                    coalesce(sum(returned_count), 0)::integer AS returned, coalesce(sum(reopened_count), 0)::integer AS reopened
             FROM p GROUP BY ROLLUP (child)),
           t AS (SELECT id, name, true AS is_self, 0 AS sort_order, -1 AS key FROM orgs WHERE id = $1
                 UNION ALL SELECT id, name, false, sort_order, id FROM orgs WHERE parent_id = $1 AND status = 'active')
           SELECT t.id, t.name, t.is_self, t.sort_order, coalesce(g.received, 0) AS received, coalesce(g.closed_on_time, 0) AS closed_on_time,
                  coalesce(g.overdue, 0) AS overdue, coalesce(g.returned, 0) AS returned, coalesce(g.reopened, 0) AS reopened
           FROM t LEFT JOIN g ON g.key = t.key`,
    values: [org.id, lo, hi, childSegment(org), year, asOf],
  };
}

interface IndicatorsJson {
  items: { orgId: number; orgName: string; received: number; closedOnTime: number; overdue: number; reopened: number }[];
}

function indicators(level: Level, year: number, asOf: string): Probe {
  const aggregates = aggregatesSql(level.org, year, asOf);
  return probe<IndicatorsJson, Aggregate>({
    item: 'rollup',
    level,
    endpoint: 'GET /api/rectification/indicators',
    path: `/api/rectification/indicators?orgId=${level.org.id}&year=${year}`,
    sql: { text: `${aggregates.text} ORDER BY t.is_self DESC, t.sort_order, t.id`, values: aggregates.values },
    fromEndpoint: (j) => j,
    fromSql: (rows) => ({ items: rows.map((r) => ({ orgId: r.id, orgName: r.name, received: r.received, closedOnTime: r.closed_on_time, overdue: r.overdue, reopened: r.reopened })) }),
  });
}

interface RedBlackJson {
  red: { orgId: number; orgName: string; total: number; closedOnTime: number }[];
  black: { orgId: number; orgName: string; overdue: number; returned: number; reopened: number }[];
}

function redBlack(level: Level, year: number, asOf: string): Probe {
  const aggregates = aggregatesSql(level.org, year, asOf);
  return probe<RedBlackJson, { red: Aggregate[] | null; black: Aggregate[] | null }>({
    item: 'rollup',
    level,
    endpoint: 'GET /api/rectification/red-black',
    path: `/api/rectification/red-black?orgId=${level.org.id}&year=${year}`,
    // The children's aggregates once, then the red list in tree order and the black list in rank order.
    sql: {
      text: `SELECT json_agg(a ORDER BY a.sort_order, a.id) FILTER (WHERE a.received >= 1 AND a.closed_on_time = a.received) AS red,
                    json_agg(a ORDER BY a.overdue DESC, a.returned DESC, a.reopened DESC, a.name COLLATE "zh-x-icu") FILTER (WHERE a.overdue > 0 OR a.returned > 0) AS black
             FROM (${aggregates.text}) a WHERE NOT a.is_self`,
      values: aggregates.values,
    },
    fromEndpoint: (j) => j,
    fromSql: ([r]) => ({
      red: (r!.red ?? []).map((a) => ({ orgId: a.id, orgName: a.name, total: a.received, closedOnTime: a.closed_on_time })),
      black: (r!.black ?? []).map((a) => ({ orgId: a.id, orgName: a.name, overdue: a.overdue, returned: a.returned, reopened: a.reopened })),
    }),
  });
}

/** Item 1 at the three levels: the 工委 and the organ see the overview, the branch its own compliance page. */
export function rollupProbes(ctx: RollupContext): Probe[] {
  const probes: Probe[] = [];
  for (const level of [ctx.committee, ctx.organ, ctx.branch]) {
    probes.push(dashboard(level, ctx.asOf), memberStats(level, ctx.asOf));
    probes.push(level === ctx.branch ? complianceBranch(level, ctx.month) : complianceOverview(level, ctx.month));
    probes.push(indicators(level, ctx.year, ctx.asOf), redBlack(level, ctx.year, ctx.asOf));
  }
  return probes;
}
