import { describe, expect, it } from 'vitest';
import { ACTION_SIDE, allowedActions, nextStatus, PROBLEM_ACTIONS, PROBLEM_STATUSES, stateMessage, type ProblemAction, type ProblemStatus } from './problem-workflow.js';

/** The expected table, written out in full: status → action → next status (absent: refused). */
const EXPECTED: Record<ProblemStatus, Partial<Record<ProblemAction, ProblemStatus>>> = {
  issued: { claim: 'claimed' },
  claimed: { set_measures: 'measures_set', add_evidence: 'claimed' },
  measures_set: { set_measures: 'measures_set', progress: 'in_progress', add_evidence: 'measures_set', request_closure: 'closure_requested' },
  in_progress: { set_measures: 'in_progress', progress: 'in_progress', add_evidence: 'in_progress', request_closure: 'closure_requested' },
  closure_requested: { approve: 'closed', return: 'in_progress' },
  closed: { review: 'closed' },
};

describe('problem workflow', () => {
  for (const status of PROBLEM_STATUSES) {
    for (const action of PROBLEM_ACTIONS) {
      it(`${status} × ${action}`, () => {
        expect(nextStatus(status, action)).toBe(EXPECTED[status][action] ?? null);
      });
    }
  }

  it('回头看 that finds a relapse reopens a closed problem; it applies to closed problems only', () => {
    expect(nextStatus('closed', 'review', 'reopen')).toBe('in_progress');
    expect(nextStatus('closed', 'review', 'passed')).toBe('closed');
    for (const status of PROBLEM_STATUSES.filter((s) => s !== 'closed')) expect(nextStatus(status, 'review', 'reopen')).toBeNull();
  });

  it('销号, 退回 and 回头看 belong to the issuing level; everything else to the responsible side', () => {
    expect(PROBLEM_ACTIONS.filter((a) => ACTION_SIDE[a] === 'issuer')).toEqual(['approve', 'return', 'review']);
  });

  it('allowed actions depend on the status and on the sides the actor holds', () => {
    for (const status of PROBLEM_STATUSES) {
      const both = allowedActions(status, { responsible: true, issuer: true });
      expect(both).toEqual(PROBLEM_ACTIONS.filter((a) => EXPECTED[status][a] !== undefined));
      expect(allowedActions(status, { responsible: false, issuer: false })).toEqual([]);
      expect(allowedActions(status, { responsible: true, issuer: false }).every((a) => ACTION_SIDE[a] === 'responsible')).toBe(true);
      expect(allowedActions(status, { responsible: false, issuer: true }).every((a) => ACTION_SIDE[a] === 'issuer')).toBe(true);
    }
    expect(allowedActions('closure_requested', { responsible: true, issuer: false })).toEqual([]);
    expect(allowedActions('closure_requested', { responsible: false, issuer: true })).toEqual(['approve', 'return']);
  });

  it('a refused action is explained in Chinese with the current status and the action', () => {
    expect(stateMessage('in_progress', 'approve')).toBe('问题当前状态为「整改中」，不能审核销号');
  });
});
