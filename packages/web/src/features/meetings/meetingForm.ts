// The record form of an activity (记录活动 / 计划活动 / 编辑 / 完成并登记出勤): its values (plain JSON, so that an
// offline draft can keep them), the attendance sheet and its counts, and the bodies sent to the server.
// Pure; tested in meetingForm.test.ts.
import { errorDetails } from '../../shared/errors';
import { textOrNull } from '../../shared/format';
import {
  PARTY_LECTURE,
  type ActivityCompleteInput,
  type ActivityCreateInput,
  type ActivityDetail,
  type ActivityFields,
  type ActivityUpdateInput,
  type AttendanceCounts,
  type AttendanceInput,
  type AttendanceRow,
  type AttendanceStatus,
  type AttendanceTemplateItem,
} from './meetingApi';

/** Held (with attendance) or planned (attendance when it is completed). */
export type RecordMode = 'completed' | 'planned';

/** The form's values; dates as YYYY-MM-DD and times as HH:MM, so that they survive localStorage as they are. */
export interface MeetingFormValues {
  orgId?: number;
  types?: string[];
  topic?: string;
  heldOn?: string | null;
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

/** Fields the server may name in an error, shown on the form field of the same name. */
export const MEETING_FORM_FIELDS = [
  'orgId',
  'types',
  'topic',
  'heldOn',
  'startsAt',
  'endsAt',
  'place',
  'host',
  'recorder',
  'lecturer',
  'lecturerMemberId',
  'content',
  'decisions',
] as const satisfies readonly (keyof MeetingFormValues)[];
export type MeetingFormField = (typeof MEETING_FORM_FIELDS)[number];

/** One member's line on the attendance sheet. */
export interface AttendanceEntry {
  memberId: number;
  name: string;
  category: string;
  status: AttendanceStatus;
  reason: string;
}

export const REASON_MAX = 100;

/** A reason is asked for 请假 (required) and 缺席 (optional). */
export function takesReason(status: AttendanceStatus): boolean {
  return status === 'leave' || status === 'absent';
}

export function lectureSelected(types: readonly string[] | undefined): boolean {
  return (types ?? []).includes(PARTY_LECTURE);
}

/** 应到 / 出席 / 线上 / 请假 / 缺席 of the sheet; 实到 is present + online. */
export function attendanceCounts(rows: readonly Pick<AttendanceEntry, 'status'>[]): AttendanceCounts {
  const counts: AttendanceCounts = { expected: rows.length, present: 0, online: 0, leave: 0, absent: 0 };
  for (const r of rows) counts[r.status] += 1;
  return counts;
}

export function attendedCount(counts: Pick<AttendanceCounts, 'present' | 'online'>): number {
  return counts.present + counts.online;
}

/** One member's status changed; a reason is kept only where one is asked for. */
export function withStatus(rows: readonly AttendanceEntry[], memberId: number, status: AttendanceStatus): AttendanceEntry[] {
  return rows.map((r) => (r.memberId === memberId ? { ...r, status, reason: takesReason(status) ? r.reason : '' } : r));
}

export function withReason(rows: readonly AttendanceEntry[], memberId: number, reason: string): AttendanceEntry[] {
  return rows.map((r) => (r.memberId === memberId ? { ...r, reason } : r));
}

/** 全部出席: every member present, reasons cleared. */
export function allPresent(rows: readonly AttendanceEntry[]): AttendanceEntry[] {
  return rows.map((r) => ({ ...r, status: 'present', reason: '' }));
}

/**
 * The sheet for an organization's template: its members in the template's order, each keeping what was
 * already marked for them (a restored draft, an org picked again), the others at the suggestion.
 */
export function mergeTemplate(items: readonly AttendanceTemplateItem[], existing: readonly AttendanceEntry[]): AttendanceEntry[] {
  const byMember = new Map(existing.map((r) => [r.memberId, r]));
  return items.map((item) => {
    const known = byMember.get(item.memberId);
    return known
      ? { ...known, name: item.name, category: item.category }
      : { memberId: item.memberId, name: item.name, category: item.category, status: item.suggested, reason: '' };
  });
}

export function entriesOf(rows: readonly AttendanceRow[]): AttendanceEntry[] {
  return rows.map((r) => ({ memberId: r.memberId, name: r.name, category: r.category, status: r.status, reason: r.reason ?? '' }));
}

/** What keeps the sheet from being sent, by member: 请假 without a reason, a reason too long. */
export function attendanceProblems(rows: readonly AttendanceEntry[]): Map<number, string> {
  const problems = new Map<number, string>();
  for (const r of rows) {
    if (r.status === 'leave' && r.reason.trim() === '') problems.set(r.memberId, '请填写请假原因');
    else if (takesReason(r.status) && r.reason.trim().length > REASON_MAX) problems.set(r.memberId, `原因不超过 ${REASON_MAX} 字`);
  }
  return problems;
}

export function attendanceInputOf(rows: readonly AttendanceEntry[]): AttendanceInput[] {
  return rows.map((r) => ({ memberId: r.memberId, status: r.status, reason: takesReason(r.status) ? textOrNull(r.reason) : null }));
}

/** The activity's fields from the form; the lecturer only when 党课 is among the types. */
export function activityFieldsOf(v: MeetingFormValues): ActivityFields {
  const lecture = lectureSelected(v.types);
  return {
    types: [...(v.types ?? [])],
    topic: (v.topic ?? '').trim(),
    heldOn: v.heldOn ?? '',
    startsAt: v.startsAt || null,
    endsAt: v.endsAt || null,
    place: textOrNull(v.place),
    host: textOrNull(v.host),
    recorder: textOrNull(v.recorder),
    lecturer: lecture ? textOrNull(v.lecturer) : null,
    lecturerMemberId: lecture ? (v.lecturerMemberId ?? null) : null,
    content: textOrNull(v.content),
    decisions: textOrNull(v.decisions),
  };
}

/** POST /activities: a held meeting with its attendance, or a planned one without. */
export function createBody(v: MeetingFormValues, mode: RecordMode, rows: readonly AttendanceEntry[], clientDraftId?: string): ActivityCreateInput {
  return {
    orgId: v.orgId ?? 0,
    status: mode,
    ...activityFieldsOf(v),
    ...(mode === 'completed' ? { attendance: attendanceInputOf(rows) } : {}),
    ...(clientDraftId ? { clientDraftId } : {}),
  };
}

/** PATCH /activities/:id: every field of the form; the attendance only for a held meeting. */
export function updateBody(activity: Pick<ActivityDetail, 'status'>, v: MeetingFormValues, rows: readonly AttendanceEntry[]): ActivityUpdateInput {
  return { ...activityFieldsOf(v), ...(activity.status === 'completed' ? { attendance: attendanceInputOf(rows) } : {}) };
}

/** POST /activities/:id/complete: the day it was held, the attendance and the minutes. */
export function completeBody(v: MeetingFormValues, rows: readonly AttendanceEntry[]): ActivityCompleteInput {
  const fields = activityFieldsOf(v);
  return { heldOn: fields.heldOn || undefined, attendance: attendanceInputOf(rows), content: fields.content, decisions: fields.decisions };
}

export function formValuesOf(a: ActivityDetail): MeetingFormValues {
  return {
    orgId: a.orgId,
    types: [...a.types],
    topic: a.topic,
    heldOn: a.heldOn,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    place: a.place,
    host: a.host,
    recorder: a.recorder,
    lecturer: a.lecturer,
    lecturerMemberId: a.lecturerMemberId,
    content: a.content,
    decisions: a.decisions,
  };
}

/** Whether the form holds anything worth keeping as a draft (an org picked, or a date, alone is not). */
export function hasContent(v: MeetingFormValues): boolean {
  return (v.types ?? []).length > 0 || [v.topic, v.place, v.host, v.recorder, v.lecturer, v.content, v.decisions].some((t) => (t ?? '').trim() !== '');
}

/** Whether the end time, if any, is after the start. */
export function timesInOrder(startsAt: string | null | undefined, endsAt: string | null | undefined): boolean {
  return !startsAt || !endsAt || endsAt > startsAt;
}

export interface MeetingErrors {
  /** For form.setFields. */
  fields: { name: MeetingFormField; errors: string[] }[];
  /** Attendance errors of one member (the server names the line: attendance.3.reason). */
  attendance: Map<number, string[]>;
  /** Attendance errors that name no line. */
  attendanceGeneral: string[];
}

/** The server's field errors, on the form fields and on the attendance lines (by the order they were sent in). */
export function meetingErrors(error: unknown, sentRows: readonly Pick<AttendanceEntry, 'memberId'>[]): MeetingErrors {
  const byField = new Map<MeetingFormField, string[]>();
  const attendance = new Map<number, string[]>();
  const attendanceGeneral: string[] = [];
  for (const d of errorDetails(error)) {
    const [head, index] = d.field.split('.');
    if (head === 'attendance') {
      const row = index !== undefined && /^\d+$/.test(index) ? sentRows[Number(index)] : undefined;
      if (row) attendance.set(row.memberId, [...(attendance.get(row.memberId) ?? []), d.message]);
      else attendanceGeneral.push(d.message);
      continue;
    }
    const field = MEETING_FORM_FIELDS.find((f) => f === head);
    if (field) byField.set(field, [...(byField.get(field) ?? []), d.message]);
  }
  return { fields: [...byField].map(([name, errors]) => ({ name, errors })), attendance, attendanceGeneral };
}
