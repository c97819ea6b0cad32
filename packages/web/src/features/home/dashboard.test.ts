import { describe, expect, it } from 'vitest';
import { showsOrgTypeChart } from './dashboard';

describe('showsOrgTypeChart', () => {
  it('charts a scope with organizations of several types', () => {
    expect(
      showsOrgTypeChart([
        { type: 'organ_party_committee', label: '机关党委', count: 1 },
        { type: 'branch', label: '党支部', count: 4 },
      ]),
    ).toBe(true);
  });

  it('leaves out the chart for a single branch or a scope of one type', () => {
    expect(showsOrgTypeChart([{ type: 'branch', label: '党支部', count: 1 }])).toBe(false);
    expect(showsOrgTypeChart([{ type: 'branch', label: '党支部', count: 3 }])).toBe(false);
    expect(showsOrgTypeChart([])).toBe(false);
  });

  it('does not count types without organizations', () => {
    expect(
      showsOrgTypeChart([
        { type: 'general_branch', label: '党总支', count: 0 },
        { type: 'branch', label: '党支部', count: 1 },
      ]),
    ).toBe(false);
  });
});
