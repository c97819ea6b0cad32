/** Committee posts (班子职务) and their labels; 书记 is held by one person at a time. */
export const COMMITTEE_POSTS = [
  'secretary',
  'deputy_secretary',
  'organization_member',
  'propaganda_member',
  'discipline_member',
  'youth_member',
  'committee_member',
] as const;
export type CommitteePost = (typeof COMMITTEE_POSTS)[number];

export const COMMITTEE_POST_LABELS: Record<CommitteePost, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organization_member: '组织委员',
  propaganda_member: '宣传委员',
  discipline_member: '纪检委员',
  youth_member: '青年委员',
  committee_member: '委员',
};

/** Posts held by one person at a time. */
export const SINGLE_HOLDER_POSTS: readonly CommitteePost[] = ['secretary', 'organization_member', 'propaganda_member', 'discipline_member', 'youth_member'];

/** Posts a committee (支委会/总支委员会/党委) must have filled; an org without a committee needs only its secretary. */
export const REQUIRED_COMMITTEE_POSTS: readonly CommitteePost[] = ['secretary', 'organization_member', 'propaganda_member', 'discipline_member'];

/** Org types that hold elections and have a committee or secretary (not 工委, not 党小组). */
export const ELECTED_ORG_TYPES = ['party_committee', 'organ_party_committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch'] as const;

export function postLabel(post: string): string {
  return COMMITTEE_POST_LABELS[post as CommitteePost] ?? post;
}
