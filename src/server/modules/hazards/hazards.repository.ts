import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { HazardListQuery } from '../../../contracts/hazards';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { files } from '../../platform/files/files.table';
import { assets } from '../assets/assets.table';
import { safetyTeams } from '../emergency/emergency.table';
import { placeScope } from '../org/org.places';
import { buildings, communities, streets } from '../org/org.table';
import { hazardEvents, hazardPhotos, hazardSettings, hazards } from './hazards.table';

export type HazardRow = typeof hazards.$inferSelect;

const foundTeam = alias(safetyTeams, 'found_team');
const repairTeam = alias(safetyTeams, 'repair_team');

export function hazardScope(actor: Actor, permission: 'hazards.read' | 'hazards.export' = 'hazards.read') {
  return placeScope(actor, permission, sql`${hazards.streetId}`, sql`${hazards.communityId}`);
}

const listColumns = {
  h: hazards,
  streetName: streets.name,
  communityName: communities.name,
  committeeId: communities.committeeId,
  propertyOrgId: communities.propertyOrgId,
  buildingName: buildings.name,
  assetName: assets.name,
  foundTeamName: foundTeam.name,
  repairTeamName: repairTeam.name,
  caseNumber: sql<string | null>`cr.number`,
  caseState: sql<string | null>`cr.state`,
};

function base(db: Executor) {
  return db
    .select(listColumns)
    .from(hazards)
    .innerJoin(streets, eq(streets.id, hazards.streetId))
    .innerJoin(communities, eq(communities.id, hazards.communityId))
    .leftJoin(buildings, eq(buildings.id, hazards.buildingId))
    .leftJoin(assets, eq(assets.id, hazards.assetId))
    .leftJoin(foundTeam, eq(foundTeam.id, hazards.foundByTeamId))
    .leftJoin(repairTeam, eq(repairTeam.id, hazards.repairTeamId))
    .leftJoin(sql`case_record cr`, sql`cr.id = ${hazards.caseId}`);
}

export type HazardListRow = Awaited<ReturnType<typeof base>>[number];

/** Hazards the caller may see: by place, plus those found by or sent to one of their teams. */
function visibility(actor: Actor, teamIds: number[]): SQL {
  const scoped = hazardScope(actor);
  if (!teamIds.length) return scoped;
  return sql`(${scoped} or ${inArray(hazards.repairTeamId, teamIds)} or ${inArray(hazards.foundByTeamId, teamIds)})`;
}

function listFilter(
  actor: Actor,
  teamIds: number[],
  q: Omit<HazardListQuery, 'limit' | 'cursor'>,
  today: string,
) {
  const c: (SQL | undefined)[] = [visibility(actor, teamIds)];
  if (q.status === 'unclosed') c.push(sql`${hazards.status} <> 'closed'`);
  else if (q.status) c.push(eq(hazards.status, q.status));
  if (q.grade) c.push(eq(hazards.grade, q.grade));
  if (q.streetId) c.push(eq(hazards.streetId, q.streetId));
  if (q.communityId) c.push(eq(hazards.communityId, q.communityId));
  if (q.reinspectionDue)
    c.push(sql`${hazards.status} <> 'closed' and ${hazards.nextReinspectionOn} <= ${today}::date`);
  if (q.mine)
    c.push(
      teamIds.length
        ? sql`((${inArray(hazards.repairTeamId, teamIds)} and ${hazards.status} in ('open', 'rectifying'))
              or (${inArray(hazards.foundByTeamId, teamIds)} and ${hazards.status} = 'repaired'))`
        : sql`false`,
    );
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    c.push(or(ilike(hazards.title, like), ilike(communities.name, like)));
  }
  return and(...c)!;
}

export function listHazards(
  db: Executor,
  actor: Actor,
  teamIds: number[],
  q: HazardListQuery,
  today: string,
  before: number | null,
) {
  return base(db)
    .where(and(listFilter(actor, teamIds, q, today), before ? lt(hazards.id, before) : undefined))
    .orderBy(desc(hazards.id))
    .limit(q.limit + 1);
}

export async function countHazards(
  db: Executor,
  actor: Actor,
  teamIds: number[],
  q: Omit<HazardListQuery, 'limit' | 'cursor'>,
  today: string,
) {
  const r = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(hazards)
    .innerJoin(communities, eq(communities.id, hazards.communityId))
    .where(listFilter(actor, teamIds, q, today));
  return r[0]?.n ?? 0;
}

export async function* iterateHazards(
  db: Executor,
  actor: Actor,
  teamIds: number[],
  q: Omit<HazardListQuery, 'limit' | 'cursor'>,
  today: string,
): AsyncGenerator<HazardListRow> {
  let before: number | null = null;
  for (;;) {
    const rows: HazardListRow[] = await listHazards(db, actor, teamIds, { ...q, limit: 1000 }, today, before);
    for (const r of rows.slice(0, 1000)) yield r;
    if (rows.length <= 1000) return;
    before = rows[999]!.h.id;
  }
}

export function findHazard(db: Executor, actor: Actor, teamIds: number[], id: number) {
  return base(db)
    .where(and(eq(hazards.id, id), visibility(actor, teamIds)))
    .then((r) => r[0] ?? null);
}

export function hazardById(db: Executor, id: number) {
  return base(db)
    .where(eq(hazards.id, id))
    .then((r) => r[0] ?? null);
}

export function hazardsOfRound(db: Executor, roundId: number) {
  return base(db).where(eq(hazards.roundId, roundId)).orderBy(asc(hazards.id));
}

export function insertHazard(db: Executor, v: typeof hazards.$inferInsert) {
  return db
    .insert(hazards)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

export function updateHazard(db: Executor, id: number, version: number, patch: Partial<HazardRow>) {
  return db
    .update(hazards)
    .set({ ...patch, version: sql`${hazards.version} + 1` })
    .where(and(eq(hazards.id, id), eq(hazards.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export async function insertEvent(db: Executor, v: typeof hazardEvents.$inferInsert) {
  const r = await db.insert(hazardEvents).values(v).returning({ id: hazardEvents.id });
  return r[0]!.id;
}

export function eventsOf(db: Executor, hazardId: number) {
  return db
    .select()
    .from(hazardEvents)
    .where(eq(hazardEvents.hazardId, hazardId))
    .orderBy(asc(hazardEvents.id));
}

export async function linkPhotos(
  db: Executor,
  hazardId: number,
  streetId: number,
  fileIds: number[],
  stage: string,
) {
  if (!fileIds.length) return;
  await db
    .insert(hazardPhotos)
    .values(fileIds.map((fileId) => ({ hazardId, streetId, fileId, stage })))
    .onConflictDoNothing();
}

export function photosOf(db: Executor, hazardId: number) {
  return db
    .select({
      fileId: hazardPhotos.fileId,
      stage: hazardPhotos.stage,
      name: files.name,
      hasThumbnail: sql<boolean>`${files.thumbnail} is not null`,
    })
    .from(hazardPhotos)
    .innerJoin(files, eq(files.id, hazardPhotos.fileId))
    .where(eq(hazardPhotos.hazardId, hazardId))
    .orderBy(asc(hazardPhotos.id));
}

export async function photoOfHazard(db: Executor, hazardId: number, fileId: number) {
  const r = await db
    .select({ id: hazardPhotos.id })
    .from(hazardPhotos)
    .where(and(eq(hazardPhotos.hazardId, hazardId), eq(hazardPhotos.fileId, fileId)));
  return r.length > 0;
}

/** Uploads of this user not yet attached to any record: what may be attached as evidence now. */
export async function ownUnattachedFiles(db: Executor, userId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, ids), eq(files.createdBy, userId), isNull(files.streetId)));
  return new Set(rows.map((r) => r.id));
}

export async function reinspectionDays(db: Executor, districtId: number) {
  const r = await db.select().from(hazardSettings).where(eq(hazardSettings.districtId, districtId));
  return r[0] ?? null;
}

export async function upsertSettings(
  db: Executor,
  districtId: number,
  version: number,
  days: { majorDays: number; significantDays: number; generalDays: number },
) {
  if (version === 0) {
    const inserted = await db
      .insert(hazardSettings)
      .values({ districtId, ...days, version: 1 })
      .onConflictDoNothing()
      .returning();
    if (inserted[0]) return inserted[0];
  }
  const r = await db
    .update(hazardSettings)
    .set({ ...days, version: sql`${hazardSettings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(hazardSettings.districtId, districtId), eq(hazardSettings.version, version)))
    .returning();
  return r[0] ?? null;
}

export async function stats(
  db: Executor,
  actor: Actor,
  q: { streetId?: number; communityId?: number },
  today: string,
) {
  const filter = and(
    hazardScope(actor),
    q.streetId ? eq(hazards.streetId, q.streetId) : undefined,
    q.communityId ? eq(hazards.communityId, q.communityId) : undefined,
  );
  const [groups, totals] = await Promise.all([
    db
      .select({ grade: hazards.grade, status: hazards.status, count: sql<number>`count(*)::int` })
      .from(hazards)
      .where(filter)
      .groupBy(hazards.grade, hazards.status),
    db
      .select({
        unclosed: sql<number>`count(*) filter (where ${hazards.status} <> 'closed')::int`,
        due: sql<number>`count(*) filter (where ${hazards.status} <> 'closed' and ${hazards.nextReinspectionOn} <= ${today}::date)::int`,
      })
      .from(hazards)
      .where(filter),
  ]);
  return { groups, totals: totals[0]! };
}

export function roundPlanName(db: Executor, roundId: number) {
  return db
    .execute<{ name: string }>(
      sql`select p.name from inspection_round r join inspection_plan p on p.id = r.plan_id where r.id = ${roundId}`,
    )
    .then((r) => r.rows[0]?.name ?? null);
}

/** An asset of this community, or null. */
export async function assetOfCommunity(db: Executor, assetId: number, communityId: number) {
  const r = await db
    .select({ id: assets.id, buildingId: assets.buildingId })
    .from(assets)
    .where(and(eq(assets.id, assetId), eq(assets.communityId, communityId)));
  return r[0] ?? null;
}
