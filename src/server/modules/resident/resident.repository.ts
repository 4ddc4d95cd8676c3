import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { files } from '../../platform/files/files.table';
import { caseAttachments, caseEvents, cases } from '../cases/cases.table';
import { buildings, communities, streets, units } from '../org/org.table';

const myColumns = {
  id: cases.id,
  number: cases.number,
  title: cases.title,
  state: cases.state,
  categoryCode: cases.categoryCode,
  communityName: communities.name,
  createdAt: cases.createdAt,
  closedAt: cases.closedAt,
  stageDueAt: cases.stageDueAt,
  ruleId: cases.ruleId,
  urgency: cases.urgency,
  satisfaction: cases.satisfaction,
  satisfactionComment: cases.satisfactionComment,
  description: cases.description,
  address: cases.address,
  version: cases.version,
};

/** The reports a user filed, newest first. */
export function myCases(db: Executor, userId: number, limit: number, beforeId: number | null) {
  return db
    .select(myColumns)
    .from(cases)
    .innerJoin(communities, eq(communities.id, cases.communityId))
    .where(and(eq(cases.reporterUserId, userId), beforeId ? lt(cases.id, beforeId) : undefined))
    .orderBy(desc(cases.id))
    .limit(limit + 1);
}

export type MyCaseRow = Awaited<ReturnType<typeof myCases>>[number];

export function myCase(db: Executor, userId: number, id: number) {
  return db
    .select(myColumns)
    .from(cases)
    .innerJoin(communities, eq(communities.id, cases.communityId))
    .where(and(eq(cases.reporterUserId, userId), eq(cases.id, id)))
    .then((r) => r[0] ?? null);
}

export function eventsOf(db: Executor, caseId: number) {
  return db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
}

export function photosOf(db: Executor, caseId: number, eventId: number | null) {
  return db
    .select({
      fileId: caseAttachments.fileId,
      name: files.name,
      hasThumbnail: sql<boolean>`${files.thumbnail} is not null`,
    })
    .from(caseAttachments)
    .innerJoin(files, eq(files.id, caseAttachments.fileId))
    .where(
      and(eq(caseAttachments.caseId, caseId), eventId ? eq(caseAttachments.eventId, eventId) : undefined),
    )
    .orderBy(asc(caseAttachments.id));
}

export function homeCommunities(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({
      id: communities.id,
      name: communities.name,
      address: communities.address,
      streetName: streets.name,
    })
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .where(inArray(communities.id, ids));
}

export function buildingsOf(db: Executor, communityIds: number[]) {
  if (!communityIds.length) return Promise.resolve([]);
  return db
    .select({ id: buildings.id, name: buildings.name, communityId: buildings.communityId })
    .from(buildings)
    .where(inArray(buildings.communityId, communityIds))
    .orderBy(asc(buildings.id));
}

export function unitsById(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({ id: units.id, number: units.number, buildingId: units.buildingId })
    .from(units)
    .where(inArray(units.id, ids));
}
