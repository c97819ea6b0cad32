// 组织生活记录 (packages/server/src/modules/meetings, contract in meetings.schemas.ts): the list, the attendance
// template, record / plan / edit / complete / cancel, the meeting record (Word), the ledger (Excel), and a
// member's own activities (/me/activities). Labels of the codes come from the code tables.
import type { QueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type { Paged } from '../../api/types';

/** Activity types as the server names them (code table activityTypes has their words). */
export const PARTY_LECTURE = 'party_lecture';

export type ActivityStatus = 'planned' | 'completed' | 'cancelled';
export const ACTIVITY_STATUS_CODES: readonly ActivityStatus[] = ['planned', 'completed', 'cancelled'];

/** 出席, 线上参加, 请假 (reason required), 缺席 (code table attendanceStatuses). */
export type AttendanceStatus = 'present' | 'online' | 'leave' | 'absent';
export const ATTENDANCE_STATUS_CODES: readonly AttendanceStatus[] = ['present', 'online', 'leave', 'absent'];

export interface AttendanceCounts {
  /** 应到: the members recorded in the attendance. */
  expected: number;
  present: number;
  online: number;
  leave: number;
  absent: number;
}

export interface ActivitySummary {
  id: number;
  orgId: number;
  orgName: string;
  status: ActivityStatus;
  /** Codes of codeTables.activityTypes. */
  types: string[];
  topic: string;
  heldOn: string;
  startsAt: string | null;
  place: string | null;
  host: string | null;
  attendance: AttendanceCounts;
}

export interface AttendanceRow {
  memberId: number;
  name: string;
  category: string;
  status: AttendanceStatus;
  reason: string | null;
}

export interface ActivityDetail extends ActivitySummary {
  endsAt: string | null;
  recorder: string | null;
  lecturer: string | null;
  lecturerMemberId: number | null;
  content: string | null;
  decisions: string | null;
  cancelReason: string | null;
  clientDraftId: string | null;
  attendanceRows: AttendanceRow[];
  createdAt: string;
  updatedAt: string;
}

export interface AttendanceInput {
  memberId: number;
  status: AttendanceStatus;
  reason?: string | null;
}

export interface ActivityFields {
  types: string[];
  topic: string;
  heldOn: string;
  startsAt?: string | null;
  endsAt?: string | null;
  place?: string | null;
  host?: string | null;
  recorder?: string | null;
  lecturer?: string | null;
  lecturerMemberId?: number | null;
  content?: string | null;
  decisions?: string | null;
}

export interface ActivityCreateInput extends ActivityFields {
  orgId: number;
  status: 'planned' | 'completed';
  attendance?: AttendanceInput[];
  /** Made on the device for an offline draft: a second submission answers the first record. */
  clientDraftId?: string;
}

export type ActivityUpdateInput = Partial<ActivityFields & { attendance: AttendanceInput[] }>;

export interface ActivityCompleteInput {
  heldOn?: string;
  attendance: AttendanceInput[];
  content?: string | null;
  decisions?: string | null;
}

export interface AttendanceTemplateItem {
  memberId: number;
  name: string;
  category: string;
  memberStatus: string;
  suggested: AttendanceStatus;
}

export interface AttendanceTemplate {
  orgId: number;
  items: AttendanceTemplateItem[];
}

export interface MyActivities {
  upcoming: ActivitySummary[];
  attended: { activity: ActivitySummary; status: AttendanceStatus; reason: string | null }[];
  /** This year: activities the member was recorded in, by attendance status. */
  yearCounts: { present: number; online: number; leave: number; absent: number };
}

export const ACTIVITY_SORTS = ['heldOn', '-heldOn'] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

export interface ActivityListParams {
  orgId?: number;
  from?: string;
  to?: string;
  type?: string;
  status?: ActivityStatus;
  q?: string;
  sort?: ActivitySort;
  page: number;
  pageSize: number;
}

export const activityKeys = {
  all: ['activities'] as const,
  list: (params: ActivityListParams) => ['activities', 'list', params] as const,
  detail: (id: number) => ['activities', 'detail', id] as const,
  template: (orgId: number) => ['activities', 'template', orgId] as const,
  mine: ['me', 'activities'] as const,
};

export function fetchActivities(params: ActivityListParams): Promise<Paged<ActivitySummary>> {
  return api.get<Paged<ActivitySummary>>('/activities', { ...params });
}

export function fetchActivity(id: number): Promise<ActivityDetail> {
  return api.get<ActivityDetail>(`/activities/${id}`);
}

export function fetchAttendanceTemplate(orgId: number): Promise<AttendanceTemplate> {
  return api.get<AttendanceTemplate>('/activities/attendance-template', { orgId });
}

/** Records a held meeting or plans one; for a repeated clientDraftId the server answers the record made first. */
export function createActivity(body: ActivityCreateInput): Promise<ActivityDetail> {
  return api.post<ActivityDetail>('/activities', body);
}

export function updateActivity(id: number, body: ActivityUpdateInput): Promise<ActivityDetail> {
  return api.patch<ActivityDetail>(`/activities/${id}`, body);
}

export function completeActivity(id: number, body: ActivityCompleteInput): Promise<ActivityDetail> {
  return api.post<ActivityDetail>(`/activities/${id}/complete`, body);
}

export function cancelActivity(id: number, reason: string): Promise<ActivityDetail> {
  return api.post<ActivityDetail>(`/activities/${id}/cancel`, { reason });
}

export function fetchMyActivities(): Promise<MyActivities> {
  return api.get<MyActivities>('/me/activities');
}

/** 会议记录 (Word) of one activity. */
export function recordDocxUrl(id: number): string {
  return `/api/activities/${id}/record.docx`;
}

/** 三会一课台账 (Excel) of an org's subtree (the scope when none) for a date range. */
export function ledgerXlsxUrl(params: { orgId?: number; from: string; to: string }): string {
  return withQuery('/api/activities/ledger.xlsx', { orgId: params.orgId, from: params.from, to: params.to });
}

/** After any activity is saved: every list, the record, the member's own view, and what is judged from them. */
export async function afterActivityChange(queryClient: QueryClient, saved?: ActivityDetail): Promise<void> {
  if (saved) queryClient.setQueryData(activityKeys.detail(saved.id), saved);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: activityKeys.all, predicate: (q) => !(saved && q.queryKey[1] === 'detail' && q.queryKey[2] === saved.id) }),
    queryClient.invalidateQueries({ queryKey: activityKeys.mine }),
    queryClient.invalidateQueries({ queryKey: ['compliance'] }),
    queryClient.invalidateQueries({ queryKey: ['digests'] }),
    queryClient.invalidateQueries({ queryKey: ['warnings'] }),
  ]);
}
