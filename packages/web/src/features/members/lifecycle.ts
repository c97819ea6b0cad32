// Which lifecycle actions (POST /members/:id/lifecycle) make sense for a member, and how each is asked for.
// A guide for the actions menu: the server decides (and answers with a Chinese message when it refuses).
// The actions' names come from the code table lifecycleActions.
import type { LifecycleAction, MemberCategory, MemberStatus } from '../../api/types';

/** Statuses of members still on the roster (在册); the others have left it (出党, 死亡, 已转出, 取消预备党员资格). */
export const ON_ROSTER_STATUSES: readonly string[] = ['normal', 'mobile', 'lost_contact', 'suspended'];

export function isOnRoster(status: string): boolean {
  return ON_ROSTER_STATUSES.includes(status);
}

export interface LifecycleSubject {
  category: MemberCategory | string;
  status: MemberStatus | string;
  /** Months the probation has already been extended (a probation is extended once at most). */
  probationExtensionMonths?: number;
  /** A pending transfer: nothing changes until it is accepted, returned or cancelled. */
  pendingTransferId?: number | null;
}

/** The groups of the actions menu, in order, each with the actions that apply. */
export interface LifecycleGroup {
  key: 'probation' | 'contact' | 'standing';
  title: string;
  actions: LifecycleAction[];
}

/**
 * The actions that apply to a member: 预备党员 — 转正, 延长预备期 (once), 取消预备资格; on the roster — 流动/失联/
 * 恢复正常联系, 停止党籍 (full members), 出党 (full members), 死亡; 停止党籍 — 恢复, 出党, 死亡. None for members who have
 * left the roster or whose transfer is pending.
 */
export function lifecycleGroupsFor(m: LifecycleSubject): LifecycleGroup[] {
  if (!isOnRoster(m.status) || (m.pendingTransferId ?? null) !== null) return [];
  const groups: LifecycleGroup[] = [];
  const probationary = m.category === 'probationary';
  if (m.status === 'suspended') {
    return [{ key: 'standing', title: '党籍', actions: ['restore', 'expel', 'deceased'] }];
  }
  if (probationary) {
    const probation: LifecycleAction[] = ['convert'];
    if ((m.probationExtensionMonths ?? 0) === 0) probation.push('extend_probation');
    probation.push('cancel_probation');
    groups.push({ key: 'probation', title: '预备期', actions: probation });
  }
  const contact: LifecycleAction[] = [];
  if (m.status !== 'mobile') contact.push('mark_mobile');
  if (m.status !== 'lost_contact') contact.push('mark_lost_contact');
  if (m.status === 'mobile' || m.status === 'lost_contact') contact.push('mark_normal');
  groups.push({ key: 'contact', title: '联系情况', actions: contact });
  groups.push({ key: 'standing', title: '党籍', actions: probationary ? ['deceased'] : ['suspend', 'expel', 'deceased'] });
  return groups;
}

export function lifecycleActionsFor(m: LifecycleSubject): LifecycleAction[] {
  return lifecycleGroupsFor(m).flatMap((g) => g.actions);
}

/** Actions that take the member off the roster or end the probation for good: confirmed with a warning. */
export const IRREVERSIBLE_ACTIONS: readonly LifecycleAction[] = ['expel', 'deceased', 'cancel_probation'];

export function isIrreversible(action: LifecycleAction): boolean {
  return IRREVERSIBLE_ACTIONS.includes(action);
}

/** Actions that stand on a decision and so need its reason (the server keeps it on the timeline). */
const REASON_REQUIRED: readonly LifecycleAction[] = ['extend_probation', 'cancel_probation', 'suspend', 'expel'];

export function reasonRequired(action: LifecycleAction): boolean {
  return REASON_REQUIRED.includes(action);
}

/** 延长预备期: 6 to 12 months (rule members.probation_extension; the server checks with its citation). */
export const PROBATION_EXTENSION_MONTHS = { min: 6, max: 12 } as const;

export function needsMonths(action: LifecycleAction): boolean {
  return action === 'extend_probation';
}

/** The label of the date field for an action. */
export function occurredOnLabel(action: LifecycleAction): string {
  switch (action) {
    case 'convert':
      return '转正日期';
    case 'deceased':
      return '去世日期';
    case 'extend_probation':
    case 'cancel_probation':
    case 'suspend':
    case 'expel':
      return '决定日期';
    default:
      return '日期';
  }
}
