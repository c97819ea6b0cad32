// 问题整改 (packages/server/src/modules/rectification, contract in rectification.schemas.ts): batches (批次) issued by a
// higher level, problems (问题) issued to a responsible organization, claimed, rectified with measures and
// evidence, and closed by 销号 on the issuing level's approval; analysis (共性问题, 趋势, 红黑榜) and the ledger.
// Labels of the codes come from the code tables (rectificationSources, problemStatuses, problemSeverities,
// problemEventKinds); categories from GET /rectification/categories.
import type { QueryClient } from '@tanstack/react-query';
import { api, withQuery, XLSX_CONTENT_TYPE } from '../../api/client';
import type { Items, Paged } from '../../api/types';

export type ProblemStatus = 'issued' | 'claimed' | 'measures_set' | 'in_progress' | 'closure_requested' | 'closed';
export type ProblemAction = 'claim' | 'set_measures' | 'progress' | 'add_evidence' | 'request_closure' | 'approve' | 'return' | 'review';
export type ProblemView = 'responsible' | 'issued' | 'mine';

export interface BatchSummary {
  id: number;
  issuingOrgId: number;
  issuingOrgName: string;
  /** A code of codeTables.rectificationSources. */
  source: string;
  name: string;
  issuedOn: string;
  reviewAfterMonths: number;
  note: string | null;
  problemCount: number;
  closedCount: number;
  overdueCount: number;
  /** 0..1, null without problems. */
  closureRate: number | null;
}

export interface BatchOrgRow {
  orgId: number;
  orgName: string;
  total: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  returned: number;
  avgDaysToClose: number | null;
}

export interface BatchBoard {
  batch: BatchSummary;
  byOrg: BatchOrgRow[];
  byCategory: { category: string; label: string; count: number }[];
  byStatus: { status: string; count: number }[];
}

export interface ProblemSummary {
  id: number;
  batchId: number;
  batchName: string;
  source: string;
  issuingOrgId: number;
  issuingOrgName: string;
  responsibleOrgId: number;
  responsibleOrgName: string;
  responsiblePerson: string | null;
  responsibleMemberId: number | null;
  description: string;
  category: string;
  categoryLabel: string;
  /** A code of codeTables.problemSeverities. */
  severity: string;
  deadline: string;
  status: ProblemStatus;
  overdue: boolean;
  daysOverdue: number;
  closedOn: string | null;
  closedOnTime: boolean | null;
  reviewDueOn: string | null;
  reopenedCount: number;
  returnedCount: number;
}

export interface Measure {
  id: number;
  content: string;
  owner: string;
  deadline: string;
  doneOn: string | null;
}

export interface ProblemEvent {
  id: number;
  /** A code of codeTables.problemEventKinds. */
  kind: string;
  note: string | null;
  actorName: string | null;
  occurredAt: string;
  detail: Record<string, unknown> | null;
}

export interface Evidence {
  id: number;
  kind: 'link' | 'activity' | 'file';
  label: string;
  url: string | null;
  activityId: number | null;
  activityTopic: string | null;
  fileName: string | null;
  size: number | null;
  createdAt: string;
}

export interface ProblemDetail extends ProblemSummary {
  measures: Measure[];
  events: ProblemEvent[];
  evidence: Evidence[];
  allowedActions: ProblemAction[];
}

export interface Category {
  code: string;
  label: string;
  sortOrder: number;
  active: boolean;
}

export interface BatchListParams {
  orgId?: number;
  year?: number;
  source?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export const PROBLEM_SORTS = ['deadline', '-deadline', '-id'] as const;
export type ProblemSort = (typeof PROBLEM_SORTS)[number];

export interface ProblemListParams {
  view: ProblemView;
  orgId?: number;
  batchId?: number;
  status?: string;
  overdue?: boolean;
  category?: string;
  severity?: string;
  q?: string;
  sort?: ProblemSort;
  page: number;
  pageSize: number;
}

export interface BatchCreateInput {
  issuingOrgId: number;
  source: string;
  name: string;
  issuedOn: string;
  reviewAfterMonths?: number;
  note?: string;
}

export interface ProblemCreateInput {
  responsibleOrgId: number;
  responsiblePerson?: string;
  responsibleMemberId?: number;
  description: string;
  category: string;
  severity: string;
  deadline: string;
}

export interface MeasureInput {
  content: string;
  owner: string;
  deadline: string;
  doneOn?: string | null;
}

export type EvidenceInput =
  | { kind: 'link'; label: string; url: string }
  | { kind: 'activity'; label: string; activityId: number }
  | { kind: 'file'; label: string; fileName: string; contentType: string; contentBase64: string };

export interface ImportResult {
  mode: 'validate' | 'commit';
  valid: boolean;
  rows: number;
  created: number;
  errors: { row: number; column: string; field: string; message: string }[];
}

export interface CommonProblem {
  category: string;
  label: string;
  orgCount: number;
  problemCount: number;
  orgNames: string[];
}

export interface TrendPoint {
  batchId: number;
  name: string;
  issuedOn: string;
  total: number;
  closureRate: number | null;
  onTimeRate: number | null;
}

export interface RedBlack {
  red: { orgId: number; orgName: string; total: number; closedOnTime: number }[];
  black: { orgId: number; orgName: string; overdue: number; returned: number; reopened: number }[];
}

export const rectKeys = {
  all: ['rectification'] as const,
  categories: ['rectification', 'categories'] as const,
  batches: (params: BatchListParams) => ['rectification', 'batches', params] as const,
  board: (id: number) => ['rectification', 'board', id] as const,
  problems: (params: ProblemListParams | Record<string, unknown>) => ['rectification', 'problems', params] as const,
  problem: (id: number) => ['rectification', 'problem', id] as const,
  common: (orgId: number | undefined, year: number) => ['rectification', 'common', orgId ?? 'root', year] as const,
  trend: (orgId: number | undefined) => ['rectification', 'trend', orgId ?? 'root'] as const,
  redBlack: (orgId: number | undefined, year: number) => ['rectification', 'red-black', orgId ?? 'root', year] as const,
};

export const fetchCategories = () => api.get<Items<Category>>('/rectification/categories');
export const fetchBatches = (params: BatchListParams) => api.get<Paged<BatchSummary>>('/rectification/batches', { ...params });
export const createBatch = (body: BatchCreateInput) => api.post<BatchSummary>('/rectification/batches', body);
export const fetchBoard = (id: number) => api.get<BatchBoard>(`/rectification/batches/${id}`);
export const createProblem = (batchId: number, body: ProblemCreateInput) => api.post<ProblemDetail>(`/rectification/batches/${batchId}/problems`, body);
export const fetchProblems = (params: ProblemListParams) => api.get<Paged<ProblemSummary>>('/rectification/problems', { ...params });
export const fetchProblem = (id: number) => api.get<ProblemDetail>(`/rectification/problems/${id}`);

export function importProblems(batchId: number, mode: 'validate' | 'commit', file: Blob): Promise<ImportResult> {
  return api.postRaw<ImportResult>(`/rectification/batches/${batchId}/import`, file, XLSX_CONTENT_TYPE, { mode });
}

const problemPath = (id: number, action: string) => `/rectification/problems/${id}/${action}`;
export const claimProblem = (id: number, body: { responsiblePerson?: string; responsibleMemberId?: number; note?: string }) =>
  api.post<ProblemDetail>(problemPath(id, 'claim'), body);
export const setMeasures = (id: number, measures: MeasureInput[]) => api.put<ProblemDetail>(problemPath(id, 'measures'), { measures });
export const reportProgress = (id: number, note: string) => api.post<ProblemDetail>(problemPath(id, 'progress'), { note });
export const addEvidence = (id: number, body: EvidenceInput) => api.post<Evidence>(problemPath(id, 'evidence'), body);
export const requestClosure = (id: number, note: string) => api.post<ProblemDetail>(problemPath(id, 'request-closure'), { note });
export const approveClosure = (id: number, note?: string) => api.post<ProblemDetail>(problemPath(id, 'approve'), note ? { note } : {});
export const returnProblem = (id: number, reason: string) => api.post<ProblemDetail>(problemPath(id, 'return'), { reason });
export const reviewProblem = (id: number, outcome: 'passed' | 'reopen', note: string) => api.post<ProblemDetail>(problemPath(id, 'review'), { outcome, note });

export const fetchCommon = (orgId: number | undefined, year: number) => api.get<Items<CommonProblem>>('/rectification/common', { orgId, year });
export const fetchTrend = (orgId: number | undefined) => api.get<Items<TrendPoint>>('/rectification/trend', { orgId });
export const fetchRedBlack = (orgId: number | undefined, year: number) => api.get<RedBlack>('/rectification/red-black', { orgId, year });

export function evidenceFileUrl(problemId: number, evidenceId: number): string {
  return `/api/rectification/problems/${problemId}/evidence/${evidenceId}/file`;
}

export function importTemplateUrl(batchId: number): string {
  return `/api/rectification/batches/${batchId}/import-template.xlsx`;
}

export function ledgerUrl(params: { batchId?: number; orgId?: number; year?: number }): string {
  return withQuery('/api/rectification/ledger.xlsx', { ...params });
}

/** After any change: every rectification query (lists, boards, analysis), the warnings and the home page's counts. */
export async function afterRectificationChange(queryClient: QueryClient, saved?: ProblemDetail): Promise<void> {
  if (saved && Array.isArray(saved.allowedActions)) queryClient.setQueryData(rectKeys.problem(saved.id), saved);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: rectKeys.all }),
    queryClient.invalidateQueries({ queryKey: ['warnings'] }),
  ]);
}
