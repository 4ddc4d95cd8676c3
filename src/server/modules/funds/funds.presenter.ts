import type { FundCommunitySummary, FundType } from '../../../contracts/funds';
import type { Actor } from '../../platform/access';
import { reaches } from '../owners/owners.policy';
import { isDepleted, percentOf } from './funds.ledger';
import type { AlertRow, CampaignRow, CommunityFundRow } from './funds.repository';

export function presentCommunityFund(r: CommunityFundRow): FundCommunitySummary {
  const balance = BigInt(r.balanceFen);
  const first = BigInt(r.firstDepositFen);
  return {
    community: { id: r.communityId, name: r.communityName },
    street: { id: r.streetId, name: r.streetName },
    scheme: r.scheme as FundCommunitySummary['scheme'],
    primaryFundType: r.primaryFundType as FundType,
    balanceFen: r.balanceFen,
    firstDepositFen: r.firstDepositFen,
    balancePercent: percentOf(balance, first),
    depleted: isDepleted(balance, first),
    depletedUnits: r.depletedUnits,
    developerShareStatus: r.developerShareStatus as FundCommunitySummary['developerShareStatus'],
    mergedOn: r.mergedOn,
  };
}

export function fundCommunityAbilities(actor: Actor, r: CommunityFundRow) {
  const placed = { streetId: r.streetId, communityId: r.communityId, committeeId: r.committeeId };
  const manage = reaches(actor, 'funds.manage', placed);
  return {
    setup: manage,
    deposit: manage,
    interest: manage,
    withdraw: manage,
    backfill: manage && r.developerShareStatus === 'uncollected',
    merge: manage && r.scheme === 'sold_public' && r.mergedOn === null,
    recollect: reaches(actor, 'recollection.manage', placed),
    requestUse: reaches(actor, 'fund_use.request', placed),
  };
}

export function presentAlert(r: AlertRow) {
  return {
    id: r.alert.id,
    community: { id: r.alert.communityId, name: r.communityName },
    detectedOn: r.alert.detectedOn,
    balanceFen: r.alert.balanceFen,
    firstDepositFen: r.alert.firstDepositFen,
    depletedUnits: r.alert.depletedUnits,
    status: r.alert.status as 'open' | 'resolved',
    resolvedOn: r.alert.resolvedOn,
  };
}

export function presentCampaign(r: CampaignRow) {
  const c = r.campaign;
  return {
    id: c.id,
    community: { id: c.communityId, name: r.communityName },
    title: c.title,
    vote: { id: c.voteId, title: r.voteTitle },
    scope: c.scope as 'depleted_units' | 'all_units',
    rateFenPerM2: c.rateFenPerM2,
    startOn: c.startOn,
    deadlineOn: c.deadlineOn,
    instalments: c.instalments,
    status: c.status as 'active' | 'completed' | 'cancelled',
    households: r.households,
    paidHouseholds: r.paidHouseholds,
    dueFen: Number(r.dueFen),
    paidFen: Number(r.paidFen),
    percent: percentOf(BigInt(r.paidFen), BigInt(r.dueFen)),
  };
}
