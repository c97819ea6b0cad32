import type { WarningItem, WarningKind } from '../../api/types';
import { labelOf, type Code } from '../../shared/codeTables';

/** The kinds of warning the API filters by; their words come from the code tables (warningKinds). */
export const WARNING_KIND_CODES: readonly WarningKind[] = ['election', 'finding', 'no_election', 'probation', 'transfer', 'meeting', 'absence', 'problem'];

/** The filter's options, in the API's order, named by the code tables (the code itself until they are loaded). */
export function warningKindOptions(warningKinds: readonly Code[] | undefined): { value: WarningKind; label: string }[] {
  return WARNING_KIND_CODES.map((code) => ({ value: code, label: labelOf(warningKinds, code) }));
}

export function warningKindLabel(warningKinds: readonly Code[] | undefined, kind: string): string {
  return labelOf(warningKinds, kind);
}

export function isWarningKind(value: string | null): value is WarningKind {
  return WARNING_KIND_CODES.some((k) => k === value);
}

/** The tab of the org page where a warning is dealt with: 换届 for elections, 班子成员 for a vacant post, 预警 otherwise. */
export function warningTab(w: Pick<WarningItem, 'kind' | 'code'>): string {
  if (w.kind === 'election' || w.kind === 'no_election') return 'elections';
  if (w.code === 'post_vacant' || w.code === 'secretary_missing') return 'committee';
  return 'warnings';
}

/**
 * Where the warning is dealt with: the member's page for a probation (转正 or 延长预备期) or a member's absence
 * from organizational life, the incoming transfers for a transfer waiting for an answer, the branch's lights
 * (支部亮灯) for organizational life not held, the problem (问题整改) for an overdue problem, else the org page's tab.
 */
export function warningOrgLink(w: Pick<WarningItem, 'kind' | 'code' | 'orgId' | 'memberId' | 'problemId'>): string {
  if (w.kind === 'problem') return w.problemId !== undefined ? `/rectification/problems/${w.problemId}` : `/rectification?orgId=${w.orgId}&overdue=true`;
  if ((w.kind === 'probation' || w.kind === 'absence') && w.memberId !== undefined) return `/members/${w.memberId}`;
  if (w.kind === 'meeting' || w.kind === 'absence') return `/compliance/branch?orgId=${w.orgId}`;
  if (w.kind === 'transfer') return '/members/transfers?direction=incoming';
  return `/orgs?id=${w.orgId}&tab=${warningTab(w)}`;
}
