import type { Permission } from '../../../contracts/permissions';
import type { Actor } from '../../platform/access';

/** Where a record sits, as far as place checks need to know. */
export interface PlacedRecord {
  streetId: number;
  communityId?: number | null;
  committeeId?: number | null;
  propertyOrgId?: number | null;
}

/**
 * Whether `permission` reaches the record: the same rule as scopeFilter, in memory, for records
 * already loaded under a read scope (abilities on a detail page, a second permission on one row).
 */
export function reaches(actor: Actor, permission: Permission, r: PlacedRecord): boolean {
  return actor.reach(permission).some((place) => {
    switch (place.level) {
      case 'district':
        return true; // every row an actor can load is in their district
      case 'street':
        return place.streetId === r.streetId;
      case 'committee':
        return r.committeeId != null && place.committeeId === r.committeeId;
      case 'community':
        return r.communityId != null && place.communityId === r.communityId;
      case 'organization':
        return r.propertyOrgId != null && place.organizationId === r.propertyOrgId;
      default:
        return false;
    }
  });
}

export function ownerUnitAbilities(actor: Actor, unit: PlacedRecord) {
  return { edit: reaches(actor, 'owners.manage', unit), reveal: reaches(actor, 'owners.reveal', unit) };
}

export function committeeAbilities(actor: Actor, c: PlacedRecord & { status: string }) {
  const manage = c.status === 'active' && reaches(actor, 'owners_committee.manage', c);
  const guide = reaches(actor, 'owners_committee.guide', c);
  return {
    edit: reaches(actor, 'owners_committee.register', c),
    manageMembers: manage,
    addEvidence: manage,
    reviewEvidence: guide,
    addMeeting: manage,
  };
}
