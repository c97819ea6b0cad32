// Pure access decisions, made from Me.permissions (and the active grant's role where the
// permissions alone cannot tell which home page a user gets). Unit-tested in access.test.ts.
import type { Grant, Me, Permission, Role } from '../api/types';

/**
 * Who may open a route: anyone ('public'), anyone logged in ('authenticated'),
 * or holders of any one of the listed permissions.
 */
export type AccessRule = 'public' | 'authenticated' | { anyOf: Permission[] };

export const BUSINESS_ROLES: readonly Role[] = ['committee_admin', 'organ_admin', 'branch_officer', 'member'];
export const PLATFORM_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'auditor'];

export function hasPermission(permissions: readonly string[], permission: Permission): boolean {
  return permissions.includes(permission);
}

export function canAccess(rule: AccessRule, permissions: readonly string[]): boolean {
  if (rule === 'public' || rule === 'authenticated') return true;
  return rule.anyOf.some((p) => permissions.includes(p));
}

/**
 * Whether a route is offered in the menu: the user may open it, and does not hold the permission
 * it is hidden from. 组织管理 is hidden from 党员 (self:read): their home page already shows their
 * branch, and the route stays open to them (org:read) for links such as a member's 所在组织.
 */
export function showInMenu(rule: AccessRule, permissions: readonly string[], hiddenFor?: Permission): boolean {
  return canAccess(rule, permissions) && !(hiddenFor !== undefined && hasPermission(permissions, hiddenFor));
}

export function isBusinessRole(role: string): boolean {
  return (BUSINESS_ROLES as readonly string[]).includes(role);
}

export function isPlatformRole(role: string): boolean {
  return (PLATFORM_ROLES as readonly string[]).includes(role);
}

/** Business roles are bound to an organization; platform roles must not be. */
export function roleNeedsOrg(role: string): boolean {
  return isBusinessRole(role);
}

export function activeGrant(me: Pick<Me, 'grants' | 'activeGrantId'>): Grant | undefined {
  return me.grants.find((g) => g.id === me.activeGrantId) ?? me.grants[0];
}

export type HomeKind = 'dashboard' | 'member' | 'platform';

/**
 * Which home page to show: own record for ordinary members, the dashboard of the scope for
 * those who read organizations and members, a card pointing to their pages for platform admins.
 */
export function homeKind(me: Pick<Me, 'grants' | 'activeGrantId' | 'permissions'>): HomeKind {
  if (activeGrant(me)?.role === 'member') return 'member';
  if (hasPermission(me.permissions, 'org:read') && hasPermission(me.permissions, 'member:read')) return 'dashboard';
  if (hasPermission(me.permissions, 'self:read')) return 'member';
  return 'platform';
}

export type AccountsMode = 'manage' | 'read' | 'none';

export function accountsMode(permissions: readonly string[]): AccountsMode {
  if (hasPermission(permissions, 'account:manage')) return 'manage';
  if (hasPermission(permissions, 'account:read')) return 'read';
  return 'none';
}

export function canWriteOrgs(permissions: readonly string[]): boolean {
  return hasPermission(permissions, 'org:write');
}

export function canExportOrgs(permissions: readonly string[]): boolean {
  return hasPermission(permissions, 'org:export');
}

export function canWriteMembers(permissions: readonly string[]): boolean {
  return hasPermission(permissions, 'member:write');
}

/** Label for a grant in the role/scope switcher: 支部书记/委员 · 第一党支部. */
export function grantLabel(grant: Pick<Grant, 'roleLabel' | 'orgName'>): string {
  return grant.orgName ? `${grant.roleLabel} · ${grant.orgName}` : grant.roleLabel;
}

/** The menu key to highlight for a location: the longest menu path that prefixes it. */
export function selectedMenuKey(pathname: string, keys: readonly string[]): string | undefined {
  return [...keys]
    .filter((k) => (k === '/' ? pathname === '/' : pathname === k || pathname.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)[0];
}
