import { loadRegulations } from '@dangjian/regulations/load';
import { describe, expect, it } from 'vitest';
import { nextRun, nextRunAt, scheduleEnabled } from './compliance-schedule.js';
import { isDigestDue } from './digests.js';
import { greenRate, judgedSince, lastMonths, monthLight, monthsBetween, obligationsOf, periodContaining, type JudgedObligation } from './lights.js';

const tree = loadRegulations();
const branch = { type: 'branch', committeeMembers: 3, smallGroups: 2, members: 12 };

describe('obligationsOf', () => {
  it('judges a branch with a 支委会, 党小组 and members for all eight obligations', () => {
    expect(obligationsOf(branch)).toEqual(['members_meeting', 'committee_meeting', 'small_group_meeting', 'party_lecture', 'theme_day', 'org_life_meeting', 'democratic_review', 'heart_to_heart_talk']);
    expect(obligationsOf({ ...branch, type: 'joint_branch' })).toEqual(obligationsOf(branch));
    expect(obligationsOf({ ...branch, type: 'temporary_branch' })).toEqual(obligationsOf(branch));
  });

  it('leaves out the 支委会 of a branch with fewer than two committee members, 党小组会 without groups, talks without members', () => {
    const small = obligationsOf({ type: 'branch', committeeMembers: 1, smallGroups: 0, members: 0 });
    expect(small).toEqual(['members_meeting', 'party_lecture', 'theme_day', 'org_life_meeting', 'democratic_review']);
    expect(obligationsOf({ ...branch, committeeMembers: 2 })).toContain('committee_meeting');
  });

  it('gives a 党总支 its four, a 党委 the secretary’s 党课, and nothing to 工委 and 党小组', () => {
    expect(obligationsOf({ ...branch, type: 'general_branch' })).toEqual(['members_meeting', 'committee_meeting', 'party_lecture', 'org_life_meeting']);
    expect(obligationsOf({ ...branch, type: 'party_committee' })).toEqual(['secretary_lecture']);
    expect(obligationsOf({ ...branch, type: 'organ_party_committee' })).toEqual(['secretary_lecture']);
    expect(obligationsOf({ ...branch, type: 'work_committee' })).toEqual([]);
    expect(obligationsOf({ ...branch, type: 'party_small_group' })).toEqual([]);
  });
});

describe('periodContaining', () => {
  it('finds the month, quarter or year of each obligation', () => {
    expect(periodContaining(tree, 'committee_meeting', '2026-02-10')).toEqual({ kind: 'month', start: '2026-02-01', end: '2026-02-28' });
    expect(periodContaining(tree, 'members_meeting', '2026-02-10')).toEqual({ kind: 'quarter', start: '2026-01-01', end: '2026-03-31' });
    expect(periodContaining(tree, 'secretary_lecture', '2026-02-10')).toEqual({ kind: 'year', start: '2026-01-01', end: '2026-12-31' });
  });

  it('is null before the rules were in force (a year begun before 2018-10-28)', () => {
    expect(periodContaining(tree, 'org_life_meeting', '2018-11-15')).toBeNull();
    expect(periodContaining(tree, 'theme_day', '2018-11-15')).toEqual({ kind: 'month', start: '2018-11-01', end: '2018-11-30' });
  });

  it('follows a change of period kind from the first day of the new period', () => {
    // A jurisdiction counts 党员大会 per month from 2027-01-01.
    const id = 'meetings.members_meeting.period';
    const base = tree.parameters.get(id)!;
    const monthly = { sources: tree.sources, parameters: new Map(tree.parameters).set(id, { ...base, values: [...base.values, { ...base.values.at(-1)!, effectiveFrom: '2027-01-01', value: 'month' }] }) };
    expect(periodContaining(monthly, 'members_meeting', '2026-12-10')).toEqual({ kind: 'quarter', start: '2026-10-01', end: '2026-12-31' });
    expect(periodContaining(monthly, 'members_meeting', '2027-02-10')).toEqual({ kind: 'month', start: '2027-02-01', end: '2027-02-28' });
  });
});

describe('months', () => {
  it('lists months of a range and the last n months', () => {
    expect(monthsBetween('2026-01-01', '2026-03-31')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(lastMonths('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('judges an org only for periods it existed from the first month of', () => {
    expect(judgedSince(null, { start: '2026-01-01' })).toBe(true);
    expect(judgedSince('2026-01-31', { start: '2026-01-01' })).toBe(true);
    expect(judgedSince('2026-03-20', { start: '2026-01-01' })).toBe(false);
    expect(judgedSince('2026-03-20', { start: '2026-03-01' })).toBe(true);
  });
});

describe('monthLight', () => {
  const q1 = (light: JudgedObligation['light']): JudgedObligation => ({ obligation: 'members_meeting', periodStart: '2026-01-01', periodEnd: '2026-03-31', light, message: light === 'green' ? null : '党员大会未召开' });
  const month = (m: string, light: JudgedObligation['light']): JudgedObligation => ({ obligation: 'theme_day', periodStart: `${m}-01`, periodEnd: `${m}-28`, light, message: light === 'green' ? null : '主题党日未开展' });

  it('is coloured only by obligations whose period ends in the month', () => {
    // A quarterly 党员大会 not yet held in February leaves February green.
    expect(monthLight([q1('yellow'), month('2026-02', 'green')], '2026-02')).toEqual({ light: 'green', reasons: [] });
    // March is yellow until it is held, red once 31 March has passed.
    expect(monthLight([q1('yellow'), month('2026-03', 'green')], '2026-03').light).toBe('yellow');
    const red = monthLight([q1('red'), month('2026-03', 'yellow')], '2026-03');
    expect(red.light).toBe('red');
    expect(red.reasons.map((r) => [r.obligation, r.obligationLabel, r.light])).toEqual([
      ['members_meeting', '党员大会', 'red'],
      ['theme_day', '主题党日', 'yellow'],
    ]);
  });

  it('is green without obligations', () => {
    expect(monthLight([], '2026-05').light).toBe('green');
    expect(greenRate({ branches: 0, green: 0 })).toBeNull();
    expect(greenRate({ branches: 8, green: 7 })).toBe(0.875);
  });
});

describe('the compliance schedule', () => {
  it('wakes at 00:10 (evaluation) and 09:00 (digest check) Asia/Shanghai, strictly after now', () => {
    expect(nextRun(new Date('2026-11-23T00:05:00+08:00'))).toEqual({ at: new Date('2026-11-23T00:10:00+08:00'), task: 'evaluate' });
    expect(nextRunAt(new Date('2026-11-23T00:10:00+08:00'))).toEqual(new Date('2026-11-23T09:00:00+08:00'));
    expect(nextRun(new Date('2026-11-23T15:00:00+08:00'))).toEqual({ at: new Date('2026-11-24T00:10:00+08:00'), task: 'evaluate' });
    // 23:59 UTC is already the next day in Shanghai.
    expect(nextRunAt(new Date('2026-12-31T23:59:00Z'))).toEqual(new Date('2027-01-01T09:00:00+08:00'));
  });

  it('is switched off with COMPLIANCE_SCHEDULE=off', () => {
    expect(scheduleEnabled({})).toBe(true);
    expect(scheduleEnabled({ COMPLIANCE_SCHEDULE: 'off' })).toBe(false);
    expect(scheduleEnabled({ COMPLIANCE_SCHEDULE: 'on' })).toBe(true);
  });
});

describe('isDigestDue', () => {
  const at = (iso: string, last: string | null = '2026-11') => isDigestDue(new Date(iso), last, tree);

  it('is due on the first working day of the month from 09:00 to 18:00 (Asia/Shanghai)', () => {
    expect(at('2026-12-01T08:59:00+08:00')).toBe(false);
    expect(at('2026-12-01T09:00:00+08:00')).toBe(true);
    expect(at('2026-12-01T17:59:00+08:00')).toBe(true);
    expect(at('2026-12-01T18:00:00+08:00')).toBe(false);
  });

  it('is not due twice in a month', () => {
    expect(at('2026-12-01T10:00:00+08:00', '2026-12')).toBe(false);
    expect(at('2026-12-02T10:00:00+08:00', '2026-12')).toBe(false);
  });

  it('skips weekends and fixed-date holidays, and catches up on the next working day', () => {
    expect(at('2026-08-01T10:00:00+08:00', '2026-07')).toBe(false); // Saturday
    expect(at('2026-08-03T10:00:00+08:00', '2026-07')).toBe(true); // Monday
    expect(at('2026-05-01T10:00:00+08:00', '2026-04')).toBe(false); // 劳动节 (Friday)
    expect(at('2026-05-04T10:00:00+08:00', '2026-04')).toBe(true);
    expect(at('2026-10-02T10:00:00+08:00', '2026-09')).toBe(false); // 国庆节 (Friday)
    expect(at('2027-01-01T10:00:00+08:00', '2026-12')).toBe(false); // 元旦
    // The server was down on 1 December: it generates at the next working-hour start.
    expect(at('2026-12-03T09:00:00+08:00')).toBe(true);
    expect(at('2026-12-05T09:30:00+08:00')).toBe(false); // Saturday
  });
});
