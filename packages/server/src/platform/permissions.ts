/**
 * Roles and what they may do. Business roles are granted on an org node and act inside its subtree;
 * the three platform administrators (三员分立) hold no org, no business data and no other role.
 */
export const BUSINESS_ROLES = ['committee_admin', 'organ_admin', 'branch_officer', 'member'] as const;
export const PLATFORM_ROLES = ['system_admin', 'security_admin', 'auditor'] as const;
export const ROLES = [...BUSINESS_ROLES, ...PLATFORM_ROLES] as const;

export type BusinessRole = (typeof BUSINESS_ROLES)[number];
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  committee_admin: '工委管理员',
  organ_admin: '单位党建管理员',
  branch_officer: '支部书记/委员',
  member: '党员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '安全审计员',
};

export const PERMISSIONS = [
  'org:read', // read organizations inside the scope
  'org:write', // create / edit organizations inside the scope
  'org:export', // export the organization ledger of a subtree
  'member:read', // list, search and read members inside the scope
  'member:write', // change member records inside the scope
  'member:unmask', // see a member's full ID number or phone (each unmask is audited)
  'meeting:read', // activities (三会一课 …), compliance lights, ledgers and digests inside the scope
  'meeting:write', // plan, record, complete and cancel activities inside the scope
  'rectification:read', // problems (问题整改) of organizations inside the scope, boards and ledgers
  'rectification:write', // claim, set measures, report progress, request 销号 for problems of orgs inside the scope
  'rectification:issue', // issue batches and problems to orgs below, import findings, approve or return 销号, 回头看
  'self:read', // a member's own record
  'account:read', // list accounts
  'account:manage', // create, disable, reset and unlock accounts
  'grant:manage', // grant and revoke roles and scopes
  'audit:read', // read and verify the audit trail
  'settings:read', // read the effective security settings
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  committee_admin: ['org:read', 'org:write', 'org:export', 'member:read', 'member:write', 'member:unmask', 'meeting:read', 'meeting:write', 'rectification:read', 'rectification:write', 'rectification:issue'],
  organ_admin: ['org:read', 'org:write', 'org:export', 'member:read', 'member:write', 'member:unmask', 'meeting:read', 'meeting:write', 'rectification:read', 'rectification:write', 'rectification:issue'],
  branch_officer: ['org:read', 'org:export', 'member:read', 'member:write', 'meeting:read', 'meeting:write', 'rectification:read', 'rectification:write'],
  member: ['self:read', 'org:read'],
  system_admin: ['account:read', 'account:manage', 'settings:read'],
  // Security administrators grant scopes on org nodes, so they see the structure (names, types) of the whole tree.
  security_admin: ['account:read', 'grant:manage', 'org:read'],
  auditor: ['audit:read'],
};

export function isPlatformRole(role: string): role is PlatformRole {
  return (PLATFORM_ROLES as readonly string[]).includes(role);
}

export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}
