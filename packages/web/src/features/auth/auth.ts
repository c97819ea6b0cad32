import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../../api/client';
import type { Me } from '../../api/types';

export type AuthState = { status: 'authenticated'; me: Me } | { status: 'anonymous'; expired: boolean };


export async function fetchAuthState(): Promise<AuthState> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return { status: 'authenticated', me };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return { status: 'anonymous', expired: error.code === 'E_AUTH_SESSION_EXPIRED' };
    }
    throw error;
  }
}

export const authQuery = queryOptions({ queryKey: ['auth', 'me'], queryFn: fetchAuthState, staleTime: Infinity, retry: 1 });

export function useAuthState() {
  return useQuery(authQuery);
}

/** The logged-in user; only valid below RequireAuth. */
export function useMe(): Me {
  const { data } = useAuthState();
  if (data?.status !== 'authenticated') throw new Error('useMe() used outside an authenticated page');
  return data.me;
}

export function storeMe(queryClient: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  const state: AuthState = { status: 'authenticated', me };
  queryClient.setQueryData(authQuery.queryKey, state);
}

/** Forget the session and every cached answer (after logout or when the server says the session is gone). */
export function dropSession(queryClient: QueryClient, expired: boolean): void {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authQuery.queryKey[0] });
  const state: AuthState = { status: 'anonymous', expired };
  queryClient.setQueryData(authQuery.queryKey, state);
}

/** Mark the cached user as having to change the password (403 E_AUTH_PASSWORD_CHANGE_REQUIRED). */
export function requirePasswordChange(queryClient: QueryClient): void {
  queryClient.setQueryData(authQuery.queryKey, (old) =>
    old?.status === 'authenticated' ? { ...old, me: { ...old.me, user: { ...old.me.user, mustChangePassword: true } } } : old,
  );
}
