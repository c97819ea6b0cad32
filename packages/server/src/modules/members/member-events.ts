// The member's timeline: every change to a member is one immutable event (member_events), written in the
// same transaction as the change. The Chinese sentence is composed here, once, when the event happens.
import { memberEvents } from '../../platform/schema.js';
import type { Db } from '../../platform/db.js';

export const MEMBER_EVENT_KINDS = {
  recorded: '录入党员信息',
  imported: '批量导入',
  updated: '修改党员信息',
  converted: '转为正式党员',
  probation_extended: '延长预备期',
  probation_cancelled: '取消预备党员资格',
  transfer_started: '发起组织关系转接',
  transfer_accepted: '组织关系转入',
  transfer_returned: '组织关系转接被退回',
  transfer_cancelled: '撤回组织关系转接',
  transferred_out: '组织关系转出本系统',
  status_changed: '党籍或联系状态变更',
  hardship_marked: '登记为困难党员',
  hardship_cleared: '取消困难党员登记',
  care_visit: '走访慰问',
  correction_requested: '提出信息更正申请',
  correction_resolved: '信息更正申请已处理',
  moved: '随组织调整',
} as const;
export type MemberEventKind = keyof typeof MEMBER_EVENT_KINDS;

export interface MemberEventInput {
  memberId: number;
  kind: MemberEventKind;
  occurredOn: string;
  orgId: number;
  /** The sentence shown on the timeline; never personal data beyond the member's own record. */
  summary: string;
  reason?: string | null;
  actorUserId: number | null;
  detail?: Record<string, unknown>;
}

export async function recordMemberEvent(tx: Db, event: MemberEventInput, now: Date): Promise<void> {
  await tx.insert(memberEvents).values({
    memberId: event.memberId,
    kind: event.kind,
    occurredOn: event.occurredOn,
    orgId: event.orgId,
    detail: { summary: event.summary, ...(event.detail ?? {}) },
    reason: event.reason ?? null,
    actorUserId: event.actorUserId,
    createdAt: now,
  });
}
