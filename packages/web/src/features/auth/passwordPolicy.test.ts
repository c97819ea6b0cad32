import { describe, expect, it } from 'vitest';
import { characterClasses, checkPassword } from './passwordPolicy';

describe('password policy hints', () => {
  it('counts character classes', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('abcDEF12')).toBe(3);
    expect(characterClasses('Demo#2026')).toBe(4);
    expect(characterClasses('密码密码')).toBe(1);
  });

  it('checks length and classes', () => {
    expect(checkPassword('Ab1#').map((c) => c.ok)).toEqual([false, true]);
    expect(checkPassword('abcdefgh').map((c) => c.ok)).toEqual([true, false]);
    expect(checkPassword('Demo#2026').every((c) => c.ok)).toBe(true);
  });
});
