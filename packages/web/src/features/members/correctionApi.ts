// 信息更正申请: a member asks for a correction of their record (self view); a branch officer resolves it.
import { api } from '../../api/client';
import type { Correction, CorrectionInput, CorrectionResolveInput, CorrectionStatus, Items, MemberDetail, Paged, TimelineEvent } from '../../api/types';

export interface CorrectionListParams {
  status?: CorrectionStatus;
  page: number;
  pageSize: number;
}

export const correctionKeys = {
  all: ['member-corrections'] as const,
  list: (params: CorrectionListParams) => ['member-corrections', 'list', params] as const,
  openCount: () => ['member-corrections', 'open-count'] as const,
};

export const selfKeys = {
  member: ['me', 'member'] as const,
  timeline: ['me', 'member', 'timeline'] as const,
  corrections: ['me', 'member', 'corrections'] as const,
};

export function fetchCorrections(params: CorrectionListParams): Promise<Paged<Correction>> {
  return api.get<Paged<Correction>>('/member-corrections', { ...params });
}

export function resolveCorrection(id: number, body: CorrectionResolveInput): Promise<Correction> {
  return api.post<Correction>(`/member-corrections/${id}/resolve`, body);
}

export function fetchSelf(): Promise<MemberDetail> {
  return api.get<MemberDetail>('/me/member');
}

export async function fetchSelfTimeline(): Promise<TimelineEvent[]> {
  return (await api.get<Items<TimelineEvent>>('/me/member/timeline')).items;
}

export async function fetchSelfCorrections(): Promise<Correction[]> {
  return (await api.get<Items<Correction>>('/me/member/corrections')).items;
}

export function requestCorrection(body: CorrectionInput): Promise<Correction> {
  return api.post<Correction>('/me/member/corrections', body);
}
