import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathContains, pathIds, scopeForRole, scopeIncludes, subtreeRange } from './scope.js';

const pathArb = fc.array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 7 }).map((ids) => `/${ids.join('/')}/`);

describe('subtreeRange', () => {
  it('maps a path to the half-open range of its subtree', () => {
    expect(subtreeRange('/1/5/')).toEqual({ lo: '/1/5/', hi: '/1/50' });
  });

  it('rejects something that is not a path', () => {
    expect(() => subtreeRange('/1/5')).toThrow();
    expect(() => subtreeRange("/1/'; DROP/")).toThrow();
  });

  // The SQL range (path >= lo AND path < hi, byte order) must select exactly the paths that start with the prefix.
  it('selects exactly the descendants, for any two paths (byte order as in COLLATE "C")', () => {
    fc.assert(
      fc.property(pathArb, pathArb, (scope, other) => {
        const { lo, hi } = subtreeRange(scope);
        const inRange = Buffer.compare(Buffer.from(other), Buffer.from(lo)) >= 0 && Buffer.compare(Buffer.from(other), Buffer.from(hi)) < 0;
        expect(inRange).toBe(pathContains(scope, other));
      }),
    );
  });

  it('does not confuse org 5 with org 50 or 51', () => {
    const { lo, hi } = subtreeRange('/1/5/');
    for (const p of ['/1/50/', '/1/51/3/', '/1/5']) expect(p >= lo && p < hi).toBe(false);
    for (const p of ['/1/5/', '/1/5/9/', '/1/5/50/7/']) expect(p >= lo && p < hi).toBe(true);
  });
});

describe('scopeForRole', () => {
  const org = { id: 5, path: '/1/5/' };
  it.each([
    ['committee_admin', 'subtree'],
    ['organ_admin', 'subtree'],
    ['branch_officer', 'subtree'],
    ['member', 'single'],
    ['security_admin', 'all'],
    ['system_admin', 'none'],
    ['auditor', 'none'],
  ] as const)('%s → %s', (role, kind) => {
    expect(scopeForRole(role, role === 'security_admin' || role === 'system_admin' || role === 'auditor' ? null : org).kind).toBe(kind);
  });

  it('a member sees own branch and nothing below it', () => {
    const scope = scopeForRole('member', org);
    expect(scopeIncludes(scope, '/1/5/')).toBe(true);
    expect(scopeIncludes(scope, '/1/5/9/')).toBe(false);
    expect(scopeIncludes(scope, '/1/')).toBe(false);
  });

  it('no role, no scope', () => {
    expect(scopeIncludes(scopeForRole(null, null), '/1/')).toBe(false);
  });
});

describe('pathIds', () => {
  it('lists ids root first', () => expect(pathIds('/1/5/23/')).toEqual([1, 5, 23]));
});
