import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Category } from '../../../contracts/duties';
import type { NotificationPreferences, NotificationView } from '../../../contracts/notifications';
import type { MyCaseDetail, MyCaseSummary, ResidentHome } from '../../../contracts/resident';
import { api } from '../../api/client';

export function useResidentHome() {
  return useQuery({
    queryKey: ['resident', 'home'],
    queryFn: () => api.get<ResidentHome>('/resident/home'),
    staleTime: 10 * 60_000,
  });
}

export function useCategoryTree() {
  return useQuery({
    queryKey: ['case-categories'],
    queryFn: () => api.get<{ items: (Category & { children: Category[] })[] }>('/case-categories'),
    staleTime: 10 * 60_000,
  });
}

export function useMyCases() {
  return useInfiniteQuery({
    queryKey: ['resident', 'cases'],
    queryFn: ({ pageParam }) =>
      api.get<{ items: MyCaseSummary[]; nextCursor: string | null }>('/resident/cases', {
        limit: 20,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMyCase(id: number) {
  return useQuery({
    queryKey: ['resident', 'cases', id],
    queryFn: () => api.get<MyCaseDetail>(`/resident/cases/${id}`),
  });
}

type NotificationPage = { items: NotificationView[]; nextCursor: string | null; unread: number };

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: ['notifications', 'list'],
    queryFn: ({ pageParam }) => api.get<NotificationPage>('/notifications', { limit: 30, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: async () => (await api.get<NotificationPage>('/notifications', { limit: 1 })).unread,
    refetchInterval: 120_000,
  });
}

/** Live updates: the server says when a notification arrives; the lists are fetched again. */
export function useNotificationStream() {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/notifications/stream');
    source.addEventListener('notification', () => {
      void client.invalidateQueries({ queryKey: ['notifications'] });
      void client.invalidateQueries({ queryKey: ['resident', 'cases'] });
    });
    return () => source.close();
  }, [client]);
}

export type PreferencesAnswer = NotificationPreferences & { emailAvailable: boolean; phone: string | null };

export function usePreferences() {
  return useQuery({
    queryKey: ['notifications', 'preferences'],
    queryFn: () => api.get<PreferencesAnswer>('/notifications/preferences'),
  });
}
