// The organization system's records of one org: committee (班子), elections (换届) and warnings (预警).
import type { QueryClient } from '@tanstack/react-query';
import { labelOf, type Code } from '../../shared/codeTables';
import { api } from '../../api/client';
import type {
  AppointInput,
  CommitteeView,
  ElectionInput,
  ElectionRecorded,
  ElectionsView,
  EndPostInput,
  Paged,
  RuleWarning,
  TalkInput,
  TermAdjusted,
  TermAdjustmentInput,
  WarningItem,
  WarningKind,
} from '../../api/types';

export interface WarningListParams {
  orgId?: number;
  kind?: WarningKind;
  page: number;
  pageSize: number;
}

export const recordKeys = {
  committee: (orgId: number) => ['orgs', 'committee', orgId] as const,
  elections: (orgId: number) => ['orgs', 'elections', orgId] as const,
  warnings: (params: WarningListParams) => ['warnings', params] as const,
};

export function fetchCommittee(orgId: number): Promise<CommitteeView> {
  return api.get<CommitteeView>(`/orgs/${orgId}/committee`);
}

export function appoint(orgId: number, body: AppointInput): Promise<{ id: number; warnings: RuleWarning[] }> {
  return api.post(`/orgs/${orgId}/committee`, body);
}

export function endPost(postId: number, body: EndPostInput): Promise<void> {
  return api.post(`/committee-posts/${postId}/end`, body);
}

export function recordTalk(postId: number, body: TalkInput): Promise<void> {
  return api.post(`/committee-posts/${postId}/talk`, body);
}

export function fetchElections(orgId: number): Promise<ElectionsView> {
  return api.get<ElectionsView>(`/orgs/${orgId}/elections`);
}

export function recordElection(orgId: number, body: ElectionInput): Promise<ElectionRecorded> {
  return api.post<ElectionRecorded>(`/orgs/${orgId}/elections`, body);
}

export function adjustTerm(orgId: number, body: TermAdjustmentInput): Promise<TermAdjusted> {
  return api.post(`/orgs/${orgId}/term-adjustments`, body);
}

export function fetchWarnings(params: WarningListParams): Promise<Paged<WarningItem>> {
  return api.get<Paged<WarningItem>>('/warnings', { ...params });
}

/** After a change to an org's committee or term: its records, the warnings and the ledgers' sources are stale. */
export async function afterRecordChange(queryClient: QueryClient, orgId: number): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: recordKeys.committee(orgId) }),
    queryClient.invalidateQueries({ queryKey: recordKeys.elections(orgId) }),
    queryClient.invalidateQueries({ queryKey: ['warnings'] }),
  ]);
}


/** 选举 / 任命, by the post's source (GET /api/meta/code-tables postSources); the code itself when unknown. */
export function postSourceLabel(postSources: readonly Code[] | undefined, source: string): string {
  return labelOf(postSources, source);
}
