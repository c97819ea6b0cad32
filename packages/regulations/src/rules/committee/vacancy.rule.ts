import Type from 'typebox';
import { addDays, daysBetween } from '../../engine/period.js';
import { defineRule, met, notApplicable, param, unmet } from '../../engine/rule.js';
import { IsoDateFact } from '../org/org-types.js';

export type VacancyDetail = {
  /** Days from `vacantSince` to `asOf`. */
  vacantDays: number;
  /** The limit in force on `asOf`. */
  maxDays: number;
  /** The last day the vacancy stays within the limit (`vacantSince` + `maxDays`). */
  dueOn: string;
};

export const vacancy = defineRule({
  id: 'committee.vacancy',
  title: '班子职位出缺应当及时补选',
  description:
    '在评价日（asOf = 今天）检查一个空缺的班子职位：空缺天数超过 committee.vacancy_max_days 即提醒补选。条例只要求委员出缺"及时补选"' +
    '（支部工作条例第二十一条，党章第三十一条），没有统一时限，天数为项目默认值（90 天），可按本辖区规定修改参数。' +
    '按评价日取值，所以参数生效前就已出缺、至今未补的职位同样会被提示。',
  period: 'event',
  resolveAt: 'event_date',
  params: { maxDays: param('committee.vacancy_max_days', Type.Integer({ minimum: 0 })) },
  facts: Type.Object(
    {
      /** The post, as shown to the user (书记, 组织委员, …). */
      post: Type.String({ minLength: 1 }),
      /** The first day the post was vacant. */
      vacantSince: IsoDateFact,
    },
    { additionalProperties: false },
  ),

  assess({ params: { maxDays }, facts: { post, vacantSince }, asOf }) {
    if (!maxDays) return notApplicable('评价日尚无已编码的补选时限');
    const vacantDays = daysBetween(vacantSince, asOf);
    if (vacantDays < 0) return notApplicable(`${post}职位自 ${vacantSince} 起空缺，晚于评价日 ${asOf}`);
    const detail: VacancyDetail = { vacantDays, maxDays: maxDays.value, dueOn: addDays(vacantSince, maxDays.value) };
    if (vacantDays <= maxDays.value) return met(detail);
    return unmet(detail, [
      {
        code: 'vacancy_too_long',
        message: `${post}职位自 ${vacantSince} 起已空缺 ${vacantDays} 天，超过 ${maxDays.value} 天，应及时补选`,
        basis: maxDays,
      },
    ]);
  },
});
