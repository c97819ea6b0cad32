import { describe, expect, it } from 'vitest';
import { filterRules, formatValue, valueInForce, type CatalogueRule, type CatalogueValue } from './regulations';

const value = (effectiveFrom: string, v: unknown): CatalogueValue => ({ effectiveFrom, value: v, force: 'generally', source: 's', sourceTitle: '中国共产党支部工作条例（试行）', article: '第十一条' });
const rule: CatalogueRule = {
  id: 'meetings.frequency',
  title: '三会一课与组织生活应当按规定频次开展',
  description: '党员大会一般每季度 1 次',
  period: 'event',
  parameters: [{ id: 'meetings.members_meeting.min_count', name: 'members_meeting.min_count', description: '党员大会最低次数', unit: 'times', verifiedOn: '2026-01-01', values: [value('2018-10-28', 1)] }],
};

describe('regulations catalogue helpers', () => {
  it('formats values in words and units', () => {
    expect(formatValue(1, 'times')).toBe('1 次');
    expect(formatValue('quarter', 'period')).toBe('每季度');
    expect(formatValue(true, '')).toBe('是');
    expect(formatValue(null, 'days')).toBe('（废止）');
    expect(formatValue(['2026-01-01', '2026-05-01'], '')).toBe('2026-01-01、2026-05-01');
  });

  it('picks the value in force on a day, none before the first', () => {
    const values = [value('2018-10-28', 1), value('2027-01-01', 2)];
    expect(valueInForce(values, '2026-11-23')?.value).toBe(1);
    expect(valueInForce(values, '2027-01-01')?.value).toBe(2);
    expect(valueInForce(values, '2010-01-01')).toBeNull();
  });

  it('filters by every word of the query, across titles, parameters and sources', () => {
    expect(filterRules([rule], '')).toHaveLength(1);
    expect(filterRules([rule], '支部工作条例 第十一条')).toHaveLength(1);
    expect(filterRules([rule], 'members_meeting')).toHaveLength(1);
    expect(filterRules([rule], '党费')).toHaveLength(0);
  });
});
