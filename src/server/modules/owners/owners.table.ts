import { date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { communities } from '../org/org.table';

/** 业主委员会 owners' committee of one community, with its term (at most 5 years, SPEC 5.10). */
export const ownersCommittees = pgTable(
  'owners_committee',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    name: text().notNull(),
    termStart: date().notNull(),
    termEnd: date().notNull(),
    status: text().notNull().default('active'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.communityId)],
);
