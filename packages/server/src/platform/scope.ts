import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Role } from './permissions.js';

/**
 * Which organizations an actor may see, decided by the active role grant:
 * - `subtree`: the granted org and everything below it (business administrators and branch officers);
 * - `single`: the granted org only (a member sees own branch basics);
 * - `all`: every org's structure (security administrators assigning scopes);
 * - `none`: no org at all (system administrator, auditor, accounts without a role).
 */
export type OrgScope =
  | { kind: 'subtree'; orgId: number; path: string }
  | { kind: 'single'; orgId: number; path: string }
  | { kind: 'all' }
  | { kind: 'none' };

export function scopeForRole(role: Role | null, org: { id: number; path: string } | null): OrgScope {
  if (role === null) return { kind: 'none' };
  if (role === 'security_admin') return { kind: 'all' };
  if (org === null) return { kind: 'none' };
  if (role === 'member') return { kind: 'single', orgId: org.id, path: org.path };
  if (role === 'committee_admin' || role === 'organ_admin' || role === 'branch_officer') {
    return { kind: 'subtree', orgId: org.id, path: org.path };
  }
  return { kind: 'none' };
}

/**
 * The half-open range [lo, hi) of materialized paths in the subtree of `path` ('/1/5/' → ['/1/5/', '/1/50')).
 * Paths end in '/', and '0' is the next byte after '/', so with COLLATE "C" the subtree is one index range.
 */
export function subtreeRange(path: string): { lo: string; hi: string } {
  if (!/^(\/\d+)+\/$/.test(path)) throw new Error(`not an org path: ${path}`);
  return { lo: path, hi: `${path.slice(0, -1)}0` };
}

export function pathContains(ancestorPath: string, path: string): boolean {
  return path.startsWith(ancestorPath);
}

/** True when an org (by its path) is visible in the scope. */
export function scopeIncludes(scope: OrgScope, orgPath: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'single':
      return orgPath === scope.path;
    case 'subtree':
      return pathContains(scope.path, orgPath);
  }
}

/** SQL condition restricting rows to the scope, given the org table's `path` and `id` columns. */
export function scopeCondition(scope: OrgScope, columns: { path: AnyPgColumn; id: AnyPgColumn }): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'single':
      return eq(columns.id, scope.orgId);
    case 'subtree': {
      const { lo, hi } = subtreeRange(scope.path);
      return and(gte(columns.path, lo), lt(columns.path, hi)) as SQL;
    }
  }
}

/** Ids of the ancestors named in a path, root first ('/1/5/23/' → [1, 5, 23]). */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}
