import { and, asc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { RoundListQuery, TargetFilter, TargetKind } from '../../../contracts/inspections';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { files } from '../../platform/files/files.table';
import { safetyTeams } from '../emergency/emergency.table';
import { placeScope } from '../org/org.places';
import { communities, streets } from '../org/org.table';
import { inspectionAnswers, inspectionPhotos, inspectionPlans, inspectionRounds } from './inspections.table';

export type PlanRow = typeof inspectionPlans.$inferSelect;
export type RoundRow = typeof inspectionRounds.$inferSelect;

// ---------------------------------------------------------------------------------------------
// plans

/** District plans are visible to every reader; a street's plans to those reaching the street. */
function planVisibility(actor: Actor): SQL {
  const street = scopeFilter(actor, 'inspections.read', { streetId: inspectionPlans.streetId });
  return sql`(${isNull(inspectionPlans.streetId)} or ${street})`;
}

const planColumns = { p: inspectionPlans, teamName: safetyTeams.name, streetName: streets.name };

function planBase(db: Executor) {
  return db
    .select(planColumns)
    .from(inspectionPlans)
    .innerJoin(safetyTeams, eq(safetyTeams.id, inspectionPlans.teamId))
    .leftJoin(streets, eq(streets.id, inspectionPlans.streetId));
}

export type PlanListRow = Awaited<ReturnType<typeof planBase>>[number];

export function listPlans(db: Executor, actor: Actor, districtId: number) {
  return planBase(db)
    .where(and(eq(inspectionPlans.districtId, districtId), planVisibility(actor)))
    .orderBy(asc(inspectionPlans.id));
}

export function findPlan(db: Executor, actor: Actor, id: number) {
  return planBase(db)
    .where(and(eq(inspectionPlans.id, id), planVisibility(actor)))
    .then((r) => r[0] ?? null);
}

export function activePlans(db: Executor) {
  return db
    .select()
    .from(inspectionPlans)
    .where(eq(inspectionPlans.active, true))
    .orderBy(asc(inspectionPlans.id));
}

export function planById(db: Executor, id: number) {
  return db
    .select()
    .from(inspectionPlans)
    .where(eq(inspectionPlans.id, id))
    .then((r) => r[0] ?? null);
}

export function insertPlan(db: Executor, v: typeof inspectionPlans.$inferInsert) {
  return db
    .insert(inspectionPlans)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function updatePlan(db: Executor, id: number, version: number, patch: Partial<PlanRow>) {
  return db
    .update(inspectionPlans)
    .set({ ...patch, version: sql`${inspectionPlans.version} + 1` })
    .where(and(eq(inspectionPlans.id, id), eq(inspectionPlans.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

// ---------------------------------------------------------------------------------------------
// targets

export interface TargetRow {
  kind: TargetKind;
  id: number;
  name: string;
  streetId: number;
  communityId: number;
  buildingId: number | null;
  assetId: number | null;
  mixedUse: boolean;
}

function communityFilter(plan: Pick<PlanRow, 'districtId' | 'streetId'>, f: TargetFilter): SQL {
  const c: SQL[] = [sql`s.district_id = ${plan.districtId}`];
  if (plan.streetId) c.push(sql`c.street_id = ${plan.streetId}`);
  if (f.streetIds?.length) c.push(sql`c.street_id in ${f.streetIds}`);
  if (f.communityIds?.length) c.push(sql`c.id in ${f.communityIds}`);
  if (f.housingTypes?.length) c.push(sql`c.housing_type in ${f.housingTypes}`);
  if (f.oldHousingOnly) c.push(sql`c.is_old_housing`);
  if (f.mixedUseOnly) c.push(sql`c.is_mixed_use`);
  return sql.join(c, sql` and `);
}

/** The targets a plan's filter selects today (communities, buildings or assets). */
export async function targetsOf(
  db: Executor,
  plan: Pick<PlanRow, 'districtId' | 'streetId' | 'targetKind' | 'filter'>,
): Promise<TargetRow[]> {
  const f = plan.filter as TargetFilter;
  const where = communityFilter(plan, f);
  let q: SQL;
  switch (plan.targetKind as TargetKind) {
    case 'community':
      q = sql`select 'community' as kind, c.id, c.name, c.street_id, c.id as community_id, null::bigint as building_id,
                     null::bigint as asset_id, c.is_mixed_use
              from community c join street s on s.id = c.street_id where ${where} order by c.id`;
      break;
    case 'building':
      q = sql`select 'building' as kind, b.id, c.name || ' ' || b.name as name, c.street_id, c.id as community_id,
                     b.id as building_id, null::bigint as asset_id, c.is_mixed_use
              from building b join community c on c.id = b.community_id join street s on s.id = c.street_id
              where ${where} order by b.id`;
      break;
    case 'asset':
      q = sql`select 'asset' as kind, a.id, c.name || ' ' || a.name as name, c.street_id, c.id as community_id,
                     a.building_id, a.id as asset_id, c.is_mixed_use
              from asset a join community c on c.id = a.community_id join street s on s.id = c.street_id
              where ${where} and a.status <> 'retired'
                ${f.assetKinds?.length ? sql`and a.kind in ${f.assetKinds}` : sql``}
              order by a.id`;
      break;
  }
  const r = await db.execute<Record<string, unknown>>(q);
  return r.rows.map((x) => ({
    kind: x.kind as TargetKind,
    id: Number(x.id),
    name: x.name as string,
    streetId: Number(x.street_id),
    communityId: Number(x.community_id),
    buildingId: x.building_id === null ? null : Number(x.building_id),
    assetId: x.asset_id === null ? null : Number(x.asset_id),
    mixedUse: Boolean(x.is_mixed_use),
  }));
}

export async function countTargets(
  db: Executor,
  plan: Pick<PlanRow, 'districtId' | 'streetId' | 'targetKind' | 'filter'>,
) {
  return (await targetsOf(db, plan)).length;
}

// ---------------------------------------------------------------------------------------------
// rounds

export async function insertRounds(db: Executor, rows: (typeof inspectionRounds.$inferInsert)[]) {
  let created = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const r = await db
      .insert(inspectionRounds)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing()
      .returning({ id: inspectionRounds.id });
    created += r.length;
  }
  return created;
}

const roundColumns = {
  r: inspectionRounds,
  planName: inspectionPlans.name,
  planType: inspectionPlans.type,
  teamName: safetyTeams.name,
  streetName: streets.name,
  communityName: communities.name,
  address: communities.address,
  itemCount: sql<number>`jsonb_array_length(${inspectionRounds.checklist})`,
};

function roundBase(db: Executor) {
  return db
    .select(roundColumns)
    .from(inspectionRounds)
    .innerJoin(inspectionPlans, eq(inspectionPlans.id, inspectionRounds.planId))
    .innerJoin(safetyTeams, eq(safetyTeams.id, inspectionRounds.teamId))
    .innerJoin(streets, eq(streets.id, inspectionRounds.streetId))
    .innerJoin(communities, eq(communities.id, inspectionRounds.communityId));
}

export type RoundListRow = Awaited<ReturnType<typeof roundBase>>[number];

function roundVisibility(actor: Actor, teamIds: number[]): SQL {
  const scoped = placeScope(
    actor,
    'inspections.read',
    sql`${inspectionRounds.streetId}`,
    sql`${inspectionRounds.communityId}`,
  );
  return teamIds.length ? sql`(${scoped} or ${inArray(inspectionRounds.teamId, teamIds)})` : scoped;
}

function roundFilter(
  actor: Actor,
  teamIds: number[],
  q: Omit<RoundListQuery, 'limit' | 'cursor'>,
  today: string,
) {
  const c: (SQL | undefined)[] = [roundVisibility(actor, teamIds)];
  if (q.planId) c.push(eq(inspectionRounds.planId, q.planId));
  if (q.streetId) c.push(eq(inspectionRounds.streetId, q.streetId));
  if (q.communityId) c.push(eq(inspectionRounds.communityId, q.communityId));
  if (q.mine) c.push(teamIds.length ? inArray(inspectionRounds.teamId, teamIds) : sql`false`);
  switch (q.status) {
    case 'open':
      c.push(sql`${inspectionRounds.status} <> 'done'`);
      break;
    case 'overdue':
      c.push(sql`${inspectionRounds.status} <> 'done' and ${inspectionRounds.dueOn} < ${today}::date`);
      break;
    case undefined:
      break;
    default:
      c.push(eq(inspectionRounds.status, q.status));
  }
  return and(...c)!;
}

export function listRounds(
  db: Executor,
  actor: Actor,
  teamIds: number[],
  q: RoundListQuery,
  today: string,
  after: readonly [string, number] | null,
) {
  const keyset = after
    ? or(
        gt(inspectionRounds.dueOn, after[0]),
        and(eq(inspectionRounds.dueOn, after[0]), gt(inspectionRounds.id, after[1])),
      )
    : undefined;
  return roundBase(db)
    .where(and(roundFilter(actor, teamIds, q, today), keyset))
    .orderBy(asc(inspectionRounds.dueOn), asc(inspectionRounds.id))
    .limit(q.limit + 1);
}

export async function countRounds(
  db: Executor,
  actor: Actor,
  teamIds: number[],
  q: Omit<RoundListQuery, 'limit' | 'cursor'>,
  today: string,
) {
  const r = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(inspectionRounds)
    .where(roundFilter(actor, teamIds, q, today));
  return r[0]?.n ?? 0;
}

export function findRound(db: Executor, actor: Actor, teamIds: number[], id: number) {
  return roundBase(db)
    .where(and(eq(inspectionRounds.id, id), roundVisibility(actor, teamIds)))
    .then((r) => r[0] ?? null);
}

export function updateRound(db: Executor, id: number, version: number, patch: Partial<RoundRow>) {
  return db
    .update(inspectionRounds)
    .set({ ...patch, version: sql`${inspectionRounds.version} + 1` })
    .where(and(eq(inspectionRounds.id, id), eq(inspectionRounds.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function answersOf(db: Executor, roundId: number) {
  return db.select().from(inspectionAnswers).where(eq(inspectionAnswers.roundId, roundId));
}

export async function upsertAnswers(db: Executor, rows: (typeof inspectionAnswers.$inferInsert)[]) {
  if (!rows.length) return;
  await db
    .insert(inspectionAnswers)
    .values(rows)
    .onConflictDoUpdate({
      target: [inspectionAnswers.roundId, inspectionAnswers.itemKey],
      set: {
        result: sql`excluded.result`,
        note: sql`excluded.note`,
        answeredAt: sql`excluded.answered_at`,
        answeredBy: sql`excluded.answered_by`,
      },
    });
}

export function photosOf(db: Executor, roundId: number) {
  return db
    .select({
      itemKey: inspectionPhotos.itemKey,
      fileId: inspectionPhotos.fileId,
      name: files.name,
      hasThumbnail: sql<boolean>`${files.thumbnail} is not null`,
    })
    .from(inspectionPhotos)
    .innerJoin(files, eq(files.id, inspectionPhotos.fileId))
    .where(eq(inspectionPhotos.roundId, roundId))
    .orderBy(asc(inspectionPhotos.id));
}

/** Replaces the photos of these items. */
export async function setPhotos(
  db: Executor,
  roundId: number,
  streetId: number,
  byItem: { itemKey: string; fileIds: number[] }[],
) {
  if (!byItem.length) return;
  await db.delete(inspectionPhotos).where(
    and(
      eq(inspectionPhotos.roundId, roundId),
      inArray(
        inspectionPhotos.itemKey,
        byItem.map((b) => b.itemKey),
      ),
    ),
  );
  const rows = byItem.flatMap((b) =>
    b.fileIds.map((fileId) => ({ roundId, streetId, itemKey: b.itemKey, fileId })),
  );
  if (rows.length) await db.insert(inspectionPhotos).values(rows);
}

/** Files that may be attached to this round: this user's unattached uploads, or photos already on this round. */
export async function attachableToRound(db: Executor, userId: number, roundId: number, ids: number[]) {
  if (!ids.length) return new Set<number>();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .leftJoin(inspectionPhotos, eq(inspectionPhotos.fileId, files.id))
    .where(
      and(
        inArray(files.id, ids),
        or(
          eq(inspectionPhotos.roundId, roundId),
          and(isNull(inspectionPhotos.id), eq(files.createdBy, userId), isNull(files.streetId)),
        ),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function photoOfRound(db: Executor, roundId: number, fileId: number) {
  const r = await db
    .select({ id: inspectionPhotos.id })
    .from(inspectionPhotos)
    .where(and(eq(inspectionPhotos.roundId, roundId), eq(inspectionPhotos.fileId, fileId)));
  return r.length > 0;
}

/** The rounds of a plan whose cycle starts in the window, for coverage. */
export async function roundsInWindow(db: Executor, actor: Actor, planId: number, start: string, end: string) {
  return db
    .select({
      targetKind: inspectionRounds.targetKind,
      targetId: inspectionRounds.targetId,
      streetId: inspectionRounds.streetId,
      streetName: streets.name,
      communityId: inspectionRounds.communityId,
      communityName: communities.name,
      dueOn: inspectionRounds.dueOn,
      finishedOn: sql<
        string | null
      >`to_char(${inspectionRounds.finishedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
    })
    .from(inspectionRounds)
    .innerJoin(streets, eq(streets.id, inspectionRounds.streetId))
    .innerJoin(communities, eq(communities.id, inspectionRounds.communityId))
    .where(
      and(
        eq(inspectionRounds.planId, planId),
        sql`${inspectionRounds.cycleStart} between ${start} and ${end}`,
        placeScope(
          actor,
          'inspections.read',
          sql`${inspectionRounds.streetId}`,
          sql`${inspectionRounds.communityId}`,
        ),
      ),
    );
}
