/**
 * Working days (工作日) for scheduling, e.g. the monthly digest (月提示) on the first working day of a month.
 * A working day is Monday–Friday and not a fixed-date public holiday of parameter `calendar.fixed_public_holidays`
 * (《全国年节及纪念日放假办法》第二条, in force on the date asked about). Lunar holidays (春节, 清明, 端午, 中秋) and the
 * yearly swapped working days (调休) announced by the State Council are not modelled: on those days this errs
 * towards "working day". Pure: dates are Asia/Shanghai calendar dates passed in.
 */
import { resolveParameter, type ParameterTree } from '../../engine/parameters.js';
import { addDays, daysBetween } from '../../engine/period.js';

export const FIXED_PUBLIC_HOLIDAYS_PARAMETER = 'calendar.fixed_public_holidays';

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(date: string): number {
  return (((daysBetween('1970-01-01', date) + 4) % 7) + 7) % 7;
}

/** The fixed-date public holidays ('MM-DD') in force on `date`; empty before the first coded value. */
export function fixedPublicHolidays(tree: ParameterTree, date: string): string[] {
  const value = resolveParameter<string>(tree, FIXED_PUBLIC_HOLIDAYS_PARAMETER, date)?.value;
  return value ? value.split(',').map((d) => d.trim()).filter(Boolean) : [];
}

export function isWorkingDay(tree: ParameterTree, date: string): boolean {
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) return false;
  return !fixedPublicHolidays(tree, date).includes(date.slice(5));
}

/** The first working day of the month of `date` (`2026-01-01` is a holiday, so January 2026 starts on the 2nd). */
export function firstWorkingDayOfMonth(tree: ParameterTree, date: string): string {
  let day = `${date.slice(0, 7)}-01`;
  while (!isWorkingDay(tree, day)) day = addDays(day, 1);
  return day;
}
