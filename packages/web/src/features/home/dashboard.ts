import type { Dashboard } from '../../api/types';

/**
 * Whether the 组织类型分布 chart says anything: only when the scope holds organizations of two or
 * more types. A single branch (one type) would draw one lone bar, so the card is left out.
 */
export function showsOrgTypeChart(orgCountsByType: Dashboard['orgCountsByType']): boolean {
  return orgCountsByType.filter((t) => t.count > 0).length > 1;
}
