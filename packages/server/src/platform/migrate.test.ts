import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-app.js';
import { queryRows, type Database } from './db.js';
import { migrate, MigrationError, readMigrations, type MigrationFile } from './migrate.js';
import * as schema from './schema.js';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';

let opened: { database: Database; drop: () => Promise<void> } | null = null;
afterEach(async () => {
  await opened?.drop();
  opened = null;
});

async function fresh() {
  opened = await openTestDatabase();
  return opened.database;
}

const file = (name: string, text: string): MigrationFile => ({ name, text, checksum: `sum-${text.length}-${name}` });

describe('migrate', () => {
  it('applies every migration once, in order, and records it', async () => {
    const database = await fresh();
    const first = await migrate(database);
    expect(first).toEqual(readMigrations().map((f) => f.name));
    expect(await migrate(database)).toEqual([]);
  });

  it('refuses a migration edited after it was applied', async () => {
    const database = await fresh();
    await migrate(database, [file('0001_a.sql', 'CREATE TABLE a (id int);')]);
    await expect(migrate(database, [{ ...file('0001_a.sql', 'CREATE TABLE a (id int);'), checksum: 'other' }])).rejects.toThrow(/edited after it was applied/);
  });

  it('fails loudly and leaves nothing half-applied when a script fails', async () => {
    const database = await fresh();
    await expect(migrate(database, [file('0001_bad.sql', 'CREATE TABLE b (id int); SELECT no_such_function();')])).rejects.toThrow(MigrationError);
    const tables = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::integer AS n FROM information_schema.tables WHERE table_name = 'b'`);
    expect(tables[0]?.n).toBe(0);
    const recorded = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::integer AS n FROM schema_migrations`);
    expect(recorded[0]?.n).toBe(0);
  });

  it('refuses when an applied migration file has gone missing', async () => {
    const database = await fresh();
    await migrate(database, [file('0001_a.sql', 'CREATE TABLE a (id int);')]);
    await expect(migrate(database, [])).rejects.toThrow(/file is missing/);
  });

  it('the migration files are numbered without gaps', () => {
    readMigrations().forEach((f, i) => expect(f.name.startsWith(String(i + 1).padStart(4, '0'))).toBe(true));
  });

  it('every column declared in schema.ts exists in the migrated database', async () => {
    const database = await fresh();
    await migrate(database);
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      database.db,
      sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    const present = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
    for (const table of Object.values(schema)) {
      if (!is(table, PgTable)) continue;
      for (const column of Object.values(getTableColumns(table))) {
        expect(present, `${getTableName(table)}.${column.name}`).toContain(`${getTableName(table)}.${column.name}`);
      }
    }
  });
});
