// 问题整改, the pure part: the problem list's state in the URL, overdue text, the order of the workflow actions,
// the measures form, evidence files, rates and the import wizard's stage. Tested in rectification.test.ts.
import dayjs, { type Dayjs } from 'dayjs';
import { PROBLEM_SORTS, type ImportResult, type Measure, type MeasureInput, type ProblemAction, type ProblemListParams, type ProblemView } from './rectificationApi';

const VIEWS: readonly ProblemView[] = ['responsible', 'issued', 'mine'];

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function optionalId(value: string | null): number | undefined {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * The problem list's filters from the URL (view defaults to responsible). Status, category and severity are kept only
 * when the known(...) check passes (the code tables / categories, once loaded); a wrong sort or page is dropped.
 */
export function readProblemParams(
  sp: URLSearchParams,
  known: { status: (v: string | null) => string | undefined; category: (v: string | null) => string | undefined; severity?: (v: string | null) => string | undefined },
  defaults: Partial<ProblemListParams> = {},
): ProblemListParams {
  const view = VIEWS.find((v) => v === sp.get('view')) ?? defaults.view ?? 'responsible';
  const sort = sp.get('sort');
  const q = sp.get('q')?.trim();
  return {
    view,
    orgId: optionalId(sp.get('orgId')),
    batchId: optionalId(sp.get('batchId')) ?? defaults.batchId,
    status: known.status(sp.get('status')),
    overdue: sp.get('overdue') === 'true' ? true : undefined,
    category: known.category(sp.get('category')),
    severity: known.severity?.(sp.get('severity')),
    q: q ? q : undefined,
    sort: PROBLEM_SORTS.find((s) => s === sort),
    page: positiveInt(sp.get('page'), 1),
    pageSize: Math.min(positiveInt(sp.get('pageSize'), 20), 100),
  };
}

/** 逾期 N 天, or null when not overdue. */
export function overdueText(p: { overdue: boolean; daysOverdue: number }): string | null {
  if (!p.overdue) return null;
  return p.daysOverdue > 0 ? `逾期 ${p.daysOverdue} 天` : '逾期';
}

/** The workflow's actions in the order they come, with the words of their buttons; primary for the next step. */
export const ACTION_ORDER: readonly ProblemAction[] = ['claim', 'set_measures', 'progress', 'add_evidence', 'request_closure', 'approve', 'return', 'review'];

export const ACTION_LABELS: Readonly<Record<ProblemAction, string>> = {
  claim: '认领',
  set_measures: '制定措施',
  progress: '报告进展',
  add_evidence: '添加佐证',
  request_closure: '申请销号',
  approve: '审核通过',
  return: '退回',
  review: '回头看',
};

/** The actions the server allows, in workflow order, unknown ones left out. */
export function orderedActions(allowed: readonly string[]): ProblemAction[] {
  return ACTION_ORDER.filter((a) => allowed.includes(a));
}

/** The one action drawn as the primary button: the step that moves the problem on. */
export function primaryAction(allowed: readonly string[]): ProblemAction | undefined {
  const order: ProblemAction[] = ['approve', 'claim', 'set_measures', 'request_closure', 'progress', 'review'];
  return order.find((a) => allowed.includes(a));
}

export interface MeasureRow {
  content?: string;
  owner?: string;
  deadline?: Dayjs | null;
  doneOn?: Dayjs | null;
}

/** The measures form's rows for the problem's measures (one empty row when there are none). */
export function measureRows(measures: readonly Measure[]): MeasureRow[] {
  if (measures.length === 0) return [{}];
  return measures.map((m) => ({ content: m.content, owner: m.owner, deadline: dayjs(m.deadline), doneOn: m.doneOn ? dayjs(m.doneOn) : null }));
}

/** PUT /measures body from the rows; the form's rules have made content, owner and deadline required. */
export function measuresBody(rows: readonly MeasureRow[]): MeasureInput[] {
  return rows.map((r) => ({
    content: (r.content ?? '').trim(),
    owner: (r.owner ?? '').trim(),
    deadline: r.deadline ? r.deadline.format('YYYY-MM-DD') : '',
    doneOn: r.doneOn ? r.doneOn.format('YYYY-MM-DD') : null,
  }));
}

export const MAX_MEASURES = 20;

/** A server detail on `measures.2.deadline` → the form field ['measures', 2, 'deadline']. */
export function measureFieldPath(field: string): (string | number)[] | null {
  const m = /^measures\.(\d+)\.(content|owner|deadline|doneOn)$/.exec(field);
  if (!m) return field === 'measures' ? ['measures'] : null;
  return ['measures', Number(m[1]), m[2] ?? ''];
}

/** Files taken as evidence: at most 2 MB (the server's limit, decoded). */
export const MAX_EVIDENCE_BYTES = 2 * 1024 * 1024;

export function evidenceFileProblem(size: number): string | null {
  if (size <= 0) return '文件为空';
  return size > MAX_EVIDENCE_BYTES ? '佐证文件不能超过 2 MB，请压缩后再上传或改用链接' : null;
}

/** Bytes as base64 (in chunks, so that a 2 MB file does not overflow the argument list). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function formatSize(size: number | null): string {
  if (size === null) return '';
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** 0..1 as a percentage with one decimal; '—' for none. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** 0..1 as 0..100 (one decimal) for a chart or a progress bar; null stays null. */
export function ratePercent(rate: number | null | undefined): number | null {
  if (rate === null || rate === undefined) return null;
  return Math.round(rate * 1000) / 10;
}

/** Import wizard (导入问题清单): choose → invalid | valid (dry run) → committed; invalid again when the commit refuses. */
export type ProblemImportStage = 'choose' | 'invalid' | 'valid' | 'committed';

export function problemImportStage(validation: ImportResult | undefined, commit: ImportResult | undefined): ProblemImportStage {
  if (commit) return commit.valid && commit.errors.length === 0 ? 'committed' : 'invalid';
  if (!validation) return 'choose';
  return validation.valid && validation.errors.length === 0 ? 'valid' : 'invalid';
}

/** The steps bar: 0 选择文件, 1 校验, 2 确认导入, 3 完成. */
export function problemImportStep(stage: ProblemImportStage): number {
  return { choose: 0, invalid: 1, valid: 2, committed: 3 }[stage];
}

/** Deadlines may not be in the past (the server refuses them): for DatePicker.disabledDate. */
export function isBeforeToday(value: Dayjs, today: Dayjs = dayjs()): boolean {
  return value.isBefore(today, 'day');
}

/** Years offered by the analysis pages: this year and the four before it. */
export function recentYears(today: Dayjs = dayjs(), count = 5): number[] {
  return Array.from({ length: count }, (_, i) => today.year() - i);
}

/** The timeline newest first (ties by id), whatever order the server sends. */
export function eventsNewestFirst<E extends { id: number; occurredAt: string }>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => (a.occurredAt === b.occurredAt ? b.id - a.id : a.occurredAt < b.occurredAt ? 1 : -1));
}

/** What an event says: its note, else a reason or note kept in its detail. */
export function eventNote(e: { note: string | null; detail: Record<string, unknown> | null }): string | null {
  if (e.note) return e.note;
  for (const key of ['reason', 'note']) {
    const v = e.detail?.[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return null;
}
