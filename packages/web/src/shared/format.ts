import dayjs from 'dayjs';

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}

/** Full years between a birth date and `today`. */
export function ageOn(birthDate: string | null | undefined, today: dayjs.Dayjs = dayjs()): number | null {
  if (!birthDate) return null;
  const b = dayjs(birthDate);
  if (!b.isValid()) return null;
  return today.diff(b, 'year');
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('zh-CN');
}

/** Pretty JSON for audit before/after snapshots; '—' for null/undefined. */
export function formatJson(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** A date picker's value as the API's YYYY-MM-DD, or null when empty. */
export function toIsoDate(value: dayjs.Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

/** For DatePicker.disabledDate: days after today (events such as elections cannot be recorded ahead). */
export function isAfterToday(value: dayjs.Dayjs): boolean {
  return value.isAfter(dayjs(), 'day');
}

/** Trimmed text, or null for empty input. */
export function textOrNull(value: string | null | undefined): string | null {
  const t = value?.trim();
  return t ? t : null;
}
