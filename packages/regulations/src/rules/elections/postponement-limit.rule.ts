import Type from 'typebox';
import { addMonths, daysBetween } from '../../engine/period.js';
import { defineRule, met, notApplicable, param, unmet, type ProblemInput } from '../../engine/rule.js';
import { IsoDateFact } from '../org/org-types.js';

export type AdjustmentDetail = {
  direction: 'postpone' | 'advance' | 'none';
  /** `newDueOn` − `dueOn` in days: positive for a postponement, negative for an early election. */
  shiftDays: number;
  /** The latest (postponement) or earliest (early election) date the cap allows; null when not capped. */
  limitOn: string | null;
};

export const postponementLimit = defineRule({
  id: 'elections.postponement_limit',
  title: '延期或提前换届须经上级批准，期限一般不超过 1 年',
  description:
    '对延期或提前换届的决定（asOf = 决定或批准日）检查：须报上级党组织批准（未批准为违规）；调整后的换届日期与原届满日相差一般不超过 12 个月' +
    '（"不超过"含 12 个月整，超过为提醒，依据原文"一般"）。1990 年暂行条例只限制延期；自 2018-07-12（任期意见，条号待核）、2020-07-13（选举工作条例第三条）起提前换届同样受限。',
  period: 'event',
  resolveAt: 'event_date',
  params: {
    approval: param('elections.adjustment_requires_approval', Type.Boolean()),
    maxMonths: param('elections.max_adjustment_months', Type.Integer({ minimum: 0 })),
    advanceCapped: param('elections.advance_capped', Type.Boolean()),
  },
  facts: Type.Object(
    {
      /** The due date of the current term before the decision. */
      dueOn: IsoDateFact,
      /** The new election date the decision sets. */
      newDueOn: IsoDateFact,
      /** Approved by the higher Party organization. */
      approved: Type.Boolean(),
    },
    { additionalProperties: false },
  ),

  assess({ params: { approval, maxMonths, advanceCapped }, facts }) {
    if (!approval && !maxMonths) return notApplicable('决定日尚无已编码的换届期限规定');
    const shiftDays = daysBetween(facts.dueOn, facts.newDueOn);
    const direction = shiftDays > 0 ? 'postpone' : shiftDays < 0 ? 'advance' : 'none';
    const capped = maxMonths !== undefined && (direction === 'postpone' || (direction === 'advance' && advanceCapped?.value === true));
    const limitOn = capped ? addMonths(facts.dueOn, direction === 'postpone' ? maxMonths.value : -maxMonths.value) : null;
    const detail: AdjustmentDetail = { direction, shiftDays, limitOn };
    if (direction === 'none') return met(detail);

    const what = direction === 'postpone' ? '延期' : '提前';
    const problems: ProblemInput[] = [];
    if (!facts.approved && approval?.value) {
      problems.push({ code: 'adjustment_not_approved', message: `${what}换届（原届满日 ${facts.dueOn}，调整为 ${facts.newDueOn}）未经上级党组织批准`, basis: approval });
    }
    if (capped && limitOn !== null && (direction === 'postpone' ? facts.newDueOn > limitOn : facts.newDueOn < limitOn)) {
      problems.push({
        code: 'adjustment_too_long',
        message: `${what}换届从 ${facts.dueOn} 调整为 ${facts.newDueOn}，超过 ${maxMonths.value} 个月（最${direction === 'postpone' ? '晚' : '早'}应为 ${limitOn}）`,
        basis: maxMonths,
      });
    }
    const [first, ...rest] = problems;
    return first ? unmet(detail, [first, ...rest]) : met(detail);
  },
});
