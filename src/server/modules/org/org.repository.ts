import { and, asc, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CommunityListQuery, HousingType, ManagementMode } from '../../../contracts/org';
import type { Permission } from '../../../contracts/permissions';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { ownersCommittees } from '../owners/owners.table';
import {
  buildings,
  committees,
  communities,
  departments,
  districts,
  grids,
  organizations,
  streets,
  units,
} from './org.table';

export type CommunityRow = typeof communities.$inferSelect;

const developer = alias(organizations, 'developer');

/** Communities the actor may see under `permission`; every community query starts here. */
export function communityScope(actor: Actor, permission: Permission = 'org.read'): SQL {
  return scopeFilter(
    actor,
    permission,
    { streetId: communities.streetId, communityId: communities.id, committeeId: communities.committeeId },
    { organization: (orgId) => sql`${communities.propertyOrgId} = ${orgId}` },
  );
}

function listFilter(actor: Actor, q: Omit<CommunityListQuery, 'limit' | 'cursor'>): SQL {
  const conditions: (SQL | undefined)[] = [communityScope(actor)];
  if (q.streetId) conditions.push(eq(communities.streetId, q.streetId));
  if (q.committeeId) conditions.push(eq(communities.committeeId, q.committeeId));
  if (q.housingType) conditions.push(eq(communities.housingType, q.housingType));
  if (q.managementMode) conditions.push(eq(communities.managementMode, q.managementMode));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(ilike(communities.name, like), ilike(communities.address, like), eq(communities.code, q.q)),
    );
  }
  return and(...conditions)!;
}

const summaryColumns = {
  id: communities.id,
  code: communities.code,
  name: communities.name,
  address: communities.address,
  streetId: communities.streetId,
  streetName: streets.name,
  committeeId: communities.committeeId,
  committeeName: committees.name,
  housingType: communities.housingType,
  managementMode: communities.managementMode,
  buildYear: communities.buildYear,
  households: communities.households,
  floorArea: communities.floorArea,
  propertyOrgId: communities.propertyOrgId,
  propertyOrgName: organizations.name,
  isMixedUse: communities.isMixedUse,
  isOldHousing: communities.isOldHousing,
};

function summaryQuery(db: Executor) {
  return db
    .select(summaryColumns)
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .leftJoin(committees, eq(committees.id, communities.committeeId))
    .leftJoin(organizations, eq(organizations.id, communities.propertyOrgId));
}

export type CommunitySummaryRow = Awaited<ReturnType<typeof summaryQuery>>[number];

/** One page in (name, id) order, keyset-paginated. */
export async function listCommunities(
  db: Executor,
  actor: Actor,
  q: CommunityListQuery,
  after: readonly [string, number] | null,
): Promise<CommunitySummaryRow[]> {
  const filter = listFilter(actor, q);
  const keyset = after
    ? or(gt(communities.name, after[0]), and(eq(communities.name, after[0]), gt(communities.id, after[1])))
    : undefined;
  return summaryQuery(db)
    .where(and(filter, keyset))
    .orderBy(asc(communities.name), asc(communities.id))
    .limit(q.limit + 1);
}

export async function countCommunities(
  db: Executor,
  actor: Actor,
  q: Omit<CommunityListQuery, 'limit' | 'cursor'>,
) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(communities)
    .where(listFilter(actor, q));
  return rows[0]?.n ?? 0;
}

/** Every matching community, in pages of 1000, for exports. */
export async function* iterateCommunities(
  db: Executor,
  actor: Actor,
  q: Omit<CommunityListQuery, 'limit' | 'cursor'>,
): AsyncGenerator<CommunitySummaryRow> {
  let after: readonly [string, number] | null = null;
  for (;;) {
    const rows: CommunitySummaryRow[] = await listCommunities(db, actor, { ...q, limit: 1000 }, after);
    for (const row of rows.slice(0, 1000)) yield row;
    if (rows.length <= 1000) return;
    const last: CommunitySummaryRow = rows[999]!;
    after = [last.name, last.id];
  }
}

export async function findCommunity(
  db: Executor,
  actor: Actor,
  id: number,
  permission: Permission = 'org.read',
) {
  const rows = await db
    .select({
      ...summaryColumns,
      propertyOrgUscc: organizations.uscc,
      gridId: communities.gridId,
      gridName: grids.name,
      developerOrgId: communities.developerOrgId,
      developerName: developer.name,
      lng: communities.lng,
      lat: communities.lat,
      outline: communities.outline,
      version: communities.version,
    })
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .leftJoin(committees, eq(committees.id, communities.committeeId))
    .leftJoin(organizations, eq(organizations.id, communities.propertyOrgId))
    .leftJoin(developer, eq(developer.id, communities.developerOrgId))
    .leftJoin(grids, eq(grids.id, communities.gridId))
    .where(and(eq(communities.id, id), communityScope(actor, permission)));
  return rows[0];
}

export function communityRow(db: Executor, id: number) {
  return db
    .select()
    .from(communities)
    .where(eq(communities.id, id))
    .then((r) => r[0]);
}

export function buildingsOf(db: Executor, communityId: number) {
  return db
    .select({
      id: buildings.id,
      name: buildings.name,
      floors: buildings.floors,
      hasElevator: buildings.hasElevator,
      completedOn: buildings.completedOn,
      unitCount: sql<number>`count(${units.id})::int`,
      exclusiveArea: sql<string>`coalesce(sum(${units.exclusiveArea}), 0)::numeric(14,2)::text`,
    })
    .from(buildings)
    .leftJoin(units, eq(units.buildingId, buildings.id))
    .where(eq(buildings.communityId, communityId))
    .groupBy(buildings.id)
    .orderBy(sql`length(${buildings.name})`, buildings.name);
}

export function ownersCommitteeOf(db: Executor, communityId: number) {
  return db
    .select({
      id: ownersCommittees.id,
      name: ownersCommittees.name,
      termStart: ownersCommittees.termStart,
      termEnd: ownersCommittees.termEnd,
    })
    .from(ownersCommittees)
    .where(and(eq(ownersCommittees.communityId, communityId), eq(ownersCommittees.status, 'active')))
    .orderBy(sql`${ownersCommittees.termEnd} desc`)
    .limit(1)
    .then((r) => r[0] ?? null);
}

/** Optimistic update: only when the stored version is the one the caller saw. */
export async function updateCommunity(
  db: Executor,
  id: number,
  version: number,
  patch: Partial<{
    name: string;
    address: string;
    housingType: HousingType;
    managementMode: ManagementMode;
    buildYear: number | null;
    households: number;
    propertyOrgId: number | null;
    isMixedUse: boolean;
    isOldHousing: boolean;
  }>,
) {
  const rows = await db
    .update(communities)
    .set({ ...patch, version: sql`${communities.version} + 1`, updatedAt: new Date() })
    .where(and(eq(communities.id, id), eq(communities.version, version)))
    .returning();
  return rows[0];
}

export function organizationById(db: Executor, id: number) {
  return db
    .select()
    .from(organizations)
    .where(eq(organizations.id, id))
    .then((r) => r[0]);
}

export async function placeTree(db: Executor, districtId: number) {
  const [district] = await db.select().from(districts).where(eq(districts.id, districtId));
  const streetRows = await db
    .select()
    .from(streets)
    .where(eq(streets.districtId, districtId))
    .orderBy(streets.code);
  const committeeRows = await db
    .select({ id: committees.id, name: committees.name, streetId: committees.streetId })
    .from(committees)
    .innerJoin(streets, eq(streets.id, committees.streetId))
    .where(eq(streets.districtId, districtId))
    .orderBy(committees.code);
  return { district, streets: streetRows, committees: committeeRows };
}

export function firstDistrictId(db: Executor) {
  return db
    .select({ id: districts.id })
    .from(districts)
    .orderBy(districts.id)
    .limit(1)
    .then((r) => r[0]?.id ?? null);
}

export async function organizationsOfKind(db: Executor, kind: string) {
  return db
    .select({ id: organizations.id, name: organizations.name, uscc: organizations.uscc })
    .from(organizations)
    .where(eq(organizations.kind, kind))
    .orderBy(organizations.name);
}

export async function visibleStreetIds(db: Executor, actor: Actor): Promise<number[]> {
  const rows = await db
    .selectDistinct({ streetId: communities.streetId })
    .from(communities)
    .where(communityScope(actor));
  return rows.map((r) => r.streetId);
}

export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: districts.id }).from(districts).limit(1);
  return rows.length === 0;
}

export async function communityStats(db: Executor, actor: Actor, streetId?: number) {
  const where = and(communityScope(actor), streetId ? eq(communities.streetId, streetId) : undefined);
  const [totals] = await db
    .select({
      communities: sql<number>`count(*)::int`,
      households: sql<number>`coalesce(sum(${communities.households}), 0)::int`,
      floorArea: sql<string>`coalesce(sum(${communities.floorArea}), 0)::numeric(16,2)::text`,
      mixedUse: sql<number>`count(*) filter (where ${communities.isMixedUse})::int`,
      oldHousing: sql<number>`count(*) filter (where ${communities.isOldHousing})::int`,
      withOwnersCommittee: sql<number>`count(*) filter (where exists (select 1 from owners_committee o where o.community_id = community.id and o.status = 'active'))::int`,
    })
    .from(communities)
    .where(where);
  const group = (column: typeof communities.housingType | typeof communities.managementMode) =>
    db
      .select({
        key: column,
        communities: sql<number>`count(*)::int`,
        households: sql<number>`coalesce(sum(${communities.households}), 0)::int`,
      })
      .from(communities)
      .where(where)
      .groupBy(column)
      .orderBy(column);
  const [byHousingType, byManagementMode, byStreet] = await Promise.all([
    group(communities.housingType),
    group(communities.managementMode),
    db
      .select({
        streetId: communities.streetId,
        key: streets.code,
        name: streets.name,
        communities: sql<number>`count(*)::int`,
        households: sql<number>`coalesce(sum(${communities.households}), 0)::int`,
      })
      .from(communities)
      .innerJoin(streets, eq(streets.id, communities.streetId))
      .where(where)
      .groupBy(communities.streetId, streets.code, streets.name)
      .orderBy(streets.code),
  ]);
  return { ...totals!, byHousingType, byManagementMode, byStreet };
}

export async function placeMap(db: Executor, actor: Actor) {
  const points = await db
    .select({
      id: communities.id,
      name: communities.name,
      lng: communities.lng,
      lat: communities.lat,
      housingType: communities.housingType,
      streetId: communities.streetId,
    })
    .from(communities)
    .where(and(communityScope(actor), sql`${communities.lng} is not null`))
    .orderBy(communities.id);
  const streetIds = [...new Set(points.map((p) => p.streetId))];
  const outlines = streetIds.length
    ? await db
        .select({ id: streets.id, name: streets.name, nameEn: streets.nameEn, outline: streets.outline })
        .from(streets)
        .where(sql`${streets.id} in ${streetIds}`)
        .orderBy(streets.code)
    : [];
  const gridOutlines = streetIds.length
    ? await db
        .select({ id: grids.id, name: grids.name, streetId: grids.streetId, outline: grids.outline })
        .from(grids)
        .where(and(sql`${grids.streetId} in ${streetIds}`, gridScope(actor)))
        .orderBy(grids.code)
    : [];
  return { points, outlines, gridOutlines };
}

/**
 * Grids the caller may see: every grid of their streets (district and street staff), and the grids
 * that hold one of their communities (committees, communities, property companies).
 */
export function gridScope(actor: Actor): SQL {
  return sql`(${scopeFilter(actor, 'org.read', { streetId: grids.streetId })} or exists (
    select 1 from community where community.grid_id = ${grids.id} and ${communityScope(actor)}))`;
}

const gridColumns = {
  id: grids.id,
  code: grids.code,
  name: grids.name,
  streetId: grids.streetId,
  streetName: streets.name,
  outline: grids.outline,
};

export function listGrids(db: Executor, actor: Actor, streetId: number | undefined) {
  return db
    .select(gridColumns)
    .from(grids)
    .innerJoin(streets, eq(streets.id, grids.streetId))
    .where(and(gridScope(actor), streetId ? eq(grids.streetId, streetId) : undefined))
    .orderBy(grids.code);
}

export async function findGrid(db: Executor, actor: Actor, id: number) {
  const rows = await db
    .select(gridColumns)
    .from(grids)
    .innerJoin(streets, eq(streets.id, grids.streetId))
    .where(and(eq(grids.id, id), gridScope(actor)));
  return rows[0];
}

/** The caller's communities in the given grids. */
export function communitiesOfGrids(db: Executor, actor: Actor, gridIds: readonly number[]) {
  if (gridIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: communities.id,
      name: communities.name,
      gridId: communities.gridId,
      housingType: communities.housingType,
      households: communities.households,
    })
    .from(communities)
    .where(and(inArray(communities.gridId, [...gridIds]), communityScope(actor)))
    .orderBy(communities.name, communities.id);
}

export function departmentsOf(db: Executor, districtId: number) {
  return db
    .select({
      id: departments.id,
      code: departments.code,
      kind: departments.kind,
      name: departments.name,
      nameEn: departments.nameEn,
      streetId: departments.streetId,
      streetName: streets.name,
    })
    .from(departments)
    .leftJoin(streets, eq(streets.id, departments.streetId))
    .where(eq(departments.districtId, districtId))
    .orderBy(sql`${departments.streetId} nulls first`, departments.code);
}

export function organizationList(db: Executor, kind?: string) {
  const parent = alias(organizations, 'parent');
  return db
    .select({
      id: organizations.id,
      kind: organizations.kind,
      name: organizations.name,
      uscc: organizations.uscc,
      parentId: organizations.parentId,
      parentName: parent.name,
    })
    .from(organizations)
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .where(kind ? eq(organizations.kind, kind) : undefined)
    .orderBy(organizations.kind, organizations.name);
}

/** Every community of a district with its street and committee (for per-unit reports such as KPIs). */
export function communitiesOfDistrict(db: Executor, districtId: number) {
  return db
    .select({
      id: communities.id,
      name: communities.name,
      streetId: communities.streetId,
      committeeId: communities.committeeId,
      streetName: streets.name,
    })
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .where(eq(streets.districtId, districtId))
    .orderBy(streets.code, communities.name);
}

/** The grid a community lies in (cases take their grid from their community). */
export async function gridOfCommunity(db: Executor, communityId: number) {
  const rows = await db
    .select({ id: grids.id, code: grids.code, name: grids.name })
    .from(communities)
    .innerJoin(grids, eq(grids.id, communities.gridId))
    .where(eq(communities.id, communityId));
  return rows[0] ?? null;
}
