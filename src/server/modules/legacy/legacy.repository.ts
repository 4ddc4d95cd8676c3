import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { placeScope } from '../org/org.places';
import { buildings, communities, streets } from '../org/org.table';
import { legacyItems, legacyRepairs } from './legacy.table';

export type LegacyRow = typeof legacyItems.$inferSelect;

const scope = (actor: Actor, permission: 'legacy.read' | 'legacy.manage' = 'legacy.read') =>
  placeScope(actor, permission, sql`${legacyItems.streetId}`, sql`${legacyItems.communityId}`);

const columns = {
  i: legacyItems,
  streetName: streets.name,
  communityName: communities.name,
  committeeId: communities.committeeId,
  propertyOrgId: communities.propertyOrgId,
  buildingName: buildings.name,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(legacyItems)
    .innerJoin(streets, eq(streets.id, legacyItems.streetId))
    .innerJoin(communities, eq(communities.id, legacyItems.communityId))
    .leftJoin(buildings, eq(buildings.id, legacyItems.buildingId));
}

export type LegacyListRow = Awaited<ReturnType<typeof base>>[number];

interface Filter {
  streetId?: number;
  communityId?: number;
  disposition?: string;
  status?: string;
}

function filter(actor: Actor, q: Filter): SQL {
  return and(
    scope(actor),
    q.streetId ? eq(legacyItems.streetId, q.streetId) : undefined,
    q.communityId ? eq(legacyItems.communityId, q.communityId) : undefined,
    q.disposition ? eq(legacyItems.disposition, q.disposition) : undefined,
    q.status ? eq(legacyItems.status, q.status) : undefined,
  )!;
}

export function listItems(db: Executor, actor: Actor, q: Filter & { limit: number }, before: number | null) {
  return base(db)
    .where(and(filter(actor, q), before ? lt(legacyItems.id, before) : undefined))
    .orderBy(desc(legacyItems.id))
    .limit(q.limit + 1);
}

export async function summary(db: Executor, actor: Actor, q: Filter) {
  const [total, groups] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(legacyItems)
      .where(filter(actor, q))
      .then((r) => r[0]?.n ?? 0),
    db
      .select({
        disposition: legacyItems.disposition,
        status: legacyItems.status,
        count: sql<number>`count(*)::int`,
      })
      .from(legacyItems)
      .where(filter(actor, { streetId: q.streetId, communityId: q.communityId }))
      .groupBy(legacyItems.disposition, legacyItems.status),
  ]);
  return { total, groups };
}

export function findItem(db: Executor, actor: Actor, id: number) {
  return base(db)
    .where(and(eq(legacyItems.id, id), scope(actor)))
    .then((r) => r[0] ?? null);
}

export function repairsOf(db: Executor, itemIds: number[]) {
  if (!itemIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(legacyRepairs)
    .where(inArray(legacyRepairs.itemId, itemIds))
    .orderBy(asc(legacyRepairs.doneOn), asc(legacyRepairs.id));
}

export function insertItem(db: Executor, v: typeof legacyItems.$inferInsert) {
  return db
    .insert(legacyItems)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function updateItem(db: Executor, id: number, version: number, patch: Partial<LegacyRow>) {
  return db
    .update(legacyItems)
    .set({ ...patch, version: sql`${legacyItems.version} + 1` })
    .where(and(eq(legacyItems.id, id), eq(legacyItems.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function insertRepair(db: Executor, v: typeof legacyRepairs.$inferInsert) {
  return db
    .insert(legacyRepairs)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}
