import type { WarningItem, WarningKind } from '../../api/types';

/** The kinds of warning the API filters by, with the words the filter shows. */
export const WARNING_KINDS: readonly { code: WarningKind; label: string }[] = [
  { code: 'election', label: '换届到期' },
  { code: 'finding', label: '组织设置与职务空缺' },
  { code: 'no_election', label: '未录入换届' },
];

export function warningKindLabel(kind: string): string {
  return WARNING_KINDS.find((k) => k.code === kind)?.label ?? kind;
}

export function isWarningKind(value: string | null): value is WarningKind {
  return WARNING_KINDS.some((k) => k.code === value);
}

/** The tab of the org page where a warning is dealt with: 换届 for elections, 班子成员 for a vacant post, 预警 otherwise. */
export function warningTab(w: Pick<WarningItem, 'kind' | 'code'>): string {
  if (w.kind === 'election' || w.kind === 'no_election') return 'elections';
  if (w.code === 'post_vacant' || w.code === 'secretary_missing') return 'committee';
  return 'warnings';
}

export function warningOrgLink(w: Pick<WarningItem, 'kind' | 'code' | 'orgId'>): string {
  return `/orgs?id=${w.orgId}&tab=${warningTab(w)}`;
}
