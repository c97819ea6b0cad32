import Type from 'typebox';
import { defineRule, met, notApplicable, param, unmet, type ProblemInput } from '../../engine/rule.js';

export type ProbationExtensionDetail = {
  months: number;
  previousExtensions: number;
  /** The limits in force on `asOf`; null where none is coded for that date. */
  minMonths: number | null;
  maxMonths: number | null;
  maxExtensions: number | null;
};

export const probationExtension = defineRule({
  id: 'members.probation_extension',
  title: '延长预备期最少半年、最长一年，只能延长一次',
  description:
    '在作出延长决定之日（asOf，支部大会讨论之日）检查延长预备期的决定：延长的月数不得少于 members.probation.extension_min_months（6 个月）、' +
    '不得超过 members.probation.extension_max_months（12 个月），此前已延长的次数（previousExtensions）达到 members.probation.max_extensions（1 次）' +
    '的不得再延长。党章第七条："需要继续考察和教育的，可以延长预备期，但不能超过一年"；发展党员工作细则第三十二条："可以延长一次预备期，' +
    '延长时间不能少于半年，最长不超过一年"。2014-06-10 细则施行前只编码了党章的一年上限。',
  period: 'event',
  resolveAt: 'event_date',
  params: {
    minMonths: param('members.probation.extension_min_months', Type.Integer({ minimum: 1 })),
    maxMonths: param('members.probation.extension_max_months', Type.Integer({ minimum: 1 })),
    maxExtensions: param('members.probation.max_extensions', Type.Integer({ minimum: 1 })),
  },
  facts: Type.Object(
    {
      /** The length of this extension, in months. */
      months: Type.Integer({ minimum: 1 }),
      /** How many times this member's probation was extended before this decision. */
      previousExtensions: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),

  assess({ params: { minMonths, maxMonths, maxExtensions }, facts: { months, previousExtensions } }) {
    if (!minMonths && !maxMonths && !maxExtensions) return notApplicable('决定日尚无已编码的延长预备期规定');
    const detail: ProbationExtensionDetail = {
      months,
      previousExtensions,
      minMonths: minMonths?.value ?? null,
      maxMonths: maxMonths?.value ?? null,
      maxExtensions: maxExtensions?.value ?? null,
    };
    const problems: ProblemInput[] = [];
    if (minMonths && months < minMonths.value) {
      problems.push({ code: 'extension_too_short', message: `延长预备期 ${months} 个月，少于最短期限 ${minMonths.value} 个月`, basis: minMonths });
    }
    if (maxMonths && months > maxMonths.value) {
      problems.push({ code: 'extension_too_long', message: `延长预备期 ${months} 个月，超过最长期限 ${maxMonths.value} 个月`, basis: maxMonths });
    }
    if (maxExtensions && previousExtensions >= maxExtensions.value) {
      problems.push({
        code: 'extension_repeated',
        message: `该预备党员的预备期已延长过 ${previousExtensions} 次，预备期只能延长 ${maxExtensions.value} 次`,
        basis: maxExtensions,
      });
    }
    const [first, ...rest] = problems;
    return first ? unmet(detail, [first, ...rest]) : met(detail);
  },
});
