import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
  /** counted on the first page; -1 on later ones */
  total?: number;
}

type Filters = Record<string, string | number | boolean | undefined>;

/**
 * Keyset paging for any list endpoint answering { items, nextCursor, total? }: keeps the cursors of
 * earlier pages so "previous" works, and starts again at page 1 whenever the filters change.
 */
export function useCursorPages<T>(path: string, filters: Filters, limit = 20) {
  const key = JSON.stringify(filters);
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[]; total: number | null }>({
    key,
    cursors: [undefined],
    total: null,
  });
  const current = state.key === key ? state : { key, cursors: [undefined], total: null };
  if (current !== state) setState(current);
  const cursor = current.cursors[current.cursors.length - 1];
  const query = useQuery({
    queryKey: [path, filters, cursor, limit],
    queryFn: () => api.get<CursorPage<T>>(path, { ...filters, cursor, limit }),
    placeholderData: keepPreviousData,
  });
  const total = query.data && (query.data.total ?? -1) >= 0 ? query.data.total! : current.total;
  if (total !== current.total) setState({ ...current, total });
  return {
    ...query,
    items: query.data?.items ?? [],
    page: current.cursors.length,
    total,
    hasNext: Boolean(query.data?.nextCursor),
    next: () =>
      query.data?.nextCursor &&
      setState({ ...current, cursors: [...current.cursors, query.data.nextCursor] }),
    prev: () => current.cursors.length > 1 && setState({ ...current, cursors: current.cursors.slice(0, -1) }),
  };
}
