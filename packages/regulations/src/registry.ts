/**
 * Every rule, listed by hand: no directory scanning, no registration by side effect. Adding a rule means
 * importing it here and writing its `.cases.yaml`; `rules/cases.test.ts` fails until both exist.
 */
import type { AnyRule } from './engine/rule.js';
import { passwordPolicy } from './rules/security/password-policy.rule.js';

export const registry: readonly AnyRule[] = [passwordPolicy];

export function findRule(id: string): AnyRule | undefined {
  return registry.find((rule) => rule.id === id);
}
