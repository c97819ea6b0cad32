import Type from 'typebox';
import type { Resolved } from '../../engine/parameters.js';
import { defineRule, met, notApplicable, param, unmet, type ProblemInput } from '../../engine/rule.js';
import { ORG_TYPE_LABELS, OrgTypeSchema, isBranchLike, isPrimaryCommittee, type OrgType } from './org-types.js';

export type SetupDetail = {
  orgType: OrgType;
  memberCount: number;
  fullMemberCount: number;
  committeeSize: number;
  /** The committee size range applied to this organization ([min, max]), or null when none applies. */
  committeeSizeRange: [number, number] | null;
};

const Count = Type.Integer({ minimum: 0 });

export const orgSetup = defineRule({
  id: 'org.setup',
  title: '党组织的设置、委员会人数与党小组划分',
  description:
    '对一个党组织在评价日（asOf）的情况检查：党支部（含联合、临时党支部）正式党员不足 3 人；正式党员 7 人以上未设支部委员会（3 人以上）；' +
    '党支部党员超过 50 人（一般）；党员 50 人以上、不足 100 人的党支部可以改设总支，100 人以上的非党委组织可以设立党的基层委员会（建议）；' +
    '委员会人数超出本类组织的范围（支部 3 至 7 人，总支 5 至 9 人，党委 5 至 9 人；后两者为党务工作做法）；党支部党员 20 人以上未划分党小组、' +
    '党小组不足 3 人或没有正式党员（中央和国家机关做法）；未配备书记。支部门槛按正式党员计，总支和党委门槛按全体党员（含预备党员）计；' +
    '"以上"含本数，"不足""超过"不含本数。工委和党小组本身不作评价。',
  period: 'event',
  resolveAt: 'event_date',
  params: {
    branchMinFull: param('org.branch.min_full_members', Count),
    committeeMinFull: param('org.branch.committee_min_full_members', Count),
    branchMaxMembers: param('org.branch.max_members', Count),
    generalBranchMinMembers: param('org.general_branch.min_members', Count),
    primaryMinMembers: param('org.primary_committee.min_members', Count),
    branchCommitteeMin: param('org.committee_size.branch_min', Count),
    branchCommitteeMax: param('org.committee_size.branch_max', Count),
    generalBranchCommitteeMin: param('org.committee_size.general_branch_min', Count),
    generalBranchCommitteeMax: param('org.committee_size.general_branch_max', Count),
    primaryCommitteeMin: param('org.committee_size.primary_committee_min', Count),
    primaryCommitteeMax: param('org.committee_size.primary_committee_max', Count),
    smallGroupsFrom: param('org.small_group.recommended_from_members', Count),
    smallGroupMin: param('org.small_group.min_members', Count),
    smallGroupMinFull: param('org.small_group.min_full_members', Count),
    secretaryRequired: param('org.secretary_required', Type.Boolean()),
  },
  facts: Type.Object(
    {
      orgType: OrgTypeSchema,
      /** All members, probationary included. */
      memberCount: Count,
      /** Formal (正式) members. */
      fullMemberCount: Count,
      /** Current committee members including the secretary; 0 if none. */
      committeeSize: Count,
      hasSecretary: Type.Boolean(),
      smallGroups: Type.Array(Type.Object({ name: Type.String(), memberCount: Count, fullMemberCount: Count }, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),

  assess({ params: p, facts }) {
    const { orgType, memberCount, fullMemberCount, committeeSize } = facts;
    const label = ORG_TYPE_LABELS[orgType];
    if (orgType === 'work_committee' || orgType === 'party_small_group') return notApplicable(`${label}不按党组织设置规定评价`);
    if (fullMemberCount > memberCount) throw new RangeError(`规则 org.setup：正式党员人数（${fullMemberCount}）不能多于党员人数（${memberCount}）`);
    if (Object.values(p).every((r) => r === undefined)) return notApplicable('评价日尚无已编码的党组织设置规定');
    const branchLike = isBranchLike(orgType);
    const primary = isPrimaryCommittee(orgType);
    const problems: ProblemInput[] = [];

    // The committee-size range for this organization, with the parameters that set it.
    const range: [Resolved<number>, Resolved<number>] | undefined = branchLike
      ? p.branchCommitteeMin && p.branchCommitteeMax && [p.branchCommitteeMin, p.branchCommitteeMax]
      : orgType === 'general_branch'
        ? p.generalBranchCommitteeMin && p.generalBranchCommitteeMax && [p.generalBranchCommitteeMin, p.generalBranchCommitteeMax]
        : p.primaryCommitteeMin && p.primaryCommitteeMax && [p.primaryCommitteeMin, p.primaryCommitteeMax];
    const detail: SetupDetail = {
      orgType,
      memberCount,
      fullMemberCount,
      committeeSize,
      committeeSizeRange: range ? [range[0].value, range[1].value] : null,
    };

    const tooFewFull = branchLike && p.branchMinFull !== undefined && fullMemberCount < p.branchMinFull.value;
    if (tooFewFull && p.branchMinFull) {
      const remedy = orgType === 'joint_branch' ? '应调整联合范围或并入其他党支部' : '应与邻近或同类单位的党员成立联合党支部，或并入其他党支部';
      problems.push({
        code: 'branch_too_few_full_members',
        message: `${label}正式党员 ${fullMemberCount} 人，不足 ${p.branchMinFull.value} 人：${remedy}`,
        basis: p.branchMinFull,
      });
    }

    const committeeRequired = branchLike && p.committeeMinFull !== undefined && fullMemberCount >= p.committeeMinFull.value;
    // Both branch-committee parameters come from the same article and take effect together.
    const minCommittee = p.branchCommitteeMin?.value ?? 0;
    if (committeeRequired && p.committeeMinFull && committeeSize < minCommittee) {
      problems.push({
        code: 'branch_committee_required',
        message: `${label}正式党员 ${fullMemberCount} 人（${p.committeeMinFull.value} 人以上），应当设立支部委员会（至少 ${minCommittee} 人），现有班子成员 ${committeeSize} 人`,
        basis: p.committeeMinFull,
      });
    }

    if (branchLike && p.branchMaxMembers && memberCount > p.branchMaxMembers.value) {
      problems.push({
        code: 'branch_over_size',
        message: `${label}党员 ${memberCount} 人，超过 ${p.branchMaxMembers.value} 人：党支部党员人数一般不超过 ${p.branchMaxMembers.value} 人，宜分设党支部或改设党总支`,
        basis: p.branchMaxMembers,
      });
    }

    const primaryThreshold = p.primaryMinMembers?.value;
    const reachesPrimary = primaryThreshold !== undefined && memberCount >= primaryThreshold;
    if (branchLike && p.generalBranchMinMembers && memberCount >= p.generalBranchMinMembers.value && !reachesPrimary) {
      problems.push({
        code: 'may_become_general_branch',
        message: `${label}党员 ${memberCount} 人（${p.generalBranchMinMembers.value} 人以上${primaryThreshold === undefined ? '' : `、不足 ${primaryThreshold} 人`}），经上级党组织批准可以改设党的总支部委员会`,
        basis: p.generalBranchMinMembers,
      });
    }
    if (!primary && reachesPrimary && p.primaryMinMembers) {
      problems.push({
        code: 'may_set_up_primary_committee',
        message: `${label}党员 ${memberCount} 人（${p.primaryMinMembers.value} 人以上），经上级党组织批准可以设立党的基层委员会`,
        basis: p.primaryMinMembers,
      });
    }

    // Branches with fewer members than the committee threshold may have only a secretary (and a deputy): a size of
    // 1 or 2 is then not a committee. A required committee that is missing is reported above, not here.
    const hasCommittee = committeeSize > 0 && (!branchLike || committeeSize >= minCommittee);
    if (range && hasCommittee) {
      const [min, max] = range;
      const basis = committeeSize < min.value ? min : committeeSize > max.value ? max : undefined;
      if (basis) {
        problems.push({
          code: 'committee_size_out_of_range',
          message: `${label}委员会现有委员 ${committeeSize} 人，${committeeSize < min.value ? '少于' : '多于'} ${min.value} 至 ${max.value} 人的范围`,
          basis,
        });
      }
    }

    if (branchLike && p.smallGroupsFrom && memberCount >= p.smallGroupsFrom.value && facts.smallGroups.length === 0) {
      problems.push({
        code: 'small_groups_recommended',
        message: `${label}党员 ${memberCount} 人（${p.smallGroupsFrom.value} 人以上），一般应划分党小组，目前没有党小组`,
        basis: p.smallGroupsFrom,
      });
    }
    if (branchLike) {
      for (const group of facts.smallGroups) {
        const basis =
          p.smallGroupMin && group.memberCount < p.smallGroupMin.value
            ? p.smallGroupMin
            : p.smallGroupMinFull && group.fullMemberCount < p.smallGroupMinFull.value
              ? p.smallGroupMinFull
              : undefined;
        if (!basis || !p.smallGroupMin || !p.smallGroupMinFull) continue;
        problems.push({
          code: 'small_group_too_small',
          message: `党小组「${group.name}」党员 ${group.memberCount} 人、正式党员 ${group.fullMemberCount} 人：每个党小组至少 ${p.smallGroupMin.value} 人，其中正式党员至少 ${p.smallGroupMinFull.value} 人`,
          basis,
        });
      }
    }

    if (!facts.hasSecretary && p.secretaryRequired?.value) {
      problems.push({ code: 'secretary_missing', message: `${label}未配备书记`, basis: p.secretaryRequired });
    }

    const [first, ...rest] = problems;
    return first ? unmet(detail, [first, ...rest]) : met(detail);
  },
});
