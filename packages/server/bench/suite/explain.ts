// Query plans of the slowest probe: EXPLAIN (ANALYZE, BUFFERS) of its hand-written SQL, and of the endpoint's own
// slowest statement, captured while one request runs by wrapping pg.Pool#query (reads in the app go through its pool;
// nothing else uses a pool during the capture, requests being sequential).
import pg from 'pg';
import { getJson } from './http-client.js';
import type { Probe, ProbeResult, SqlQuery } from './probe.js';

export interface ExplainResult {
  level: string;
  endpoint: string;
  sqlPlan: string;
  /** The endpoint's slowest statement during one request, and its plan; null when none was captured. */
  endpointQuery: { text: string; ms: number; plan: string } | null;
}

type Timed = { query: SqlQuery; ms: number };

async function captureSlowestQuery(run: () => Promise<unknown>): Promise<Timed | null> {
  const original = pg.Pool.prototype.query;
  const seen: Timed[] = [];
  const wrapped = function (this: pg.Pool, ...args: unknown[]) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
    // (text, values) or (config, values): drizzle passes its parameters beside a config object.
    const text = typeof first === 'string' ? first : first.text;
    const query: SqlQuery = { text, values: Array.isArray(second) ? second : typeof first === 'string' ? [] : (first.values ?? []) };
    const start = process.hrtime.bigint();
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) void result.then(() => seen.push({ query, ms: Number(process.hrtime.bigint() - start) / 1e6 }), () => undefined);
    return result;
  };
  pg.Pool.prototype.query = wrapped as typeof original;
  try {
    await run();
  } finally {
    pg.Pool.prototype.query = original;
  }
  return seen.reduce<Timed | null>((a, b) => (a && a.ms >= b.ms ? a : b), null);
}

async function explain(client: pg.Client, query: SqlQuery): Promise<string> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>({ text: `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, values: query.values });
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

export async function explainSlowest(client: pg.Client, slowest: ProbeResult, probe: Probe): Promise<ExplainResult> {
  const sqlPlan = await explain(client, slowest.sql);
  const captured = await captureSlowestQuery(() => getJson(probe.session, probe.path));
  return {
    level: slowest.level,
    endpoint: slowest.endpoint,
    sqlPlan,
    endpointQuery: captured ? { text: captured.query.text, ms: captured.ms, plan: await explain(client, captured.query) } : null,
  };
}
