import { hasPermission } from '../../app/access';
import { hasCommittee, type CodeTables } from '../../shared/codeTables';

/** The tabs of the org page, in order; `tab` in the URL picks one. */
export const ORG_TABS = ['basic', 'committee', 'elections', 'children', 'members', 'warnings', 'history'] as const;
export type OrgTab = (typeof ORG_TABS)[number];

/**
 * The tabs an org shows to a user: 班子成员/换届 where the org type has a committee (per the code
 * tables), 预警 with member:read; 沿革 always.
 */
export function orgTabsFor(orgType: string, permissions: readonly string[], tables: Pick<CodeTables, 'orgTypes'> | undefined): OrgTab[] {
  return ORG_TABS.filter((t) => {
    if (t === 'committee' || t === 'elections') return hasCommittee(tables, orgType);
    if (t === 'warnings') return hasPermission(permissions, 'member:read');
    return true;
  });
}
