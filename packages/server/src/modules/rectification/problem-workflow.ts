/**
 * The workflow of a problem (问题整改), as a pure table: status × action → next status, and which side may act.
 * The responsible side (责任组织 and its superiors, rectification:write) claims, sets measures, reports progress,
 * adds evidence and requests 销号; the issuing side (the level that issued it, rectification:issue) approves or
 * returns the request and looks back (回头看) at closed problems. No I/O here: the service checks scope.
 */

export const PROBLEM_STATUSES = ['issued', 'claimed', 'measures_set', 'in_progress', 'closure_requested', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  issued: '已下发',
  claimed: '已认领',
  measures_set: '已制定措施',
  in_progress: '整改中',
  closure_requested: '申请销号',
  closed: '已销号',
};

export const PROBLEM_ACTIONS = ['claim', 'set_measures', 'progress', 'add_evidence', 'request_closure', 'approve', 'return', 'review'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

export const PROBLEM_ACTION_LABELS: Record<ProblemAction, string> = {
  claim: '认领',
  set_measures: '制定整改措施',
  progress: '报告整改进展',
  add_evidence: '上传整改佐证',
  request_closure: '申请销号',
  approve: '审核销号',
  return: '退回销号申请',
  review: '回头看',
};

/** Who may take an action: the responsible side or the issuing level. */
export type ProblemSide = 'responsible' | 'issuer';

export const ACTION_SIDE: Record<ProblemAction, ProblemSide> = {
  claim: 'responsible',
  set_measures: 'responsible',
  progress: 'responsible',
  add_evidence: 'responsible',
  request_closure: 'responsible',
  approve: 'issuer',
  return: 'issuer',
  review: 'issuer',
};

/** Outcome of 回头看: passed keeps it closed, reopen sends it back to 整改中. */
export type ReviewOutcome = 'passed' | 'reopen';

/** The transitions: for each action, the statuses it starts from and the status it leads to. */
const TRANSITIONS: Record<ProblemAction, Partial<Record<ProblemStatus, ProblemStatus>>> = {
  claim: { issued: 'claimed' },
  // Measures can be revised until 销号 is requested; only the first setting moves the status.
  set_measures: { claimed: 'measures_set', measures_set: 'measures_set', in_progress: 'in_progress' },
  progress: { measures_set: 'in_progress', in_progress: 'in_progress' },
  add_evidence: { claimed: 'claimed', measures_set: 'measures_set', in_progress: 'in_progress' },
  request_closure: { measures_set: 'closure_requested', in_progress: 'closure_requested' },
  approve: { closure_requested: 'closed' },
  return: { closure_requested: 'in_progress' },
  review: { closed: 'closed' },
};

/** The status after `action`, or null when the action is not possible in `status`. */
export function nextStatus(status: ProblemStatus, action: ProblemAction, outcome: ReviewOutcome = 'passed'): ProblemStatus | null {
  const next = TRANSITIONS[action][status] ?? null;
  if (next !== null && action === 'review' && outcome === 'reopen') return 'in_progress';
  return next;
}

export function isProblemStatus(value: string): value is ProblemStatus {
  return (PROBLEM_STATUSES as readonly string[]).includes(value);
}

/**
 * The actions an actor may take on a problem in `status`, given the sides the actor holds
 * (responsible: write permission and the responsible org in scope; issuer: issue permission and the issuing org in scope).
 */
export function allowedActions(status: ProblemStatus, sides: { responsible: boolean; issuer: boolean }): ProblemAction[] {
  return PROBLEM_ACTIONS.filter((action) => nextStatus(status, action) !== null && sides[ACTION_SIDE[action]]);
}

/** Chinese message for an action refused in the current status. */
export function stateMessage(status: ProblemStatus, action: ProblemAction): string {
  return `问题当前状态为「${PROBLEM_STATUS_LABELS[status]}」，不能${PROBLEM_ACTION_LABELS[action]}`;
}

/** What a newly issued problem is made of, from the form or from a row of an imported list. */
export interface NewProblem {
  responsibleOrgId: number;
  responsiblePerson: string | null;
  responsibleMemberId?: number | null;
  description: string;
  category: string;
  severity: string;
  deadline: string;
}

/** The row a problem starts as: status issued (下发), nothing returned or reopened yet. One place for the form and the import. */
export function issuedProblemRow(batch: { id: number; issuing_org_id: number }, p: NewProblem, createdBy: number, now: Date) {
  return {
    batchId: batch.id,
    issuingOrgId: batch.issuing_org_id,
    responsibleOrgId: p.responsibleOrgId,
    responsiblePerson: p.responsiblePerson,
    responsibleMemberId: p.responsibleMemberId ?? null,
    description: p.description,
    category: p.category,
    severity: p.severity,
    deadline: p.deadline,
    status: 'issued' as const,
    reopenedCount: 0,
    returnedCount: 0,
    createdBy,
    createdAt: now,
    updatedAt: now,
  };
}
