import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { defineRule, met, param, resolutionDate, ruleParameterProblems, severityOf, type AnyRule } from './rule.js';
import { fixtureTree, quarterlyMeetings } from './test-fixtures.js';

describe('severityOf', () => {
  it.each([
    ['shall', 'violation'],
    ['generally', 'warning'],
    ['may', null],
  ] as const)('%s → %s', (force, severity) => {
    expect(severityOf(force)).toBe(severity);
  });
});

describe('evaluate', () => {
  const evaluate = (period: string, facts: { assemblies?: number; lectures: number }) => quarterlyMeetings.evaluate({ tree: fixtureTree, period, facts });

  it.each([
    // period, facts, status, severity, problem codes
    ['2018-Q4', { assemblies: 0, lectures: 0 }, 'not_applicable', null, []],
    ['2019-Q1', { assemblies: 1, lectures: 1 }, 'met', null, []],
    ['2019-Q1', { assemblies: 0, lectures: 1 }, 'unmet', 'warning', ['too_few_assemblies']],
    ['2019-Q1', { assemblies: 1, lectures: 0 }, 'unmet', null, ['too_few_lectures']],
    ['2019-Q1', { assemblies: 0, lectures: 0 }, 'unmet', 'warning', ['too_few_assemblies', 'too_few_lectures']],
    ['2030-Q1', { assemblies: 1, lectures: 1 }, 'unmet', 'violation', ['too_few_assemblies']],
    ['2029-Q4', { assemblies: 1, lectures: 1 }, 'met', null, []],
    ['2019-Q1', { lectures: 1 }, 'unknown', null, []],
  ] as const)('%s %j → %s / %s %j', (period, facts, status, severity, codes) => {
    const result = evaluate(period, facts);
    expect(result.status).toBe(status);
    expect(result.severity).toBe(severity);
    expect(result.problems.map((p) => p.code)).toEqual(codes);
  });

  it('gives each problem the severity of its own basis, and records the whole basis', () => {
    const result = evaluate('2019-Q2', { assemblies: 0, lectures: 0 });
    expect(result.problems.map((p) => [p.code, p.severity, p.basis.citation.article])).toEqual([
      ['too_few_assemblies', 'warning', '第十九条'],
      ['too_few_lectures', null, '第二十条'],
    ]);
    expect(result.basis.map((b) => b.id)).toEqual(['meetings.assembly.min_per_quarter', 'meetings.lecture.min_per_quarter']);
    expect(result).toMatchObject({ ruleId: 'meetings.quarterly', asOf: '2019-04-01', period: '2019-Q2' });
  });

  it('resolves at the start or the end of the period, as the rule declares', () => {
    const rule = { id: 'x', period: 'quarter', resolveAt: 'period_start' } as const;
    expect(resolutionDate(rule, { period: '2018-Q4' }).asOf).toBe('2018-10-01');
    expect(resolutionDate({ ...rule, resolveAt: 'period_end' }, { period: '2018-Q4' }).asOf).toBe('2018-12-31');
    expect(resolutionDate({ id: 'y', period: 'event', resolveAt: 'event_date' }, { asOf: '2018-10-28' })).toEqual({ asOf: '2018-10-28', period: null });
  });

  it.each([
    ['an event date for a period rule', { asOf: '2019-01-01' }],
    ['a period of the wrong kind', { period: '2019-03' }],
    ['a malformed period', { period: '2019-Q5' }],
  ])('rejects %s', (_, when) => {
    expect(() => quarterlyMeetings.evaluate({ tree: fixtureTree, facts: { assemblies: 1, lectures: 1 }, ...when })).toThrow(RangeError);
  });

  it('rejects facts that do not match the rule\'s schema', () => {
    expect(() => quarterlyMeetings.evaluate({ tree: fixtureTree, period: '2019-Q1', facts: { assemblies: 1 } as never })).toThrow(/meetings\.quarterly 的事实不符合约定.*lectures/);
  });

  it('rejects a parameter value of the wrong shape for the rule', () => {
    const wants = defineRule({
      id: 'x.wants_boolean',
      title: '测试',
      description: '测试',
      period: 'event',
      resolveAt: 'event_date',
      params: { flag: param('meetings.assembly.min_per_quarter', Type.Boolean()) },
      facts: Type.Object({}),
      assess: () => met({}),
    });
    expect(() => wants.evaluate({ tree: fixtureTree, asOf: '2020-01-01', facts: {} })).toThrow('参数 meetings.assembly.min_per_quarter 自 2018-10-28 的取值 1 不符合规则 x.wants_boolean 的要求');
    expect(ruleParameterProblems(wants as AnyRule, fixtureTree)).toHaveLength(2);
    expect(ruleParameterProblems(quarterlyMeetings as AnyRule, fixtureTree)).toEqual([]);
  });
});
