import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * One asset of a community (or of one of its buildings): an elevator, a pump, a fire facility,
 * a fire lane ... `condition` is what the latest inspection found (the fire intact rate reads it);
 * the last maintenance and statutory inspection dates are kept current by their records.
 */
export const assets = pgTable(
  'asset',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    buildingId: bigint({ mode: 'number' }),
    kind: text().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    ownership: text().notNull(),
    maintainerName: text(),
    quantity: integer().notNull().default(1),
    status: text().notNull().default('in_use'),
    condition: text().notNull().default('unknown'),
    conditionCheckedAt: timestamp({ withTimezone: true }),
    installedOn: date(),
    manufacturer: text(),
    registrationCode: text(),
    maintenanceOrgId: integer(),
    lastStatutoryInspectionOn: date(),
    lastMaintenanceOn: date(),
    note: text(),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.communityId, t.code),
    uniqueIndex('asset_registration_code_key')
      .on(t.registrationCode)
      .where(sql`${t.registrationCode} is not null`),
    index().on(t.streetId, t.kind),
    index().on(t.buildingId),
  ],
);

export const assetMaintenance = pgTable(
  'asset_maintenance',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint({ mode: 'number' })
      .notNull()
      .references(() => assets.id),
    streetId: integer().notNull(),
    doneOn: date().notNull(),
    kind: text().notNull(),
    company: text(),
    note: text(),
    byLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.assetId, t.doneOn)],
);

/** 定期检验: the annual statutory inspection of special equipment. */
export const assetStatutoryInspections = pgTable(
  'asset_statutory_inspection',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint({ mode: 'number' })
      .notNull()
      .references(() => assets.id),
    streetId: integer().notNull(),
    inspectedOn: date().notNull(),
    agency: text().notNull(),
    result: text().notNull(),
    certificateNo: text(),
    nextDueOn: date().notNull(),
    note: text(),
    byLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.assetId, t.inspectedOn)],
);

/** 安全评估 of an elevator older than 15 years. */
export const assetRiskAssessments = pgTable(
  'asset_risk_assessment',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint({ mode: 'number' })
      .notNull()
      .references(() => assets.id),
    streetId: integer().notNull(),
    assessedOn: date().notNull(),
    agency: text().notNull(),
    result: text().notNull(),
    findings: text().notNull(),
    byLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.assetId, t.assessedOn)],
);

/** 更新改造计划: what the assessment calls for, its cost and who pays. */
export const assetRenewalPlans = pgTable(
  'asset_renewal_plan',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint({ mode: 'number' })
      .notNull()
      .references(() => assets.id),
    streetId: integer().notNull(),
    riskAssessmentId: bigint({ mode: 'number' }),
    kind: text().notNull(),
    plannedYear: smallint().notNull(),
    costFen: bigint({ mode: 'number' }).notNull(),
    fundingSource: text().notNull(),
    status: text().notNull().default('planned'),
    note: text(),
    byLabel: text().notNull(),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.assetId)],
);

/**
 * 待办: one breach of a SPEC 5.7 rule (maintenance, statutory inspection, risk assessment) turned into
 * work for the maintainer the asset's ownership names. Opened by the daily sweep, cured when the asset
 * no longer breaks the rule; past `escalate_on` still open, it becomes a case (`case_id`). The partial
 * unique key (asset, rule) among open breaches makes the sweep idempotent across instances and runs.
 */
export const assetBreaches = pgTable(
  'asset_breach',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    assetId: bigint({ mode: 'number' })
      .notNull()
      .references(() => assets.id),
    rule: text().notNull(),
    status: text().notNull().default('open'),
    openedOn: date().notNull(),
    escalateOn: date().notNull(),
    maintainerKind: text().notNull(),
    maintainerOrgId: integer(),
    maintainerDepartmentId: integer(),
    maintainerName: text().notNull(),
    caseId: bigint({ mode: 'number' }),
    caseNumber: text(),
    caseFiledAt: timestamp({ withTimezone: true }),
    curedOn: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('asset_breach_open_key').on(t.assetId, t.rule).where(sql`${t.status} = 'open'`),
    index().on(t.streetId, t.status, t.id),
    index().on(t.communityId, t.status),
    index('asset_breach_escalate_idx')
      .on(t.escalateOn)
      .where(sql`${t.status} = 'open' and ${t.caseId} is null`),
  ],
);
