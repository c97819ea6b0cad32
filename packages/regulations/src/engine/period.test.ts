import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isIsoDate, periodBounds, periodKindOf, periodOf, type PeriodKind } from './period.js';

/** Any calendar date 1900-01-01 … 2199-12-31, built independently of period.ts (via the UTC calendar). */
const isoDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2199, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const kind = fc.constantFrom<PeriodKind>('month', 'quarter', 'year');

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('periodOf', () => {
  it.each([
    ['2024-03-31', 'month', '2024-03'],
    ['2024-03-31', 'quarter', '2024-Q1'],
    ['2024-04-01', 'quarter', '2024-Q2'],
    ['2024-09-30', 'quarter', '2024-Q3'],
    ['2024-12-31', 'quarter', '2024-Q4'],
    ['2024-12-31', 'year', '2024'],
  ] as const)('%s as %s → %s', (date, k, expected) => {
    expect(periodOf(date, k)).toBe(expected);
  });

  it('rejects a date that does not exist', () => {
    expect(() => periodOf('2023-02-29', 'month')).toThrow(RangeError);
  });
});

describe('periodBounds', () => {
  it.each([
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2023-02', '2023-02-01', '2023-02-28'],
    ['2024-Q1', '2024-01-01', '2024-03-31'],
    ['2024-Q2', '2024-04-01', '2024-06-30'],
    ['2024-Q3', '2024-07-01', '2024-09-30'],
    ['2024-Q4', '2024-10-01', '2024-12-31'],
    ['2024', '2024-01-01', '2024-12-31'],
  ])('%s → %s … %s', (period, start, end) => {
    expect(periodBounds(period)).toEqual({ start, end });
  });

  it.each(['2024-13', '2024-Q5', '2024-Q0', '24', '2024-00', '2024-3'])('rejects %s', (period) => {
    expect(() => periodBounds(period)).toThrow(RangeError);
    expect(periodKindOf(period)).toBeUndefined();
  });
});

describe('addDays and addMonths', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2019-12-01', 366, '2020-12-01'],
  ])('addDays(%s, %i) → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-11-15', 2, '2025-01-15'],
    ['2025-01-15', -13, '2023-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('addMonths(%s, %i) → %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2024-03-01', '2024-02-28', -2],
    ['2018-07-12', '2018-07-12', 0],
    ['2018-07-12', '2023-07-12', 1826],
  ])('daysBetween(%s, %s) → %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('daysBetween rejects a date that does not exist', () => {
    expect(() => daysBetween('2023-02-29', '2024-01-01')).toThrow(RangeError);
  });

  it('rejects fractional steps', () => {
    expect(() => addDays('2024-01-01', 0.5)).toThrow(RangeError);
    expect(() => addMonths('2024-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('properties', () => {
  it('every date lies within the bounds of its own period', () => {
    fc.assert(
      fc.property(isoDate, kind, (date, k) => {
        const { start, end } = periodBounds(periodOf(date, k));
        return start <= date && date <= end && periodOf(start, k) === periodOf(end, k);
      }),
    );
  });

  it('the day after a period ends starts the next period', () => {
    fc.assert(
      fc.property(isoDate, kind, (date, k) => {
        const { end } = periodBounds(periodOf(date, k));
        const next = addDays(end, 1);
        return periodBounds(periodOf(next, k)).start === next && periodOf(next, k) !== periodOf(date, k);
      }),
    );
  });

  it('addDays agrees with the UTC calendar', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -40_000, max: 40_000 }), (date, days) => {
        const expected = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        return addDays(date, days) === expected;
      }),
    );
  });

  it('daysBetween inverts addDays', () => {
    fc.assert(fc.property(isoDate, fc.integer({ min: -40_000, max: 40_000 }), (date, days) => daysBetween(date, addDays(date, days)) === days));
  });

  it('addMonths lands in the right month and never past its end', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -1200, max: 1200 }), (date, months) => {
        const result = addMonths(date, months);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const index = y * 12 + m - 1 + months;
        const expectedMonth = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
        return isIsoDate(result) && result.startsWith(expectedMonth) && Number(result.slice(8)) === Math.min(d, Number(periodBounds(expectedMonth).end.slice(8)));
      }),
    );
  });
});
