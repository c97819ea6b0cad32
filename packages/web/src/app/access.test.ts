import { describe, expect, it } from 'vitest';
import type { Grant, Me, Permission } from '../api/types';
import {
  accountsMode,
  activeGrant,
  type AccessRule,
  canAccess,
  canExportOrgs,
  canWriteMembers,
  canWriteOrgs,
  grantLabel,
  homeKind,
  isBusinessRole,
  isPlatformRole,
  roleNeedsOrg,
  selectedMenuKey,
  showInMenu,
} from './access';

// Mirrors the server's role → permission table (packages/server/src/platform/permissions.ts).
const PERMS = {
  committee_admin: ['org:read', 'org:write', 'org:export', 'member:read', 'member:write'],
  organ_admin: ['org:read', 'org:write', 'org:export', 'member:read', 'member:write'],
  branch_officer: ['org:read', 'org:export', 'member:read', 'member:write'],
  member: ['self:read', 'org:read'],
  system_admin: ['account:read', 'account:manage', 'settings:read'],
  security_admin: ['account:read', 'grant:manage', 'org:read'],
  auditor: ['audit:read'],
} as const;

function grant(id: number, role: Grant['role'], orgId: number | null = null): Grant {
  return { id, role, roleLabel: role, orgId, orgName: orgId === null ? null : `组织${orgId}` };
}

function me(role: keyof typeof PERMS, extra: Partial<Me> = {}): Pick<Me, 'grants' | 'activeGrantId' | 'permissions'> {
  const g = grant(1, role, isBusinessRole(role) ? 10 : null);
  return { grants: [g], activeGrantId: 1, permissions: [...PERMS[role]], ...extra };
}

describe('canAccess', () => {
  it('opens public and authenticated routes to everyone', () => {
    expect(canAccess('public', [])).toBe(true);
    expect(canAccess('authenticated', [])).toBe(true);
  });

  it('needs any one of the listed permissions', () => {
    const rule = { anyOf: ['account:manage', 'account:read'] } as const;
    expect(canAccess({ anyOf: [...rule.anyOf] }, ['account:read'])).toBe(true);
    expect(canAccess({ anyOf: [...rule.anyOf] }, ['account:manage'])).toBe(true);
    expect(canAccess({ anyOf: [...rule.anyOf] }, ['audit:read'])).toBe(false);
    expect(canAccess({ anyOf: [] }, ['audit:read'])).toBe(false);
  });

  it('gives each role the pages the contract promises', () => {
    const page = (p: Permission) => ({ anyOf: [p] });
    expect(canAccess(page('audit:read'), PERMS.auditor)).toBe(true);
    expect(canAccess(page('audit:read'), PERMS.system_admin)).toBe(false);
    expect(canAccess(page('grant:manage'), PERMS.security_admin)).toBe(true);
    expect(canAccess(page('grant:manage'), PERMS.system_admin)).toBe(false);
    expect(canAccess(page('settings:read'), PERMS.system_admin)).toBe(true);
    expect(canAccess(page('member:read'), PERMS.member)).toBe(false);
    expect(canAccess(page('member:read'), PERMS.branch_officer)).toBe(true);
  });

  it('ignores permissions the client does not know', () => {
    expect(canAccess({ anyOf: ['org:read'] }, ['future:thing'])).toBe(false);
  });
});

describe('showInMenu', () => {
  const orgs = { anyOf: ['org:read'] } satisfies AccessRule;

  it('hides 组织管理 from the menu of members, who may still open it', () => {
    expect(showInMenu(orgs, PERMS.member, 'self:read')).toBe(false);
    expect(canAccess(orgs, PERMS.member)).toBe(true);
  });

  it('shows it to those who manage or read organizations', () => {
    expect(showInMenu(orgs, PERMS.committee_admin, 'self:read')).toBe(true);
    expect(showInMenu(orgs, PERMS.branch_officer, 'self:read')).toBe(true);
    expect(showInMenu(orgs, PERMS.security_admin, 'self:read')).toBe(true);
  });

  it('never shows a route the user may not open', () => {
    expect(showInMenu(orgs, PERMS.auditor, 'self:read')).toBe(false);
    expect(showInMenu(orgs, PERMS.auditor)).toBe(false);
    expect(showInMenu('authenticated', PERMS.member)).toBe(true);
  });
});

describe('permission helpers', () => {
  it('decides the accounts page mode', () => {
    expect(accountsMode(PERMS.system_admin)).toBe('manage');
    expect(accountsMode(PERMS.security_admin)).toBe('read');
    expect(accountsMode(PERMS.auditor)).toBe('none');
  });

  it('decides org and member write buttons', () => {
    expect(canWriteOrgs(PERMS.organ_admin)).toBe(true);
    expect(canWriteOrgs(PERMS.branch_officer)).toBe(false);
    expect(canExportOrgs(PERMS.branch_officer)).toBe(true);
    expect(canExportOrgs(PERMS.member)).toBe(false);
    expect(canWriteMembers(PERMS.branch_officer)).toBe(true);
    expect(canWriteMembers(PERMS.security_admin)).toBe(false);
  });
});

describe('roles', () => {
  it('splits business and platform roles', () => {
    expect(isBusinessRole('branch_officer')).toBe(true);
    expect(isPlatformRole('branch_officer')).toBe(false);
    expect(isPlatformRole('auditor')).toBe(true);
    expect(roleNeedsOrg('member')).toBe(true);
    expect(roleNeedsOrg('security_admin')).toBe(false);
    expect(roleNeedsOrg('unknown')).toBe(false);
  });

  it('labels grants with their scope', () => {
    expect(grantLabel({ roleLabel: '支部书记/委员', orgName: '第一党支部' })).toBe('支部书记/委员 · 第一党支部');
    expect(grantLabel({ roleLabel: '安全审计员', orgName: null })).toBe('安全审计员');
  });

  it('finds the active grant, falling back to the first', () => {
    const grants = [grant(1, 'member', 5), grant(2, 'branch_officer', 5)];
    expect(activeGrant({ grants, activeGrantId: 2 })?.id).toBe(2);
    expect(activeGrant({ grants, activeGrantId: null })?.id).toBe(1);
    expect(activeGrant({ grants: [], activeGrantId: null })).toBeUndefined();
  });
});

describe('homeKind', () => {
  it('shows the dashboard to org managers', () => {
    expect(homeKind(me('committee_admin'))).toBe('dashboard');
    expect(homeKind(me('organ_admin'))).toBe('dashboard');
    expect(homeKind(me('branch_officer'))).toBe('dashboard');
  });

  it('shows own record to members, even though they may read their branch', () => {
    expect(homeKind(me('member'))).toBe('member');
  });

  it('points platform administrators to their pages', () => {
    expect(homeKind(me('system_admin'))).toBe('platform');
    expect(homeKind(me('security_admin'))).toBe('platform');
    expect(homeKind(me('auditor'))).toBe('platform');
    expect(homeKind({ grants: [], activeGrantId: null, permissions: [] })).toBe('platform');
  });

  it('follows the active grant when a user holds several', () => {
    const grants = [grant(1, 'member', 5), grant(2, 'branch_officer', 5)];
    expect(homeKind({ grants, activeGrantId: 1, permissions: [...PERMS.member] })).toBe('member');
    expect(homeKind({ grants, activeGrantId: 2, permissions: [...PERMS.branch_officer] })).toBe('dashboard');
  });
});

describe('selectedMenuKey', () => {
  const keys = ['/', '/orgs', '/members', '/admin/accounts', '/admin/grants'];
  it('matches the longest prefix on a path boundary', () => {
    expect(selectedMenuKey('/', keys)).toBe('/');
    expect(selectedMenuKey('/members', keys)).toBe('/members');
    expect(selectedMenuKey('/members/42', keys)).toBe('/members');
    expect(selectedMenuKey('/admin/grants', keys)).toBe('/admin/grants');
    expect(selectedMenuKey('/membersx', keys)).toBeUndefined();
    expect(selectedMenuKey('/nowhere', keys)).toBeUndefined();
  });
});
