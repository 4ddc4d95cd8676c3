import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Two-level problem taxonomy with stable codes (`fire_safety.blocked_fire_lane`). Reference data. */
export const caseCategories = pgTable('case_category', {
  code: text().primaryKey(),
  parentCode: text(),
  level: smallint().notNull(),
  name: text().notNull(),
  nameEn: text().notNull(),
  /** the four chronic-violation categories run the five enforcement stages (SPEC 5.1) */
  enforcement: boolean().notNull().default(false),
  active: boolean().notNull().default(true),
  sort: integer().notNull().default(100),
  version: integer().notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * 责任清单: one row per version of a routing rule. Editing writes a new version and clears
 * `current` on the old one; a case keeps the id of the version it was routed with, so its later
 * stages use the limits it started with (SPEC 5.2).
 */
export const dutyRules = pgTable(
  'duty_rule',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** category code, or `category@housing_type` for a rule that applies to one housing type */
    ruleKey: text().notNull(),
    version: integer().notNull(),
    current: boolean().notNull().default(true),
    categoryCode: text().notNull(),
    housingType: text(),
    lead: jsonb().notNull(),
    coUnits: jsonb().notNull().default([]),
    channels: jsonb().notNull().default([]),
    handlingPoints: text().notNull(),
    operatingPath: text().notNull(),
    legalBasis: text().notNull(),
    defaultUrgency: text().notNull().default('normal'),
    limits: jsonb().notNull(),
    followUpDays: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: text().notNull(),
  },
  (t) => [
    uniqueIndex().on(t.ruleKey, t.version),
    uniqueIndex('duty_rule_current_key').on(t.ruleKey).where(sql`${t.current}`),
    index().on(t.categoryCode),
  ],
);
