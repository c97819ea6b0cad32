import Type from 'typebox';
import { addMonths } from '../../engine/period.js';
import { defineRule, met, notApplicable, param, unknownFacts, unmet } from '../../engine/rule.js';
import { IsoDateFact, OrgTypeSchema, completedYears, isBranchLike } from '../org/org-types.js';

export type SecretaryQualificationDetail = {
  /** Completed years of Party standing (党龄, from the day of becoming a full member) on `asOf`; null for a probationary member. */
  standingYears: number | null;
};

export const secretaryQualification = defineRule({
  id: 'committee.secretary_qualification',
  title: '书记须为正式党员，党支部书记一般应有 1 年以上党龄',
  description:
    '在任职（或评价）日 asOf 检查书记人选：预备党员没有被选举权，担任书记为违规（党章第七条、选举工作条例第五条）；' +
    '党龄自转为正式党员之日起算，不足 1 年为提醒（支部工作条例第二十三条"一般应当具有1年以上党龄"，"以上"含 1 年整）。' +
    '转正日期晚于 asOf 的视为当日仍是预备党员。党龄要求针对党支部书记：给出 orgType 且不是党支部（含联合、临时党支部）时不检查党龄。',
  period: 'event',
  resolveAt: 'event_date',
  params: {
    fullMemberRequired: param('committee.secretary.full_member_required', Type.Boolean()),
    minStandingYears: param('committee.secretary.min_standing_years', Type.Integer({ minimum: 0 })),
  },
  facts: Type.Object(
    {
      category: Type.Union([Type.Literal('full'), Type.Literal('probationary')]),
      /** The day the member became a full member (转为正式党员之日); null when unknown or probationary. */
      fullMemberOn: Type.Union([IsoDateFact, Type.Null()]),
      /** The organization of the post; when given and not a branch, the 党龄 requirement is not checked. */
      orgType: Type.Optional(OrgTypeSchema),
    },
    { additionalProperties: false },
  ),

  assess({ params: { fullMemberRequired, minStandingYears }, facts, asOf }) {
    if (!fullMemberRequired && !minStandingYears) return notApplicable('评价日尚无已编码的书记任职条件');
    const probationary = facts.category === 'probationary' || (facts.fullMemberOn !== null && facts.fullMemberOn > asOf);
    if (probationary) {
      if (!fullMemberRequired?.value) return met({ standingYears: null });
      const when = facts.category === 'probationary' ? '是预备党员' : `到 ${asOf} 尚未转为正式党员（${facts.fullMemberOn} 转正）`;
      return unmet<SecretaryQualificationDetail>({ standingYears: null }, [
        { code: 'secretary_not_full_member', message: `书记人选${when}：预备党员没有被选举权，不能担任书记`, basis: fullMemberRequired },
      ]);
    }
    if (facts.fullMemberOn === null) return unknownFacts(['fullMemberOn']);

    const detail: SecretaryQualificationDetail = { standingYears: completedYears(facts.fullMemberOn, asOf) };
    const checksStanding = facts.orgType === undefined || isBranchLike(facts.orgType);
    if (checksStanding && minStandingYears && asOf < addMonths(facts.fullMemberOn, 12 * minStandingYears.value)) {
      return unmet(detail, [
        {
          code: 'secretary_standing_too_short',
          message: `书记人选 ${facts.fullMemberOn} 转为正式党员，到 ${asOf} 党龄不足 ${minStandingYears.value} 年：党支部书记一般应当具有 ${minStandingYears.value} 年以上党龄`,
          basis: minStandingYears,
        },
      ]);
    }
    return met(detail);
  },
});
