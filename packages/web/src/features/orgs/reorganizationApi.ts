// 机构改革 (permission org:write): move under another parent, merge into another org, split a branch,
// dissolve; and the org's history (沿革, org:read). The server checks everything and says why it refuses.
import { api } from '../../api/client';
import type {
  Items,
  OrgDetail,
  OrgHistoryItem,
  OrgMergePreview,
  OrgMovePreview,
  OrgSplitPart,
  OrgSplitResult,
  ReorganizationWhen,
} from '../../api/types';

export const reorganizationKeys = {
  history: (orgId: number) => ['orgs', 'history', orgId] as const,
};

export function previewMove(orgId: number, newParentId: number): Promise<OrgMovePreview> {
  return api.get<OrgMovePreview>(`/orgs/${orgId}/move-preview`, { newParentId });
}

export function moveOrg(orgId: number, body: { newParentId: number } & ReorganizationWhen): Promise<OrgDetail> {
  return api.post<OrgDetail>(`/orgs/${orgId}/move`, body);
}

export function previewMerge(orgId: number, targetId: number): Promise<OrgMergePreview> {
  return api.get<OrgMergePreview>(`/orgs/${orgId}/merge-preview`, { targetId });
}

export function mergeOrg(orgId: number, body: { targetId: number } & ReorganizationWhen): Promise<OrgDetail> {
  return api.post<OrgDetail>(`/orgs/${orgId}/merge`, body);
}

export function splitOrg(orgId: number, body: { parts: OrgSplitPart[]; dryRun?: boolean } & ReorganizationWhen): Promise<OrgSplitResult> {
  return api.post<OrgSplitResult>(`/orgs/${orgId}/split`, body);
}

export function dissolveOrg(orgId: number, body: ReorganizationWhen): Promise<OrgDetail> {
  return api.post<OrgDetail>(`/orgs/${orgId}/dissolve`, body);
}

export function fetchOrgHistory(orgId: number): Promise<Items<OrgHistoryItem>> {
  return api.get<Items<OrgHistoryItem>>(`/orgs/${orgId}/history`);
}

/** The reason and counts an event's free-form detail carries, where it has them. */
export function historyDetailText(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '';
  const d = detail as Record<string, unknown>;
  const num = (k: string) => (typeof d[k] === 'number' ? d[k] : undefined);
  const parts: string[] = [];
  const members = num('members') ?? num('memberCount');
  const orgs = num('children');
  const orgCount = num('orgCount');
  if (orgCount !== undefined) parts.push(`涉及组织 ${orgCount} 个`);
  if (orgs !== undefined) parts.push(`下级组织 ${orgs} 个`);
  if (members !== undefined) parts.push(`党员 ${members} 名`);
  if (typeof d.reason === 'string' && d.reason) parts.unshift(`原因：${d.reason}`);
  return parts.join('，');
}
