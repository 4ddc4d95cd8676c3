import type { MatterType, RuleSet, TallyView, VoteStatus, VoteSummary } from '../../../contracts/votes';
import type { VoteListRow } from './votes.repository';

export function presentVoteSummary(row: VoteListRow): VoteSummary {
  const v = row.vote;
  return {
    id: v.id,
    community: { id: v.communityId, name: row.communityName },
    title: v.title,
    matterType: v.matterType as MatterType,
    status: v.status as VoteStatus,
    ruleSet: v.ruleSet as RuleSet | null,
    openedOn: v.openedOn,
    closesAt: v.closesAt.toISOString(),
    closedAt: v.closedAt?.toISOString() ?? null,
    passed: v.passed,
    publicUntil: v.publicUntil,
    rollUnits: row.rollUnits,
    ballots: row.ballots,
    fundUseId: v.fundUseId,
    recorded:
      v.recordedAt && v.assemblyOn
        ? { assemblyOn: v.assemblyOn, recordedAt: v.recordedAt.toISOString() }
        : null,
  };
}

export function storedResult(row: VoteListRow): TallyView | null {
  return (row.vote.result as TallyView | null) ?? null;
}
