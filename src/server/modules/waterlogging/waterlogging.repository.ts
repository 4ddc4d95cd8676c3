import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { placeScope } from '../org/org.places';
import { communities, streets } from '../org/org.table';
import { waterloggingPoints } from './waterlogging.table';

export type PointRow = typeof waterloggingPoints.$inferSelect;

const scope = (actor: Actor) =>
  placeScope(
    actor,
    'waterlogging.read',
    sql`${waterloggingPoints.streetId}`,
    sql`${waterloggingPoints.communityId}`,
  );

function base(db: Executor) {
  return db
    .select({
      p: waterloggingPoints,
      streetName: streets.name,
      communityName: communities.name,
      committeeId: communities.committeeId,
      propertyOrgId: communities.propertyOrgId,
    })
    .from(waterloggingPoints)
    .innerJoin(streets, eq(streets.id, waterloggingPoints.streetId))
    .innerJoin(communities, eq(communities.id, waterloggingPoints.communityId));
}

export type PointListRow = Awaited<ReturnType<typeof base>>[number];

interface Filter {
  streetId?: number;
  communityId?: number;
  cause?: string;
  remediationStatus?: string;
}

function filter(actor: Actor, q: Filter): SQL {
  return and(
    scope(actor),
    q.streetId ? eq(waterloggingPoints.streetId, q.streetId) : undefined,
    q.communityId ? eq(waterloggingPoints.communityId, q.communityId) : undefined,
    q.cause ? eq(waterloggingPoints.cause, q.cause) : undefined,
    q.remediationStatus ? eq(waterloggingPoints.remediationStatus, q.remediationStatus) : undefined,
  )!;
}

export function listPoints(db: Executor, actor: Actor, q: Filter & { limit: number }, before: number | null) {
  return base(db)
    .where(and(filter(actor, q), before ? lt(waterloggingPoints.id, before) : undefined))
    .orderBy(desc(waterloggingPoints.id))
    .limit(q.limit + 1);
}

export async function summary(db: Executor, actor: Actor, q: Filter) {
  const [total, groups] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(waterloggingPoints)
      .where(filter(actor, q))
      .then((r) => r[0]?.n ?? 0),
    db
      .select({ status: waterloggingPoints.remediationStatus, count: sql<number>`count(*)::int` })
      .from(waterloggingPoints)
      .where(filter(actor, { streetId: q.streetId, communityId: q.communityId }))
      .groupBy(waterloggingPoints.remediationStatus),
  ]);
  return { total, groups };
}

export function findPoint(db: Executor, actor: Actor, id: number) {
  return base(db)
    .where(and(eq(waterloggingPoints.id, id), scope(actor)))
    .then((r) => r[0] ?? null);
}

export function insertPoint(db: Executor, v: typeof waterloggingPoints.$inferInsert) {
  return db
    .insert(waterloggingPoints)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function updatePoint(db: Executor, id: number, version: number, patch: Partial<PointRow>) {
  return db
    .update(waterloggingPoints)
    .set({ ...patch, version: sql`${waterloggingPoints.version} + 1` })
    .where(and(eq(waterloggingPoints.id, id), eq(waterloggingPoints.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}
