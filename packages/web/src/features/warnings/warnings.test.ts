import { describe, expect, it } from 'vitest';
import { orgTabsFor } from '../orgs/orgTabs';
import type { CodeTables } from '../../shared/codeTables';
import { hasCommittee } from '../../shared/codeTables';
import { postSourceLabel } from '../orgs/orgRecordsApi';
import { isWarningKind, warningKindLabel, warningKindOptions, warningOrgLink } from './warnings';

// A slice of GET /api/meta/code-tables (packages/server/src/modules/meta/meta.routes.ts).
const tables: Pick<CodeTables, 'orgTypes' | 'warningKinds' | 'postSources'> = {
  orgTypes: [
    { code: 'work_committee', label: '工委', allowedChildTypes: ['organ_party_committee'], hasCommittee: false },
    { code: 'organ_party_committee', label: '机关党委', allowedChildTypes: ['branch'], hasCommittee: true },
    { code: 'branch', label: '党支部', allowedChildTypes: ['party_small_group'], hasCommittee: true },
    { code: 'party_small_group', label: '党小组', allowedChildTypes: [], hasCommittee: false },
  ],
  warningKinds: [
    { code: 'election', label: '换届' },
    { code: 'finding', label: '组织设置与职务空缺' },
    { code: 'no_election', label: '缺少换届信息' },
    { code: 'probation', label: '预备党员转正' },
    { code: 'transfer', label: '组织关系转接' },
    { code: 'meeting', label: '组织生活' },
    { code: 'absence', label: '连续缺席组织生活' },
    { code: 'problem', label: '整改逾期' },
  ],
  postSources: [
    { code: 'elected', label: '选举' },
    { code: 'appointed', label: '任命' },
  ],
};

describe('warnings', () => {
  it('knows the kinds the API filters by', () => {
    expect(isWarningKind('election')).toBe(true);
    expect(isWarningKind('no_election')).toBe(true);
    expect(isWarningKind('probation')).toBe(true);
    expect(isWarningKind('transfer')).toBe(true);
    expect(isWarningKind('meeting')).toBe(true);
    expect(isWarningKind('absence')).toBe(true);
    expect(isWarningKind('nonsense')).toBe(false);
    expect(isWarningKind(null)).toBe(false);
    expect(warningKindLabel(tables.warningKinds, 'election')).toBe('换届');
    expect(warningKindLabel(tables.warningKinds, 'new_kind')).toBe('new_kind');
    expect(warningKindLabel(undefined, 'finding')).toBe('finding');
    expect(warningKindOptions(tables.warningKinds).map((o) => o.label)).toEqual(['换届', '组织设置与职务空缺', '缺少换届信息', '预备党员转正', '组织关系转接', '组织生活', '连续缺席组织生活', '整改逾期']);
  });

  it('links a warning to the tab of its org where it is dealt with', () => {
    expect(warningOrgLink({ orgId: 7, kind: 'election', code: 'election_overdue' })).toBe('/orgs?id=7&tab=elections');
    expect(warningOrgLink({ orgId: 7, kind: 'no_election', code: 'no_election_record' })).toBe('/orgs?id=7&tab=elections');
    expect(warningOrgLink({ orgId: 7, kind: 'finding', code: 'post_vacant' })).toBe('/orgs?id=7&tab=committee');
    expect(warningOrgLink({ orgId: 7, kind: 'finding', code: 'too_few_members' })).toBe('/orgs?id=7&tab=warnings');
    expect(warningOrgLink({ orgId: 7, kind: 'probation', code: 'probation_overdue', memberId: 42 })).toBe('/members/42');
    expect(warningOrgLink({ orgId: 7, kind: 'transfer', code: 'transfer_response_overdue' })).toBe('/members/transfers?direction=incoming');
    expect(warningOrgLink({ orgId: 7, kind: 'meeting', code: 'members_meeting_missed' })).toBe('/compliance/branch?orgId=7');
    expect(warningOrgLink({ orgId: 7, kind: 'absence', code: 'absent_six_months', memberId: 42 })).toBe('/members/42');
    expect(warningOrgLink({ orgId: 7, kind: 'problem', code: 'problem_overdue', problemId: 9 })).toBe('/rectification/problems/9');
    expect(warningOrgLink({ orgId: 7, kind: 'problem', code: 'problem_overdue' })).toBe('/rectification?orgId=7&overdue=true');
    expect(warningOrgLink({ orgId: 7, kind: 'absence', code: 'absent_six_months' })).toBe('/compliance/branch?orgId=7');
  });
});

describe('org page tabs', () => {
  const manager = ['org:read', 'org:write', 'org:export', 'member:read', 'member:write'];

  it('shows 班子成员 and 换届 only where the code tables say the org type has a committee', () => {
    expect(orgTabsFor('branch', manager, tables)).toEqual(['basic', 'committee', 'elections', 'children', 'members', 'warnings', 'history']);
    expect(orgTabsFor('work_committee', manager, tables)).toEqual(['basic', 'children', 'members', 'warnings', 'history']);
    expect(orgTabsFor('party_small_group', manager, tables)).toEqual(['basic', 'children', 'members', 'warnings', 'history']);
    expect(hasCommittee(tables, 'organ_party_committee')).toBe(true);
    expect(hasCommittee(tables, 'unknown_type')).toBe(false);
    expect(hasCommittee(undefined, 'branch')).toBe(false);
  });

  it('leaves 预警 out without member:read', () => {
    expect(orgTabsFor('branch', ['org:read', 'self:read'], tables)).not.toContain('warnings');
  });
});

describe('postSourceLabel', () => {
  it('uses the server label, or the bare code', () => {
    expect(postSourceLabel(tables.postSources, 'elected')).toBe('选举');
    expect(postSourceLabel(tables.postSources, 'other')).toBe('other');
  });
});
