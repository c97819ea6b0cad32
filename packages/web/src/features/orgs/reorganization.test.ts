import { describe, expect, it } from 'vitest';
import { historyDetailText } from './reorganizationApi';
import { canSplit } from './ReorganizeMenu';

describe('reorganization', () => {
  it('words the reason and counts of a history event, and nothing for an empty detail', () => {
    expect(historyDetailText({ reason: '处室合并', members: 10, children: 0 })).toBe('原因：处室合并，下级组织 0 个，党员 10 名');
    expect(historyDetailText({ reason: '划转', orgCount: 3, memberCount: 25 })).toBe('原因：划转，涉及组织 3 个，党员 25 名');
    expect(historyDetailText(null)).toBe('');
    expect(historyDetailText('x')).toBe('');
  });

  it('splits only branches', () => {
    expect(canSplit('branch')).toBe(true);
    expect(canSplit('joint_branch')).toBe(true);
    expect(canSplit('general_branch')).toBe(false);
  });
});
