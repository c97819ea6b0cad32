// Item 5: requests per second of one member-facing read (GET /api/me/activities as a member, through the whole app:
// session lookup, scope, three queries, serialization) next to a bare Fastify app on the same database doing one
// trivial query, under the same autocannon load. The load generator runs in a worker thread (autocannon `workers`),
// so it does not share the event loop of the servers it measures.
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import type { HttpSession } from './http-client.js';

export const THROUGHPUT_TARGET_RATIO = 0.6;
const CONNECTIONS = 10;

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  requests: number;
  errors: number;
}

export interface ThroughputResult {
  app: LoadResult;
  baseline: LoadResult;
  ratio: number;
  durationSeconds: number;
  connections: number;
}

async function load(url: string, headers: Record<string, string>, duration: number): Promise<LoadResult> {
  // One second first, untimed: JIT, connection pools and caches warm up as they would in a long-running server.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 1, workers: 1 });
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration, workers: 1 });
  return {
    requestsPerSecond: r.requests.average,
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    requests: r.requests.total,
    // Anything but 2xx counts: a benchmark of error pages would be meaningless.
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

/** The baseline: Fastify, one route, one indexed single-row query over its own pool (the app's pool size). */
async function startBaseline(databaseUrl: string): Promise<{ url: (id: number) => string; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/member/:id', async (request) => {
    const { rows } = await pool.query('SELECT id, name FROM members WHERE id = $1', [Number(request.params.id)]);
    return rows[0] ?? null;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: (id) => `http://127.0.0.1:${port}/member/${id}`,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

export async function benchThroughput(member: HttpSession, memberId: number, databaseUrl: string, durationSeconds: number): Promise<ThroughputResult> {
  const app = await load(`${member.baseUrl}/api/me/activities`, { cookie: member.cookie }, durationSeconds);
  const baselineServer = await startBaseline(databaseUrl);
  try {
    const baseline = await load(baselineServer.url(memberId), {}, durationSeconds);
    return { app, baseline, ratio: app.requestsPerSecond / baseline.requestsPerSecond, durationSeconds, connections: CONNECTIONS };
  } finally {
    await baselineServer.close();
  }
}
