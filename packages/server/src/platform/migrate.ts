import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './db.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface MigrationFile {
  name: string;
  checksum: string;
  text: string;
}

export class MigrationError extends Error {}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  const names = readdirSync(dir).filter((n) => n.endsWith('.sql')).sort();
  names.forEach((name, i) => {
    const expected = String(i + 1).padStart(4, '0');
    if (!name.startsWith(`${expected}_`)) {
      throw new MigrationError(`migration ${name}: expected number ${expected} (files are numbered 0001_, 0002_, … without gaps)`);
    }
  });
  return names.map((name) => {
    const text = readFileSync(`${dir}/${name}`, 'utf8');
    return { name, text, checksum: createHash('sha256').update(text).digest('hex') };
  });
}

/**
 * Applies pending migrations in order, each in its own transaction, recording name and checksum.
 * Fails loudly when an applied migration was edited afterwards or when a script fails.
 */
export async function migrate(database: Database, files = readMigrations()): Promise<string[]> {
  await database.execScript(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied = await queryRows<{ name: string; checksum: string }>(
    database.db,
    sql`SELECT name, checksum FROM schema_migrations ORDER BY name`,
  );
  const byName = new Map(applied.map((r) => [r.name, r.checksum]));
  for (const name of byName.keys()) {
    if (!files.some((f) => f.name === name)) {
      throw new MigrationError(`migration ${name} is recorded as applied but its file is missing`);
    }
  }
  const done: string[] = [];
  for (const file of files) {
    const recorded = byName.get(file.name);
    if (recorded !== undefined) {
      if (recorded !== file.checksum) {
        throw new MigrationError(`migration ${file.name} was edited after it was applied (checksum differs); add a new migration instead`);
      }
      continue;
    }
    const escaped = file.name.replaceAll("'", "''");
    try {
      await database.execScript(
        `BEGIN;\n${file.text}\n;INSERT INTO schema_migrations (name, checksum) VALUES ('${escaped}', '${file.checksum}');\nCOMMIT;`,
      );
    } catch (error) {
      await database.execScript('ROLLBACK').catch(() => undefined);
      throw new MigrationError(`migration ${file.name} failed: ${(error as Error).message}`);
    }
    done.push(file.name);
  }
  return done;
}
