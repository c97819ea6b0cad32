// What the numbers were measured on, for the report.
import os from 'node:os';
import type pg from 'pg';

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  os: string;
  node: string;
  postgres: string;
}

export async function describeMachine(client: pg.Client): Promise<Machine> {
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    ramGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: rows[0]?.server_version ?? 'unknown',
  };
}

/** Tables whose sizes describe a dataset (the ones the roll-ups and the evaluation read). */
const COUNTED = ['orgs', 'members', 'activities', 'activity_attendance', 'committee_posts', 'elections', 'compliance_results', 'branch_lights', 'rectification_batches', 'problems'] as const;

export async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, number>>(`SELECT ${COUNTED.map((t) => `(SELECT count(*) FROM ${t})::integer AS ${t}`).join(', ')}`);
  return rows[0]!;
}
