// Presentation of compliance results (支部亮灯): light colours (always with their word from the code tables, for
// colour-blind users), green rates, months and periods, citations, the calendar heatmap's data. Pure; tested
// in compliance.test.ts.
import dayjs from 'dayjs';
import type { RuleBasis } from '../../api/types';
import type { BasisItem, BranchCalendar, GreenRate, Light } from './complianceApi';

/** Org types judged with a light of their own (the others supervise branches and get a green rate). */
export const BRANCH_ORG_TYPES: readonly string[] = ['branch', 'joint_branch', 'temporary_branch'];

export function isBranchType(type: string | null | undefined): boolean {
  return type !== null && type !== undefined && BRANCH_ORG_TYPES.includes(type);
}

export interface LightLook {
  /** antd Tag colour. */
  tag: string;
  /** For charts and dots. */
  hex: string;
  /** A shape besides the colour: ● 绿 ◆ 黄 ▲ 红 (told apart without colour). */
  symbol: string;
}

const LOOKS: Record<Light, LightLook> = {
  green: { tag: 'green', hex: '#389e0d', symbol: '●' },
  yellow: { tag: 'orange', hex: '#fa8c16', symbol: '◆' },
  red: { tag: 'red', hex: '#cf1322', symbol: '▲' },
};

const NO_LIGHT: LightLook = { tag: 'default', hex: '#bfbfbf', symbol: '○' };

export function lightLook(light: string | null | undefined): LightLook {
  return light === 'green' || light === 'yellow' || light === 'red' ? LOOKS[light] : NO_LIGHT;
}

/** 87.5%, 100%; — when there is no branch to judge. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const percent = Math.round(rate * 1000) / 10;
  return `${percent}%`;
}

/** The rate in percent for a chart (one decimal), null for none. */
export function ratePercent(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? null : Math.round(rate * 1000) / 10;
}

/** How many branches are not green. */
export function notGreen(rate: Pick<GreenRate, 'yellow' | 'red'>): number {
  return rate.yellow + rate.red;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: string | null | undefined): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** YYYY-MM of a day (today by default). */
export function monthOf(day: dayjs.Dayjs = dayjs()): string {
  return day.format('YYYY-MM');
}

/** 2026年11月 */
export function monthLabel(month: string): string {
  if (!isMonth(month)) return month;
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** 11月, or 2025年12月 when the month is not in `year`. */
export function shortMonthLabel(month: string, year?: number): string {
  if (!isMonth(month)) return month;
  const m = `${Number(month.slice(5, 7))}月`;
  return year !== undefined && Number(month.slice(0, 4)) !== year ? `${month.slice(0, 4)}年${m}` : m;
}

const QUARTERS = ['一', '二', '三', '四'];

/** 2026年11月, 2026年第四季度, 2026年. */
export function periodLabel(kind: string, periodStart: string): string {
  const d = dayjs(periodStart);
  if (!d.isValid()) return periodStart;
  if (kind === 'month') return `${d.year()}年${d.month() + 1}月`;
  if (kind === 'quarter') return `${d.year()}年第${QUARTERS[Math.floor(d.month() / 3)] ?? ''}季度`;
  if (kind === 'year') return `${d.year()}年`;
  return periodStart;
}

/** Compliance basis items as the citation line takes them (RuleCitation). */
export function citationBasis(basis: readonly BasisItem[] | null | undefined): RuleBasis[] {
  return (basis ?? []).map((b) => ({
    parameterId: b.parameter,
    value: b.value,
    effectiveFrom: b.effectiveFrom ?? '',
    sourceTitle: b.title,
    article: b.article,
    quote: b.quote,
  }));
}

/** The heatmap's [date, count] pairs and the largest count (at least 1, for the colour scale). */
export function calendarData(calendar: Pick<BranchCalendar, 'days'>): { data: [string, number][]; max: number } {
  const data = calendar.days.filter((d) => d.count > 0).map((d) => [d.date, d.count] as [string, number]);
  const max = Math.max(1, ...data.map(([, c]) => c));
  return { data, max };
}

/** Years to switch between on the calendar: from `first` (or five years back) to this year, latest first. */
export function calendarYears(today: dayjs.Dayjs = dayjs(), first?: number): number[] {
  const last = today.year();
  const start = Math.min(last, first ?? last - 4);
  const years: number[] = [];
  for (let y = last; y >= start; y--) years.push(y);
  return years;
}
