/** Guards of the organization rules that YAML cases cannot express (thrown errors, fact validation). */
import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../load-from-files.js';
import { vacancy } from './committee/vacancy.rule.js';
import { termDue } from './elections/term-due.rule.js';
import { orgSetup } from './org/setup.rule.js';
import { completedYears } from './org/org-types.js';

const tree = loadRegulations();

describe('elections.term_due', () => {
  it('resolves on the election date: asOf must equal facts.electedOn', () => {
    expect(() => termDue.evaluate({ tree, asOf: '2024-01-01', facts: { orgType: 'branch', electedOn: '2016-05-10', today: '2024-01-01' } })).toThrow(
      /asOf（2024-01-01）必须等于 facts.electedOn（2016-05-10）/,
    );
  });

  it('records the term parameter of the election date in its basis', () => {
    const before = termDue.evaluate({ tree, asOf: '2018-07-11', facts: { orgType: 'branch', electedOn: '2018-07-11', today: '2019-01-01' } });
    const after = termDue.evaluate({ tree, asOf: '2018-07-12', facts: { orgType: 'branch', electedOn: '2018-07-12', today: '2019-01-01' } });
    const term = (e: typeof before) => e.basis.find((b) => b.id === 'elections.term_years.branch');
    expect([term(before)?.value, term(before)?.citation.source]).toEqual([2, 'jiguan-2010']);
    expect([term(after)?.value, term(after)?.citation.source]).toEqual([3, 'renqi-2018']);
  });

  it.each([
    ['an unknown org type', { orgType: 'committee', electedOn: '2020-01-01', today: '2024-01-01' }],
    ['a malformed date', { orgType: 'branch', electedOn: '2020-01-01', today: '2024/01/01' }],
    ['an unknown fact', { orgType: 'branch', electedOn: '2020-01-01', today: '2024-01-01', level: 'county' }],
  ])('rejects %s', (_, facts) => {
    expect(() => termDue.evaluate({ tree, asOf: '2020-01-01', facts: facts as never })).toThrow(TypeError);
  });

  it('rejects a date that does not exist', () => {
    expect(() => termDue.evaluate({ tree, asOf: '2020-01-01', facts: { orgType: 'branch', electedOn: '2020-01-01', today: '2023-02-29' } })).toThrow(RangeError);
  });
});

describe('org.setup', () => {
  it('rejects more full members than members', () => {
    const facts = { orgType: 'branch' as const, memberCount: 5, fullMemberCount: 6, committeeSize: 0, hasSecretary: true, smallGroups: [] };
    expect(() => orgSetup.evaluate({ tree, asOf: '2026-11-23', facts })).toThrow(/正式党员人数（6）不能多于党员人数（5）/);
  });

  it('cites the parameter each problem breaks', () => {
    const facts = { orgType: 'branch' as const, memberCount: 60, fullMemberCount: 2, committeeSize: 0, hasSecretary: false, smallGroups: [] };
    const result = orgSetup.evaluate({ tree, asOf: '2026-11-23', facts });
    expect(result.problems.map((p) => [p.code, p.basis.id, p.severity])).toEqual([
      ['branch_too_few_full_members', 'org.branch.min_full_members', 'violation'],
      ['branch_over_size', 'org.branch.max_members', 'warning'],
      ['may_become_general_branch', 'org.general_branch.min_members', null],
      ['small_groups_recommended', 'org.small_group.recommended_from_members', 'warning'],
      ['secretary_missing', 'org.secretary_required', 'violation'],
    ]);
  });
});

describe('committee.vacancy', () => {
  it('takes the evaluation date as asOf, not a fact', () => {
    expect(() => vacancy.evaluate({ tree, asOf: '2026-11-23', facts: { post: '书记', vacantSince: '2026-01-01', today: '2026-11-23' } as never })).toThrow(TypeError);
  });
});

describe('completedYears', () => {
  it.each([
    ['2023-11-23', '2024-11-22', 0],
    ['2023-11-23', '2024-11-23', 1],
    ['2024-02-29', '2025-02-27', 0],
    ['2024-02-29', '2025-02-28', 1],
    ['2024-02-29', '2028-02-28', 3],
    ['2024-02-29', '2028-02-29', 4],
    ['2024-05-01', '2024-01-01', 0],
  ])('%s → %s: %i', (from, to, years) => {
    expect(completedYears(from, to)).toBe(years);
  });
});
