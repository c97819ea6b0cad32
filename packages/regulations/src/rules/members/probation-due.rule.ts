import Type from 'typebox';
import { addMonths, daysBetween } from '../../engine/period.js';
import { defineRule, met, notApplicable, param, unmet } from '../../engine/rule.js';
import { IsoDateFact } from '../org/org-types.js';

export type ProbationStage = 'ok' | 'due_soon' | 'overdue';

export type ProbationDueDetail = {
  /** The probation in force on `asOf` (12 months), without extension. */
  lengthMonths: number;
  extensionMonths: number;
  /** `probationStart` + `lengthMonths` + `extensionMonths`: the day probation ends (预备期满), from which 党龄 counts. */
  dueOn: string;
  /** `dueOn` − `asOf`; 0 on the last day, negative once overdue. */
  daysLeft: number;
  stage: ProbationStage;
};

export const probationDue = defineRule({
  id: 'members.probation_due',
  title: '预备期满应当及时讨论能否转正',
  description:
    '在评价日（asOf = 今天）检查一名尚未讨论转正的预备党员：预备期为一年（党章第七条、发展党员工作细则第三十二条），从支部大会通过其为预备党员之日' +
    '（入党日期 probationStart）算起，经批准延长的再加上延长的月数（extensionMonths，未延长为 0），届满日 = 入党日期 + 12 个月 + 延长月数（月末按该月最后一日）。' +
    '距届满不足 members.probation.warning_lead_days（30 天，项目默认值）提醒支部准备讨论，届满日当天仍属提醒；届满后仍未讨论为违规' +
    '（"预备期满，党支部应当及时讨论其能否转为正式党员"）。参数按评价日取值。已经讨论（转正、延长或取消资格）的党员不应再交给本规则。',
  period: 'event',
  resolveAt: 'event_date',
  params: {
    lengthMonths: param('members.probation.length_months', Type.Integer({ minimum: 1 })),
    timelyDiscussion: param('members.probation.timely_discussion', Type.Boolean()),
    warningLeadDays: param('members.probation.warning_lead_days', Type.Integer({ minimum: 0 })),
  },
  facts: Type.Object(
    {
      /** 入党日期: the day the branch meeting accepted the member as probationary. */
      probationStart: IsoDateFact,
      /** Months of approved extension (延长预备期); 0 when never extended. */
      extensionMonths: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),

  assess({ params: { lengthMonths, timelyDiscussion, warningLeadDays }, facts: { probationStart, extensionMonths }, asOf }) {
    if (!lengthMonths) return notApplicable('评价日尚无已编码的预备期规定');
    if (probationStart > asOf) return notApplicable(`入党日期 ${probationStart} 晚于评价日 ${asOf}`);
    const dueOn = addMonths(probationStart, lengthMonths.value + extensionMonths);
    const daysLeft = daysBetween(asOf, dueOn);
    const lead = warningLeadDays?.value;
    const stage: ProbationStage = daysLeft < 0 ? 'overdue' : lead !== undefined && daysLeft <= lead ? 'due_soon' : 'ok';
    const detail: ProbationDueDetail = { lengthMonths: lengthMonths.value, extensionMonths, dueOn, daysLeft, stage };

    if (stage === 'overdue' && timelyDiscussion?.value) {
      return unmet(detail, [
        { code: 'probation_overdue', message: `预备期已于 ${dueOn} 届满 ${-daysLeft} 天，尚未讨论转正`, basis: timelyDiscussion },
      ]);
    }
    if (stage === 'due_soon' && warningLeadDays) {
      return unmet(detail, [
        {
          code: 'probation_due_soon',
          message: `预备期将于 ${dueOn} 届满，还有 ${daysLeft} 天，支部应及时讨论其能否转正`,
          basis: warningLeadDays,
        },
      ]);
    }
    return met(detail);
  },
});
