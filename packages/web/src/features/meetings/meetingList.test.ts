import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ledgerRange, ledgerRangeProblem, readListParams } from './meetingList';

const types = (v: string | null) => (v === 'members_meeting' ? v : undefined);
const statuses = (v: string | null) => (v === 'planned' ? v : undefined);

describe('activity list params', () => {
  it('reads the filters from the URL, dropping what is not valid', () => {
    const sp = new URLSearchParams('orgId=12&from=2026-01-01&to=bad&type=members_meeting&status=planned&q=%20学习%20&sort=heldOn&page=3&pageSize=500');
    expect(readListParams(sp, types, statuses)).toEqual({
      orgId: 12,
      from: '2026-01-01',
      to: undefined,
      type: 'members_meeting',
      status: 'planned',
      q: '学习',
      sort: 'heldOn',
      page: 3,
      pageSize: 100,
    });
    const junk = new URLSearchParams('orgId=-1&type=x&status=y&sort=topic&page=0');
    expect(readListParams(junk, types, statuses)).toMatchObject({ orgId: undefined, type: undefined, status: undefined, sort: undefined, page: 1, pageSize: 20 });
  });
});

describe('ledger range', () => {
  const today = dayjs('2026-11-20');
  it('uses the list\'s dates, and this year when none is picked', () => {
    expect(ledgerRange(undefined, undefined, today)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(ledgerRange('2025-03-01', '2025-06-30', today)).toEqual({ from: '2025-03-01', to: '2025-06-30' });
    expect(ledgerRange('2025-03-01', undefined, today)).toEqual({ from: '2025-03-01', to: '2025-12-31' });
    expect(ledgerRange(undefined, '2024-06-30', today)).toEqual({ from: '2024-01-01', to: '2024-06-30' });
  });
});

describe('ledger range problems', () => {
  it('allows up to 366 days, in order', () => {
    expect(ledgerRangeProblem({ from: '2024-01-01', to: '2024-12-31' })).toBeNull();
    expect(ledgerRangeProblem({ from: '2025-01-01', to: '2026-01-01' })).toBeNull();
    expect(ledgerRangeProblem({ from: '2025-01-01', to: '2026-01-02' })).toContain('366');
    expect(ledgerRangeProblem({ from: '2026-02-01', to: '2026-01-01' })).toBe('结束日期早于开始日期');
  });
});
