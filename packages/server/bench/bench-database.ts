// A throw-away database for one benchmark: a new PostgreSQL database created through `adminUrl` (dropped by
// `drop()`), or an in-memory PGlite when `adminUrl` is null.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db.js';

export async function openBenchDatabase(adminUrl: string | null): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!adminUrl) {
    const database = await openDatabase({ databaseUrl: null, dataDir: null });
    return { database, drop: () => database.close() };
  }
  const name = `dangjian_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
