// The activity list's state in the URL, and the date range of the 三会一课台账 export. Pure; tested in meetingList.test.ts.
import dayjs from 'dayjs';
import { ACTIVITY_SORTS, type ActivityListParams, type ActivityStatus } from './meetingApi';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function isoDate(value: string | null): string | undefined {
  return value && ISO_DATE.test(value) ? value : undefined;
}

/**
 * The list's filters from the URL. Type and status are kept only when the code tables know them (the callers
 * check); a wrong date, sort or page is dropped.
 */
export function readListParams(
  sp: URLSearchParams,
  knownType: (value: string | null) => string | undefined,
  knownStatus: (value: string | null) => ActivityStatus | undefined,
): ActivityListParams {
  const orgId = Number(sp.get('orgId'));
  const sort = sp.get('sort');
  const q = sp.get('q')?.trim();
  return {
    orgId: Number.isInteger(orgId) && orgId > 0 ? orgId : undefined,
    from: isoDate(sp.get('from')),
    to: isoDate(sp.get('to')),
    type: knownType(sp.get('type')),
    status: knownStatus(sp.get('status')),
    q: q ? q : undefined,
    sort: ACTIVITY_SORTS.find((s) => s === sort),
    page: positiveInt(sp.get('page'), 1),
    pageSize: Math.min(positiveInt(sp.get('pageSize'), 20), 100),
  };
}

/**
 * The ledger's dates (both required by the server): the list's range; a missing end is the end of the start's
 * year (or of this year), a missing start the first day of the end's year (or of this year).
 */
export function ledgerRange(from: string | undefined, to: string | undefined, today: dayjs.Dayjs): { from: string; to: string } {
  const year = (from ?? to)?.slice(0, 4) ?? String(today.year());
  return { from: from ?? `${year}-01-01`, to: to ?? `${year}-12-31` };
}

/** The server exports at most 366 days at a time. */
export const LEDGER_MAX_DAYS = 366;

/** Why the ledger cannot be exported for the range, or null. */
export function ledgerRangeProblem(range: { from: string; to: string }): string | null {
  if (range.from > range.to) return '结束日期早于开始日期';
  const days = dayjs(range.to).diff(dayjs(range.from), 'day') + 1;
  return days > LEDGER_MAX_DAYS ? `一次最多导出 ${LEDGER_MAX_DAYS} 天的台账，请缩小日期范围` : null;
}
