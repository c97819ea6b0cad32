import { describe, expect, it } from 'vitest';
import { orgTabsFor } from '../orgs/orgTabs';
import { codesOr, hasCommittee, postSourceLabel } from '../orgs/orgRecordsApi';
import { isWarningKind, warningKindLabel, warningOrgLink } from './warnings';

describe('warnings', () => {
  it('knows the kinds the API filters by', () => {
    expect(isWarningKind('election')).toBe(true);
    expect(isWarningKind('no_election')).toBe(true);
    expect(isWarningKind('nonsense')).toBe(false);
    expect(isWarningKind(null)).toBe(false);
    expect(warningKindLabel('election')).toBe('换届到期');
    expect(warningKindLabel('new_kind')).toBe('new_kind');
  });

  it('links a warning to the tab of its org where it is dealt with', () => {
    expect(warningOrgLink({ orgId: 7, kind: 'election', code: 'election_overdue' })).toBe('/orgs?id=7&tab=elections');
    expect(warningOrgLink({ orgId: 7, kind: 'no_election', code: 'no_election_record' })).toBe('/orgs?id=7&tab=elections');
    expect(warningOrgLink({ orgId: 7, kind: 'finding', code: 'post_vacant' })).toBe('/orgs?id=7&tab=committee');
    expect(warningOrgLink({ orgId: 7, kind: 'finding', code: 'too_few_members' })).toBe('/orgs?id=7&tab=warnings');
  });
});

describe('org page tabs', () => {
  const manager = ['org:read', 'org:write', 'org:export', 'member:read', 'member:write'];

  it('shows 班子成员 and 换届 only where the org has a committee', () => {
    expect(orgTabsFor('branch', manager)).toEqual(['basic', 'committee', 'elections', 'children', 'members', 'warnings']);
    expect(orgTabsFor('work_committee', manager)).toEqual(['basic', 'children', 'members', 'warnings']);
    expect(orgTabsFor('party_small_group', manager)).toEqual(['basic', 'children', 'members', 'warnings']);
    expect(hasCommittee('organ_party_committee')).toBe(true);
  });

  it('leaves 预警 out without member:read', () => {
    expect(orgTabsFor('branch', ['org:read', 'self:read'])).not.toContain('warnings');
  });
});

describe('codesOr', () => {
  it('uses the server table, or shows the bare codes', () => {
    expect(codesOr([{ code: 'secretary', label: '书记' }], ['secretary', 'deputy_secretary'])).toEqual([{ code: 'secretary', label: '书记' }]);
    expect(codesOr(undefined, ['secretary'])).toEqual([{ code: 'secretary', label: 'secretary' }]);
    expect(postSourceLabel('elected')).toBe('选举产生');
    expect(postSourceLabel('other')).toBe('other');
  });
});
