import Type from 'typebox';
import { defineRule, met, notApplicable, param, unmet } from '../../engine/rule.js';

export type QuorumDetail = {
  expectedVoters: number;
  actualVoters: number;
  /** The fewest attendees that exceed the fraction: floor(expected × n / d) + 1. */
  minimumAttendance: number;
};

export const electionQuorum = defineRule({
  id: 'elections.quorum',
  title: '选举会议有选举权的到会人数须超过应到会人数的五分之四',
  description:
    '在选举日（asOf = 选举日期）检查党员大会或代表大会的到会人数：有选举权的到会人数超过应到会人数的五分之四，会议有效；' +
    '恰好五分之四不算超过（1990 年暂行条例及 2020 年选举工作条例，条号待核）。比例以分子、分母两个整数参数表示，用整数比较，避免小数误差。',
  period: 'event',
  resolveAt: 'event_date',
  params: {
    numerator: param('elections.quorum.numerator', Type.Integer({ minimum: 1 })),
    denominator: param('elections.quorum.denominator', Type.Integer({ minimum: 1 })),
  },
  facts: Type.Object(
    {
      /** 应到会有选举权人数. */
      expectedVoters: Type.Integer({ minimum: 0 }),
      /** 实到会有选举权人数. */
      actualVoters: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),

  assess({ params: { numerator, denominator }, facts: { expectedVoters, actualVoters } }) {
    if (!numerator || !denominator) return notApplicable('选举日尚无已编码的到会人数规定');
    if (expectedVoters === 0) return notApplicable('应到会人数为 0');
    const n = numerator.value;
    const d = denominator.value;
    const detail: QuorumDetail = { expectedVoters, actualVoters, minimumAttendance: Math.floor((expectedVoters * n) / d) + 1 };
    if (actualVoters > expectedVoters) {
      return unmet(detail, [{ code: 'more_than_expected', message: `实到 ${actualVoters} 人多于应到 ${expectedVoters} 人，请核对人数`, basis: numerator }]);
    }
    if (actualVoters * d > expectedVoters * n) return met(detail);
    return unmet(detail, [
      {
        code: 'quorum_not_met',
        message: `实到 ${actualVoters} 人，未超过应到 ${expectedVoters} 人的${n === 4 && d === 5 ? '五分之四' : `${n}/${d}`}（至少须到 ${detail.minimumAttendance} 人），选举会议无效`,
        basis: numerator,
      },
    ]);
  },
});
