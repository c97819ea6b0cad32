// Types mirroring the server's REST contract (/api/docs).

export type Permission =
  | 'org:read'
  | 'org:write'
  | 'org:export'
  | 'member:read'
  | 'member:write'
  | 'self:read'
  | 'account:manage'
  | 'account:read'
  | 'grant:manage'
  | 'audit:read'
  | 'settings:read';

export type Role =
  | 'committee_admin'
  | 'organ_admin'
  | 'branch_officer'
  | 'member'
  | 'system_admin'
  | 'security_admin'
  | 'auditor';

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: { field: string; message: string }[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Items<T> {
  items: T[];
}

export interface Grant {
  id: number;
  role: Role;
  roleLabel: string;
  orgId: number | null;
  orgName: string | null;
}

export interface Me {
  user: { id: number; username: string; displayName: string; mustChangePassword: boolean };
  csrfToken: string;
  grants: Grant[];
  activeGrantId: number | null;
  /** Kept as string[]: the server may add permissions the client does not know yet. */
  permissions: string[];
  idleTimeoutMinutes: number;
}

export type OrgType =
  | 'work_committee'
  | 'party_committee'
  | 'organ_party_committee'
  | 'general_branch'
  | 'branch'
  | 'joint_branch'
  | 'temporary_branch'
  | 'party_small_group';

export type OrgStatus = 'active' | 'dissolved' | 'merged';

export interface OrgSummary {
  id: number;
  parentId: number | null;
  name: string;
  shortName: string | null;
  type: OrgType;
  typeLabel: string;
  status: OrgStatus;
  statusLabel: string;
  hasChildren: boolean;
}

export interface OrgRef {
  id: number;
  name: string;
}

export interface OrgDetail extends OrgSummary {
  code: string | null;
  ancestors: OrgRef[];
  childCount: number;
  memberCount: number;
  createdAt: string;
}

export interface OrgSearchItem extends OrgSummary {
  pathNames: string;
}

export interface OrgCreateInput {
  parentId: number;
  name: string;
  shortName?: string;
  type: OrgType;
}

export interface OrgPatchInput {
  name?: string;
  shortName?: string | null;
  status?: OrgStatus;
}

export type Gender = 'male' | 'female';
export type MemberCategory = 'full' | 'probationary';
export type MemberStatus = 'normal' | 'mobile' | 'lost_contact' | 'suspended' | 'expelled' | 'deceased';

export interface MemberSummary {
  id: number;
  name: string;
  gender: Gender;
  birthDate: string | null;
  joinedOn: string | null;
  category: MemberCategory;
  status: MemberStatus;
  orgId: number;
  orgName: string;
  position: string | null;
}

export interface MemberDetail extends MemberSummary {
  ethnicity: string | null;
  education: string | null;
  fullMemberOn: string | null;
  orgPath: OrgRef[];
}

export interface LabelCount {
  label: string;
  count: number;
}

export interface Dashboard {
  org: { id: number; name: string; type: OrgType; typeLabel: string };
  orgCountsByType: { type: OrgType; label: string; count: number }[];
  memberTotals: { total: number; full: number; probationary: number };
  membersByGender: LabelCount[];
  membersByAgeBand: LabelCount[];
  children: { id: number; name: string; typeLabel: string; orgCount: number; memberCount: number }[];
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
  locked: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  grants: Grant[];
}

export interface GrantDetail extends Grant {
  userId: number;
  username: string;
  displayName: string;
  grantedAt: string;
  grantedByUsername: string | null;
}

export interface AuditEvent {
  id: number;
  occurredAt: string;
  actorUsername: string | null;
  /** The actor's role, already as its label (安全审计员). */
  actorRole: string | null;
  ip: string | null;
  action: string;
  actionLabel: string;
  targetType: string | null;
  targetId: string | null;
  orgId: number | null;
  result: 'success' | 'failure';
  before: unknown;
  after: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAtId: number | null;
  message: string;
}

export interface Setting {
  id: string | number;
  label: string;
  value: number;
  unit: string;
  citation: { sourceTitle: string; article: string; quote: string | null };
}

export interface Health {
  status: string;
  db: 'pglite' | 'postgres';
  version: string;
}
