// Throw-away databases for benchmarks: `createThrowawayDatabase` makes a new, empty PostgreSQL database on the server
// of `adminUrl` (dropped by `drop()`); `openBenchDatabase` opens one through the app's database layer, or an
// in-memory PGlite when `adminUrl` is null.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db.js';

export async function createThrowawayDatabase(adminUrl: string, label = 'run'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `dangjian_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function openBenchDatabase(adminUrl: string | null): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!adminUrl) {
    const database = await openDatabase({ databaseUrl: null, dataDir: null });
    return { database, drop: () => database.close() };
  }
  const throwaway = await createThrowawayDatabase(adminUrl);
  const database = await openDatabase({ databaseUrl: throwaway.url, dataDir: null });
  return {
    database,
    drop: async () => {
      await database.close();
      await throwaway.drop();
    },
  };
}
