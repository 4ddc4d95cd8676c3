import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** 隐患台账: one row per hazard, with the unit and person responsible and its rolling re-inspection. */
export const hazards = pgTable(
  'hazard',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    buildingId: bigint({ mode: 'number' }),
    assetId: bigint({ mode: 'number' }),
    /** the inspection round and checklist item that found it */
    roundId: bigint({ mode: 'number' }),
    itemKey: text(),
    source: text().notNull(),
    categoryCode: text().notNull(),
    grade: text().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    responsibleUnitKind: text().notNull(),
    responsibleUnitId: integer(),
    responsibleUnitName: text().notNull(),
    responsiblePerson: text(),
    responsiblePhone: text(),
    foundByTeamId: integer(),
    foundByUserId: bigint({ mode: 'number' }),
    foundByLabel: text().notNull(),
    foundAt: timestamp({ withTimezone: true }).notNull(),
    status: text().notNull().default('open'),
    repairTeamId: integer(),
    repairedByUserId: bigint({ mode: 'number' }),
    repairedByLabel: text(),
    repairedAt: timestamp({ withTimezone: true }),
    verifiedByUserId: bigint({ mode: 'number' }),
    verifiedByLabel: text(),
    verifiedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    reworkCount: integer().notNull().default(0),
    nextReinspectionOn: date(),
    caseId: bigint({ mode: 'number' }),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.streetId, t.status),
    index().on(t.communityId),
    index('hazard_reinspection_idx').on(t.nextReinspectionOn).where(sql`${t.status} <> 'closed'`),
    uniqueIndex('hazard_round_item_key').on(t.roundId, t.itemKey).where(sql`${t.roundId} is not null`),
    index().on(t.repairTeamId),
  ],
);

/** The hazard's timeline: found, assigned, repaired, verified, re-inspected ... */
export const hazardEvents = pgTable(
  'hazard_event',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    hazardId: bigint({ mode: 'number' })
      .notNull()
      .references(() => hazards.id),
    streetId: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: bigint({ mode: 'number' }),
    actorLabel: text().notNull(),
    action: text().notNull(),
    note: text(),
    data: jsonb(),
  },
  (t) => [index().on(t.hazardId)],
);

export const hazardPhotos = pgTable(
  'hazard_photo',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    hazardId: bigint({ mode: 'number' })
      .notNull()
      .references(() => hazards.id),
    streetId: integer().notNull(),
    fileId: bigint({ mode: 'number' }).notNull(),
    stage: text().notNull(),
  },
  (t) => [index().on(t.hazardId), uniqueIndex().on(t.hazardId, t.fileId)],
);

/** Re-inspection intervals by grade (days), per district; absent means the defaults 7/15/30. */
export const hazardSettings = pgTable('hazard_setting', {
  districtId: integer().primaryKey(),
  majorDays: integer().notNull(),
  significantDays: integer().notNull(),
  generalDays: integer().notNull(),
  version: integer().notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
