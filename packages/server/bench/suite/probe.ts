// A probe: one endpoint request paired with the hand-written SQL that computes the same answer on the same
// database. The probe checks both answers agree (after mapping each to the compared fields), then times both.
import type pg from 'pg';
import { comparePage, diff, type PageCheck } from './compare.js';
import { getJson, type HttpSession } from './http-client.js';
import { sample, type Latency } from './timing.js';

/** One org a dataset account is granted on. */
export interface LevelOrg {
  id: number;
  name: string;
  path: string;
  depth: number;
  type: string;
}

export interface Level {
  /** '工委', '机关', '支部'. */
  label: string;
  username: string;
  org: LevelOrg;
  session: HttpSession;
}

export interface SqlQuery {
  text: string;
  values: unknown[];
}

export interface Probe {
  item: 'rollup' | 'list';
  level: string;
  endpoint: string;
  path: string;
  session: HttpSession;
  sql: SqlQuery;
  fromEndpoint(body: unknown): unknown;
  fromSql(rows: unknown[]): unknown;
  check(endpoint: unknown, raw: unknown): PageCheck;
}

interface ProbeDef<E, R> {
  item: Probe['item'];
  level: Level;
  endpoint: string;
  path: string;
  sql: SqlQuery;
  /** The compared fields of the endpoint's answer. */
  fromEndpoint(body: E): unknown;
  /** The SQL rows mapped to the same shape. */
  fromSql(rows: R[]): unknown;
  /** For paged lists whose ORDER BY is not total: the sort key and id of a mapped row (see comparePage). */
  page?: { size: number; items(answer: unknown): unknown[]; sortKey(row: unknown): string; id(row: unknown): string };
}

/** Builds a probe from typed mappers (the types are the endpoint's JSON and the SQL row as the mappers read them). */
export function probe<E, R>(def: ProbeDef<E, R>): Probe {
  const { page } = def;
  return {
    item: def.item,
    level: `${def.level.label} ${def.level.username}`,
    endpoint: def.endpoint,
    path: def.path,
    session: def.level.session,
    sql: def.sql,
    fromEndpoint: (body) => def.fromEndpoint(body as E),
    fromSql: (rows) => def.fromSql(rows as R[]),
    check: (endpoint, raw) => {
      if (!page) return { diffs: diff(endpoint, raw), ties: 0 };
      const rest = (answer: unknown) => ({ ...(answer as Record<string, unknown>), items: undefined });
      const pageCheck = comparePage(page.items(endpoint), page.items(raw), page.sortKey, page.id, page.size);
      return { diffs: [...diff(rest(endpoint), rest(raw)), ...pageCheck.diffs], ties: pageCheck.ties };
    },
  };
}

export interface ProbeResult {
  item: Probe['item'];
  level: string;
  endpoint: string;
  path: string;
  sql: SqlQuery;
  endpointLatency: Latency;
  sqlLatency: Latency;
  diffs: string[];
  ties: number;
}

export async function runProbe(p: Probe, client: pg.Client, n: number): Promise<ProbeResult> {
  const endpointAnswer = p.fromEndpoint(await getJson(p.session, p.path));
  const rawAnswer = p.fromSql((await client.query(p.sql)).rows);
  const { diffs, ties } = p.check(endpointAnswer, rawAnswer);
  const endpointLatency = await sample(() => getJson(p.session, p.path), n);
  const sqlLatency = await sample(() => client.query(p.sql), n);
  return { item: p.item, level: p.level, endpoint: p.endpoint, path: p.path, sql: p.sql, endpointLatency, sqlLatency, diffs, ties };
}
