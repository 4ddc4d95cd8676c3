import type { Actor } from '../../platform/access';
import { placeMatches, reachesCommunity } from '../org/org.places';
import type { HazardListRow } from './hazards.repository';
import { allowed } from './hazards.workflow';

/** What the actor may do to a hazard they can see; `teamIds` are the teams they belong to. */
export function hazardAbilities(actor: Actor, r: HazardListRow, teamIds: number[]) {
  const h = r.h;
  const place = {
    streetId: h.streetId,
    communityId: h.communityId,
    committeeId: r.committeeId,
    propertyOrgId: r.propertyOrgId,
  };
  const manage = reachesCommunity(actor, 'hazards.manage', place);
  const finder = h.foundByTeamId !== null && teamIds.includes(h.foundByTeamId);
  return {
    edit: manage && allowed('edit', h.status),
    assign: allowed('assign', h.status) && (manage || actor.can('emergency.respond')),
    repair: allowed('repair', h.status) && !finder && mayRepair(actor, r, teamIds),
    verify:
      allowed('verify', h.status) &&
      reachesCommunity(actor, 'hazards.verify', place) &&
      h.repairedByUserId !== actor.userId,
    reinspect: allowed('reinspect', h.status) && (reachesCommunity(actor, 'hazards.verify', place) || manage),
    fileCase: manage && h.caseId === null && actor.can('cases.report'),
    useFund: reachesCommunity(actor, 'fund_use.request', place),
  };
}

/**
 * Who repairs: the members of the assigned repair team; without one, the units of the place that
 * hold `hazards.repair` there (the property company, the street), never a district-wide role.
 */
export function mayRepair(actor: Actor, r: HazardListRow, teamIds: number[]): boolean {
  if (!actor.can('hazards.repair')) return false;
  if (r.h.repairTeamId !== null) return teamIds.includes(r.h.repairTeamId);
  const place = {
    streetId: r.h.streetId,
    communityId: r.h.communityId,
    committeeId: r.committeeId,
    propertyOrgId: r.propertyOrgId,
  };
  return actor.reach('hazards.repair').some((p) => p.level !== 'district' && placeMatches(p, place));
}
