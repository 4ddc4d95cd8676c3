import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CommunityProfile,
  CommunityStats,
  CommunitySummary,
  DepartmentView,
  GridSummary,
  HousingType,
  ManagementMode,
  PlaceMap,
  placeTree,
} from '../../../contracts/org';
import { api } from '../../api/client';

export type PlaceTree = z.infer<typeof placeTree>;

export interface CommunityFilters {
  streetId?: number;
  housingType?: HousingType;
  managementMode?: ManagementMode;
  q?: string;
}

export function usePlaces() {
  return useQuery({
    queryKey: ['places'],
    queryFn: () => api.get<PlaceTree>('/places'),
    staleTime: 10 * 60_000,
  });
}

export function useCommunities(filters: CommunityFilters, cursor: string | undefined, limit = 20) {
  return useQuery({
    queryKey: ['communities', filters, cursor, limit],
    queryFn: () =>
      api.get<{ items: CommunitySummary[]; nextCursor: string | null; total: number }>('/communities', {
        ...filters,
        cursor,
        limit,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCommunity(id: number) {
  return useQuery({
    queryKey: ['community', id],
    queryFn: () => api.get<CommunityProfile>(`/communities/${id}`),
  });
}

export function useCommunityStats(streetId?: number) {
  return useQuery({
    queryKey: ['community-stats', streetId],
    queryFn: () => api.get<CommunityStats>('/communities/stats', { streetId }),
  });
}

export function usePlaceMap() {
  return useQuery({
    queryKey: ['place-map'],
    queryFn: () => api.get<PlaceMap>('/places/map'),
    staleTime: 10 * 60_000,
  });
}

/** The district's departments (code, name), for showing a department named by its code. */
export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<DepartmentView[]>('/departments'),
    staleTime: 10 * 60_000,
  });
}

/** The grids of the caller's places, optionally of one street. */
export function useGrids(streetId?: number) {
  return useQuery({
    queryKey: ['grids', streetId ?? null],
    queryFn: () => api.get<{ items: GridSummary[] }>('/grids', { streetId }),
    staleTime: 10 * 60_000,
  });
}
