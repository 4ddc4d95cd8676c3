import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** The warranty of one component of one new building, from its completion acceptance (竣工验收). */
export const warranties = pgTable(
  'warranty',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    buildingId: bigint({ mode: 'number' }).notNull(),
    component: text().notNull(),
    completionAcceptedOn: date().notNull(),
    designLifeYears: smallint(),
    statutoryEndsOn: date().notNull(),
    endsOn: date().notNull(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.buildingId, t.component), index().on(t.streetId), index().on(t.communityId)],
);

/** A defect reported on a building; within warranty its case went to the developer. */
export const warrantyDefects = pgTable(
  'warranty_defect',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    buildingId: bigint({ mode: 'number' }).notNull(),
    warrantyId: bigint({ mode: 'number' }),
    component: text().notNull(),
    title: text().notNull(),
    inWarranty: boolean().notNull(),
    caseId: bigint({ mode: 'number' }).notNull(),
    reportedByUserId: bigint({ mode: 'number' }),
    reportedBy: text().notNull(),
    reportedOn: date().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.buildingId), index().on(t.warrantyId)],
);

/** 保修节点质量评定: a quality assessment at a warranty milestone. */
export const warrantyAssessments = pgTable(
  'warranty_assessment',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    buildingId: bigint({ mode: 'number' }).notNull(),
    milestone: text().notNull(),
    assessedOn: date().notNull(),
    grade: text().notNull(),
    findings: text().notNull(),
    assessor: text().notNull(),
    recordedBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.buildingId, t.milestone)],
);
