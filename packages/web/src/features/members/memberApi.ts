import { api } from '../../api/client';
import type { MemberCategory, MemberDetail, MemberStatus, MemberSummary, Paged } from '../../api/types';

export type MemberSort = 'name' | '-name' | 'joinedOn' | '-joinedOn' | 'birthDate' | '-birthDate';

export interface MemberListParams {
  orgId?: number;
  includeSubtree?: boolean;
  q?: string;
  category?: MemberCategory;
  status?: MemberStatus;
  sort?: MemberSort;
  page: number;
  pageSize: number;
}

export const memberKeys = {
  list: (params: MemberListParams) => ['members', 'list', params] as const,
  detail: (id: number) => ['members', 'detail', id] as const,
};

export function fetchMembers(params: MemberListParams): Promise<Paged<MemberSummary>> {
  return api.get<Paged<MemberSummary>>('/members', { ...params });
}

export function fetchMember(id: number): Promise<MemberDetail> {
  return api.get<MemberDetail>(`/members/${id}`);
}

export function updateMemberPosition(id: number, position: string | null): Promise<MemberDetail> {
  return api.patch<MemberDetail>(`/members/${id}`, { position });
}
