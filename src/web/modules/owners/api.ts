import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  committeeMeeting,
  complianceReport,
  disclosureView,
  fiveInOneMeeting,
  issueListItem,
  liaisonEvent,
  ownerContact,
  ownerPerson,
  ownerSummary,
  ownersCommitteeDetail,
  ownersCommitteeSummary,
  ownerUnit,
  ownerUnitDetail,
  reminderView,
  trainingRecord,
  trainingSummary,
} from '../../../contracts/owners';
import { api } from '../../api/client';

export type OwnerUnit = z.infer<typeof ownerUnit>;
export type OwnerUnitDetail = z.infer<typeof ownerUnitDetail>;
export type OwnerPerson = z.infer<typeof ownerPerson>;
export type OwnerContact = z.infer<typeof ownerContact>;
export type OwnerSummary = z.infer<typeof ownerSummary>;
export type CommitteeSummary = z.infer<typeof ownersCommitteeSummary>;
export type CommitteeDetail = z.infer<typeof ownersCommitteeDetail>;
export type ComplianceReport = z.infer<typeof complianceReport>;
export type Reminder = z.infer<typeof reminderView>;
export type Meeting = z.infer<typeof committeeMeeting>;
export type Disclosure = z.infer<typeof disclosureView>;
export type FiveInOneMeeting = z.infer<typeof fiveInOneMeeting>;
export type FiveInOneIssue = z.infer<typeof issueListItem>;
export type LiaisonEvent = z.infer<typeof liaisonEvent>;
export type TrainingRecord = z.infer<typeof trainingRecord>;
export type TrainingSummary = z.infer<typeof trainingSummary>;

export function useOwnerSummary(communityId: number | undefined) {
  return useQuery({
    queryKey: ['owner-summary', communityId],
    queryFn: () => api.get<OwnerSummary>(`/communities/${communityId}/owner-summary`),
    enabled: Boolean(communityId),
  });
}

export function useOwnerUnit(unitId: number | null) {
  return useQuery({
    queryKey: ['owner-unit', unitId],
    queryFn: () => api.get<OwnerUnitDetail>(`/owner-units/${unitId}`),
    enabled: unitId !== null,
  });
}

export function useOwnerPerson(personId: number | null) {
  return useQuery({
    queryKey: ['owner-person', personId],
    queryFn: () => api.get<OwnerPerson>(`/owners/${personId}`),
    enabled: personId !== null,
  });
}

export function useCommittee(id: number) {
  return useQuery({
    queryKey: ['owners-committee', id],
    queryFn: () => api.get<CommitteeDetail>(`/owners-committees/${id}`),
  });
}

export function useCompliance(streetId?: number) {
  return useQuery({
    queryKey: ['owners-compliance', streetId],
    queryFn: () => api.get<ComplianceReport>('/owners-committees/compliance', { streetId }),
  });
}
