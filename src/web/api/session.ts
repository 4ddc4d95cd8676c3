import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { loginResult, SessionView } from '../../contracts/auth';
import type { Permission } from '../../contracts/permissions';
import { api, apiState, ProblemError } from './client';

export type LoginResult = z.infer<typeof loginResult>;

export const sessionKey = ['session'] as const;

/** The signed-in user; `null` when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<SessionView | null> => {
      try {
        const session = await api.get<SessionView>('/auth/session');
        apiState.setCsrfToken(session.csrfToken);
        return session;
      } catch (err) {
        if (err instanceof ProblemError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useCan() {
  const { data } = useSession();
  return (permission: Permission) => Boolean(data?.permissions.includes(permission));
}

export function useSessionActions() {
  const client = useQueryClient();
  return {
    async login(username: string, password: string): Promise<LoginResult> {
      const result = await api.post<LoginResult>('/auth/login', { username, password });
      apiState.setCsrfToken(result.csrfToken);
      if (result.stage === 'active') client.setQueryData(sessionKey, result);
      return result;
    },
    async completeSecondFactor(path: '/auth/totp/verify' | '/auth/totp/enable', code: string) {
      const session = await api.post<SessionView>(path, { code });
      apiState.setCsrfToken(session.csrfToken);
      client.setQueryData(sessionKey, session);
      return session;
    },
    async logout() {
      await api.post('/auth/logout').catch(() => undefined);
      apiState.setCsrfToken('');
      client.clear();
      client.setQueryData(sessionKey, null);
    },
    refresh: () => client.invalidateQueries({ queryKey: sessionKey }),
  };
}
