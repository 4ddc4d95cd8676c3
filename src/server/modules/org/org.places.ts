import { type SQL, sql } from 'drizzle-orm';
import type { Permission } from '../../../contracts/permissions';
import type { Executor } from '../../db/client';
import { type Actor, type Place, scopeFilter } from '../../platform/access';

/**
 * Place checks shared by the domains whose records belong to a community (assets, inspections,
 * hazards, warranties ...): the community as the caller may see it under a permission, and the
 * same rule in JS for a record already loaded.
 */
export interface CommunityPlace {
  id: number;
  name: string;
  streetId: number;
  streetName: string;
  districtId: number;
  committeeId: number | null;
  propertyOrgId: number | null;
  developerOrgId: number | null;
  housingType: string;
  isMixedUse: boolean;
  isOldHousing: boolean;
  address: string;
}

/** The scope filter of `permission` over a table with street_id and community_id columns. */
export function placeScope(actor: Actor, permission: Permission, streetId: SQL, communityId: SQL): SQL {
  return scopeFilter(actor, permission, { streetId, communityId });
}

/** The community if `permission` reaches it for the actor; null otherwise (the caller answers 404). */
export async function communityInScope(
  db: Executor,
  actor: Actor,
  permission: Permission,
  communityId: number,
): Promise<CommunityPlace | null> {
  const scope = scopeFilter(
    actor,
    permission,
    { streetId: sql`c.street_id`, communityId: sql`c.id`, committeeId: sql`c.committee_id` },
    { organization: (orgId) => sql`c.property_org_id = ${orgId}` },
  );
  const r = await db.execute<Record<string, unknown>>(sql`
    select c.id, c.name, c.street_id, s.name as street_name, s.district_id, c.committee_id, c.property_org_id,
           c.developer_org_id, c.housing_type, c.is_mixed_use, c.is_old_housing, c.address
    from community c join street s on s.id = c.street_id
    where c.id = ${communityId} and ${scope}`);
  const row = r.rows[0];
  if (!row) return null;
  return {
    id: Number(row.id),
    name: row.name as string,
    streetId: Number(row.street_id),
    streetName: row.street_name as string,
    districtId: Number(row.district_id),
    committeeId: row.committee_id === null ? null : Number(row.committee_id),
    propertyOrgId: row.property_org_id === null ? null : Number(row.property_org_id),
    developerOrgId: row.developer_org_id === null ? null : Number(row.developer_org_id),
    housingType: row.housing_type as string,
    isMixedUse: Boolean(row.is_mixed_use),
    isOldHousing: Boolean(row.is_old_housing),
    address: row.address as string,
  };
}

/** A building of this community, or null. */
export async function buildingOfCommunity(db: Executor, buildingId: number, communityId: number) {
  const r = await db.execute<{ id: number; name: string; completed_on: string | null }>(
    sql`select id, name, completed_on from building where id = ${buildingId} and community_id = ${communityId}`,
  );
  const b = r.rows[0];
  return b ? { id: Number(b.id), name: b.name, completedOn: b.completed_on } : null;
}

export interface RecordPlace {
  streetId: number;
  communityId: number;
  committeeId?: number | null;
  propertyOrgId?: number | null;
}

/** Whether one place of a grant covers a record of this community. */
export function placeMatches(p: Place, c: RecordPlace): boolean {
  switch (p.level) {
    case 'district':
      return true;
    case 'street':
      return p.streetId === c.streetId;
    case 'committee':
      return c.committeeId !== undefined && c.committeeId !== null && p.committeeId === c.committeeId;
    case 'community':
      return p.communityId === c.communityId;
    case 'organization':
      return (
        c.propertyOrgId !== undefined && c.propertyOrgId !== null && p.organizationId === c.propertyOrgId
      );
    default:
      return false;
  }
}

/** Whether `permission` reaches a record of this community for the actor (the JS twin of the scope filter). */
export function reachesCommunity(actor: Actor, permission: Permission, c: RecordPlace): boolean {
  return actor.reach(permission).some((p) => placeMatches(p, c));
}

/** The district of the actor (every staff assignment carries it). */
export async function districtOf(db: Executor, actor: Actor): Promise<number> {
  const a = actor.assignments[0];
  if (a) return a.districtId;
  const r = await db.execute<{ id: number }>(sql`select id from district order by id limit 1`);
  return Number(r.rows[0]?.id ?? 0);
}
