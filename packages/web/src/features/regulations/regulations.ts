// 规则与依据 (GET /api/meta/regulations): the rules the platform computes, their parameters with dated values,
// force and citation. Pure helpers for the page; tested in regulations.test.ts.
import { api } from '../../api/client';

export interface CatalogueValue {
  effectiveFrom: string;
  /** null: repealed from this date. */
  value: unknown;
  /** shall 应当 · generally 一般 · may 可以 */
  force: string;
  source: string;
  sourceTitle: string;
  article: string;
  quote?: string;
}

export interface CatalogueParameter {
  id: string;
  name: string;
  description: string;
  unit: string;
  verifiedOn: string;
  values: CatalogueValue[];
}

export interface CatalogueRule {
  id: string;
  title: string;
  description: string;
  period: string;
  parameters: CatalogueParameter[];
}

export interface RegulationsCatalogue {
  rules: CatalogueRule[];
  sources: { id: string; title: string; kind: string; issuer: string; publishedOn: string; effectiveOn: string; repealedOn: string | null; url: string | null }[];
}

export const regulationsQuery = { queryKey: ['meta', 'regulations'] as const, queryFn: () => api.get<RegulationsCatalogue>('/meta/regulations'), staleTime: Infinity };

export const FORCE_LABELS: Record<string, string> = { shall: '应当', generally: '一般', may: '可以' };

/** A parameter's value as the page shows it: booleans and nulls in words, lists joined. */
export function formatValue(value: unknown, unit: string): string {
  if (value === null || value === undefined) return '（废止）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map((v) => formatValue(v, '')).join('、');
  const text = String(value);
  if (unit === 'period') return ({ month: '每月', quarter: '每季度', year: '每年' } as Record<string, string>)[text] ?? text;
  const units: Record<string, string> = { days: ' 天', months: ' 个月', years: ' 年', times: ' 次', members: ' 人', full_members: ' 名正式党员', minutes: ' 分钟', attempts: ' 次', characters: ' 个字符', character_classes: ' 类字符' };
  return `${text}${units[unit] ?? ''}`;
}

/** The value in force on `today` (the latest effective on or before it), or null when none is yet. */
export function valueInForce(values: readonly CatalogueValue[], today: string): CatalogueValue | null {
  let found: CatalogueValue | null = null;
  for (const v of values) if (v.effectiveFrom <= today && (found === null || v.effectiveFrom >= found.effectiveFrom)) found = v;
  return found;
}

/** Rules whose id, title, description, parameter or source mention every word of the query. */
export function filterRules(rules: readonly CatalogueRule[], query: string): CatalogueRule[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rules];
  return rules.filter((r) => {
    const text = [r.id, r.title, r.description, ...r.parameters.flatMap((p) => [p.id, p.description, ...p.values.flatMap((v) => [v.sourceTitle, v.article, v.quote ?? ''])])].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
