import Type from 'typebox';
import { addMonths, daysBetween } from '../../engine/period.js';
import { defineRule, met, notApplicable, param, unmet } from '../../engine/rule.js';
import { IsoDateFact, ORG_TYPE_LABELS, OrgTypeSchema, isBranchLike, isPrimaryCommittee } from '../org/org-types.js';

export type TermStage = 'ok' | 'due_soon' | 'due_imminent' | 'overdue';

export type TermDueDetail = {
  termYears: number;
  /** Election date + term, or the approved postponement when later. */
  dueOn: string;
  /** `dueOn` − `today`; negative once overdue, 0 on the last day of the term. */
  daysLeft: number;
  stage: TermStage;
  /** The parameter that gave `termYears` (its citation is in the evaluation's `basis`). */
  termParameter: string;
};

export const termDue = defineRule({
  id: 'elections.term_due',
  title: '党组织任期届满应当按期换届',
  description:
    '按选举日（asOf = electedOn）生效的规定确定本届任期：2018-07-12 前，机关党委地级以上 4 年、县级 3 年，总支 3 年，支部 2 年（机关条例 1998/2010）；' +
    '自 2018-07-12（《关于党的基层组织任期的意见》）起，基层委员会一般 5 年，总支、支部（含联合党支部）一般 3 年。此前选举产生的组织保持原任期、' +
    '从下一次选举起执行新任期，按选举日取值即体现这一过渡规定。届满日 = 选举日 + 任期，经批准延期的取延期后的日期。' +
    '评价日（facts.today）距届满不足 90 天提醒准备换届，不足 30 天提醒尽快请示（提前天数为项目默认值和党务工作做法，亦按选举日取值），' +
    '届满后未换届为违规（选举工作条例第三条：任期届满应当按期进行换届选举）。临时党支部不实行任期制，不作评价。',
  period: 'event',
  resolveAt: 'event_date',
  params: {
    primaryCommittee: param('elections.term_years.primary_committee', Type.Integer({ minimum: 1 })),
    primaryCommitteeCounty: param('elections.term_years.primary_committee_county', Type.Integer({ minimum: 1 })),
    generalBranch: param('elections.term_years.general_branch', Type.Integer({ minimum: 1 })),
    branch: param('elections.term_years.branch', Type.Integer({ minimum: 1 })),
    onTime: param('elections.reelection_on_time', Type.Boolean()),
    dueSoonDays: param('elections.warning_lead_days.due_soon', Type.Integer({ minimum: 0 })),
    dueImminentDays: param('elections.warning_lead_days.due_imminent', Type.Integer({ minimum: 0 })),
  },
  facts: Type.Object(
    {
      orgType: OrgTypeSchema,
      /** The election date; must equal `asOf`, on which the parameters are resolved. */
      electedOn: IsoDateFact,
      /** The evaluation date (the warning stage is computed for it). */
      today: IsoDateFact,
      adminLevel: Type.Optional(Type.Union([Type.Literal('provincial'), Type.Literal('prefecture'), Type.Literal('county')])),
      /** An approved postponement (延期换届) of this term, or null. */
      postponedUntil: Type.Optional(Type.Union([IsoDateFact, Type.Null()])),
    },
    { additionalProperties: false },
  ),

  assess({ params, facts, asOf }) {
    if (facts.electedOn !== asOf) {
      throw new RangeError(`规则 elections.term_due 按选举日取值：asOf（${asOf}）必须等于 facts.electedOn（${facts.electedOn}）`);
    }
    const label = ORG_TYPE_LABELS[facts.orgType];
    if (facts.orgType === 'temporary_branch') return notApplicable('临时党支部因任务临时组建，不实行固定任期，任务完成后即撤销');
    if (facts.orgType === 'work_committee' || facts.orgType === 'party_small_group') return notApplicable(`${label}不由选举产生固定任期的委员会`);

    const term = isPrimaryCommittee(facts.orgType)
      ? (facts.adminLevel ?? 'provincial') === 'county'
        ? params.primaryCommitteeCounty
        : params.primaryCommittee
      : facts.orgType === 'general_branch'
        ? params.generalBranch
        : isBranchLike(facts.orgType)
          ? params.branch
          : undefined;
    if (!term) return notApplicable(`选举日 ${facts.electedOn} 尚无已编码的${label}任期规定`);

    const termEnd = addMonths(facts.electedOn, 12 * term.value);
    const postponed = facts.postponedUntil ?? null;
    const dueOn = postponed !== null && postponed > termEnd ? postponed : termEnd;
    const daysLeft = daysBetween(facts.today, dueOn);
    const soon = params.dueSoonDays?.value;
    const imminent = params.dueImminentDays?.value;
    const stage: TermStage =
      daysLeft < 0 ? 'overdue' : imminent !== undefined && daysLeft <= imminent ? 'due_imminent' : soon !== undefined && daysLeft <= soon ? 'due_soon' : 'ok';
    const detail: TermDueDetail = { termYears: term.value, dueOn, daysLeft, stage, termParameter: term.id };
    const ends = `${label}本届任期（${facts.electedOn} 选举产生，任期 ${term.value} 年${dueOn === termEnd ? '' : '，经批准延期'}）于 ${dueOn} 届满`;

    if (stage === 'overdue' && params.onTime?.value) {
      return unmet(detail, [
        {
          code: 'term_overdue',
          message: `${ends}，已逾期 ${-daysLeft} 天未换届：任期届满应当按期进行换届选举，确需延期的应当报上级党组织批准`,
          basis: params.onTime,
        },
      ]);
    }
    if (stage === 'due_imminent' && params.dueImminentDays) {
      return unmet(detail, [
        {
          code: 'term_due_imminent',
          message: `${ends}，仅剩 ${daysLeft} 天（${params.dueImminentDays.value} 天内）：应尽快召开委员会会议研究换届并向上级党组织请示`,
          basis: params.dueImminentDays,
        },
      ]);
    }
    if (stage === 'due_soon' && params.dueSoonDays) {
      return unmet(detail, [
        { code: 'term_due_soon', message: `${ends}，还有 ${daysLeft} 天（${params.dueSoonDays.value} 天内）：应着手准备换届选举`, basis: params.dueSoonDays },
      ]);
    }
    return met(detail);
  },
});
