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

/** 党组织类别 code of the national party-member information system (datastd §2.8), derived from the type. */
export const ORG_TYPE_NATIONAL_CODES: Record<OrgType, string | null> = {
  work_committee: null, // 党工委 / 机关工委: no code found in the sources (datastd §2.8)
  party_committee: '611',
  organ_party_committee: '611',
  general_branch: '621',
  branch: '631',
  joint_branch: '632',
  temporary_branch: '931',
  party_small_group: '641',
};

/** 党组织所在单位类别 for 党内统计 (datastd §2.10; the full national table was not found, this is the 9-value form list). */
export const STATISTICS_CATEGORIES = [
  'party_government_organ',
  'other_public_institution',
  'state_owned_enterprise',
  'non_public_enterprise',
  'school',
  'rural',
  'street_community',
  'social_organization',
  'other',
] as const;
export type StatisticsCategory = (typeof STATISTICS_CATEGORIES)[number];
export const STATISTICS_CATEGORY_LABELS: Record<StatisticsCategory, string> = {
  party_government_organ: '党政机关',
  other_public_institution: '其他事业单位',
  state_owned_enterprise: '国有企业',
  non_public_enterprise: '非公有制企业',
  school: '学校',
  rural: '农村',
  street_community: '街道社区',
  social_organization: '社会组织',
  other: '其他',
};
