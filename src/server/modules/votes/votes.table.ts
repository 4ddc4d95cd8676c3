import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** An owner vote (业主表决) of one community. The rule set is fixed on the day it opens. */
export const votes = pgTable(
  'owner_vote',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    title: text().notNull(),
    matterType: text().notNull(),
    description: text().notNull().default(''),
    status: text().notNull().default('draft'),
    ruleSet: text(),
    openedAt: timestamp({ withTimezone: true }),
    openedOn: date(), // Shanghai calendar day of opening: picks the law
    closesAt: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
    result: jsonb(),
    passed: boolean(),
    publicUntil: date(),
    disclosureId: bigint({ mode: 'number' }),
    fundUseId: bigint({ mode: 'number' }),
    /** the buildings whose owners vote (a fund use shared by some buildings); null: the whole community */
    buildingIds: bigint({ mode: 'number' }).array(),
    /** documents the owners read before voting (plan, quotes, drawings), published to them on opening */
    documentFileIds: bigint({ mode: 'number' }).array().notNull().default(sql`'{}'`),
    createdBy: bigint({ mode: 'number' }),
    /** a vote held on paper and recorded after the fact (补录): the owners' assembly day, and when */
    assemblyOn: date(),
    recordedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.communityId, t.id),
    index().on(t.streetId, t.id),
    index('owner_vote_open_idx').on(t.closesAt).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * The roll of eligible units, frozen when the vote opens: area and owner key as they were then,
 * and the persons who owned the unit (who may cast its ballot online).
 */
export const voteRoll = pgTable(
  'owner_vote_roll',
  {
    voteId: bigint({ mode: 'number' }).notNull(),
    unitId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    buildingName: text().notNull(),
    unitNumber: text().notNull(),
    exclusiveArea: numeric({ precision: 12, scale: 2 }).notNull(),
    ownerKey: text().notNull(),
    ownerPersonIds: bigint({ mode: 'number' }).array().notNull().default(sql`'{}'`),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.unitId] })],
);

/** One ballot per unit, final once cast (the unique key, and a trigger that refuses changes). */
export const voteBallots = pgTable(
  'owner_vote_ballot',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    voteId: bigint({ mode: 'number' }).notNull(),
    unitId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    choice: text().notNull(),
    channel: text().notNull(), // online | paper
    voterPersonId: bigint({ mode: 'number' }),
    castBy: bigint({ mode: 'number' }),
    scanFileId: bigint({ mode: 'number' }),
    signedBy: text(),
    castAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.voteId, t.unitId)],
);

export type VoteRow = typeof votes.$inferSelect;
export type BallotRow = typeof voteBallots.$inferSelect;
