// Small SQL builders shared by the compliance module: id arrays as one parameter and bulk upserts through
// jsonb_to_recordset (one parameter per batch, whatever its size, the same on PostgreSQL and PGlite).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.js';

/** `= ANY(…)` operand: integer ids as one array parameter (no parameter-count limit). */
export function intArray(ids: readonly number[]): SQL {
  return sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::integer[]`;
}

/**
 * Turns PostgreSQL's JIT compilation off for the rest of the transaction, where the server has it (openGauss and
 * KingbaseES may not: then nothing happens). A batch's grouped queries over thousands of orgs are estimated costly
 * enough to be compiled, and compiling them takes longer than running them.
 */
export async function withoutJit(db: Db) {
  await db.execute(sql`SELECT set_config('jit', 'off', true) FROM pg_settings WHERE name = 'jit'`);
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

/**
 * Makes the rows of `table` of the orgs `scope.orgIds` (column org_id) that match `scope.where` exactly `rows`:
 * deletes the others, then inserts `rows`, updating in place those already there (no foreign-key check then, and no
 * new index entry when no indexed value changes: a daily re-evaluation mostly finds the same rows). `key` is the
 * table's primary key.
 *
 * Rows repeat long values: each distinct set of those (`shared`, e.g. one verdict with its message and basis) is sent
 * once, each row as its own columns plus `shared_index`, the position of its set in `shared`. Thousands of orgs
 * judged alike then cost a few bytes of JSON each instead of the whole verdict (parsing that JSON was most of the
 * time of a batch's writes).
 */
export async function replaceSharedRows(
  db: Db,
  table: string,
  columns: { own: Record<string, string>; shared: Record<string, string> },
  rows: readonly (Record<string, unknown> & { shared_index: number })[],
  shared: readonly Record<string, unknown>[],
  key: readonly string[],
  scope: { orgIds: readonly number[]; where?: SQL },
) {
  if (scope.orgIds.length === 0) return;
  const t = sql.raw(table);
  const types: Record<string, string> = { ...columns.own, ...columns.shared };
  const names = Object.keys(types);
  const record = (cols: Record<string, string>) => sql.raw([...Object.entries(cols), ['shared_index', 'integer']].map(([n, type]) => `${n} ${type}`).join(', '));
  const values = sql.raw([...Object.keys(columns.own).map((c) => `r.${c}`), ...Object.keys(columns.shared).map((c) => `s.${c}`)].join(', '));
  const source = sql`SELECT ${values} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(${record(columns.own)})
    JOIN jsonb_to_recordset(${JSON.stringify(shared.map((set, i) => ({ ...set, shared_index: i })))}::jsonb) AS s(${record(columns.shared)}) ON s.shared_index = r.shared_index`;
  const keys = sql.raw(key.join(', '));
  const where = scope.where ? sql` AND ${scope.where}` : sql``;

  // The rows to delete are found org by org through the index (whatever the table's statistics say), and compared
  // with those passed by NOT IN (an uncorrelated subquery, hashed once); usually there are none, and nothing is deleted.
  const stale = await queryRows<Record<string, string>>(
    db,
    sql`SELECT ${sql.raw(key.map((k) => `x.${k}::text AS ${k}`).join(', '))} FROM unnest(${intArray(scope.orgIds)}) AS o(id)
        CROSS JOIN LATERAL (SELECT ${keys} FROM ${t} WHERE org_id = o.id${where} OFFSET 0) x
        WHERE (${sql.raw(key.map((k) => `x.${k}`).join(', '))}) NOT IN (SELECT ${keys} FROM (${source}) n)`,
  );
  if (stale.length > 0) {
    // The scope again: a row another transaction has meanwhile moved out of it (an absence finding of a member now in
    // another branch) stays.
    await db.execute(sql`DELETE FROM ${t} WHERE (${keys}) IN (SELECT ${keys} FROM jsonb_to_recordset(${JSON.stringify(stale)}::jsonb) AS k(${sql.raw(key.map((k) => `${k} ${types[k]}`).join(', '))}))
      AND org_id = ANY(${intArray(scope.orgIds)})${where}`);
  }
  if (rows.length === 0) return;
  const update = names.filter((n) => !key.includes(n));
  await db.execute(sql`INSERT INTO ${t} (${sql.raw(names.join(', '))}) ${source}
    ON CONFLICT (${keys}) DO UPDATE SET ${sql.raw(update.map((c) => `${c} = EXCLUDED.${c}`).join(', '))}`);
}
