/** Organization types shared by the organization, election and committee rules (the server's `ORG_TYPES`). */
import Type from 'typebox';
import { addMonths } from '../../engine/period.js';

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

export const OrgTypeSchema = Type.Enum(ORG_TYPES);

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

/** 党支部, 联合党支部 and 临时党支部: the branch rules apply to all three. */
export const BRANCH_LIKE: readonly OrgType[] = ['branch', 'joint_branch', 'temporary_branch'];
/** 党的基层委员会: 党委 and 机关党委. */
export const PRIMARY_COMMITTEES: readonly OrgType[] = ['party_committee', 'organ_party_committee'];

export const isBranchLike = (t: OrgType) => BRANCH_LIKE.includes(t);
export const isPrimaryCommittee = (t: OrgType) => PRIMARY_COMMITTEES.includes(t);

/** A calendar date fact, `YYYY-MM-DD` (Asia/Shanghai). Impossible dates such as 2023-02-29 are rejected by the date functions. */
export const IsoDateFact = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** Completed years from `from` to `to` (anniversaries by `addMonths`, so 02-29 counts on 02-28); negative never, 0 when `to` is earlier. */
export function completedYears(from: string, to: string): number {
  let years = 0;
  while (addMonths(from, 12 * (years + 1)) <= to) years += 1;
  return years;
}
