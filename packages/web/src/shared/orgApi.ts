import { api } from '../api/client';
import type { Items, OrgDetail, OrgSearchItem, OrgStatus, OrgSummary, OrgType, Paged, Unit } from '../api/types';

export interface OrgSearchParams {
  q?: string;
  type?: OrgType;
  status?: OrgStatus;
  page?: number;
  pageSize?: number;
}

export const orgKeys = {
  all: ['orgs'] as const,
  roots: () => ['orgs', 'roots'] as const,
  children: (id: number) => ['orgs', 'children', id] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  search: (params: OrgSearchParams) => ['orgs', 'search', params] as const,
};

export async function fetchOrgRoots(): Promise<OrgSummary[]> {
  return (await api.get<Items<OrgSummary>>('/orgs/roots')).items;
}

export async function fetchOrgChildren(id: number): Promise<OrgSummary[]> {
  return (await api.get<Items<OrgSummary>>(`/orgs/${id}/children`)).items;
}

export function fetchOrg(id: number): Promise<OrgDetail> {
  return api.get<OrgDetail>(`/orgs/${id}`);
}

export function searchOrgs(params: OrgSearchParams): Promise<Paged<OrgSearchItem>> {
  return api.get<Paged<OrgSearchItem>>('/orgs', { ...params });
}

export const unitKeys = {
  list: (q: string) => ['units', q] as const,
};

/** 单位 (机关) to set an org up in, by name (the server answers at most 200). */
export async function fetchUnits(q: string): Promise<Unit[]> {
  return (await api.get<Items<Unit>>('/units', { q })).items;
}

/** The Excel ledgers (台账) of an org's subtree, GET /api/orgs/:id/ledgers/:kind (permission org:export). */
export const LEDGERS = [
  { kind: 'org-info', label: '组织信息台账' },
  { kind: 'elections', label: '换届选举台账' },
  { kind: 'appointment-talks', label: '任职谈话台账' },
] as const;

export type LedgerKind = (typeof LEDGERS)[number]['kind'];

export function ledgerUrl(id: number, kind: LedgerKind): string {
  return `/api/orgs/${id}/ledgers/${kind}`;
}
