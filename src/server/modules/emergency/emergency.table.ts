import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Teams of the district emergency centre (区应急中心): inspection teams (巡查队) and repair teams
 * (抢险队). District reference data: teams are not bound to one street.
 */
export const safetyTeams = pgTable(
  'safety_team',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    kind: text().notNull(),
    name: text().notNull(),
    leaderName: text(),
    phone: text(),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.districtId, t.name)],
);

export const safetyTeamMembers = pgTable(
  'safety_team_member',
  {
    teamId: integer()
      .notNull()
      .references(() => safetyTeams.id),
    userId: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index().on(t.userId)],
);

/** The on-duty repair team of each day (值班表). */
export const dutyRoster = pgTable(
  'duty_roster',
  {
    districtId: integer().notNull(),
    day: date().notNull(),
    teamId: integer()
      .notNull()
      .references(() => safetyTeams.id),
    note: text(),
    setBy: text().notNull(),
    setAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.day] })],
);

/** Emergency materials (抢险物资); the stock is the running balance of the movements. */
export const materials = pgTable(
  'emergency_material',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    name: text().notNull(),
    spec: text(),
    unit: text().notNull(),
    stock: integer().notNull().default(0),
    minStock: integer().notNull().default(0),
    location: text(),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.districtId)],
);

export const materialMovements = pgTable(
  'material_movement',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    materialId: integer()
      .notNull()
      .references(() => materials.id),
    kind: text().notNull(),
    delta: integer().notNull(),
    balance: integer().notNull(),
    hazardId: bigint({ mode: 'number' }),
    note: text(),
    byUserId: bigint({ mode: 'number' }),
    byLabel: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.materialId, t.id)],
);

/**
 * Work sent to a repair team: an emergency case (at most once) or a hazard to repair (one open
 * assignment at a time).
 */
export const emergencyDispatches = pgTable(
  'emergency_dispatch',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    teamId: integer()
      .notNull()
      .references(() => safetyTeams.id),
    caseId: bigint({ mode: 'number' }),
    hazardId: bigint({ mode: 'number' }),
    status: text().notNull().default('assigned'),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    assignedBy: text().notNull(),
    arrivedAt: timestamp({ withTimezone: true }),
    doneAt: timestamp({ withTimezone: true }),
    note: text(),
    version: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex('emergency_dispatch_case_key').on(t.caseId).where(sql`${t.caseId} is not null`),
    uniqueIndex('emergency_dispatch_open_hazard_key')
      .on(t.hazardId)
      .where(sql`${t.hazardId} is not null and ${t.doneAt} is null`),
    index().on(t.teamId, t.status),
    index().on(t.streetId),
  ],
);
