import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** An inspection plan: targets by filter, cadence, checklist, team. District-wide or one street's. */
export const inspectionPlans = pgTable(
  'inspection_plan',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    /** null for a district-wide plan */
    streetId: integer(),
    name: text().notNull(),
    type: text().notNull(),
    targetKind: text().notNull(),
    filter: jsonb().notNull(),
    cadence: text().notNull(),
    mixedUseCadence: text(),
    startsOn: date().notNull(),
    dueOn: date(),
    endsOn: date(),
    teamId: integer().notNull(),
    checklist: jsonb().notNull(),
    active: boolean().notNull().default(true),
    createdByUserId: bigint({ mode: 'number' }),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(0),
  },
  (t) => [index().on(t.districtId), index().on(t.streetId)],
);

/**
 * One round: one target in one cycle of a plan, with the checklist as it was when generated.
 * The unique key makes generation idempotent, so the job may run on several instances.
 */
export const inspectionRounds = pgTable(
  'inspection_round',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => inspectionPlans.id),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    buildingId: bigint({ mode: 'number' }),
    assetId: bigint({ mode: 'number' }),
    targetKind: text().notNull(),
    targetId: bigint({ mode: 'number' }).notNull(),
    targetName: text().notNull(),
    teamId: integer().notNull(),
    cycleStart: date().notNull(),
    dueOn: date().notNull(),
    checklist: jsonb().notNull(),
    status: text().notNull().default('pending'),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    finishedByUserId: bigint({ mode: 'number' }),
    finishedBy: text(),
    failedCount: integer().notNull().default(0),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.planId, t.targetKind, t.targetId, t.cycleStart),
    index().on(t.streetId, t.status),
    index().on(t.teamId, t.status, t.dueOn),
    index().on(t.planId, t.dueOn),
    index().on(t.communityId),
  ],
);

/** The answer to one checklist item of a round. */
export const inspectionAnswers = pgTable(
  'inspection_answer',
  {
    roundId: bigint({ mode: 'number' })
      .notNull()
      .references(() => inspectionRounds.id),
    streetId: integer().notNull(),
    itemKey: text().notNull(),
    result: text().notNull(),
    note: text(),
    answeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    answeredBy: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.itemKey] })],
);

export const inspectionPhotos = pgTable(
  'inspection_photo',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    roundId: bigint({ mode: 'number' })
      .notNull()
      .references(() => inspectionRounds.id),
    streetId: integer().notNull(),
    itemKey: text().notNull(),
    fileId: bigint({ mode: 'number' }).notNull().unique(),
  },
  (t) => [index().on(t.roundId)],
);
