import Type from 'typebox';
import { defineRule, met, notApplicable, param, unmet } from '../../engine/rule.js';

export type AbsenceDetail = {
  consecutiveMonths: number;
  /** The threshold in force on `asOf` (6). */
  warningMonths: number;
};

export const meetingAbsence = defineRule({
  id: 'meetings.absence',
  title: '党员无正当理由连续六个月不参加组织生活应当及时处理',
  description:
    '在评价日（asOf = 今天）检查一名党员无正当理由连续不参加党的组织生活的月数：达到 meetings.absence.warning_months（6 个月，党章第九条）' +
    '即提示支部与其谈话、了解情况。按党章第九条，这样的党员被认为自行脱党，由支部大会决定除名并报上级党组织批准；' +
    '本规则只提示，不自动除名，是否有正当理由由支部认定后再交给本规则。参数按评价日取值。',
  period: 'event',
  resolveAt: 'event_date',
  params: { warningMonths: param('meetings.absence.warning_months', Type.Integer({ minimum: 1 })) },
  facts: Type.Object(
    {
      memberName: Type.String({ minLength: 1 }),
      /** Consecutive calendar months up to `asOf` without taking part in organizational life, without good reason. */
      consecutiveMonthsAbsentWithoutReason: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),

  assess({ params: { warningMonths }, facts: { memberName, consecutiveMonthsAbsentWithoutReason: months } }) {
    if (!warningMonths) return notApplicable('评价日尚无已编码的连续缺席组织生活规定');
    const detail: AbsenceDetail = { consecutiveMonths: months, warningMonths: warningMonths.value };
    if (months < warningMonths.value) return met(detail);
    return unmet(detail, [
      {
        code: 'absent_without_reason',
        message:
          `${memberName}无正当理由已连续 ${months} 个月不参加党的组织生活（达到 ${warningMonths.value} 个月），支部应及时与其谈话、了解情况；` +
          '确属自行脱党的，由支部大会决定除名并报上级党组织批准',
        basis: warningMonths,
      },
    ]);
  },
});
