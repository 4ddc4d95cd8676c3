import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  accountStatement,
  campaignDetail,
  campaignSummary,
  depletionAlert,
  entryDetail,
  entryView,
  feeContractDetail,
  feeContractSummary,
  feeItem,
  feeStandardList,
  fundCommunityDetail,
  fundCommunitySummary,
  fundHistoryView,
  fundUnitItem,
  fundUseDetail,
  fundUseSummary,
  householdItem,
  myFundView,
  shareItem,
} from '../../../contracts/funds';
import { api } from '../../api/client';

export type FundCommunitySummary = z.infer<typeof fundCommunitySummary>;
export type FundCommunityDetail = z.infer<typeof fundCommunityDetail>;
export type FundHistory = z.infer<typeof fundHistoryView>;
export type FundUnit = z.infer<typeof fundUnitItem>;
export type DepletionAlert = z.infer<typeof depletionAlert>;
export type Entry = z.infer<typeof entryView>;
export type EntryDetail = z.infer<typeof entryDetail>;
export type AccountStatement = z.infer<typeof accountStatement>;
export type Campaign = z.infer<typeof campaignSummary>;
export type CampaignDetail = z.infer<typeof campaignDetail>;
export type Household = z.infer<typeof householdItem>;
export type FundUseSummary = z.infer<typeof fundUseSummary>;
export type FundUseDetail = z.infer<typeof fundUseDetail>;
export type Share = z.infer<typeof shareItem>;
export type FeeStandardList = z.infer<typeof feeStandardList>;
export type FeeContractSummary = z.infer<typeof feeContractSummary>;
export type FeeContractDetail = z.infer<typeof feeContractDetail>;
export type FeeItem = z.infer<typeof feeItem>;
export type MyFund = z.infer<typeof myFundView>;

export function useCommunityFund(communityId: number | undefined) {
  return useQuery({
    queryKey: ['fund-community', communityId],
    queryFn: () => api.get<FundCommunityDetail>(`/funds/communities/${communityId}`),
    enabled: Boolean(communityId),
    retry: false,
  });
}

export function useFundHistory(communityId: number | undefined) {
  return useQuery({
    queryKey: ['fund-history', communityId],
    queryFn: () => api.get<FundHistory>(`/funds/communities/${communityId}/history`),
    enabled: Boolean(communityId),
    retry: false,
  });
}

export function useFundUse(id: number) {
  return useQuery({ queryKey: ['fund-use', id], queryFn: () => api.get<FundUseDetail>(`/fund-uses/${id}`) });
}

export function useMyFund() {
  return useQuery({ queryKey: ['me-fund'], queryFn: () => api.get<MyFund>('/me/fund') });
}
