import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** 人民调解委员会 at district level (street_id null) or street level. */
export const mediationCommittees = pgTable(
  'mediation_committee',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    streetId: integer(),
    level: text().notNull(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.streetId)],
);

export const mediators = pgTable(
  'mediator',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    committeeId: integer().notNull(),
    streetId: integer(),
    name: text().notNull(),
    userId: bigint({ mode: 'number' }),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.committeeId), index().on(t.userId)],
);

/** A dispute under mediation. Parties' phone numbers are SM4-encrypted. */
export const mediationCases = pgTable(
  'mediation_case',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer(),
    committeeId: integer().notNull(),
    mediatorId: integer(),
    disputeType: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    parties: jsonb().notNull(), // [{ role, kind, name, phoneEnc }]
    status: text().notNull().default('accepted'),
    receivedOn: date().notNull(),
    dueOn: date().notNull(),
    extensions: jsonb().notNull().default([]),
    closedOn: date(),
    agreement: jsonb(), // { text, signedOn, fileId, fulfilled }
    outcomeNote: text(),
    createdBy: bigint({ mode: 'number' }),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.streetId, t.id), index().on(t.committeeId, t.id)],
);

export const mediationSessions = pgTable(
  'mediation_session',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    caseId: bigint({ mode: 'number' }).notNull(),
    heldOn: date().notNull(),
    place: text().notNull(),
    notes: text().notNull(),
    byLabel: text().notNull(),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId)],
);

export type MediationCaseRow = typeof mediationCases.$inferSelect;
