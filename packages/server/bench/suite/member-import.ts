// Item 4: the Excel import of the roster (bench/member-import.bench.ts) into its own throw-away database, run in a
// child process: validate and commit rows/s and peak RSS.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { benchMemberImport } from '../member-import.bench.js';

export type ImportResult = Awaited<ReturnType<typeof benchMemberImport>>;

export const IMPORT_TARGET_ROWS_PER_SECOND = 2_000;
export const IMPORT_TARGET_PEAK_MB = 500;

export function runMemberImport(adminUrl: string, rows: number): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    // fork() keeps process.execArgv, i.e. the tsx loader the suite runs under.
    const child = fork(fileURLToPath(new URL('./member-import-child.ts', import.meta.url)), [adminUrl, String(rows)], { stdio: 'inherit' });
    let result: ImportResult | null = null;
    child.on('message', (message) => {
      result = message as ImportResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`member import child exited with code ${code}`))));
  });
}
