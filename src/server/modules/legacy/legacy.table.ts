import { bigint, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A 世博600天 legacy item and its disposition: 拆除 demolish, 赎买 buy back, 修复 repair. */
export const legacyItems = pgTable(
  'legacy_item',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    buildingId: bigint({ mode: 'number' }),
    title: text().notNull(),
    description: text().notNull(),
    disposition: text().notNull(),
    status: text().notNull().default('pending'),
    decidedOn: date(),
    doneOn: date(),
    createdBy: text().notNull(),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.streetId), index().on(t.communityId)],
);

export const legacyRepairs = pgTable(
  'legacy_repair',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: bigint({ mode: 'number' })
      .notNull()
      .references(() => legacyItems.id),
    streetId: integer().notNull(),
    doneOn: date().notNull(),
    description: text().notNull(),
    contractor: text(),
    costFen: bigint({ mode: 'number' }),
    recordedBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.itemId)],
);
