import { hasPermission } from '../../app/access';
import { hasCommittee } from './orgRecordsApi';

/** The tabs of the org page, in order; `tab` in the URL picks one. */
export const ORG_TABS = ['basic', 'committee', 'elections', 'children', 'members', 'warnings'] as const;
export type OrgTab = (typeof ORG_TABS)[number];

/** The tabs an org shows to a user: 班子成员/换届 where the org has a committee, 预警 with member:read. */
export function orgTabsFor(orgType: string, permissions: readonly string[]): OrgTab[] {
  return ORG_TABS.filter((t) => {
    if (t === 'committee' || t === 'elections') return hasCommittee(orgType);
    if (t === 'warnings') return hasPermission(permissions, 'member:read');
    return true;
  });
}
