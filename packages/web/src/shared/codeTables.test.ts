import { describe, expect, it } from 'vitest';
import { childTypesOf, knownCode, labelOf, optionsOf, type CodeTables } from './codeTables';
import { MEMBER_STATUS_COLORS, ORG_STATUS_COLORS, statusColor } from './statusColors';

// A slice of what GET /api/meta/code-tables answers (packages/server/src/modules/meta/meta.routes.ts).
const tables: Pick<CodeTables, 'orgTypes' | 'orgStatuses'> = {
  orgTypes: [
    { code: 'general_branch', label: '党总支', allowedChildTypes: ['branch', 'joint_branch'] },
    { code: 'branch', label: '党支部', allowedChildTypes: ['party_small_group'] },
    { code: 'joint_branch', label: '联合党支部', allowedChildTypes: ['party_small_group'] },
    { code: 'party_small_group', label: '党小组', allowedChildTypes: [] },
  ],
  orgStatuses: [
    { code: 'active', label: '正常' },
    { code: 'dissolved', label: '撤销' },
    { code: 'merged', label: '合并' },
  ],
};

describe('labelOf', () => {
  it('looks the code up, falling back to the code itself', () => {
    expect(labelOf(tables.orgStatuses, 'dissolved')).toBe('撤销');
    expect(labelOf(tables.orgStatuses, 'archived')).toBe('archived');
  });

  it('shows the code while the table is loading, and a dash for no code', () => {
    expect(labelOf(undefined, 'active')).toBe('active');
    expect(labelOf(tables.orgStatuses, null)).toBe('—');
    expect(labelOf(undefined, undefined)).toBe('—');
  });
});

describe('optionsOf', () => {
  it('builds select options in the server order', () => {
    expect(optionsOf(tables.orgStatuses)).toEqual([
      { value: 'active', label: '正常' },
      { value: 'dissolved', label: '撤销' },
      { value: 'merged', label: '合并' },
    ]);
  });

  it('has no options while the table is loading', () => {
    expect(optionsOf(undefined)).toEqual([]);
  });
});

describe('knownCode', () => {
  it('keeps only codes the table knows', () => {
    expect(knownCode(tables.orgStatuses, 'merged')).toBe('merged');
    expect(knownCode(tables.orgStatuses, 'archived')).toBeUndefined();
    expect(knownCode(tables.orgStatuses, '')).toBeUndefined();
    expect(knownCode(tables.orgStatuses, null)).toBeUndefined();
    expect(knownCode(undefined, 'merged')).toBeUndefined();
  });
});

describe('childTypesOf', () => {
  it('knows which org types may sit under which, with their labels', () => {
    expect(childTypesOf(tables, 'general_branch')).toEqual([
      { code: 'branch', label: '党支部' },
      { code: 'joint_branch', label: '联合党支部' },
    ]);
    expect(childTypesOf(tables, 'branch')).toEqual([{ code: 'party_small_group', label: '党小组' }]);
    expect(childTypesOf(tables, 'party_small_group')).toEqual([]);
  });

  it('offers every type under a parent of a type the table does not know', () => {
    expect(childTypesOf(tables, 'something_new').map((t) => t.code)).toEqual(['general_branch', 'branch', 'joint_branch', 'party_small_group']);
  });

  it('offers nothing until the tables are loaded', () => {
    expect(childTypesOf(undefined, 'branch')).toEqual([]);
  });
});

describe('statusColor', () => {
  it('colours known statuses and falls back to the neutral colour', () => {
    expect(statusColor(ORG_STATUS_COLORS, 'active')).toBe('green');
    expect(statusColor(MEMBER_STATUS_COLORS, 'suspended')).toBe('red');
    expect(statusColor(MEMBER_STATUS_COLORS, 'archived')).toBe('default');
    expect(statusColor(MEMBER_STATUS_COLORS, 'toString')).toBe('default');
    expect(statusColor(ORG_STATUS_COLORS, null)).toBe('default');
  });
});
