/**
 * Calendar periods on ISO date strings (`YYYY-MM-DD`).
 *
 * Every date handled here is already a calendar date in Asia/Shanghai (UTC+8, the time zone of every
 * period in the rules): callers convert an instant to a Shanghai date once, at the edge. Nothing here
 * reads the clock or uses `Date`; the arithmetic is on day numbers, so it is exact for any year 0000–9999.
 */

export type PeriodKind = 'month' | 'quarter' | 'year';

/** An inclusive range of ISO dates. */
export type DateRange = { start: string; end: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Ymd = { year: number; month: number; day: number };

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function parseYmd(date: string): Ymd | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True for a real calendar date written `YYYY-MM-DD` (so `2023-02-29` is false). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && parseYmd(value) !== undefined;
}

function ymdOf(date: string): Ymd {
  const ymd = parseYmd(date);
  if (!ymd) throw new RangeError(`不是有效的日期（应为 YYYY-MM-DD）：${JSON.stringify(date)}`);
  return ymd;
}

function formatYmd({ year, month, day }: Ymd): string {
  if (year < 0 || year > 9999) throw new RangeError(`日期超出 0000–9999 年范围：${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Day numbers relative to 1970-01-01 (H. Hinnant's days_from_civil / civil_from_days).
function toDayNumber({ year, month, day }: Ymd): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(dayNumber: number): Ymd {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`天数必须是整数：${days}`);
  return formatYmd(fromDayNumber(toDayNumber(ymdOf(date)) + days));
}

/** Whole days from `from` to `to` (negative when `to` is earlier): `daysBetween('2024-02-28', '2024-03-01')` is 2. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(ymdOf(to)) - toDayNumber(ymdOf(from));
}

/** Calendar months; the day is clamped to the end of a shorter month (`2024-01-31` + 1 → `2024-02-29`). */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`月数必须是整数：${months}`);
  const { year, month, day } = ymdOf(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return formatYmd({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

/** The period containing `date`: `'2024-03'`, `'2024-Q1'` or `'2024'`. */
export function periodOf(date: string, kind: PeriodKind): string {
  const { year, month } = ymdOf(date);
  const yyyy = String(year).padStart(4, '0');
  switch (kind) {
    case 'month':
      return `${yyyy}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${yyyy}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return yyyy;
  }
}

const PERIOD = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/;

/** The kind of a period string, or undefined when it is not one. */
export function periodKindOf(period: string): PeriodKind | undefined {
  const match = PERIOD.exec(period);
  if (!match) return undefined;
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    return month >= 1 && month <= 12 ? 'month' : undefined;
  }
  return match[3] !== undefined ? 'quarter' : 'year';
}

/** First and last day (inclusive) of a period written as `periodOf` writes it. */
export function periodBounds(period: string): DateRange {
  const kind = periodKindOf(period);
  const match = PERIOD.exec(period);
  if (!kind || !match) throw new RangeError(`不是有效的期间（应为 YYYY、YYYY-Qn 或 YYYY-MM）：${JSON.stringify(period)}`);
  const year = Number(match[1]);
  const [firstMonth, lastMonth] =
    kind === 'month' ? [Number(match[2]), Number(match[2])] : kind === 'quarter' ? [Number(match[3]) * 3 - 2, Number(match[3]) * 3] : [1, 12];
  return {
    start: formatYmd({ year, month: firstMonth, day: 1 }),
    end: formatYmd({ year, month: lastMonth, day: daysInMonth(year, lastMonth) }),
  };
}

/**
 * Last day (inclusive) of the calendar period of `kind` that begins on `periodStart`
 * (`periodEndOf('quarter', '2026-01-01')` is `'2026-03-31'`). Throws when `periodStart` is not the first day of such a period.
 */
export function periodEndOf(kind: PeriodKind, periodStart: string): string {
  const bounds = periodBounds(periodOf(periodStart, kind));
  if (bounds.start !== periodStart) throw new RangeError(`${periodStart} 不是一个${kind}期间的第一天（应为 ${bounds.start}）`);
  return bounds.end;
}
