// Presentation of the server's rule results (packages/regulations, through the API): the severity
// tag, the citation line, the term stage colour. The messages and citations come from the server as
// they are; only colours and the three severity words live here (term stages and adjustment kinds
// are named by the code tables).
import type { RuleBasis, RuleFinding, RuleSeverity } from '../api/types';

export interface SeverityLook {
  label: string;
  color: string;
}

/** 违规 (red) for a violation, 提醒 (orange) for a warning, 建议 (blue) for a rule without force. */
export function severityLook(severity: RuleSeverity | string | undefined): SeverityLook {
  if (severity === 'violation') return { label: '违规', color: 'red' };
  if (severity === 'warning') return { label: '提醒', color: 'orange' };
  return { label: '建议', color: 'blue' };
}

/** Tag colour of a term stage (ok, due_soon, due_imminent, overdue); neutral for a stage the web does not know. */
export function stageColor(stage: string): string {
  switch (stage) {
    case 'ok':
      return 'green';
    case 'due_soon':
      return 'gold';
    case 'due_imminent':
      return 'orange';
    case 'overdue':
      return 'red';
    default:
      return 'default';
  }
}

/** 《title》, unless the title already carries the book marks. */
export function bookTitle(title: string): string {
  return title.startsWith('《') ? title : `《${title}》`;
}

export interface CitationEntry {
  /** 《选举工作条例》第三条 */
  text: string;
  quotes: string[];
}

/**
 * The distinct sources of a rule's basis, in the server's order: parameters cited from the same
 * article are shown once, with all of their quotes. Entries without a source title are left out.
 */
export function citationEntries(basis: readonly RuleBasis[] | null | undefined): CitationEntry[] {
  const byText = new Map<string, CitationEntry>();
  for (const b of basis ?? []) {
    if (!b || typeof b.sourceTitle !== 'string' || b.sourceTitle === '') continue;
    const text = `${bookTitle(b.sourceTitle)}${b.article ? ` ${b.article}` : ''}`;
    const entry = byText.get(text) ?? { text, quotes: [] };
    if (b.quote && !entry.quotes.includes(b.quote)) entry.quotes.push(b.quote);
    byText.set(text, entry);
  }
  return [...byText.values()];
}

/** Whether more than four fifths of the voters attended (选举有效的到会人数), or null when not known. */
export function overFourFifths(expected: number | null | undefined, actual: number | null | undefined): boolean | null {
  if (expected === null || expected === undefined || actual === null || actual === undefined || expected <= 0) return null;
  return actual * 5 > expected * 4;
}

/** Days between today and a due date as words: 剩余 12 天 / 今日届满 / 已逾期 30 天. */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft > 0) return `剩余 ${daysLeft} 天`;
  if (daysLeft === 0) return '今日届满';
  return `已逾期 ${-daysLeft} 天`;
}

export interface CommitteeRow {
  post?: string;
  memberId?: number;
}

/**
 * What keeps a new committee from being recorded, checked before sending (the server checks again):
 * every row complete, exactly one 书记, no member holding two posts.
 */
export function committeeProblems(rows: readonly CommitteeRow[]): string[] {
  const problems: string[] = [];
  if (rows.length === 0) problems.push('请至少录入一名班子成员');
  if (rows.some((r) => !r.post || !r.memberId)) problems.push('每一行都须选择职务和党员');
  const secretaries = rows.filter((r) => r.post === 'secretary').length;
  if (secretaries === 0) problems.push('新一届班子须有一名书记');
  if (secretaries > 1) problems.push('新一届班子只能有一名书记');
  const ids = rows.flatMap((r) => (r.memberId ? [r.memberId] : []));
  if (new Set(ids).size !== ids.length) problems.push('同一党员不能在新一届班子中担任两个职务');
  return problems;
}

/** A member rule's finding (its basis names one source) as the citation's basis, for RuleCitation. */
export function findingBasis(finding: Pick<RuleFinding, 'basis'>): RuleBasis[] {
  const b = finding.basis;
  if (!b?.title) return [];
  return [{ parameterId: b.parameter, value: null, effectiveFrom: '', sourceTitle: b.title, article: b.article, quote: null }];
}
