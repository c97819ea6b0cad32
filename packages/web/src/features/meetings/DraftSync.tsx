import { hasPermission } from '../../app/access';
import { useMe } from '../auth/auth';
import { useDraftSync } from './useOfflineDrafts';

/** Sends the user's offline drafts of activities when the browser comes back online, whatever page is open. */
export function DraftSync() {
  const me = useMe();
  useDraftSync(me.user.id, hasPermission(me.permissions, 'meeting:write'));
  return null;
}
