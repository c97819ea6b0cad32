import { describe, expect, it } from 'vitest';
import { resolveParameter } from './engine/parameters.js';
import { loadRegulations, readParameterFiles } from './load-from-files.js';

describe('loadRegulations', () => {
  it('validates every file and caches the tree', () => {
    expect(loadRegulations()).toBe(loadRegulations());
  });

  it('derives ids from paths, in a stable order', () => {
    const ids = readParameterFiles().map((f) => f.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('security.password.min_length');
    expect([...loadRegulations().parameters.keys()].sort()).toEqual(ids);
  });

  // The values the server reads (platform/security-policy.ts), with where each comes from.
  it.each([
    ['security.password.min_length', 8, 'dengbao-practice', 'shall'],
    ['security.password.min_character_classes', 3, 'dengbao-practice', 'shall'],
    ['security.password.forbid_username', true, 'project-default', 'shall'],
    ['security.password.max_age_days', 90, 'dengbao-practice', 'generally'],
    ['security.login.max_failed_attempts', 5, 'dengbao-practice', 'shall'],
    ['security.login.lockout_minutes', 15, 'project-default', 'shall'],
    ['security.session.idle_timeout_minutes', 30, 'dengbao-practice', 'shall'],
    ['security.audit.retention_months', 6, 'cybersecurity-law-2025', 'shall'],
  ])('%s is %j on 2026-06-01 (%s, %s)', (id, value, source, force) => {
    expect(resolveParameter(loadRegulations(), id, '2026-06-01')).toMatchObject({ value, force, citation: { source } });
  });

  it('cites the 2016 text of the Cybersecurity Law for log retention before the 2025 amendment took effect', () => {
    expect(resolveParameter(loadRegulations(), 'security.audit.retention_months', '2025-12-31')?.citation).toMatchObject({
      source: 'cybersecurity-law-2016',
      sourceTitle: '中华人民共和国网络安全法',
      article: '第二十一条第（三）项',
    });
  });

  it('has no security setting before GB/T 22239-2019 took effect', () => {
    expect(resolveParameter(loadRegulations(), 'security.login.max_failed_attempts', '2019-11-30')).toBeUndefined();
  });
});
