import { describe, expect, it } from 'vitest';
import { boundaryGaps, checkCase, parseCaseFile, type RuleCase } from './cases.js';
import type { AnyRule } from './rule.js';
import { fixtureTree, quarterlyMeetings } from './test-fixtures.js';

const rule = quarterlyMeetings as AnyRule;
const at = (period: string, expect: RuleCase['expect'], facts: unknown = { assemblies: 0, lectures: 0 }): RuleCase => ({ name: period, period, facts, expect });

describe('checkCase', () => {
  it('passes a case whose expectation matches', () => {
    expect(checkCase(rule, fixtureTree, at('2019-Q1', { status: 'unmet', severity: 'warning', problems: ['too_few_assemblies', 'too_few_lectures'], detail: { assemblies: 0 } }))).toEqual([]);
  });

  it.each<[string, RuleCase['expect'], string]>([
    ['a wrong status', { status: 'met' }, 'status：期望 "met"，实际 "unmet"'],
    ['a wrong severity', { status: 'unmet', severity: 'violation' }, 'severity：期望 "violation"，实际 "warning"'],
    ['a missing problem', { status: 'unmet', problems: ['too_few_assemblies'] }, 'problems：'],
    ['problems in another order', { status: 'unmet', problems: ['too_few_lectures', 'too_few_assemblies'] }, 'problems：'],
    ['a wrong message', { status: 'unmet', messages: ['党员大会少于 2 次', '党课少于 1 次'] }, 'messages：'],
    ['a wrong detail', { status: 'unmet', detail: { assemblies: 1 } }, 'detail.assemblies：期望 1，实际 0'],
  ])('reports %s', (_, expectation, message) => {
    const mismatches = checkCase(rule, fixtureTree, at('2019-Q1', expectation));
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toContain(message);
  });
});

describe('boundaryGaps', () => {
  const met = { status: 'met' } as const;
  // Resolved at period start: 2018-Q4 → 2018-10-01, before the 2018-10-28 effective date; 2019-Q1 → after it.
  const covering = ['2018-Q4', '2019-Q1', '2029-Q4', '2030-Q1'];

  it('is empty when every effective date has a case on each side', () => {
    expect(boundaryGaps(rule, fixtureTree, covering.map((p) => at(p, met)))).toEqual([]);
  });

  it.each([
    ['2018-Q4', ['meetings.assembly.min_per_quarter 的生效日 2018-10-28 之前缺少用例', 'meetings.lecture.min_per_quarter 的生效日 2018-10-28 之前缺少用例']],
    ['2019-Q1', []], // 2029-Q4 also lies between 2018-10-28 and 2030-01-01
    ['2029-Q4', []], // and so does 2019-Q1
    ['2030-Q1', ['meetings.assembly.min_per_quarter 的生效日 2030-01-01 当日或之后缺少用例']],
  ])('without the case for %s reports %j', (removed, gaps) => {
    const cases = covering.filter((p) => p !== removed).map((p) => at(p, met));
    expect(boundaryGaps(rule, fixtureTree, cases)).toEqual(gaps.map((g) => `meetings.quarterly: 参数 ${g}`));
  });

  it('counts a case only on the side of the date it resolves on', () => {
    expect(boundaryGaps(rule, fixtureTree, [at('2018-Q4', met), at('2030-Q1', met)])).toEqual([
      'meetings.quarterly: 参数 meetings.assembly.min_per_quarter 的生效日 2018-10-28 当日或之后缺少用例',
      'meetings.quarterly: 参数 meetings.assembly.min_per_quarter 的生效日 2030-01-01 之前缺少用例',
    ]);
  });
});

describe('parseCaseFile', () => {
  it('accepts a well-formed file', () => {
    expect(parseCaseFile({ rule: 'x', cases: [{ name: 'n', as_of: '2020-01-01', facts: {}, expect: { status: 'met' } }] }, 'x.cases.yaml').rule).toBe('x');
  });

  it.each([
    ['a misspelt expectation key', { rule: 'x', cases: [{ name: 'n', facts: {}, expect: { status: 'met', severty: 'warning' } }] }, 'must not have additional properties：["severty"]'],
    ['an unknown status', { rule: 'x', cases: [{ name: 'n', facts: {}, expect: { status: 'ok' } }] }, '/cases/0/expect/status'],
    ['no cases', { rule: 'x', cases: [] }, '/cases must not have fewer than 1 items'],
  ])('rejects %s', (_, content, message) => {
    expect(() => parseCaseFile(content, 'x.cases.yaml')).toThrow(message);
  });
});
