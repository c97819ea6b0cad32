// The import wizard's state (批量导入): which step the user is on, from the validation and commit jobs, and the
// error list as a CSV (导出错误清单). Pure; tested in importWizard.test.ts.
import type { ImportJob, ImportRowError } from '../../api/types';

/** choose (1 选择文件) → validating → valid | invalid (2 校验) → committing → committed (3 导入 → 完成); failed when a job failed. */
export type ImportStage = 'choose' | 'validating' | 'invalid' | 'valid' | 'committing' | 'committed' | 'failed';

type JobState = Pick<ImportJob, 'status'> | undefined;

export function isRunning(job: JobState): boolean {
  return job?.status === 'running';
}

/** The stage, from the dry run and the commit of the current file (each undefined until started). */
export function importStage(validation: JobState, commit: JobState): ImportStage {
  if (commit) {
    if (commit.status === 'running') return 'committing';
    if (commit.status === 'committed') return 'committed';
    // A commit refuses the whole file when a row is wrong (the file may have changed since the dry run).
    if (commit.status === 'invalid') return 'invalid';
    return 'failed';
  }
  if (!validation) return 'choose';
  if (validation.status === 'running') return 'validating';
  if (validation.status === 'valid') return 'valid';
  if (validation.status === 'invalid') return 'invalid';
  return 'failed';
}

/** The step of the Steps bar: 0 选择文件, 1 校验, 2 确认导入, 3 完成. */
export function importStepIndex(stage: ImportStage, failedDuringCommit = false): number {
  switch (stage) {
    case 'choose':
      return 0;
    case 'validating':
    case 'invalid':
      return 1;
    case 'valid':
    case 'committing':
      return 2;
    case 'committed':
      return 3;
    case 'failed':
      return failedDuringCommit ? 2 : 1;
  }
}

/** How far a job is, 0–100; 0 until it knows its row count. */
export function progressPercent(job: Pick<ImportJob, 'status' | 'totalRows' | 'processedRows'> | undefined): number {
  if (!job) return 0;
  if (job.status !== 'running') return 100;
  if (job.totalRows <= 0) return 0;
  return Math.min(99, Math.floor((job.processedRows / job.totalRows) * 100));
}

/** When the job lists fewer errors than it found: say so, and how many are shown. */
export function moreErrorsNote(job: Pick<ImportJob, 'errorCount' | 'errors'>): string | null {
  if (job.errorCount <= job.errors.length) return null;
  return `共发现 ${job.errorCount} 处错误，此处列出前 ${job.errors.length} 处；请改正后重新校验，以查看其余错误。`;
}

/** Only .xlsx files are taken (the template's format); an old .xls must be saved as .xlsx first. */
export function isXlsxFileName(name: string): boolean {
  return /\.xlsx$/i.test(name.trim());
}

/** One CSV cell: quoted when needed; a leading = + - @ is defused so that a spreadsheet does not run it as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** 错误清单 as CSV (UTF-8 with a BOM, so Excel reads the Chinese), one row per error. */
export function errorsCsv(errors: readonly ImportRowError[]): string {
  const lines = [['行号', '列', '字段', '错误说明'].join(',')];
  for (const e of errors) lines.push([csvCell(e.row), csvCell(e.column), csvCell(e.field), csvCell(e.message)].join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** 错误清单-<file>.csv */
export function errorsCsvFileName(fileName: string): string {
  const base = fileName.replace(/\.xlsx$/i, '') || '导入文件';
  return `错误清单-${base}.csv`;
}
