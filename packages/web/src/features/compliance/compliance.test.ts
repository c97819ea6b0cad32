import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { citationEntries } from '../../shared/rules';
import {
  calendarData,
  calendarYears,
  citationBasis,
  formatRate,
  isBranchType,
  isMonth,
  lightLook,
  monthLabel,
  monthOf,
  notGreen,
  periodLabel,
  ratePercent,
  shortMonthLabel,
} from './compliance';

describe('lights', () => {
  it('gives each light its colour and a shape, and a neutral look for none', () => {
    expect(lightLook('green').tag).toBe('green');
    expect(lightLook('yellow').tag).toBe('orange');
    expect(lightLook('red').tag).toBe('red');
    const symbols = new Set(['green', 'yellow', 'red'].map((l) => lightLook(l).symbol));
    expect(symbols.size).toBe(3);
    expect(lightLook(null).tag).toBe('default');
    expect(lightLook('purple').tag).toBe('default');
  });

  it('judges branches by their type', () => {
    expect(isBranchType('branch')).toBe(true);
    expect(isBranchType('joint_branch')).toBe(true);
    expect(isBranchType('organ_party_committee')).toBe(false);
    expect(isBranchType(undefined)).toBe(false);
  });
});

describe('green rates', () => {
  it('formats a rate in percent, one decimal at most', () => {
    expect(formatRate(0.875)).toBe('87.5%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
    expect(ratePercent(2 / 3)).toBe(66.7);
    expect(ratePercent(null)).toBeNull();
    expect(notGreen({ yellow: 2, red: 3 })).toBe(5);
  });
});

describe('months and periods', () => {
  it('reads and names months', () => {
    expect(isMonth('2026-11')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
    expect(monthOf(dayjs('2026-11-20'))).toBe('2026-11');
    expect(monthLabel('2026-03')).toBe('2026年3月');
    expect(shortMonthLabel('2026-03', 2026)).toBe('3月');
    expect(shortMonthLabel('2025-12', 2026)).toBe('2025年12月');
  });

  it('names a period by its kind', () => {
    expect(periodLabel('month', '2026-11-01')).toBe('2026年11月');
    expect(periodLabel('quarter', '2026-10-01')).toBe('2026年第四季度');
    expect(periodLabel('quarter', '2026-01-01')).toBe('2026年第一季度');
    expect(periodLabel('year', '2026-01-01')).toBe('2026年');
  });

  it('offers the calendar years up to this one', () => {
    expect(calendarYears(dayjs('2026-11-20'))).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(calendarYears(dayjs('2026-11-20'), 2025)).toEqual([2026, 2025]);
  });
});

describe('citations and calendar', () => {
  it('turns the basis of a result into the citation line\'s sources', () => {
    const basis = citationBasis([
      { parameter: 'meetings.members_meeting.min_count', value: 1, effectiveFrom: '2019-01-01', force: 'should', title: '中国共产党支部工作条例（试行）', article: '第十一条', quote: '党员大会一般每季度召开1次' },
      { parameter: 'meetings.members_meeting.period', value: 'quarter', effectiveFrom: '2019-01-01', force: 'should', title: '中国共产党支部工作条例（试行）', article: '第十一条', quote: null },
    ]);
    expect(citationEntries(basis)).toEqual([{ text: '《中国共产党支部工作条例（试行）》 第十一条', quotes: ['党员大会一般每季度召开1次'] }]);
    expect(citationBasis(null)).toEqual([]);
  });

  it('gives the heatmap its days with activities and the scale\'s top', () => {
    expect(
      calendarData({
        days: [
          { date: '2026-11-02', count: 2, types: ['theme_day', 'party_lecture'] },
          { date: '2026-11-05', count: 0, types: [] },
          { date: '2026-11-20', count: 1, types: ['members_meeting'] },
        ],
      }),
    ).toEqual({ data: [['2026-11-02', 2], ['2026-11-20', 1]], max: 2 });
    expect(calendarData({ days: [] })).toEqual({ data: [], max: 1 });
  });
});
