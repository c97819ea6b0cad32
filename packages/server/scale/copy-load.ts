// Bulk loading for the scale generator: `COPY … FROM STDIN` (text format) on one connection per table, so that
// row generation in node overlaps PostgreSQL's work, with the load made cheap the usual way:
//
// - Foreign keys: every FK constraint touching a loaded table is captured (pg_get_constraintdef) and dropped before
//   the load, then added back NOT VALID and VALIDATEd afterwards — one set-based check per constraint instead of a
//   trigger per row, and it really checks the generated data. Needs only table ownership (no superuser, unlike
//   `session_replication_role = replica`), and lets each table's transaction TRUNCATE it and COPY … FREEZE: the rows
//   are written frozen and all-visible, so nothing rewrites them later (hint bits, anti-wraparound vacuum) and
//   index-only scans work at once.
// - Secondary indexes (not PKs, not constraints) of the loaded tables are captured (pg_indexes.indexdef), dropped, and
//   rebuilt after the load with a large maintenance_work_mem: a sort is far cheaper than millions of random btree
//   inserts. Measured on `province` (5.3M rows; CPU-seconds of the PostgreSQL backends): 11.3 rebuilding the indexes,
//   14.9 keeping them; `session_replication_role = replica` instead of dropping the foreign keys: 10.2 (but no
//   check at all, and pages neither frozen nor all-visible). The old INSERT … SELECT FROM unnest used 34.9.
//   Total on a quiet machine: 12 s, against 64 s before.
//
// A failed load (an error from PostgreSQL or from the generator) rolls the tables back and puts the constraints and
// indexes back (see dataset.ts). If the process is killed in the middle, the database is left without them: it is a
// throw-away database for generated data, so drop it and start again with an empty one.
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import copyStreams, { type CopyStreamQuery } from 'pg-copy-streams';

// ---------------------------------------------------------------------------------------------
// COPY text format
// ---------------------------------------------------------------------------------------------

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A string as a field of COPY's text format: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : value;
}

/**
 * One row as a line of COPY's text format: null and undefined are `\N`, numbers must be finite, booleans `t`/`f`,
 * dates in ISO 8601, other objects as JSON (for jsonb columns).
 */
export function copyLine(row: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += '\t';
    const v = row[i];
    if (v === null || v === undefined) line += '\\N';
    else if (typeof v === 'string') line += copyText(v);
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new RangeError(`COPY: column ${i + 1} is not a finite number (${v})`);
      line += String(v);
    } else if (typeof v === 'boolean') line += v ? 't' : 'f';
    else if (v instanceof Date) line += v.toISOString();
    else if (typeof v === 'bigint') line += v.toString();
    else line += copyText(JSON.stringify(v));
  }
  return `${line}\n`;
}

// ---------------------------------------------------------------------------------------------
// Streaming writer: one connection, transaction and COPY per table
// ---------------------------------------------------------------------------------------------

export interface CopyTableSpec {
  name: string;
  columns: readonly string[];
}

export interface CopyTableStats {
  name: string;
  rows: number;
  bytes: number;
  /** From the start of the load to the commit of this table's COPY. */
  seconds: number;
}

/** Bytes buffered per table before a chunk is handed to its stream. */
const CHUNK = 128 * 1024;

class CopyTable {
  rows = 0;
  bytes = 0;
  buffer = '';
  seconds = 0;
  error: Error | null = null;

  constructor(
    readonly spec: CopyTableSpec,
    readonly client: pg.Client,
    readonly stream: CopyStreamQuery,
  ) {
    stream.on('error', (e: Error) => {
      this.error ??= e;
    });
  }

  fail(): never {
    const e = this.error!;
    throw new Error(`COPY ${this.spec.name}: ${e.message}`, { cause: e });
  }

  /** Hands the buffer to the stream; waits while the stream is full (backpressure). */
  async flush(): Promise<void> {
    if (this.error) this.fail();
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    this.bytes += Buffer.byteLength(chunk);
    if (!this.stream.write(chunk)) {
      try {
        await once(this.stream, 'drain');
      } catch {
        this.fail();
      }
    }
  }
}

/**
 * Writes rows to several tables at once, each through its own connection: `BEGIN; TRUNCATE; COPY … FREEZE`, and the
 * commit at `finish()`. Tables are independent transactions, so nothing may reference across them while loading:
 * call `dropForeignKeys` first.
 */
export class CopyWriter {
  private readonly tables = new Map<string, CopyTable>();
  private readonly started = process.hrtime.bigint();
  private lastReport = Date.now();

  private constructor(private readonly log: (line: string) => void) {}

  static async open(url: string, specs: readonly CopyTableSpec[], log: (line: string) => void): Promise<CopyWriter> {
    const writer = new CopyWriter(log);
    try {
      for (const spec of specs) {
        const client = new pg.Client({ connectionString: url, options: '-c timezone=UTC' });
        client.on('error', () => undefined); // reported through the query or stream that failed
        await client.connect();
        // Bulk load of generated data: losing the last commits on a crash is fine.
        await client.query('SET synchronous_commit = off');
        await client.query('BEGIN');
        // TRUNCATE in this transaction is what allows COPY FREEZE; the tables are checked empty beforehand.
        await client.query(`TRUNCATE ${ident(spec.name)}`);
        const stream = client.query(copyStreams.from(`COPY ${ident(spec.name)} (${spec.columns.map(ident).join(', ')}) FROM STDIN WITH (FREEZE)`, { highWaterMark: 4 * CHUNK }));
        writer.tables.set(spec.name, new CopyTable(spec, client, stream));
      }
    } catch (error) {
      await writer.abort();
      throw error;
    }
    return writer;
  }

  private table(name: string): CopyTable {
    const t = this.tables.get(name);
    if (!t) throw new Error(`CopyWriter: no table ${name}`);
    return t;
  }

  /** Buffers one row (columns in the table's order). Call `drain()` now and then. */
  add(name: string, row: readonly unknown[]): void {
    const t = this.table(name);
    t.buffer += copyLine(row);
    t.rows++;
  }

  addAll(name: string, rows: readonly (readonly unknown[])[]): void {
    const t = this.table(name);
    for (const row of rows) t.buffer += copyLine(row);
    t.rows += rows.length;
  }

  /** Sends every buffer that reached a chunk, waiting on streams that are full. */
  async drain(): Promise<void> {
    for (const t of this.tables.values()) {
      if (t.buffer.length >= CHUNK) await t.flush();
      else if (t.error) t.fail();
    }
    if (Date.now() - this.lastReport >= 5_000) this.report();
  }

  /** Ends every COPY, then (all of them having succeeded) commits each table. */
  async finish(): Promise<CopyTableStats[]> {
    for (const t of this.tables.values()) await t.flush();
    const ended = await Promise.allSettled(
      [...this.tables.values()].map(async (t) => {
        t.stream.end();
        try {
          await finished(t.stream);
        } catch {
          t.fail();
        }
        t.seconds = this.elapsed();
      }),
    );
    const failed = ended.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await Promise.all([...this.tables.values()].map((t) => t.client.query('COMMIT')));
    await this.close();
    this.report();
    return [...this.tables.values()].map((t) => ({ name: t.spec.name, rows: t.rows, bytes: t.bytes, seconds: t.seconds }));
  }

  /** Rolls back every table (after an error). */
  async abort(): Promise<void> {
    for (const t of this.tables.values()) {
      if (!t.stream.destroyed) t.stream.destroy(new Error('generation aborted'));
    }
    await this.close();
  }

  private async close(): Promise<void> {
    await Promise.all([...this.tables.values()].map((t) => t.client.end().catch(() => undefined)));
  }

  private elapsed(): number {
    return Number(process.hrtime.bigint() - this.started) / 1e9;
  }

  report(): void {
    this.lastReport = Date.now();
    const s = this.elapsed();
    const parts = [...this.tables.values()].filter((t) => t.rows > 0).map((t) => `${t.spec.name} ${t.rows.toLocaleString('en')}`);
    this.log(`[${s.toFixed(0)}s] ${parts.join(' · ')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Constraints and indexes around the load
// ---------------------------------------------------------------------------------------------

export interface ForeignKey {
  table: string;
  name: string;
  /** pg_get_constraintdef, e.g. `FOREIGN KEY (org_id) REFERENCES orgs(id)`. */
  definition: string;
}

export interface SecondaryIndex {
  table: string;
  name: string;
  /** pg_indexes.indexdef, replayed as is. */
  definition: string;
}

export interface LoadPreparation {
  foreignKeys: ForeignKey[];
  indexes: SecondaryIndex[];
}

/** A quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Captures and drops (in one transaction) every FK constraint of or to `tables`, and the secondary indexes of
 * `indexTables` (indexes that back no constraint: primary keys and unique constraints stay).
 */
export async function prepareLoad(client: pg.Client, tables: readonly string[], indexTables: readonly string[]): Promise<LoadPreparation> {
  const { rows: foreignKeys } = await client.query<ForeignKey>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
       AND (c.conrelid::regclass::text = ANY($1) OR c.confrelid::regclass::text = ANY($1))
     ORDER BY c.conrelid::regclass::text, c.conname`,
    [tables],
  );
  const { rows: indexes } = await client.query<SecondaryIndex>(
    `SELECT i.tablename AS table, i.indexname AS name, i.indexdef AS definition
     FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
     ORDER BY i.tablename, i.indexname`,
    [indexTables],
  );
  await client.query('BEGIN');
  try {
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${ident(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
    for (const ix of indexes) await client.query(`DROP INDEX ${ident(ix.name)}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`装载前删除外键和索引失败（须以表的所有者连接，即执行迁移的用户）/ could not drop foreign keys and indexes for the load (connect as the tables' owner, the user that ran the migrations): ${message}`, { cause: error });
  }
  return { foreignKeys, indexes };
}

export interface RestoreTimings {
  /** Seconds per rebuilt index and per validated FK constraint, by name. */
  indexes: Record<string, number>;
  foreignKeys: Record<string, number>;
  seconds: number;
}

/**
 * Puts back what `prepareLoad` dropped: the FK constraints are added NOT VALID (instant) and then validated, and the
 * indexes rebuilt, as jobs on `workers` connections (largest tables first). VALIDATE takes only a SHARE UPDATE
 * EXCLUSIVE lock, so checks of different tables run side by side. A violated constraint fails the generation.
 */
export async function restoreLoad(url: string, prep: LoadPreparation, options: { workers: number; log: (line: string) => void }): Promise<RestoreTimings> {
  const started = process.hrtime.bigint();
  const timings: RestoreTimings = { indexes: {}, foreignKeys: {}, seconds: 0 };
  const control = await connect(url);
  try {
    await control.query('BEGIN');
    for (const fk of prep.foreignKeys) await control.query(`ALTER TABLE ${ident(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition} NOT VALID`);
    await control.query('COMMIT');
    const { rows: sizes } = await control.query<{ table: string; bytes: string }>(
      `SELECT c.relname AS table, pg_relation_size(c.oid)::text AS bytes FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'`,
    );
    const size = new Map(sizes.map((r) => [r.table, Number(r.bytes)]));
    type Job = { kind: 'index' | 'fk'; name: string; sql: string; weight: number };
    const jobs: Job[] = [
      ...prep.indexes.map((ix) => ({ kind: 'index' as const, name: ix.name, sql: ix.definition, weight: size.get(ix.table) ?? 0 })),
      ...prep.foreignKeys.map((fk) => ({ kind: 'fk' as const, name: fk.name, sql: `ALTER TABLE ${ident(fk.table)} VALIDATE CONSTRAINT ${ident(fk.name)}`, weight: size.get(fk.table) ?? 0 })),
    ].sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
    const queue = [...jobs];
    const worker = async () => {
      const client = await connect(url);
      try {
        // A sort in memory for the index builds and hash joins for the checks; workers share the 2 cores already.
        await client.query(`SET maintenance_work_mem = '512MB'`);
        await client.query(`SET work_mem = '256MB'`);
        await client.query('SET max_parallel_maintenance_workers = 0');
        for (let job = queue.shift(); job; job = queue.shift()) {
          const t0 = process.hrtime.bigint();
          try {
            await client.query(job.sql);
          } catch (error) {
            queue.length = 0;
            const message = error instanceof Error ? error.message : String(error);
            throw new Error(`${job.kind === 'fk' ? '外键校验失败 / foreign key check failed' : '重建索引失败 / index rebuild failed'}: ${job.name}: ${message}`, { cause: error });
          }
          const s = Number(process.hrtime.bigint() - t0) / 1e9;
          (job.kind === 'index' ? timings.indexes : timings.foreignKeys)[job.name] = Number(s.toFixed(2));
          if (s >= 1) options.log(`  ${job.kind === 'index' ? 'index' : 'validate'} ${job.name} ${s.toFixed(1)} s`);
        }
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.workers) }, worker));
  } finally {
    await control.end().catch(() => undefined);
  }
  timings.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return timings;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: '-c timezone=UTC' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
