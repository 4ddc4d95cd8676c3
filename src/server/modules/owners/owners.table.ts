import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { communities } from '../org/org.table';

// Owners' self-governance (seed 二(三)): who owns which unit, the owners' committees with their
// members and eight operating systems, meetings, the disclosure board, five-in-one meetings,
// liaison events and training. Every place-bound row carries street_id.

/**
 * Who holds a unit (专有部分). Co-owners are several current rows of one unit. A developer row marks
 * the developer's unsold unit; a buyer row with delivered = false a sold unit not yet delivered:
 * both count with the developer as one owner (SPEC 5.5). Current rows have until = null; a
 * transfer ends them and adds new ones, so the history stays.
 */
export const unitOwners = pgTable(
  'unit_owner',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    unitId: bigint({ mode: 'number' }).notNull(),
    kind: text().notNull(), // person | developer
    personId: bigint({ mode: 'number' }),
    organizationId: integer(),
    delivered: boolean().notNull().default(true),
    since: date(),
    until: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('unit_owner_current_unit_idx').on(t.unitId).where(sql`${t.until} is null`),
    index('unit_owner_current_community_idx').on(t.communityId, t.unitId).where(sql`${t.until} is null`),
    index('unit_owner_person_idx').on(t.personId).where(sql`${t.until} is null`),
    check(
      'unit_owner_holder',
      sql`(${t.kind} = 'person' and ${t.personId} is not null) or (${t.kind} = 'developer' and ${t.organizationId} is not null)`,
    ),
  ],
);

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
    electedOn: date(),
    filedOn: date(), // 备案 with the street
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.communityId),
    index().on(t.streetId, t.id),
    check(
      'owners_committee_term',
      sql`${t.termEnd} > ${t.termStart} and ${t.termEnd} < ${t.termStart} + interval '5 years'`,
    ),
  ],
);

export const ownersCommitteeMembers = pgTable(
  'owners_committee_member',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    committeeId: integer().notNull(),
    personId: bigint({ mode: 'number' }).notNull(),
    unitId: bigint({ mode: 'number' }),
    office: text().notNull(),
    termStart: date().notNull(),
    termEnd: date().notNull(),
    crossAppointed: boolean().notNull().default(false), // 交叉任职: also on the residents' committee
    crossAppointedRole: text(),
    leftOn: date(),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.committeeId),
    uniqueIndex('owners_committee_member_person')
      .on(t.committeeId, t.personId)
      .where(sql`${t.leftOn} is null`),
  ],
);

/** Evidence that one of the eight operating systems is in force (minutes, reports, photos ...). */
export const committeeEvidence = pgTable(
  'owners_committee_evidence',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    committeeId: integer().notNull(),
    system: text().notNull(),
    title: text().notNull(),
    evidenceOn: date().notNull(),
    fileId: bigint({ mode: 'number' }),
    note: text(),
    reviewStatus: text().notNull().default('pending'),
    reviewNote: text(),
    reviewedBy: bigint({ mode: 'number' }),
    reviewedAt: timestamp({ withTimezone: true }),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.committeeId, t.system)],
);

/** Re-election reminders, one per committee, term and lead time: the unique key makes the job idempotent. */
export const committeeReminders = pgTable(
  'owners_committee_reminder',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    committeeId: integer().notNull(),
    termEnd: date().notNull(),
    kind: text().notNull(), // 180d | 90d | 30d | expired
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.committeeId, t.termEnd, t.kind), index().on(t.streetId, t.id)],
);

export const committeeMeetings = pgTable(
  'owners_committee_meeting',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    committeeId: integer().notNull(),
    kind: text().notNull(),
    heldOn: date().notNull(),
    title: text().notNull(),
    attendees: integer().notNull(),
    minutes: text().notNull(),
    minutesFileId: bigint({ mode: 'number' }),
    disclosureId: bigint({ mode: 'number' }),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.committeeId, t.id)],
);

/**
 * The community's disclosure board (公示): notices, minutes, vote results, fund use, accounts.
 * Other modules publish through the owners use case; `source` points back at what is disclosed
 * and (source_type, source_id, source_period) is unique so each thing is disclosed once.
 */
export const disclosures = pgTable(
  'disclosure',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    category: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    data: jsonb(),
    attachmentFileIds: bigint({ mode: 'number' }).array().notNull().default(sql`'{}'`),
    sourceType: text(),
    sourceId: bigint({ mode: 'number' }),
    sourcePeriod: text(),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    visibleUntil: date(),
    publishedBy: bigint({ mode: 'number' }),
    publishedByLabel: text().notNull(),
  },
  (t) => [
    index().on(t.communityId, t.id),
    uniqueIndex('disclosure_source')
      .on(t.sourceType, t.sourceId, t.sourcePeriod)
      .where(sql`${t.sourceType} is not null`),
  ],
);

/** 五位一体: residents' committee, owners' committee, property company, police, housing office. */
export const fiveInOneMeetings = pgTable(
  'five_in_one_meeting',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    heldOn: date().notNull(),
    title: text().notNull(),
    parties: text().array().notNull(),
    minutes: text().notNull(),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.communityId, t.id), index().on(t.streetId, t.id)],
);

export const fiveInOneIssues = pgTable(
  'five_in_one_issue',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    meetingId: bigint({ mode: 'number' }).notNull(),
    title: text().notNull(),
    responsibleParty: text().notNull(),
    dueOn: date().notNull(),
    status: text().notNull().default('open'),
    resolvedOn: date(),
    version: integer().notNull().default(0),
  },
  (t) => [index().on(t.meetingId), index().on(t.communityId, t.status)],
);

export const fiveInOneFollowUps = pgTable(
  'five_in_one_follow_up',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    issueId: bigint({ mode: 'number' }).notNull(),
    note: text().notNull(),
    byLabel: text().notNull(),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.issueId)],
);

/** 业委会联谊会: a street's exchange between its owners' committees (seed 二(三)5). */
export const liaisonEvents = pgTable(
  'liaison_event',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    heldOn: date().notNull(),
    title: text().notNull(),
    kind: text().notNull(),
    ownersCommitteeIds: integer().array().notNull(),
    notes: text().notNull().default(''),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.streetId, t.id)],
);

/** Training of the four groups of seed 二(三)3, with hours; street_id null for district-wide sessions. */
export const trainingRecords = pgTable(
  'training_record',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    streetId: integer(),
    audience: text().notNull(),
    title: text().notNull(),
    heldOn: date().notNull(),
    hours: numeric({ precision: 4, scale: 1 }).notNull(),
    attendees: integer().notNull(),
    trainer: text().notNull(),
    notes: text().notNull().default(''),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.streetId, t.id), check('training_hours_positive', sql`${t.hours} > 0`)],
);

export type UnitOwnerRow = typeof unitOwners.$inferSelect;
export type OwnersCommitteeRow = typeof ownersCommittees.$inferSelect;
export type MemberRow = typeof ownersCommitteeMembers.$inferSelect;
export type EvidenceRow = typeof committeeEvidence.$inferSelect;
export type DisclosureRow = typeof disclosures.$inferSelect;
