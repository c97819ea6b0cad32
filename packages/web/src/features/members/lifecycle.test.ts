import { describe, expect, it } from 'vitest';
import { isIrreversible, isOnRoster, lifecycleActionsFor, lifecycleGroupsFor, needsMonths, occurredOnLabel, reasonRequired } from './lifecycle';

describe('lifecycleActionsFor', () => {
  it('offers a probationary member 转正, 延长预备期 and 取消预备资格, but neither 停止党籍 nor 出党', () => {
    const actions = lifecycleActionsFor({ category: 'probationary', status: 'normal' });
    expect(actions.slice(0, 3)).toEqual(['convert', 'extend_probation', 'cancel_probation']);
    expect(actions).toContain('deceased');
    expect(actions).not.toContain('suspend');
    expect(actions).not.toContain('expel');
  });

  it('extends a probation once only', () => {
    expect(lifecycleActionsFor({ category: 'probationary', status: 'normal', probationExtensionMonths: 6 })).not.toContain('extend_probation');
  });

  it('offers a full member on the roster the contact and standing actions, never the probation ones', () => {
    const actions = lifecycleActionsFor({ category: 'full', status: 'normal' });
    expect(actions).toEqual(['mark_mobile', 'mark_lost_contact', 'suspend', 'expel', 'deceased']);
  });

  it('offers 恢复正常联系 to mobile and lost-contact members, and not the status they already have', () => {
    expect(lifecycleActionsFor({ category: 'full', status: 'mobile' })).toEqual(['mark_lost_contact', 'mark_normal', 'suspend', 'expel', 'deceased']);
    expect(lifecycleActionsFor({ category: 'full', status: 'lost_contact' })).toEqual(['mark_mobile', 'mark_normal', 'suspend', 'expel', 'deceased']);
  });

  it('offers a suspended member 恢复, 出党 and 死亡 only', () => {
    expect(lifecycleActionsFor({ category: 'full', status: 'suspended' })).toEqual(['restore', 'expel', 'deceased']);
  });

  it('offers nothing to members off the roster or with a pending transfer', () => {
    for (const status of ['expelled', 'deceased', 'transferred_out', 'probation_cancelled', 'something_new']) {
      expect(lifecycleActionsFor({ category: 'full', status })).toEqual([]);
    }
    expect(lifecycleActionsFor({ category: 'full', status: 'normal', pendingTransferId: 7 })).toEqual([]);
    expect(lifecycleActionsFor({ category: 'full', status: 'normal', pendingTransferId: null })).not.toEqual([]);
  });

  it('groups the actions for the menu, in order', () => {
    expect(lifecycleGroupsFor({ category: 'probationary', status: 'normal' }).map((g) => g.key)).toEqual(['probation', 'contact', 'standing']);
    expect(lifecycleGroupsFor({ category: 'full', status: 'normal' }).map((g) => g.key)).toEqual(['contact', 'standing']);
  });
});

describe('how each action is asked for', () => {
  it('confirms the irreversible ones', () => {
    expect(isIrreversible('expel')).toBe(true);
    expect(isIrreversible('deceased')).toBe(true);
    expect(isIrreversible('cancel_probation')).toBe(true);
    expect(isIrreversible('convert')).toBe(false);
    expect(isIrreversible('suspend')).toBe(false);
  });

  it('asks months for an extension only, and a reason for decisions', () => {
    expect(needsMonths('extend_probation')).toBe(true);
    expect(needsMonths('convert')).toBe(false);
    expect(reasonRequired('expel')).toBe(true);
    expect(reasonRequired('mark_mobile')).toBe(false);
    expect(occurredOnLabel('convert')).toBe('转正日期');
    expect(occurredOnLabel('mark_normal')).toBe('日期');
  });

  it('knows the roster statuses', () => {
    expect(isOnRoster('suspended')).toBe(true);
    expect(isOnRoster('transferred_out')).toBe(false);
  });
});
