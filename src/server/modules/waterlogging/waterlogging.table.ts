import { bigint, date, index, integer, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** 积水点: where water stands after rain, its cause and the remediation. */
export const waterloggingPoints = pgTable(
  'waterlogging_point',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    name: text().notNull(),
    location: text(),
    cause: text().notNull(),
    maxDepthCm: smallint(),
    lastFloodedOn: date(),
    remediationStatus: text().notNull().default('identified'),
    measure: text(),
    plannedOn: date(),
    doneOn: date(),
    createdBy: text().notNull(),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.streetId), index().on(t.communityId)],
);
