import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../../load-from-files.js';
import { dayOfWeek, firstWorkingDayOfMonth, fixedPublicHolidays, isWorkingDay } from './working-day.js';

const tree = loadRegulations();

describe('working days', () => {
  it.each([
    ['1970-01-01', 4],
    ['2026-11-23', 1],
    ['2026-02-01', 0],
    ['2025-12-31', 3],
    ['1969-12-31', 3],
  ])('%s is weekday %i', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
  });

  it('knows the fixed-date holidays of the 2024 revision from 2025-01-01 (劳动节 two days)', () => {
    expect(fixedPublicHolidays(tree, '2025-05-02')).toEqual(['01-01', '05-01', '05-02', '10-01', '10-02', '10-03']);
    expect(fixedPublicHolidays(tree, '2024-12-31')).toEqual([]);
    expect(isWorkingDay(tree, '2026-05-01')).toBe(false); // Friday, 劳动节
    expect(isWorkingDay(tree, '2026-10-02')).toBe(false); // Friday, 国庆节
    expect(isWorkingDay(tree, '2026-05-04')).toBe(true); // Monday
    expect(isWorkingDay(tree, '2026-11-28')).toBe(false); // Saturday
  });

  it.each([
    ['2026-01-15', '2026-01-02'], // 1 January is 元旦 (Thursday)
    ['2026-02-10', '2026-02-02'], // 1 February is a Sunday
    ['2026-05-31', '2026-05-04'], // 1 May (Fri) holiday, then a weekend
    ['2026-08-01', '2026-08-03'], // Saturday
    ['2026-10-01', '2026-10-05'], // 1–2 October (Thu, Fri) holidays, then a weekend
    ['2026-12-01', '2026-12-01'], // Tuesday
  ])('the first working day of the month of %s is %s', (date, first) => {
    expect(firstWorkingDayOfMonth(tree, date)).toBe(first);
  });
});
