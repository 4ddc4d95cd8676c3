import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** A consultation of owners on a fire-facility renovation: the owners of every unit of the buildings are asked. */
export const fireConsultations = pgTable(
  'fire_consultation',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    buildingIds: jsonb().notNull(),
    openedOn: date().notNull(),
    closesOn: date().notNull(),
    status: text().notNull().default('open'),
    createdBy: text().notNull(),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.streetId), index().on(t.communityId)],
);

/** Who was asked (one row per unit) and what they answered. */
export const fireConsultationResponses = pgTable(
  'fire_consultation_response',
  {
    consultationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => fireConsultations.id),
    streetId: integer().notNull(),
    unitId: bigint({ mode: 'number' }).notNull(),
    answer: text().notNull().default('pending'),
    respondent: text(),
    answeredAt: timestamp({ withTimezone: true }),
    recordedBy: text(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.unitId] })],
);
