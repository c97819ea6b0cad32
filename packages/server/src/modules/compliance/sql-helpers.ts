// Small SQL builders shared by the compliance module: id arrays as one parameter and bulk upserts through
// jsonb_to_recordset (one parameter per batch, whatever its size, the same on PostgreSQL and PGlite).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';

/** `= ANY(…)` operand: integer ids as one array parameter (no parameter-count limit). */
export function intArray(ids: readonly number[]): SQL {
  return sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::integer[]`;
}

/** `= ANY(…)` operand: strings as one text[] parameter. */
export function textArray(values: readonly string[]): SQL {
  return sql`(SELECT coalesce(array_agg(v), '{}') FROM jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) v)`;
}

/**
 * `INSERT INTO table (cols) SELECT cols FROM jsonb_to_recordset($1) … ON CONFLICT (key) DO UPDATE SET …` in batches.
 * `columns` maps each column to its SQL type; `update` lists the columns overwritten on conflict (empty: DO NOTHING).
 */
export async function bulkUpsert(db: Db, table: string, columns: Record<string, string>, rows: readonly Record<string, unknown>[], conflict: readonly string[], update: readonly string[], batchSize = 5000) {
  const names = Object.keys(columns);
  const cols = sql.raw(names.join(', '));
  const record = sql.raw(names.map((n) => `${n} ${columns[n]}`).join(', '));
  const onConflict = update.length > 0 ? sql.raw(`DO UPDATE SET ${update.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`) : sql.raw('DO NOTHING');
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = JSON.stringify(rows.slice(i, i + batchSize));
    await db.execute(sql`INSERT INTO ${sql.raw(table)} (${cols}) SELECT ${cols} FROM jsonb_to_recordset(${batch}::jsonb) AS x(${record})
      ON CONFLICT (${sql.raw(conflict.join(', '))}) ${onConflict}`);
  }
}
