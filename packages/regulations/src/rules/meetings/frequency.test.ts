import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, periodBounds, periodEndOf, periodOf, type PeriodKind } from '../../engine/period.js';
import { loadRegulations } from '../../load-from-files.js';
import { MEETING_ACTIVITY_IDS, meetingFrequency, type FrequencyDetail } from './frequency.rule.js';

const tree = loadRegulations();
/** Any calendar date 2019-01-01 … 2099-12-31 (all parameters in force), built via the UTC calendar. */
const isoDate = fc
  .integer({ min: Date.UTC(2019, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe('periodEndOf', () => {
  it.each([
    ['month', '2028-02-01', '2028-02-29'],
    ['quarter', '2026-01-01', '2026-03-31'],
    ['year', '2026-01-01', '2026-12-31'],
  ] as const)('%s from %s ends %s', (kind, start, end) => {
    expect(periodEndOf(kind, start)).toBe(end);
  });

  it('rejects a day that does not start a period', () => {
    expect(() => periodEndOf('quarter', '2026-02-01')).toThrow(RangeError);
  });
});

describe('meetings.frequency', () => {
  it('is green whenever held ≥ minimum, and red only after the period end', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MEETING_ACTIVITY_IDS), isoDate, fc.integer({ min: -400, max: 800 }), fc.nat(5), (activity, day, offset, held) => {
        const kind = tree.parameters.get(`meetings.${activity}.period`)?.values.at(-1)?.value as PeriodKind;
        const periodStart = periodBounds(periodOf(day, kind)).start;
        const today = addDays(periodStart, Math.max(0, offset));
        const result = meetingFrequency.evaluate({ tree, asOf: periodStart, facts: { activity, applicable: true, today, held } });
        if (result.status !== 'met' && result.status !== 'unmet') throw new Error(`unexpected ${result.status}`);
        const detail = result.detail as FrequencyDetail;
        expect(detail.periodEnd).toBe(periodEndOf(kind, periodStart));
        if (held >= detail.minCount) expect(detail.light).toBe('green');
        if (detail.light === 'red') expect(today > detail.periodEnd).toBe(true);
        if (held < detail.minCount) expect(detail.light).toBe(today > detail.periodEnd ? 'red' : 'yellow');
        expect(result.status === 'met').toBe(detail.light === 'green');
      }),
    );
  });
});

describe('a parameter changed from a new effective date', () => {
  // A jurisdiction requires two 支委会 a month from 2027-01-01 (its own document as the citation).
  const id = 'meetings.committee_meeting.min_count';
  const base = tree.parameters.get(id)!;
  const last = base.values.at(-1)!;
  const stricter = {
    sources: tree.sources,
    parameters: new Map(tree.parameters).set(id, { ...base, values: [...base.values, { ...last, effectiveFrom: '2027-01-01', value: 2, article: '本辖区规定：支委会每月至少召开 2 次（示例）' }] }),
  };
  const judge = (t: typeof tree, periodStart: string) => meetingFrequency.evaluate({ tree: t, asOf: periodStart, facts: { activity: 'committee_meeting', applicable: true, today: '2027-02-10', held: 1 } });

  it('changes results only for periods that start on or after that date', () => {
    expect(judge(stricter, '2026-12-01').status).toBe('met');
    expect(judge(tree, '2027-01-01').status).toBe('met');
    const january = judge(stricter, '2027-01-01');
    expect(january.status).toBe('unmet');
    expect(january.problems.map((p) => p.code)).toEqual(['committee_meeting_missed']);
    expect(january.problems[0]!.basis.citation.article).toContain('本辖区规定');
  });

  it('keeps explaining an old period with the value in force when it started', () => {
    const december = judge(stricter, '2026-12-01');
    expect(december.basis.find((b) => b.id === id)?.value).toBe(1);
  });
});
