import { describe, expect, it } from 'vitest';
import type { RuleBasis } from '../api/types';
import { citationEntries, committeeProblems, daysLeftText, findingBasis, overFourFifths, severityLook, stageColor } from './rules';

// The shape of a rule's basis in GET /api/orgs/:id/elections and GET /api/warnings.
const basis = (sourceTitle: string, article: string, quote: string | null, parameterId = 'p'): RuleBasis => ({
  parameterId,
  value: 3,
  effectiveFrom: '2020-01-05',
  sourceTitle,
  article,
  quote,
});

describe('severityLook', () => {
  it('maps 违规 red, 提醒 orange, 建议 blue', () => {
    expect(severityLook('violation')).toEqual({ label: '违规', color: 'red' });
    expect(severityLook('warning')).toEqual({ label: '提醒', color: 'orange' });
    expect(severityLook(null)).toEqual({ label: '建议', color: 'blue' });
  });
});

describe('term stage', () => {
  it('colours the stages, neutral for an unknown stage', () => {
    expect(stageColor('overdue')).toBe('red');
    expect(stageColor('ok')).toBe('green');
    expect(stageColor('something_new')).toBe('default');
  });

  it('words the days left', () => {
    expect(daysLeftText(12)).toBe('剩余 12 天');
    expect(daysLeftText(0)).toBe('今日届满');
    expect(daysLeftText(-146)).toBe('已逾期 146 天');
  });
});

describe('citationEntries', () => {
  it('names each source once, in book marks, with its quotes', () => {
    const entries = citationEntries([
      basis('中国共产党党和国家机关基层组织工作条例', '第七条', '每届任期一般为3年', 'elections.term_years.branch'),
      basis('《中国共产党基层组织选举工作条例》', '第三条', '任期届满应当按期进行换届选举', 'elections.reelection_on_time'),
      basis('中国共产党党和国家机关基层组织工作条例', '第七条', null, 'another'),
    ]);
    expect(entries).toEqual([
      { text: '《中国共产党党和国家机关基层组织工作条例》 第七条', quotes: ['每届任期一般为3年'] },
      { text: '《中国共产党基层组织选举工作条例》 第三条', quotes: ['任期届满应当按期进行换届选举'] },
    ]);
  });

  it('is empty for no basis and skips entries without a source', () => {
    expect(citationEntries(undefined)).toEqual([]);
    expect(citationEntries([])).toEqual([]);
    expect(citationEntries([basis('', '第一条', null)])).toEqual([]);
  });
});

describe('overFourFifths', () => {
  it('tells whether more than four fifths attended', () => {
    expect(overFourFifths(10, 9)).toBe(true);
    expect(overFourFifths(10, 8)).toBe(false); // exactly 4/5 is not more than 4/5
    expect(overFourFifths(5, 5)).toBe(true);
  });

  it('cannot tell without both numbers', () => {
    expect(overFourFifths(null, 8)).toBeNull();
    expect(overFourFifths(10, undefined)).toBeNull();
    expect(overFourFifths(0, 0)).toBeNull();
  });
});

describe('committeeProblems', () => {
  it('accepts one secretary and distinct members', () => {
    expect(
      committeeProblems([
        { post: 'secretary', memberId: 1 },
        { post: 'organization_member', memberId: 2 },
      ]),
    ).toEqual([]);
  });

  it('wants exactly one secretary', () => {
    expect(committeeProblems([{ post: 'committee_member', memberId: 1 }])).toContain('新一届班子须有一名书记');
    expect(
      committeeProblems([
        { post: 'secretary', memberId: 1 },
        { post: 'secretary', memberId: 2 },
      ]),
    ).toContain('新一届班子只能有一名书记');
  });

  it('refuses incomplete rows, an empty committee and a member in two posts', () => {
    expect(committeeProblems([{ post: 'secretary' }])).toContain('每一行都须选择职务和党员');
    expect(committeeProblems([])).toContain('请至少录入一名班子成员');
    expect(
      committeeProblems([
        { post: 'secretary', memberId: 1 },
        { post: 'deputy_secretary', memberId: 1 },
      ]),
    ).toContain('同一党员不能在新一届班子中担任两个职务');
  });
});

describe('findingBasis', () => {
  it('turns a member finding\'s basis into a citation', () => {
    const basis = findingBasis({ basis: { title: '中国共产党发展党员工作细则', article: '第二十九条', force: 'binding', parameter: 'members.probation_period' } });
    expect(citationEntries(basis)).toEqual([{ text: '《中国共产党发展党员工作细则》 第二十九条', quotes: [] }]);
  });

  it('gives no citation for a basis without a title', () => {
    expect(findingBasis({ basis: { title: '', article: '', force: '', parameter: 'x' } })).toEqual([]);
  });
});
