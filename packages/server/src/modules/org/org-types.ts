/** Organization types (党组织类别) and which type may sit under which (minimal; the org-system issue extends it). */
export const ORG_TYPES = [
  'work_committee',
  'party_committee',
  'organ_party_committee',
  'general_branch',
  'branch',
  'joint_branch',
  'temporary_branch',
  'party_small_group',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  work_committee: '工委',
  party_committee: '党委',
  organ_party_committee: '机关党委',
  general_branch: '党总支',
  branch: '党支部',
  joint_branch: '联合党支部',
  temporary_branch: '临时党支部',
  party_small_group: '党小组',
};

export const ORG_STATUSES = ['active', 'dissolved', 'merged'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
export const ORG_STATUS_LABELS: Record<OrgStatus, string> = { active: '正常', dissolved: '撤销', merged: '合并' };

const BRANCH_LIKE: OrgType[] = ['branch', 'joint_branch', 'temporary_branch'];

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
