import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.table';
import { hazards } from '../hazards/hazards.table';

// The housing maintenance fund as a double-entry ledger (SPEC 5.6). Journal entries and their lines
// are never updated or deleted (a trigger refuses it) and every entry balances (a statement trigger
// checks each insert): balances are sums of lines, never stored.

/** The fund set-up of one community: its scheme, deposit standard and developer share. */
export const fundCommunities = pgTable('fund_community', {
  communityId: integer().primaryKey(),
  streetId: integer().notNull(),
  scheme: text().notNull(), // commercial | sold_public
  primaryFundType: text().notNull(),
  constructionCostFenPerM2: bigint('construction_cost_fen_per_m2', { mode: 'number' }),
  depositRateBp: integer(),
  developerShareStatus: text().notNull(),
  mergedOn: date(),
  version: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Accounts: the community's bank account (专户, an asset: debit balance) and the owners' side
 * (liabilities: credit balance) per unit (分户账) and, for the seller's share of sold public
 * housing, per building (幢账). The bank balance always equals the sum of the owners' side.
 */
export const fundAccounts = pgTable(
  'fund_account',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    kind: text().notNull(), // bank | building | unit
    fundType: text(), // null for the bank account
    buildingId: bigint({ mode: 'number' }),
    unitId: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('fund_account_identity')
      .on(t.communityId, t.kind, t.fundType, t.buildingId, t.unitId)
      .nullsNotDistinct(),
    index().on(t.unitId),
    index().on(t.buildingId),
  ],
);

export const fundEntries = pgTable(
  'fund_journal_entry',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    kind: text().notNull(),
    entryDate: date().notNull(),
    memo: text().notNull().default(''),
    refType: text(),
    refId: bigint({ mode: 'number' }),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.communityId, t.id), index().on(t.refType, t.refId)],
);

export const fundLines = pgTable(
  'fund_journal_line',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entryId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    accountId: bigint({ mode: 'number' }).notNull(),
    debitFen: bigint({ mode: 'number' }).notNull().default(0),
    creditFen: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index().on(t.entryId),
    index().on(t.accountId, t.entryId),
    check(
      'fund_line_one_side',
      sql`${t.debitFen} >= 0 and ${t.creditFen} >= 0 and (${t.debitFen} = 0) <> (${t.creditFen} = 0)`,
    ),
  ],
);

/** Depletion alerts (balance below 30% of the first deposit); one open alert per community. */
export const depletionAlerts = pgTable(
  'fund_depletion_alert',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    detectedOn: date().notNull(),
    balanceFen: bigint({ mode: 'number' }).notNull(),
    firstDepositFen: bigint({ mode: 'number' }).notNull(),
    depletedUnits: integer().notNull(),
    status: text().notNull().default('open'),
    resolvedOn: date(),
  },
  (t) => [
    uniqueIndex('fund_depletion_alert_open').on(t.communityId).where(sql`${t.status} = 'open'`),
    index().on(t.streetId, t.id),
  ],
);

/** 续筹: a re-collection decided by the owners, paid in instalments within three years. */
export const recollectionCampaigns = pgTable(
  'fund_recollection_campaign',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    voteId: bigint({ mode: 'number' }).notNull(),
    title: text().notNull(),
    scope: text().notNull(),
    rateFenPerM2: bigint('rate_fen_per_m2', { mode: 'number' }).notNull(),
    startOn: date().notNull(),
    deadlineOn: date().notNull(),
    instalments: smallint().notNull(),
    status: text().notNull().default('active'),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.communityId, t.id),
    // one passed vote backs one campaign
    uniqueIndex('fund_recollection_campaign_vote_key').on(t.voteId),
    check('recollection_within_3_years', sql`${t.deadlineOn} <= ${t.startOn} + interval '3 years'`),
  ],
);

/** What each household owes a campaign; what it paid is the sum of its ledger lines. */
export const recollectionHouseholds = pgTable(
  'fund_recollection_household',
  {
    campaignId: bigint({ mode: 'number' }).notNull(),
    unitId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    dueFen: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitId] })],
);

/** 维修资金使用: one use of the fund, normal (with owners' vote) or emergency. */
export const fundUses = pgTable(
  'fund_use',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    path: text().notNull(),
    emergencyKind: text(),
    title: text().notNull(),
    description: text().notNull().default(''),
    payee: text().notNull().default(''),
    budgetFen: bigint({ mode: 'number' }).notNull(),
    approvedFen: bigint({ mode: 'number' }),
    buildingIds: bigint({ mode: 'number' }).array(), // null: the whole community
    status: text().notNull().default('draft'),
    voteId: bigint({ mode: 'number' }),
    disclosureId: bigint({ mode: 'number' }),
    /** the case or hazard (a fire-safety finding, say) behind it: same community, checked on create */
    caseId: bigint({ mode: 'number' }).references(() => cases.id),
    hazardId: bigint({ mode: 'number' }).references(() => hazards.id),
    /** emergency path: files showing the emergency (photos, a report) */
    evidenceFileIds: bigint({ mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    /** emergency path: disclosure due by this day (set on acceptance); reminded, then escalated once */
    disclosureDueOn: date(),
    disclosureRemindedAt: timestamp({ withTimezone: true }),
    disclosureEscalatedAt: timestamp({ withTimezone: true }),
    createdBy: bigint({ mode: 'number' }),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.communityId, t.id),
    index().on(t.streetId, t.id),
    index().on(t.caseId),
    index().on(t.hazardId),
    index('fund_use_disclosure_due_idx').on(t.disclosureDueOn).where(sql`${t.status} = 'accepted'`),
  ],
);

export const fundUseEvents = pgTable(
  'fund_use_event',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    fundUseId: bigint({ mode: 'number' }).notNull(),
    action: text().notNull(),
    fromStatus: text(),
    toStatus: text().notNull(),
    note: text(),
    byUserId: bigint({ mode: 'number' }),
    byLabel: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.fundUseId, t.id)],
);

export const fundUseTranches = pgTable(
  'fund_use_tranche',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    fundUseId: bigint({ mode: 'number' }).notNull(),
    seq: smallint().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    paidOn: date().notNull(),
    payee: text().notNull(),
    entryId: bigint({ mode: 'number' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.fundUseId, t.seq)],
);

// Property fees (SPEC 5.9)

/** The district's guidance price per service grade (一级 … 五级): a small reference table. */
export const feeStandards = pgTable(
  'fee_standard',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    grade: smallint().notNull(),
    priceFen: bigint({ mode: 'number' }).notNull(),
    floatBp: integer().notNull(),
    effectiveFrom: date().notNull(),
    version: integer().notNull().default(0),
  },
  (t) => [uniqueIndex().on(t.districtId, t.grade)],
);

export const feeContracts = pgTable(
  'fee_contract',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    propertyOrgId: integer().notNull(),
    grade: smallint().notNull(),
    priceFen: bigint({ mode: 'number' }).notNull(),
    model: text().notNull(), // lump_sum | commission
    commissionKind: text(),
    commissionBp: integer(),
    commissionFixedFenPerYear: bigint({ mode: 'number' }),
    startOn: date().notNull(),
    endOn: date().notNull(),
    status: text().notNull().default('active'),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.communityId, t.id), index().on(t.streetId, t.id)],
);

/** Owners' income and spending under the commission model (酬金制). */
export const feeItems = pgTable(
  'fee_ledger_item',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    contractId: bigint({ mode: 'number' }).notNull(),
    kind: text().notNull(),
    category: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    occurredOn: date().notNull(),
    memo: text().notNull().default(''),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.contractId, t.occurredOn)],
);

export const feeBudgets = pgTable(
  'fee_budget',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    contractId: bigint({ mode: 'number' }).notNull(),
    year: smallint().notNull(),
    kind: text().notNull(), // budget | final
    lines: jsonb().notNull(),
    approvedAt: timestamp({ withTimezone: true }),
    approvedBy: bigint({ mode: 'number' }),
    disclosureId: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.contractId, t.year, t.kind)],
);

export type FundCommunityRow = typeof fundCommunities.$inferSelect;
export type FundUseRow = typeof fundUses.$inferSelect;
export type FeeContractRow = typeof feeContracts.$inferSelect;
