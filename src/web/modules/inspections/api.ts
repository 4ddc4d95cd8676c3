import { useQuery } from '@tanstack/react-query';
import type { Team } from '../../../contracts/emergency';
import type { Coverage, Plan, RoundDetail } from '../../../contracts/inspections';
import { api } from '../../api/client';

export function usePlans() {
  return useQuery({
    queryKey: ['inspection-plans'],
    queryFn: () => api.get<{ items: Plan[]; abilities: { create: boolean } }>('/inspections/plans'),
  });
}

export function useRound(id: number) {
  return useQuery({
    queryKey: ['inspection-round', id],
    queryFn: () => api.get<RoundDetail>(`/inspections/rounds/${id}`),
  });
}

export function useCoverage(planId: number | undefined, on?: string) {
  return useQuery({
    queryKey: ['inspection-coverage', planId, on],
    queryFn: () => api.get<Coverage>('/inspections/coverage', { planId, on }),
    enabled: Boolean(planId),
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ['emergency-teams'],
    queryFn: () => api.get<{ items: Team[]; abilities: { manage: boolean } }>('/emergency/teams'),
    staleTime: 60_000,
  });
}

/** Photos of a round item are served through the round; fresh uploads through /files. */
export function roundPhotoUrl(roundId: number, fileId: number, thumbnail = true) {
  return `/api/v1/inspections/rounds/${roundId}/files/${fileId}${thumbnail ? '?thumbnail=true' : ''}`;
}
