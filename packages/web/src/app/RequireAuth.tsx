import type { ReactNode } from 'react';
import { Flex, Spin } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useAuthState } from '../features/auth/auth';
import type { LoginLocationState } from '../features/auth/LoginPage';
import { ErrorAlert } from '../shared/ErrorAlert';
import { canAccess, type AccessRule } from './access';
import { ForbiddenPage } from './ErrorPages';

/** Sends anonymous users to /login, users who must change their password to /change-password. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuthState();
  const location = useLocation();
  if (auth.isPending) return <FullPageSpin />;
  if (auth.isError) {
    return (
      <div style={{ padding: 24 }}>
        <ErrorAlert error={auth.error} onRetry={() => void auth.refetch()} />
      </div>
    );
  }
  if (auth.data.status === 'anonymous') {
    const state: LoginLocationState = { from: location.pathname + location.search, expired: auth.data.expired };
    return <Navigate to="/login" replace state={state} />;
  }
  if (auth.data.me.user.mustChangePassword) return <Navigate to="/change-password" replace />;
  return children;
}

/** Shows the 403 page unless the user's permissions satisfy the route's rule. */
export function RequireAccess({ rule, children }: { rule: AccessRule; children: ReactNode }) {
  const auth = useAuthState();
  const permissions = auth.data?.status === 'authenticated' ? auth.data.me.permissions : [];
  return canAccess(rule, permissions) ? children : <ForbiddenPage />;
}

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}
