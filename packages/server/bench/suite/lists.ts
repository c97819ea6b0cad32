// Item 2: tree navigation, searches and the warning center, each paired with one hand-written SQL statement
// (the first page and its total in one round trip, via count(*) OVER ()). Pages are compared id by id, in order.
import type pg from 'pg';
import { ELECTED_ORG_TYPES } from '../../src/modules/committees/committee-posts.js';
import { ON_ROSTER_LIST } from '../../src/modules/members/members.schemas.js';
import { ORG_STATUS_LABELS, orgTypeLabel } from '../../src/modules/org/org-types.js';
import { containsPattern } from '../../src/platform/http-schemas.js';
import { subtreeRange } from '../../src/platform/scope.js';
import { probe, type Level, type Probe } from './probe.js';

/** The endpoints' default page size (pageWindow in platform/http-schemas.ts). */
const PAGE_SIZE = 20;

export interface ListContext {
  committee: Level;
  organ: Level;
  asOf: string;
  /** Rule parameters the warnings use, resolved for asOf (org-rules / member-rules). */
  electionHorizonDays: number;
  probationLeadDays: number;
  terms: SearchTerms;
}

export interface SearchTerms {
  /** An org name fragment matching a few hundred orgs of the tree. */
  org: string;
  /** A surname + first given-name character common in the organ. */
  member: string;
}

/**
 * Search terms taken from the data, so that every scale searches for something that exists: the short name
 * (e.g. 办公室党支部) whose count is nearest 300, and the organ's most frequent two-character name prefix.
 */
export async function pickSearchTerms(client: pg.Client, committee: Level, organ: Level): Promise<SearchTerms> {
  const root = subtreeRange(committee.org.path);
  const { rows: orgRows } = await client.query<{ term: string }>(
    `SELECT short_name AS term FROM orgs WHERE path >= $1 AND path < $2 AND short_name IS NOT NULL
     GROUP BY short_name ORDER BY abs(ln(count(*)) - ln(300)), short_name LIMIT 1`,
    [root.lo, root.hi],
  );
  const unit = subtreeRange(organ.org.path);
  const { rows: memberRows } = await client.query<{ term: string }>(
    `SELECT left(m.name, 2) AS term FROM members m JOIN orgs o ON o.id = m.org_id
     WHERE o.path >= $1 AND o.path < $2 AND m.status IN ${ON_ROSTER_LIST} AND length(m.name) >= 3
     GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    [unit.lo, unit.hi],
  );
  if (!orgRows[0] || !memberRows[0]) throw new Error('the dataset has no org short names or no members to search for');
  return { org: orgRows[0].term, member: memberRows[0].term };
}

interface OrgSummaryJson {
  id: number; parentId: number | null; name: string; shortName: string | null; type: string; typeLabel: string; status: string; statusLabel: string; hasChildren: boolean;
}
interface OrgSummaryRow {
  id: number; parent_id: number | null; name: string; short_name: string | null; type: string; status: string; has_children: boolean;
}
const orgSummary = (r: OrgSummaryRow): OrgSummaryJson => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  shortName: r.short_name,
  type: r.type,
  typeLabel: orgTypeLabel(r.type),
  status: r.status,
  statusLabel: ORG_STATUS_LABELS[r.status as keyof typeof ORG_STATUS_LABELS] ?? r.status,
  hasChildren: r.has_children,
});

function children(level: Level): Probe {
  return probe<{ items: OrgSummaryJson[] }, OrgSummaryRow>({
    item: 'list',
    level,
    endpoint: 'GET /api/orgs/:id/children',
    path: `/api/orgs/${level.org.id}/children`,
    // The parent is the actor's scope root, so every child is in scope: no scope condition is needed.
    sql: {
      text: `SELECT o.id, o.parent_id, o.name, o.short_name, o.type, o.status, EXISTS (SELECT 1 FROM orgs c WHERE c.parent_id = o.id) AS has_children
             FROM orgs o WHERE o.parent_id = $1 ORDER BY o.sort_order, o.id`,
      values: [level.org.id],
    },
    fromEndpoint: (j) => j,
    fromSql: (rows) => ({ items: rows.map(orgSummary) }),
  });
}

function orgSearch(level: Level, term: string): Probe {
  const { lo, hi } = subtreeRange(level.org.path);
  return probe<{ items: (OrgSummaryJson & { pathNames: string })[]; total: number }, OrgSummaryRow & { path_names: string; total: number }>({
    item: 'list',
    level,
    endpoint: `GET /api/orgs?q=${term}`,
    path: `/api/orgs?q=${encodeURIComponent(term)}`,
    // pathNames: the names of the ancestors below the scope root's depth down to the parent.
    sql: {
      text: `SELECT o.id, o.parent_id, o.name, o.short_name, o.type, o.status, EXISTS (SELECT 1 FROM orgs c WHERE c.parent_id = o.id) AS has_children,
                    coalesce((SELECT string_agg(a.name, ' / ' ORDER BY x.ord)
                              FROM unnest(string_to_array(trim(BOTH '/' FROM o.path), '/')::integer[]) WITH ORDINALITY AS x(id, ord) JOIN orgs a ON a.id = x.id
                              WHERE x.ord > $4 AND x.ord <= o.depth), '') AS path_names,
                    (count(*) OVER ())::integer AS total
             FROM orgs o WHERE o.path >= $1 AND o.path < $2 AND o.name ILIKE $3
             ORDER BY o.depth, o.name, o.id LIMIT ${PAGE_SIZE}`,
      values: [lo, hi, containsPattern(term), level.org.depth],
    },
    fromEndpoint: (j) => ({ items: j.items, total: j.total }),
    fromSql: (rows) => ({ items: rows.map((r) => ({ ...orgSummary(r), pathNames: r.path_names })), total: rows[0]?.total ?? 0 }),
  });
}

interface MemberItem {
  id: number;
  name: string;
  orgId: number;
  orgName: string;
}

function memberSearch(level: Level, term: string): Probe {
  const { lo, hi } = subtreeRange(level.org.path);
  return probe<{ items: MemberItem[]; total: number }, { id: number; name: string; org_id: number; org_name: string; total: number }>({
    item: 'list',
    level,
    endpoint: `GET /api/members?q=${term}`,
    path: `/api/members?q=${encodeURIComponent(term)}`,
    sql: {
      text: `SELECT m.id, m.name, m.org_id, o.name AS org_name, (count(*) OVER ())::integer AS total
             FROM members m JOIN orgs o ON o.id = m.org_id
             WHERE o.path >= $1 AND o.path < $2 AND m.status IN ${ON_ROSTER_LIST} AND m.name ILIKE $3
             ORDER BY m.name, m.id LIMIT ${PAGE_SIZE}`,
      values: [lo, hi, containsPattern(term)],
    },
    fromEndpoint: (j) => ({ items: j.items.map((m) => ({ id: m.id, name: m.name, orgId: m.orgId, orgName: m.orgName })), total: j.total }),
    fromSql: (rows) => ({ items: rows.map((r) => ({ id: r.id, name: r.name, orgId: r.org_id, orgName: r.org_name })), total: rows[0]?.total ?? 0 }),
  });
}

interface WarningItem {
  key: string;
  kind: string;
  orgId: number;
  orgName: string;
  dueOn: string | null;
}
interface WarningRow {
  kind: string;
  org_id: number;
  org_name: string;
  due_on: string | null;
  ref: string | null;
  total: number;
}

/** Kinds whose key ends in the row id the list is sorted by last (finding_id in warnings.service.ts). */
const KEYED_BY_ROW = new Set(['finding', 'probation', 'transfer', 'absence', 'problem']);
const warningKey = (r: WarningRow) => (r.kind === 'no_election' ? `no-election-${r.org_id}` : r.kind === 'election' ? `election-${r.org_id}` : r.kind === 'meeting' ? `meeting-${r.org_id}-${r.ref}` : `${r.kind}-${r.ref}`);
/** The list's sort key (due date, org name, row id), read back from a mapped item. */
const warningSortKey = (w: WarningItem) => `${w.dueOn ?? '~'}|${w.orgName}|${KEYED_BY_ROW.has(w.kind) ? w.key.slice(w.key.lastIndexOf('-') + 1) : ''}`;

function warnings(level: Level, ctx: ListContext): Probe {
  const { lo, hi } = subtreeRange(level.org.path);
  const elected = ELECTED_ORG_TYPES.filter((t) => t !== 'temporary_branch').map((t) => `'${t}'`).join(', ');
  return probe<{ items: WarningItem[]; total: number }, WarningRow>({
    item: 'list',
    level,
    endpoint: 'GET /api/warnings',
    path: '/api/warnings',
    sql: {
      text: `WITH o AS MATERIALIZED (SELECT id, name, type FROM orgs WHERE path >= $1 AND path < $2 AND status = 'active'),
             w AS (
               SELECT 'election' AS kind, o.id AS org_id, o.name AS org_name, t.due_on, NULL::bigint AS row_id, NULL::text AS ref
               FROM org_terms t JOIN o ON o.id = t.org_id WHERE t.due_on <= $3::date + $4::integer
               UNION ALL SELECT 'finding', o.id, o.name, f.due_on, f.id, f.id::text FROM org_findings f JOIN o ON o.id = f.org_id
               UNION ALL SELECT 'no_election', o.id, o.name, NULL, NULL, NULL FROM o
                         WHERE o.type IN (${elected}) AND NOT EXISTS (SELECT 1 FROM org_terms t WHERE t.org_id = o.id)
               UNION ALL SELECT 'probation', o.id, o.name, m.probation_ends_on, m.id, m.id::text FROM members m JOIN o ON o.id = m.org_id
                         WHERE m.category = 'probationary' AND m.status IN ${ON_ROSTER_LIST} AND m.probation_ends_on <= $3::date + $5::integer
               UNION ALL SELECT 'transfer', o.id, o.name, t.response_due_on, t.id, t.id::text FROM member_transfers t JOIN o ON o.id = t.to_org_id
                         WHERE t.status = 'pending' AND t.response_due_on < $3::date
               UNION ALL SELECT 'meeting', o.id, o.name, r.period_end, NULL, r.obligation || '-' || r.period_start FROM compliance_results r JOIN o ON o.id = r.org_id
                         WHERE (r.light = 'red' AND r.period_end > $3::date - interval '12 months') OR (r.light = 'yellow' AND r.period_start <= $3::date AND r.period_end >= $3::date)
               UNION ALL SELECT 'absence', o.id, o.name, NULL, f.member_id, f.member_id::text FROM member_absence_findings f JOIN o ON o.id = f.org_id
               UNION ALL SELECT 'problem', o.id, o.name, p.deadline, p.id, p.id::text FROM problems p JOIN o ON o.id = p.responsible_org_id
                         WHERE p.status <> 'closed' AND p.deadline < $3::date)
             SELECT kind, org_id, org_name, due_on::text AS due_on, ref, (count(*) OVER ())::integer AS total
             FROM w ORDER BY w.due_on ASC NULLS LAST, w.org_name, w.row_id LIMIT ${PAGE_SIZE}`,
      values: [lo, hi, ctx.asOf, ctx.electionHorizonDays, ctx.probationLeadDays],
    },
    fromEndpoint: (j) => ({ items: j.items.map((w) => ({ key: w.key, kind: w.kind, orgId: w.orgId, orgName: w.orgName, dueOn: w.dueOn })), total: j.total }),
    fromSql: (rows) => ({ items: rows.map((r) => ({ key: warningKey(r), kind: r.kind, orgId: r.org_id, orgName: r.org_name, dueOn: r.due_on })), total: rows[0]?.total ?? 0 }),
    page: { size: PAGE_SIZE, items: (a) => (a as { items: WarningItem[] }).items, sortKey: (w) => warningSortKey(w as WarningItem), id: (w) => (w as WarningItem).key },
  });
}

export function listProbes(ctx: ListContext): Probe[] {
  return [
    children(ctx.committee),
    children(ctx.organ),
    orgSearch(ctx.committee, ctx.terms.org),
    warnings(ctx.committee, ctx),
    memberSearch(ctx.organ, ctx.terms.member),
    memberSearch(ctx.committee, ctx.terms.member),
  ];
}
