import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  bytesToBase64,
  eventNote,
  eventsNewestFirst,
  evidenceFileProblem,
  formatRate,
  isBeforeToday,
  MAX_EVIDENCE_BYTES,
  measureFieldPath,
  measureRows,
  measuresBody,
  orderedActions,
  overdueText,
  primaryAction,
  problemImportStage,
  problemImportStep,
  ratePercent,
  readProblemParams,
  recentYears,
} from './rectification';

const STATUSES = ['issued', 'claimed', 'measures_set', 'in_progress', 'closure_requested', 'closed'];
const known = {
  status: (v: string | null) => (v && STATUSES.includes(v) ? v : undefined),
  category: (v: string | null) => (v === 'discipline' ? v : undefined),
};

describe('problem list params', () => {
  it('reads the filters from the URL, dropping what is not known', () => {
    const p = readProblemParams(new URLSearchParams('view=mine&status=closed&category=discipline&overdue=true&batchId=3&q=%20请假%20&sort=deadline&page=2'), known);
    expect(p).toEqual({ view: 'mine', orgId: undefined, batchId: 3, status: 'closed', overdue: true, category: 'discipline', severity: undefined, q: '请假', sort: 'deadline', page: 2, pageSize: 20 });
    const bad = readProblemParams(new URLSearchParams('view=all&status=done&category=x&overdue=1&batchId=-1&sort=name&page=0&pageSize=500'), known);
    expect(bad).toMatchObject({ view: 'responsible', status: undefined, category: undefined, overdue: undefined, batchId: undefined, sort: undefined, page: 1, pageSize: 100 });
  });

  it('takes defaults for the view and the batch', () => {
    expect(readProblemParams(new URLSearchParams(''), known, { view: 'issued', batchId: 8 })).toMatchObject({ view: 'issued', batchId: 8 });
  });
});

describe('overdue and actions', () => {
  it('says how many days overdue', () => {
    expect(overdueText({ overdue: true, daysOverdue: 5 })).toBe('逾期 5 天');
    expect(overdueText({ overdue: true, daysOverdue: 0 })).toBe('逾期');
    expect(overdueText({ overdue: false, daysOverdue: 0 })).toBeNull();
  });

  it('orders the allowed actions by the workflow and picks the primary one', () => {
    expect(orderedActions(['return', 'approve', 'unknown'])).toEqual(['approve', 'return']);
    expect(orderedActions(['add_evidence', 'set_measures', 'request_closure', 'progress'])).toEqual(['set_measures', 'progress', 'add_evidence', 'request_closure']);
    expect(primaryAction(['return', 'approve'])).toBe('approve');
    expect(primaryAction(['add_evidence', 'progress', 'request_closure', 'set_measures'])).toBe('set_measures');
    expect(primaryAction(['claim'])).toBe('claim');
    expect(primaryAction([])).toBeUndefined();
  });
});

describe('measures', () => {
  it('starts with one empty row and round-trips the measures', () => {
    expect(measureRows([])).toEqual([{}]);
    const rows = measureRows([{ id: 1, content: '修订制度', owner: '张三', deadline: '2026-06-30', doneOn: null }]);
    expect(measuresBody(rows)).toEqual([{ content: '修订制度', owner: '张三', deadline: '2026-06-30', doneOn: null }]);
  });

  it('trims text and formats dates', () => {
    expect(measuresBody([{ content: ' 学习 ', owner: ' 李四 ', deadline: dayjs('2026-07-01'), doneOn: dayjs('2026-05-02') }])).toEqual([
      { content: '学习', owner: '李四', deadline: '2026-07-01', doneOn: '2026-05-02' },
    ]);
  });

  it('maps the server’s field paths onto the form', () => {
    expect(measureFieldPath('measures.2.deadline')).toEqual(['measures', 2, 'deadline']);
    expect(measureFieldPath('measures')).toEqual(['measures']);
    expect(measureFieldPath('note')).toBeNull();
  });
});

describe('evidence files', () => {
  it('takes files up to 2 MB', () => {
    expect(evidenceFileProblem(MAX_EVIDENCE_BYTES)).toBeNull();
    expect(evidenceFileProblem(MAX_EVIDENCE_BYTES + 1)).toContain('2 MB');
    expect(evidenceFileProblem(0)).toBe('文件为空');
  });

  it('encodes bytes as base64, also when large', () => {
    expect(bytesToBase64(new TextEncoder().encode('整改'))).toBe(Buffer.from('整改').toString('base64'));
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });
});

describe('rates, years, dates', () => {
  it('formats rates', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0.8567)).toBe('85.7%');
    expect(formatRate(1)).toBe('100.0%');
    expect(ratePercent(0.5)).toBe(50);
    expect(ratePercent(undefined)).toBeNull();
  });

  it('offers the recent years and refuses past deadlines', () => {
    expect(recentYears(dayjs('2026-03-01'), 3)).toEqual([2026, 2025, 2024]);
    expect(isBeforeToday(dayjs('2026-02-28'), dayjs('2026-03-01'))).toBe(true);
    expect(isBeforeToday(dayjs('2026-03-01'), dayjs('2026-03-01'))).toBe(false);
  });
});

describe('import wizard', () => {
  const ok = { mode: 'validate' as const, valid: true, rows: 3, created: 0, errors: [] };
  const bad = { ...ok, valid: false, errors: [{ row: 2, column: 'A', field: '责任组织', message: '找不到组织' }] };
  it('follows the dry run, then the commit', () => {
    expect(problemImportStage(undefined, undefined)).toBe('choose');
    expect(problemImportStage(bad, undefined)).toBe('invalid');
    expect(problemImportStage(ok, undefined)).toBe('valid');
    expect(problemImportStage(ok, { ...ok, mode: 'commit', created: 3 })).toBe('committed');
    expect(problemImportStage(ok, { ...bad, mode: 'commit' })).toBe('invalid');
    expect(['choose', 'invalid', 'valid', 'committed'].map((s) => problemImportStep(s as 'choose'))).toEqual([0, 1, 2, 3]);
  });
});

describe('timeline', () => {
  it('puts the newest event first and finds its note', () => {
    const events = [
      { id: 1, occurredAt: '2026-01-01T08:00:00Z', note: null, detail: null },
      { id: 3, occurredAt: '2026-01-02T08:00:00Z', note: null, detail: { reason: '佐证不足' } },
      { id: 2, occurredAt: '2026-01-02T08:00:00Z', note: '进展', detail: null },
    ];
    expect(eventsNewestFirst(events).map((e) => e.id)).toEqual([3, 2, 1]);
    expect(eventNote(events[1] ?? events[0]!)).toBe('佐证不足');
    expect(eventNote(events[2] ?? events[0]!)).toBe('进展');
    expect(eventNote(events[0]!)).toBeNull();
  });
});
