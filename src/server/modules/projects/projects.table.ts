import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/** 专项资金: one fund of the district for one year. Its money is the sum of its ledger lines. */
export const specialFunds = pgTable(
  'special_fund',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    year: integer().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    kind: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.districtId, t.year, t.code)],
);

/** A balanced journal entry of a special fund: budget, allocation to a project, or disbursement. */
export const specialFundEntries = pgTable(
  'special_fund_entry',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    fundId: integer().notNull(),
    /** the project's street; null for the fund's own budget */
    streetId: integer(),
    projectId: bigint({ mode: 'number' }),
    kind: text().notNull(), // budget | allocation | disbursement
    memo: text().notNull().default(''),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.fundId, t.id), index().on(t.projectId)],
);

/**
 * Accounts: appropriation (the budget's source, credit), available (debit: not yet allocated),
 * committed (debit, per project: allocated, not yet paid), paid (debit, per project).
 */
export const specialFundLines = pgTable(
  'special_fund_line',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entryId: bigint({ mode: 'number' }).notNull(),
    fundId: integer().notNull(),
    account: text().notNull(),
    projectId: bigint({ mode: 'number' }),
    debitFen: bigint({ mode: 'number' }).notNull().default(0),
    creditFen: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index().on(t.entryId),
    index().on(t.fundId, t.account, t.projectId),
    check(
      'special_fund_line_one_side',
      sql`${t.debitFen} >= 0 and ${t.creditFen} >= 0 and (${t.debitFen} = 0) <> (${t.creditFen} = 0)`,
    ),
  ],
);

/** 实事项目菜单: one item of the year's menu, with its price and who may have it. */
export const projectMenuItems = pgTable(
  'project_menu_item',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    year: integer().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    costUnit: text().notNull(),
    unitCostFen: bigint({ mode: 'number' }).notNull(),
    programme: text().notNull(),
    fundId: integer(),
    durationDays: integer().notNull(),
    rules: jsonb().notNull(),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.districtId, t.year, t.code)],
);

/** 居民点单: a community's participatory selection for one year, its offer frozen when it opens. */
export const projectSelections = pgTable(
  'project_selection',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    year: integer().notNull(),
    status: text().notNull().default('open'),
    budgetCapFen: bigint({ mode: 'number' }).notNull(),
    closesOn: date().notNull(),
    minParticipationPct: integer().notNull(),
    thresholdPct: integer().notNull(),
    /** the households (units) of the community when it opened */
    households: integer().notNull(),
    /** the items offered with their cost for this community */
    options: jsonb().notNull(),
    result: jsonb(),
    closedAt: timestamp({ withTimezone: true }),
    disclosureId: bigint({ mode: 'number' }),
    createdBy: text().notNull(),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.communityId, t.year), index().on(t.streetId)],
);

/** One household's (one unit's) selection; final once made. */
export const projectChoices = pgTable(
  'project_choice',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    selectionId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    unitId: bigint({ mode: 'number' }).notNull(),
    itemIds: integer().array().notNull(),
    channel: text().notNull(), // online | paper
    signedBy: text(),
    scanFileId: bigint({ mode: 'number' }),
    castBy: bigint({ mode: 'number' }).notNull(),
    castAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.selectionId, t.unitId)],
);

/** A public work in one community, from approval (立项) to its warranty period. */
export const projects = pgTable(
  'project',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    year: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    programme: text().notNull(),
    menuItemId: integer(),
    selectionId: bigint({ mode: 'number' }),
    stage: text().notNull().default('approval'),
    budgetFen: bigint({ mode: 'number' }).notNull(),
    contractorOrgId: integer(),
    acceptedOn: date(),
    warrantyComponent: text(),
    warrantyEndsOn: date(),
    createdBy: text().notNull(),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.streetId), index().on(t.communityId), index().on(t.selectionId)],
);

export const projectStagesTable = pgTable(
  'project_stage',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint({ mode: 'number' }).notNull(),
    stage: text().notNull(),
    plannedStart: date().notNull(),
    plannedEnd: date().notNull(),
    startedOn: date(),
    doneOn: date(),
    responsible: text(),
    note: text(),
    documentFileIds: bigint({ mode: 'number' }).array().notNull().default(sql`'{}'`),
  },
  (t) => [unique().on(t.projectId, t.stage)],
);

/** The progress tree: sub-items with weights; leaves carry the percent, parents roll up. */
export const projectTasks = pgTable(
  'project_task',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint({ mode: 'number' }).notNull(),
    parentId: bigint({ mode: 'number' }),
    name: text().notNull(),
    weight: integer().notNull().default(1),
    percent: integer().notNull().default(0),
  },
  (t) => [index().on(t.projectId)],
);

export const projectReports = pgTable(
  'project_report',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint({ mode: 'number' }).notNull(),
    reportedOn: date().notNull(),
    text: text().notNull(),
    photoFileIds: bigint({ mode: 'number' }).array().notNull().default(sql`'{}'`),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.projectId)],
);

export const projectDefects = pgTable(
  'project_defect',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint({ mode: 'number' }).notNull(),
    text: text().notNull(),
    fixedOn: date(),
  },
  (t) => [index().on(t.projectId)],
);

/** The funding mix: the lines add up to the project's budget to the fen. */
export const projectFunding = pgTable(
  'project_funding',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint({ mode: 'number' }).notNull(),
    source: text().notNull(),
    fundId: integer(),
    organizationId: integer(),
    amountFen: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [index().on(t.projectId)],
);

/** A tranche paid from a special fund against accepted work. */
export const projectTranches = pgTable(
  'project_tranche',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint({ mode: 'number' }).notNull(),
    fundId: integer().notNull(),
    entryId: bigint({ mode: 'number' }).notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    paidOn: date().notNull(),
    note: text().notNull().default(''),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.projectId)],
);
