/** A small synthetic regulation for engine tests: a quarterly meeting rule over three parameters. */
import Type from 'typebox';
import { buildParameterTree } from './parameters.js';
import { defineRule, met, notApplicable, param, unknownFacts, unmet, type ProblemInput } from './rule.js';

export const fixtureTree = buildParameterTree(
  [
    {
      id: 'meetings.assembly.min_per_quarter',
      content: {
        description: '党员大会每季度最少召开次数',
        unit: 'meetings',
        verified_on: '2024-01-01',
        values: {
          '2018-10-28': { value: 1, force: 'generally', source: 'branch-rules', article: '第十九条', quote: '一般每季度召开1次' },
          '2030-01-01': { value: 2, force: 'shall', source: 'branch-rules', article: '第十九条' },
        },
      },
    },
    {
      id: 'meetings.lecture.min_per_quarter',
      content: {
        description: '党课每季度最少次数',
        unit: 'meetings',
        verified_on: '2024-01-01',
        values: { '2018-10-28': { value: 1, force: 'may', source: 'branch-rules', article: '第二十条' } },
      },
    },
  ],
  {
    'branch-rules': {
      title: '测试支部工作条例',
      issuer: '测试机关',
      kind: 'party_regulation',
      published_on: '2018-10-28',
      effective_on: '2018-10-28',
      repealed_on: null,
    },
  },
);

export const quarterlyMeetings = defineRule({
  id: 'meetings.quarterly',
  title: '按季度召开党员大会和党课',
  description: '测试用规则。',
  period: 'quarter',
  resolveAt: 'period_start',
  params: {
    assemblies: param('meetings.assembly.min_per_quarter', Type.Integer({ minimum: 0 })),
    lectures: param('meetings.lecture.min_per_quarter', Type.Integer({ minimum: 0 })),
  },
  facts: Type.Object({ assemblies: Type.Optional(Type.Integer()), lectures: Type.Integer() }),
  assess({ params: { assemblies, lectures }, facts }) {
    if (!assemblies || !lectures) return notApplicable('条例尚未施行');
    if (facts.assemblies === undefined) return unknownFacts(['assemblies']);
    const problems: ProblemInput[] = [];
    if (facts.assemblies < assemblies.value) problems.push({ code: 'too_few_assemblies', message: `党员大会少于 ${assemblies.value} 次`, basis: assemblies });
    if (facts.lectures < lectures.value) problems.push({ code: 'too_few_lectures', message: `党课少于 ${lectures.value} 次`, basis: lectures });
    const [first, ...rest] = problems;
    const detail = { assemblies: facts.assemblies, lectures: facts.lectures };
    return first ? unmet(detail, [first, ...rest]) : met(detail);
  },
});
