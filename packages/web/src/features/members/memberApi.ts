// The member roster API (packages/server/src/modules/members): records, lifecycle, timeline, care,
// statistics, political birthdays. Transfers, corrections and imports have their own files beside this one.
import type { QueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type {
  Birthdays,
  CareVisit,
  CareVisitInput,
  Gender,
  HardshipInput,
  HardshipMember,
  Items,
  LifecycleInput,
  MemberCategory,
  MemberCreateInput,
  MemberDetail,
  MemberStats,
  MemberStatusFilter,
  MemberSummary,
  MemberUpdateInput,
  Paged,
  TimelineEvent,
  UnmaskField,
  UnmaskResult,
} from '../../api/types';

export const MEMBER_SORTS = ['name', '-name', 'joinedOn', '-joinedOn', 'birthDate', '-birthDate', 'probationEndsOn'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

export interface MemberListParams {
  orgId?: number;
  includeSubtree?: boolean;
  q?: string;
  /** A full ID number: exact match (the server compares a keyed hash). */
  idNumber?: string;
  category?: MemberCategory;
  /** A status, 'on_roster' (在册, the server's default) or 'all'. */
  status?: MemberStatusFilter;
  gender?: Gender;
  inHardship?: boolean;
  sort?: MemberSort;
  page: number;
  pageSize: number;
}

export const memberKeys = {
  all: ['members'] as const,
  list: (params: MemberListParams) => ['members', 'list', params] as const,
  detail: (id: number) => ['members', 'detail', id] as const,
  timeline: (id: number) => ['members', 'timeline', id] as const,
  careVisits: (id: number) => ['members', 'care-visits', id] as const,
  stats: (orgId: number | undefined) => ['members', 'stats', orgId ?? 'scope'] as const,
  birthdays: (orgId: number | undefined, month: number) => ['members', 'birthdays', orgId ?? 'scope', month] as const,
  hardship: (params: { orgId?: number; page: number; pageSize: number }) => ['members', 'hardship', params] as const,
};

export function fetchMembers(params: MemberListParams): Promise<Paged<MemberSummary>> {
  return api.get<Paged<MemberSummary>>('/members', { ...params });
}

export function fetchMember(id: number): Promise<MemberDetail> {
  return api.get<MemberDetail>(`/members/${id}`);
}

export function createMember(body: MemberCreateInput): Promise<MemberDetail> {
  return api.post<MemberDetail>('/members', body);
}

export function updateMember(id: number, body: MemberUpdateInput): Promise<MemberDetail> {
  return api.patch<MemberDetail>(`/members/${id}`, body);
}

export function updateMemberPosition(id: number, position: string | null): Promise<MemberDetail> {
  return updateMember(id, { position });
}

/** The full ID number or phone (permission member:unmask); each call is recorded in the audit log. */
export function unmaskMember(id: number, field: UnmaskField): Promise<UnmaskResult> {
  return api.post<UnmaskResult>(`/members/${id}/unmask`, { field });
}

export function recordLifecycle(id: number, body: LifecycleInput): Promise<MemberDetail> {
  return api.post<MemberDetail>(`/members/${id}/lifecycle`, body);
}

export async function fetchTimeline(id: number): Promise<TimelineEvent[]> {
  return (await api.get<Items<TimelineEvent>>(`/members/${id}/timeline`)).items;
}

export function setHardship(id: number, body: HardshipInput): Promise<MemberDetail> {
  return api.put<MemberDetail>(`/members/${id}/hardship`, body);
}

export async function fetchCareVisits(id: number): Promise<CareVisit[]> {
  return (await api.get<Items<CareVisit>>(`/members/${id}/care-visits`)).items;
}

export function recordCareVisit(id: number, body: CareVisitInput): Promise<CareVisit> {
  return api.post<CareVisit>(`/members/${id}/care-visits`, body);
}

export function fetchHardshipMembers(params: { orgId?: number; page: number; pageSize: number }): Promise<Paged<HardshipMember>> {
  return api.get<Paged<HardshipMember>>('/members/hardship', { ...params });
}

export function fetchMemberStats(orgId: number | undefined): Promise<MemberStats> {
  return api.get<MemberStats>('/members/stats', { orgId });
}

export function fetchBirthdays(orgId: number | undefined, month: number): Promise<Birthdays> {
  return api.get<Birthdays>('/members/birthdays', { orgId, month });
}

/** 花名册 (masked ID numbers and phones) of the list's org and status. */
export function rosterUrl(params: Pick<MemberListParams, 'orgId' | 'includeSubtree' | 'status'>): string {
  return withQuery('/api/members/roster.xlsx', { orgId: params.orgId, includeSubtree: params.includeSubtree, status: params.status });
}

export function statsUrl(orgId: number | undefined): string {
  return withQuery('/api/members/stats.xlsx', { orgId });
}

export const IMPORT_TEMPLATE_URL = '/api/members/import-template.xlsx';

/** Every member list and count (after an import, or any change). */
export async function invalidateMemberLists(queryClient: QueryClient, keep?: (key: readonly unknown[]) => boolean): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: memberKeys.all, predicate: (q) => !keep?.(q.queryKey) }),
    // Counts of members shown on org pages and the dashboard.
    queryClient.invalidateQueries({ queryKey: ['orgs', 'detail'] }),
    queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);
}

/**
 * After any change to a member: the record, its timeline and every list that may show it. The record the
 * server answered is kept as it is rather than read again (each read of a full record is audited).
 */
export async function afterMemberChange(queryClient: QueryClient, id: number, saved?: MemberDetail): Promise<void> {
  if (saved) queryClient.setQueryData(memberKeys.detail(id), saved);
  const detailKey: readonly unknown[] = memberKeys.detail(id);
  await invalidateMemberLists(queryClient, (key) => saved !== undefined && key.length === detailKey.length && key.every((k, i) => k === detailKey[i]));
}
