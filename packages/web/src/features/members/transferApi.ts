// 组织关系转接 (packages/server/src/modules/members): start, list by direction, accept, return, cancel, letter.
import { api } from '../../api/client';
import type { Paged, Transfer, TransferDirection, TransferInput, TransferStatus } from '../../api/types';

export interface TransferListParams {
  direction: TransferDirection;
  status?: TransferStatus;
  page: number;
  pageSize: number;
}

export const transferKeys = {
  all: ['member-transfers'] as const,
  list: (params: TransferListParams) => ['member-transfers', 'list', params] as const,
};

export function fetchTransfers(params: TransferListParams): Promise<Paged<Transfer>> {
  return api.get<Paged<Transfer>>('/member-transfers', { ...params });
}

export function startTransfer(body: TransferInput): Promise<Transfer> {
  return api.post<Transfer>('/member-transfers', body);
}

export function acceptTransfer(id: number): Promise<Transfer> {
  return api.post<Transfer>(`/member-transfers/${id}/accept`);
}

export function returnTransfer(id: number, reason: string): Promise<Transfer> {
  return api.post<Transfer>(`/member-transfers/${id}/return`, { reason });
}

export function cancelTransfer(id: number): Promise<Transfer> {
  return api.post<Transfer>(`/member-transfers/${id}/cancel`);
}

/** 介绍信 (Word) of a transfer to an organization outside the platform. */
export function letterUrl(id: number): string {
  return `/api/member-transfers/${id}/letter.docx`;
}
