import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ScreenFeedItem, ScreenMap, ScreenSummary } from '../../../contracts/screen';
import { api } from '../../api/client';

/** How often the screen fetches its numbers again, besides the nudges of the live feed. */
const REFRESH_MS = 30_000;
const FEED_KEPT = 30;

export function useScreenMap(enabled: boolean) {
  return useQuery({
    queryKey: ['screen', 'map'],
    queryFn: () => api.get<ScreenMap>('/screen/map'),
    enabled,
    staleTime: 10 * 60_000,
    refetchInterval: 10 * 60_000,
  });
}

export function useScreenSummary(kpi: string, enabled: boolean) {
  return useQuery({
    queryKey: ['screen', 'summary', kpi],
    queryFn: () => api.get<ScreenSummary>('/screen', { kpi }),
    enabled,
    refetchInterval: REFRESH_MS,
    placeholderData: (previous) => previous,
  });
}

/**
 * The live case feed (server-sent events), newest first. Each new event also asks for the numbers
 * again, a few seconds later so that the rollup job has folded it in.
 */
export function useScreenFeed(enabled: boolean) {
  const client = useQueryClient();
  const [items, setItems] = useState<ScreenFeedItem[]>([]);
  const [live, setLive] = useState(false);
  const nudge = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/screen/feed');
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('case', (e) => {
      const item = JSON.parse((e as MessageEvent<string>).data) as ScreenFeedItem;
      setItems((list) =>
        list.some((i) => i.eventId === item.eventId) ? list : [item, ...list].slice(0, FEED_KEPT),
      );
      if (nudge.current) clearTimeout(nudge.current);
      nudge.current = setTimeout(
        () => void client.invalidateQueries({ queryKey: ['screen', 'summary'] }),
        5000,
      );
    });
    return () => {
      source.close();
      if (nudge.current) clearTimeout(nudge.current);
    };
  }, [enabled, client]);
  return { items, live };
}
