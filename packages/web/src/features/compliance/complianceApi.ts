// 合规 (packages/server/src/modules/compliance, contract in compliance.schemas.ts): a branch's lights and
// obligations, the green rate of a supervising organization, a branch's calendar, and the 月提示 digest.
import { api } from '../../api/client';

export type Light = 'green' | 'yellow' | 'red';

/** One parameter a result used, as it was when judged. */
export interface BasisItem {
  parameter: string;
  value: unknown;
  /** The day the value used took effect. */
  effectiveFrom: string;
  /** shall 应当 · generally 一般 · may 可以 */
  force: string;
  title: string;
  article: string;
  quote: string | null;
}

/** One obligation of one organization for one period (rule meetings.frequency). */
export interface ObligationResult {
  orgId: number;
  /** A code of codeTables.obligations. */
  obligation: string;
  obligationLabel: string;
  periodKind: 'month' | 'quarter' | 'year';
  periodStart: string;
  periodEnd: string;
  light: Light;
  held: number;
  minCount: number;
  ruleId: string;
  code: string | null;
  severity: string | null;
  message: string | null;
  basis: BasisItem[];
  evaluatedOn: string;
}

export interface MonthLight {
  month: string;
  light: Light;
  reasons: { obligation: string; obligationLabel: string; periodStart: string; light: Light; message: string | null }[];
}

export interface ComplianceOrg {
  id: number;
  name: string;
  type: string;
  typeLabel: string;
}

export interface BranchCompliance {
  org: ComplianceOrg;
  month: string;
  light: Light | null;
  lights: MonthLight[];
  obligations: ObligationResult[];
}

export interface GreenRate {
  branches: number;
  green: number;
  yellow: number;
  red: number;
  /** green / branches, 0..1; null when the subtree has no branch. */
  greenRate: number | null;
}

export interface ComplianceOverview {
  org: ComplianceOrg;
  month: string;
  total: GreenRate;
  trend: (GreenRate & { month: string })[];
  /** Direct children with branches below them, ranked by green rate (highest first). */
  children: (GreenRate & { id: number; name: string; typeLabel: string })[];
  redBranches: { id: number; name: string; parentName: string | null; reasons: string[] }[];
  redBranchesTotal: number;
}

export interface BranchCalendar {
  orgId: number;
  year: number;
  days: { date: string; count: number; types: string[] }[];
  lights: { month: string; light: Light }[];
}

export interface DigestItem {
  /** meeting | election | probation | transfer | absence */
  kind: string;
  code: string;
  title: string;
  dueOn: string | null;
  message: string;
  basis: BasisItem[];
}

export interface MonthlyDigest {
  orgId: number;
  orgName: string;
  month: string;
  generatedAt: string;
  readAt: string | null;
  items: DigestItem[];
}

export const complianceKeys = {
  all: ['compliance'] as const,
  branch: (orgId: number | undefined, month: string | undefined) => ['compliance', 'branch', orgId ?? 'root', month ?? 'current'] as const,
  overview: (orgId: number | undefined, month: string | undefined) => ['compliance', 'overview', orgId ?? 'root', month ?? 'current'] as const,
  calendar: (orgId: number, year: number) => ['compliance', 'calendar', orgId, year] as const,
  digest: (orgId: number | undefined, month: string | undefined) => ['digests', orgId ?? 'root', month ?? 'current'] as const,
};

export function fetchBranchCompliance(orgId: number | undefined, month: string | undefined): Promise<BranchCompliance> {
  return api.get<BranchCompliance>('/compliance/branch', { orgId, month });
}

export function fetchComplianceOverview(orgId: number | undefined, month: string | undefined): Promise<ComplianceOverview> {
  return api.get<ComplianceOverview>('/compliance/overview', { orgId, month });
}

export function fetchBranchCalendar(orgId: number, year: number): Promise<BranchCalendar> {
  return api.get<BranchCalendar>('/compliance/calendar', { orgId, year });
}

/** The month's digest, or null when none was generated for it. */
export async function fetchDigest(orgId: number | undefined, month: string | undefined): Promise<MonthlyDigest | null> {
  return (await api.get<MonthlyDigest | null>('/digests/current', { orgId, month })) ?? null;
}

export function markDigestRead(orgId: number, month: string): Promise<unknown> {
  return api.post<unknown>('/digests/read', { orgId, month });
}
