import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { reproduceView, rollItem, tallyView, voteDetail, voteSummary } from '../../../contracts/votes';
import { api } from '../../api/client';

export type VoteSummary = z.infer<typeof voteSummary>;
export type VoteDetail = z.infer<typeof voteDetail>;
export type TallyView = z.infer<typeof tallyView>;
export type RollItem = z.infer<typeof rollItem>;
export type Reproduce = z.infer<typeof reproduceView>;

export function useVote(id: number) {
  return useQuery({ queryKey: ['vote', id], queryFn: () => api.get<VoteDetail>(`/votes/${id}`) });
}

/** A fresh count of the stored ballots (live while open; the recount once closed). */
export function useTally(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['vote-tally', id],
    queryFn: () => api.get<Reproduce>(`/votes/${id}/tally`),
    enabled,
  });
}

export function useMyVotes() {
  return useQuery({ queryKey: ['me-votes'], queryFn: () => api.get<{ items: VoteDetail[] }>('/me/votes') });
}
