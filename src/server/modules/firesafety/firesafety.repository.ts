import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { fireFacilityKinds } from '../../../contracts/assets';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { assets } from '../assets/assets.table';
import { placeScope } from '../org/org.places';
import { buildings, communities, streets, units } from '../org/org.table';
import { fireConsultationResponses, fireConsultations } from './firesafety.table';

export type ConsultationRow = typeof fireConsultations.$inferSelect;

/** Fire facilities by condition, per community and per kind, from the latest inspections. */
export async function intactCounts(
  db: Executor,
  actor: Actor,
  q: { streetId?: number; communityId?: number },
) {
  const filter = and(
    placeScope(actor, 'firesafety.read', sql`${assets.streetId}`, sql`${assets.communityId}`),
    inArray(assets.kind, [...fireFacilityKinds]),
    sql`${assets.status} <> 'retired'`,
    q.streetId ? eq(assets.streetId, q.streetId) : undefined,
    q.communityId ? eq(assets.communityId, q.communityId) : undefined,
  );
  const counts = {
    intact: sql<number>`count(*) filter (where ${assets.condition} = 'intact')::int`,
    defective: sql<number>`count(*) filter (where ${assets.condition} = 'defective')::int`,
    unchecked: sql<number>`count(*) filter (where ${assets.condition} = 'unknown')::int`,
  };
  const [byCommunity, byKind] = await Promise.all([
    db
      .select({
        communityId: assets.communityId,
        communityName: communities.name,
        streetId: assets.streetId,
        streetName: streets.name,
        lastCheckedAt: sql<Date | null>`max(${assets.conditionCheckedAt})`,
        ...counts,
      })
      .from(assets)
      .innerJoin(communities, eq(communities.id, assets.communityId))
      .innerJoin(streets, eq(streets.id, assets.streetId))
      .where(filter)
      .groupBy(assets.communityId, communities.name, assets.streetId, streets.name)
      .orderBy(asc(assets.streetId), asc(assets.communityId)),
    db
      .select({ kind: assets.kind, ...counts })
      .from(assets)
      .where(filter)
      .groupBy(assets.kind),
  ]);
  return { byCommunity, byKind };
}

export function consultationScope(
  actor: Actor,
  permission: 'firesafety.read' | 'firesafety.consult' = 'firesafety.read',
) {
  return placeScope(
    actor,
    permission,
    sql`${fireConsultations.streetId}`,
    sql`${fireConsultations.communityId}`,
  );
}

const tally = {
  asked: sql<number>`(select count(*)::int from fire_consultation_response r where r.consultation_id = ${fireConsultations.id})`,
  agree: sql<number>`(select count(*)::int from fire_consultation_response r where r.consultation_id = ${fireConsultations.id} and r.answer = 'agree')`,
  disagree: sql<number>`(select count(*)::int from fire_consultation_response r where r.consultation_id = ${fireConsultations.id} and r.answer = 'disagree')`,
  abstain: sql<number>`(select count(*)::int from fire_consultation_response r where r.consultation_id = ${fireConsultations.id} and r.answer = 'abstain')`,
  agreeArea: sql<string>`(select coalesce(sum(u.exclusive_area), 0)::numeric(12,2)::text from fire_consultation_response r join unit u on u.id = r.unit_id
    where r.consultation_id = ${fireConsultations.id} and r.answer = 'agree')`,
  totalArea: sql<string>`(select coalesce(sum(u.exclusive_area), 0)::numeric(12,2)::text from fire_consultation_response r join unit u on u.id = r.unit_id
    where r.consultation_id = ${fireConsultations.id})`,
};

function base(db: Executor) {
  return db
    .select({
      c: fireConsultations,
      streetName: streets.name,
      communityName: communities.name,
      committeeId: communities.committeeId,
      propertyOrgId: communities.propertyOrgId,
      ...tally,
    })
    .from(fireConsultations)
    .innerJoin(streets, eq(streets.id, fireConsultations.streetId))
    .innerJoin(communities, eq(communities.id, fireConsultations.communityId));
}

export type ConsultationListRow = Awaited<ReturnType<typeof base>>[number];

export function listConsultations(
  db: Executor,
  actor: Actor,
  q: { streetId?: number; communityId?: number },
) {
  const c: (SQL | undefined)[] = [consultationScope(actor)];
  if (q.streetId) c.push(eq(fireConsultations.streetId, q.streetId));
  if (q.communityId) c.push(eq(fireConsultations.communityId, q.communityId));
  return base(db)
    .where(and(...c))
    .orderBy(desc(fireConsultations.id))
    .limit(200);
}

export function findConsultation(db: Executor, actor: Actor, id: number) {
  return base(db)
    .where(and(eq(fireConsultations.id, id), consultationScope(actor)))
    .then((r) => r[0] ?? null);
}

export function responsesOf(db: Executor, id: number) {
  return db
    .select({
      r: fireConsultationResponses,
      building: buildings.name,
      unit: units.number,
      area: units.exclusiveArea,
    })
    .from(fireConsultationResponses)
    .innerJoin(units, eq(units.id, fireConsultationResponses.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(eq(fireConsultationResponses.consultationId, id))
    .orderBy(asc(buildings.id), asc(units.floor), asc(units.number));
}

export function buildingsOfCommunity(db: Executor, communityId: number, ids: number[]) {
  return db
    .select({ id: buildings.id })
    .from(buildings)
    .where(and(eq(buildings.communityId, communityId), inArray(buildings.id, ids)));
}

export function insertConsultation(db: Executor, v: typeof fireConsultations.$inferInsert) {
  return db
    .insert(fireConsultations)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

/** Asks the owners of every unit of these buildings. */
export async function askUnits(
  db: Executor,
  consultationId: number,
  streetId: number,
  buildingIds: number[],
) {
  const r = await db.execute(sql`
    insert into fire_consultation_response (consultation_id, street_id, unit_id)
    select ${consultationId}, ${streetId}, u.id from unit u where u.building_id in ${buildingIds}`);
  return r.rowCount ?? 0;
}

export function bumpConsultation(
  db: Executor,
  id: number,
  version: number,
  patch: Partial<ConsultationRow> = {},
) {
  return db
    .update(fireConsultations)
    .set({ ...patch, version: sql`${fireConsultations.version} + 1` })
    .where(and(eq(fireConsultations.id, id), eq(fireConsultations.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export async function unitIdsOf(db: Executor, id: number): Promise<Set<number>> {
  const rows = await db
    .select({ unitId: fireConsultationResponses.unitId })
    .from(fireConsultationResponses)
    .where(eq(fireConsultationResponses.consultationId, id));
  return new Set(rows.map((r) => r.unitId));
}

export async function recordAnswers(
  db: Executor,
  id: number,
  answers: { unitId: number; answer: string; respondent: string | null }[],
  by: string,
  at: Date,
) {
  for (const a of answers)
    await db
      .update(fireConsultationResponses)
      .set({ answer: a.answer, respondent: a.respondent, answeredAt: at, recordedBy: by })
      .where(
        and(eq(fireConsultationResponses.consultationId, id), eq(fireConsultationResponses.unitId, a.unitId)),
      );
}
