/**
 * Organization types (党组织类别), statuses, and which type may sit under which. The types and their labels
 * are defined once, in packages/regulations, with the rules that depend on them.
 */
import { BRANCH_LIKE, ORG_TYPES, ORG_TYPE_LABELS, type OrgType } from '@dangjian/regulations';

export { ORG_TYPES, ORG_TYPE_LABELS, type OrgType };

export const ORG_STATUSES = ['active', 'dissolved', 'merged'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
export const ORG_STATUS_LABELS: Record<OrgStatus, string> = { active: '正常', dissolved: '撤销', merged: '合并' };

export const ALLOWED_CHILD_TYPES: Record<OrgType, readonly OrgType[]> = {
  work_committee: ['party_committee', 'organ_party_committee', 'general_branch', ...BRANCH_LIKE],
  party_committee: ['party_committee', 'organ_party_committee', 'general_branch', ...BRANCH_LIKE],
  organ_party_committee: ['general_branch', ...BRANCH_LIKE],
  general_branch: BRANCH_LIKE,
  branch: ['party_small_group'],
  joint_branch: ['party_small_group'],
  temporary_branch: ['party_small_group'],
  party_small_group: [],
};

export function isOrgType(value: string): value is OrgType {
  return (ORG_TYPES as readonly string[]).includes(value);
}

export function orgTypeLabel(type: string): string {
  return isOrgType(type) ? ORG_TYPE_LABELS[type] : type;
}
