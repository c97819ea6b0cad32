import { homeKind } from '../../app/access';
import { useMe } from '../auth/auth';
import { DashboardView } from './DashboardView';
import { MemberHome } from './MemberHome';
import { PlatformHome } from './PlatformHome';

export function HomePage() {
  const me = useMe();
  switch (homeKind(me)) {
    case 'dashboard':
      return <DashboardView />;
    case 'member':
      return <MemberHome />;
    case 'platform':
      return <PlatformHome />;
  }
}
