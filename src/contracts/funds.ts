import { z } from 'zod';
import { cursorParam, dateString, fen, langParam, listLimit, page, positiveFen, ref } from './owners';

// Housing maintenance fund (专项维修资金, SPEC 5.6) and property fees (SPEC 5.9).

export const fundsGrants = {
  'funds.read': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    committee: 'place',
    owners_committee: 'place',
  },
  /** the ledger itself: set-up, deposits, interest, withdrawals, merging (the housing bureau) */
  'funds.manage': { district_admin: 'district' },
  'funds.export': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    committee: 'place',
    owners_committee: 'place',
  },
  /** a re-collection campaign decided by the owners' assembly */
  'recollection.manage': { owners_committee: 'place', district_admin: 'district' },
  /** payments into a campaign land in the ledger: the bureau records them */
  'recollection.pay': { district_admin: 'district' },
  'fund_use.read': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    committee: 'place',
    owners_committee: 'place',
    property: 'place',
  },
  /** plan, vote, confirm, submit, accept, disclose: the owners' committee; the street for emergencies */
  'fund_use.request': { owners_committee: 'place', street: 'place' },
  /** housing bureau review and disbursement */
  'fund_use.review': { district_admin: 'district' },
  'fees.read': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    committee: 'place',
    owners_committee: 'place',
    property: 'place',
  },
  'fees.standards': { district_admin: 'district' },
  'fees.contracts': { district_admin: 'district', street: 'place', owners_committee: 'place' },
  /** the owners' income and spending under the commission model */
  'fees.accounts': { property: 'place', owners_committee: 'place' },
} as const;

export const fundSchemes = ['commercial', 'sold_public'] as const;
export type FundScheme = (typeof fundSchemes)[number];
/**
 * Commercial housing has one fund; sold public housing (售后公房) three: the buyer's 2%, the
 * seller's share held per building, and what was re-collected later. "三项并一项" merges the three
 * into one per unit, on the way to the same footing as commercial housing.
 */
export const fundTypes = [
  'commercial',
  'public_buyer',
  'public_seller',
  'public_recollected',
  'merged',
] as const;
export type FundType = (typeof fundTypes)[number];
export const accountKinds = ['bank', 'building', 'unit'] as const;
export type AccountKind = (typeof accountKinds)[number];
export const entryKinds = [
  'initial_deposit',
  'developer_backfill',
  'interest',
  'withdrawal',
  'disbursement',
  'recollection',
  'merge',
] as const;
export type EntryKind = (typeof entryKinds)[number];
/** 首次未筹集开发企业部分: communities whose developer share was never collected */
export const developerShareStatuses = ['collected', 'uncollected', 'backfilled', 'not_applicable'] as const;

/** deposit standards of SPEC 5.6, in basis points */
export const COMMERCIAL_RATE_BP = { min: 500, max: 800 } as const;
export const PUBLIC_BUYER_RATE_BP = 200;
export const PUBLIC_SELLER_MIN_BP = { multiStorey: 2000, highRise: 3000 } as const;
/** buildings of this many floors or more count as high-rise for the seller's share */
export const HIGH_RISE_FROM_FLOORS = 7;
/** below 30% of the first deposit a unit or community must re-collect */
export const DEPLETION_RATIO = { num: 3, den: 10 } as const;
/** instalments of a Shanghai re-collection are fully paid within three years */
export const RECOLLECTION_MAX_YEARS = 3;

const byFundType = z.array(z.object({ fundType: z.enum(fundTypes), balanceFen: z.number() }));

export const fundCommunitySummary = z.object({
  community: ref,
  street: ref,
  scheme: z.enum(fundSchemes),
  primaryFundType: z.enum(fundTypes),
  balanceFen: z.number(),
  firstDepositFen: z.number(),
  /** balance / first deposit, display only */
  balancePercent: z.string(),
  depleted: z.boolean(),
  depletedUnits: z.number(),
  developerShareStatus: z.enum(developerShareStatuses),
  mergedOn: z.string().nullable(),
});
export type FundCommunitySummary = z.infer<typeof fundCommunitySummary>;

export const fundCommunityListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  depleted: z.enum(['true', 'false']).optional(),
  developerShareStatus: z.enum(developerShareStatuses).optional(),
  scheme: z.enum(fundSchemes).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export type FundCommunityListQuery = z.infer<typeof fundCommunityListQuery>;
export const fundCommunityExportQuery = fundCommunityListQuery
  .omit({ limit: true, cursor: true })
  .extend({ lang: langParam });
export const fundCommunityPage = page(fundCommunitySummary);

export const depletionAlert = z.object({
  id: z.number(),
  community: ref,
  detectedOn: z.string(),
  balanceFen: z.number(),
  firstDepositFen: z.number(),
  depletedUnits: z.number(),
  status: z.enum(['open', 'resolved']),
  resolvedOn: z.string().nullable(),
});
export const alertListQuery = z.strictObject({
  status: z.enum(['open', 'resolved']).optional(),
  streetId: z.coerce.number().int().positive().optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const alertPage = page(depletionAlert);

export const fundCommunityDetail = fundCommunitySummary.extend({
  constructionCostFenPerM2: z.number().nullable(),
  depositRateBp: z.number().nullable(),
  bankBalanceFen: z.number(),
  byFundType,
  buildings: z.array(z.object({ building: ref, balanceFen: z.number(), sellerShareFen: z.number() })),
  alerts: z.array(depletionAlert),
  version: z.number(),
  abilities: z.object({
    setup: z.boolean(),
    deposit: z.boolean(),
    interest: z.boolean(),
    withdraw: z.boolean(),
    backfill: z.boolean(),
    merge: z.boolean(),
    recollect: z.boolean(),
    requestUse: z.boolean(),
  }),
});
export type FundCommunityDetail = z.infer<typeof fundCommunityDetail>;

/** the balance after each day with movements (money in and out of the fund's bank account that day) */
export const fundHistoryView = z.object({
  items: z.array(
    z.object({ date: z.string(), inFen: z.number(), outFen: z.number(), balanceFen: z.number() }),
  ),
});

export const fundUnitItem = z.object({
  unitId: z.number(),
  building: ref,
  number: z.string(),
  exclusiveArea: z.string(),
  balanceFen: z.number(),
  firstDepositFen: z.number(),
  depleted: z.boolean(),
  /** the unit's account of each fund type, for its statement (GET /funds/accounts/:id/statement) */
  byFundType: z.array(
    z.object({ fundType: z.enum(fundTypes), balanceFen: z.number(), accountId: z.number() }),
  ),
});
export const fundUnitListQuery = z.strictObject({
  buildingId: z.coerce.number().int().positive().optional(),
  depleted: z.enum(['true', 'false']).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const fundUnitExportQuery = fundUnitListQuery
  .omit({ limit: true, cursor: true })
  .extend({ lang: langParam });
export const fundUnitPage = page(fundUnitItem);

export const accountView = z.object({
  id: z.number(),
  kind: z.enum(accountKinds),
  fundType: z.enum(fundTypes).nullable(),
  buildingId: z.number().nullable(),
  unitId: z.number().nullable(),
  label: z.string(),
});
export const entryView = z.object({
  id: z.number(),
  community: ref,
  kind: z.enum(entryKinds),
  entryDate: z.string(),
  memo: z.string(),
  ref: z.object({ type: z.string(), id: z.number() }).nullable(),
  totalFen: z.number(),
  lineCount: z.number(),
  createdAt: z.string(),
});
export const entryDetail = entryView.extend({
  lines: z.array(z.object({ account: accountView, debitFen: z.number(), creditFen: z.number() })),
});
export const entryListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
  kind: z.enum(entryKinds).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const entryPage = page(entryView);
export const statementQuery = z.strictObject({ limit: listLimit, cursor: cursorParam });
export const accountStatement = z.object({
  account: accountView,
  balanceFen: z.number(),
  items: z.array(
    z.object({
      entryId: z.number(),
      entryDate: z.string(),
      kind: z.enum(entryKinds),
      memo: z.string(),
      debitFen: z.number(),
      creditFen: z.number(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const fundSetupBody = z.strictObject({
  scheme: z.enum(fundSchemes),
  constructionCostFenPerM2: positiveFen.optional(),
  depositRateBp: z.number().int().optional(),
  developerShareStatus: z.enum(developerShareStatuses),
});
export type FundSetupBody = z.infer<typeof fundSetupBody>;

export const initialDepositBody = z.discriminatedUnion('scheme', [
  z.strictObject({
    scheme: z.literal('commercial'),
    entryDate: dateString,
    /** 5%–8% of the local construction cost per m², times the unit's exclusive area */
    constructionCostFenPerM2: positiveFen,
    depositRateBp: z.number().int(),
    /** default: every unit of the community without a first deposit yet */
    unitIds: z.array(z.number().int().positive()).max(20000).optional(),
  }),
  z.strictObject({
    scheme: z.literal('sold_public'),
    entryDate: dateString,
    /** the buyer pays 2% of the price; the seller at least 20% (multi-storey) or 30% (high-rise) of the proceeds */
    sales: z
      .array(z.strictObject({ unitId: z.number().int().positive(), priceFen: positiveFen }))
      .min(1)
      .max(20000),
    sellerRateBp: z
      .strictObject({ multiStorey: z.number().int().optional(), highRise: z.number().int().optional() })
      .default({}),
  }),
]);
export type InitialDepositBody = z.infer<typeof initialDepositBody>;

export const interestBody = z.strictObject({
  entryDate: dateString,
  amountFen: positiveFen,
  memo: z.string().trim().max(200).default(''),
});
export const withdrawalReasons = ['house_demolished', 'refund', 'transfer_out', 'other'] as const;
export const withdrawalBody = z.strictObject({
  unitId: z.number().int().positive(),
  amountFen: positiveFen,
  entryDate: dateString,
  reason: z.enum(withdrawalReasons),
  memo: z.string().trim().max(200).default(''),
});
export const backfillBody = z.strictObject({
  entryDate: dateString,
  amountFen: positiveFen,
  memo: z.string().trim().max(200).default(''),
});
export const mergeBody = z.strictObject({ entryDate: dateString });
export const postingResult = z.object({ entryId: z.number(), totalFen: z.number(), lineCount: z.number() });

// Re-collection (续筹)

export const recollectionScopes = ['depleted_units', 'all_units'] as const;
export const campaignSummary = z.object({
  id: z.number(),
  community: ref,
  title: z.string(),
  vote: z.object({ id: z.number(), title: z.string() }),
  scope: z.enum(recollectionScopes),
  rateFenPerM2: z.number(),
  startOn: z.string(),
  deadlineOn: z.string(),
  instalments: z.number(),
  status: z.enum(['active', 'completed', 'cancelled']),
  households: z.number(),
  paidHouseholds: z.number(),
  dueFen: z.number(),
  paidFen: z.number(),
  percent: z.string(),
});
export const campaignListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'completed', 'cancelled']).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const campaignPage = page(campaignSummary);
export const campaignDetail = campaignSummary.extend({
  abilities: z.object({ pay: z.boolean() }),
});
export const createCampaignBody = z.strictObject({
  communityId: z.number().int().positive(),
  /** the owners' vote that decided it: a passed `raise_fund` vote of the community */
  voteId: z.number().int().positive(),
  title: z.string().trim().min(2).max(200),
  scope: z.enum(recollectionScopes),
  rateFenPerM2: positiveFen,
  startOn: dateString,
  deadlineOn: dateString,
  instalments: z.number().int().min(1).max(36),
});
export type CreateCampaignBody = z.infer<typeof createCampaignBody>;
export const householdStatuses = ['unpaid', 'partial', 'paid'] as const;
export const householdItem = z.object({
  unitId: z.number(),
  building: ref,
  number: z.string(),
  exclusiveArea: z.string(),
  dueFen: z.number(),
  paidFen: z.number(),
  remainingFen: z.number(),
  status: z.enum(householdStatuses),
  /** what the instalment schedule expects paid by today */
  expectedByTodayFen: z.number(),
  behindSchedule: z.boolean(),
});
export const householdListQuery = z.strictObject({
  status: z.enum(householdStatuses).optional(),
  behind: z.enum(['true', 'false']).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const householdExportQuery = householdListQuery
  .omit({ limit: true, cursor: true })
  .extend({ lang: langParam });
export const householdPage = page(householdItem);
export const paymentBody = z.strictObject({
  unitId: z.number().int().positive(),
  amountFen: positiveFen,
  paidOn: dateString,
});

// Fund use (维修资金使用)

export const fundUsePaths = ['normal', 'emergency'] as const;
export type FundUsePath = (typeof fundUsePaths)[number];
/** emergencies that skip the owners' vote and are disclosed afterwards (SPEC 5.6) */
export const emergencyKinds = [
  'elevator_stopped',
  'fire_facility_failed',
  'roof_leak',
  'wall_danger',
] as const;
export type EmergencyKind = (typeof emergencyKinds)[number];
/** The emergency a case or hazard of a category points to, to prefill the emergency fund-use form. */
export function emergencyKindOfCategory(code: string): (typeof emergencyKinds)[number] | undefined {
  if (code.startsWith('fire_safety.')) return 'fire_facility_failed';
  if (code.startsWith('equipment.elevator_')) return 'elevator_stopped';
  if (code === 'warranty.leak') return 'roof_leak';
  if (code.startsWith('housing_safety.')) return 'wall_danger';
  return undefined;
}
export const fundUseStates = [
  'draft',
  'voting',
  'committee_confirmed',
  'submitted',
  'bureau_approved',
  'bureau_rejected',
  'disbursing',
  'accepted',
  'disclosed',
  'cancelled',
] as const;
export type FundUseState = (typeof fundUseStates)[number];
export const fundUseActions = [
  'confirm',
  'submit',
  'approve',
  'reject',
  'accept',
  'disclose',
  'cancel',
] as const;
export type FundUseAction = (typeof fundUseActions)[number];

/**
 * The fund-use workflow as data. Normal path: plan (draft) → owners' vote (voting) → owners'
 * committee confirms → submitted to the housing bureau → approved → tranches (disbursing) →
 * acceptance → disclosure. Emergencies go from draft straight to the bureau and are disclosed after.
 * Opening the vote is its own endpoint (it creates the vote); tranches are their own endpoint.
 */
export const fundUseTransitions: Record<
  FundUseAction,
  { from: readonly FundUseState[]; to: FundUseState; paths: readonly FundUsePath[]; by: 'request' | 'review' }
> = {
  confirm: { from: ['voting'], to: 'committee_confirmed', paths: ['normal'], by: 'request' },
  submit: {
    from: ['committee_confirmed', 'draft'],
    to: 'submitted',
    paths: ['normal', 'emergency'],
    by: 'request',
  },
  approve: { from: ['submitted'], to: 'bureau_approved', paths: ['normal', 'emergency'], by: 'review' },
  reject: { from: ['submitted'], to: 'bureau_rejected', paths: ['normal', 'emergency'], by: 'review' },
  accept: { from: ['disbursing'], to: 'accepted', paths: ['normal', 'emergency'], by: 'request' },
  disclose: { from: ['accepted'], to: 'disclosed', paths: ['normal', 'emergency'], by: 'request' },
  cancel: {
    from: ['draft', 'voting', 'committee_confirmed', 'bureau_rejected'],
    to: 'cancelled',
    paths: ['normal', 'emergency'],
    by: 'request',
  },
};

/** Whether `action` may be taken on a fund use in `state` on `path` (submit from draft: emergencies only). */
export function transitionAllowed(action: FundUseAction, state: FundUseState, path: FundUsePath): boolean {
  const t = fundUseTransitions[action];
  if (!t.paths.includes(path) || !t.from.includes(state)) return false;
  if (action === 'submit') return path === 'emergency' ? state === 'draft' : state === 'committee_confirmed';
  return true;
}

export const fundUseSummary = z.object({
  id: z.number(),
  community: ref,
  path: z.enum(fundUsePaths),
  emergencyKind: z.enum(emergencyKinds).nullable(),
  title: z.string(),
  status: z.enum(fundUseStates),
  budgetFen: z.number(),
  approvedFen: z.number().nullable(),
  disbursedFen: z.number(),
  vote: z.object({ id: z.number(), status: z.string(), passed: z.boolean().nullable() }).nullable(),
  caseId: z.number().nullable(),
  hazardId: z.number().nullable(),
  /** emergency path: the day by which the use must be disclosed (set on acceptance) */
  disclosureDueOn: z.string().nullable(),
  /** accepted and past its disclosure deadline, not yet disclosed */
  disclosureOverdue: z.boolean(),
  /** when the job escalated the missed disclosure to the housing bureau */
  disclosureEscalatedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FundUseSummary = z.infer<typeof fundUseSummary>;
export const fundUseListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
  streetId: z.coerce.number().int().positive().optional(),
  status: z.enum(fundUseStates).optional(),
  path: z.enum(fundUsePaths).optional(),
  /** the uses that came from this case or hazard */
  caseId: z.coerce.number().int().positive().optional(),
  hazardId: z.coerce.number().int().positive().optional(),
  /** only uses past their disclosure deadline and not disclosed */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export type FundUseListQuery = z.infer<typeof fundUseListQuery>;
export const fundUseExportQuery = fundUseListQuery
  .omit({ limit: true, cursor: true })
  .extend({ lang: langParam });
export const fundUsePage = page(fundUseSummary);

export const fundUseDetail = fundUseSummary.extend({
  description: z.string(),
  payee: z.string(),
  buildings: z.array(ref),
  scopeUnits: z.number(),
  scopeArea: z.string(),
  events: z.array(
    z.object({
      action: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      by: z.string(),
      at: z.string(),
      note: z.string().nullable(),
    }),
  ),
  tranches: z.array(
    z.object({
      id: z.number(),
      seq: z.number(),
      amountFen: z.number(),
      paidOn: z.string(),
      payee: z.string(),
      entryId: z.number(),
    }),
  ),
  disclosureId: z.number().nullable(),
  /** what shows the emergency: files uploaded through POST /files */
  evidence: z.array(z.object({ id: z.number(), name: z.string(), mime: z.string() })),
  /** the case or hazard (e.g. a fire-safety finding) it came from, when the caller may see it */
  source: z.object({
    case: z.object({ id: z.number(), number: z.string(), title: z.string() }).nullable(),
    hazard: z.object({ id: z.number(), number: z.string(), title: z.string() }).nullable(),
  }),
  version: z.number(),
  abilities: z.object({
    actions: z.array(z.enum(fundUseActions)),
    startVote: z.boolean(),
    addTranche: z.boolean(),
  }),
});
export type FundUseDetail = z.infer<typeof fundUseDetail>;

export const createFundUseBody = z
  .strictObject({
    communityId: z.number().int().positive(),
    path: z.enum(fundUsePaths),
    emergencyKind: z.enum(emergencyKinds).optional(),
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(20000).default(''),
    budgetFen: positiveFen,
    payee: z.string().trim().max(200).default(''),
    /** the buildings whose units share the cost; absent: the whole community */
    buildingIds: z.array(z.number().int().positive()).max(500).optional(),
    /** the case or hazard that caused it: it must exist, be of the same community and visible to the caller */
    caseId: z.number().int().positive().optional(),
    hazardId: z.number().int().positive().optional(),
    /** photos or reports showing the emergency (uploaded through POST /files) */
    evidenceFileIds: z.array(z.number().int().positive()).max(10).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.path === 'emergency' && !v.emergencyKind)
      ctx.addIssue({ code: 'custom', path: ['emergencyKind'], message: 'required' });
    // skipping the owners' vote needs proof of the emergency: a file, or the case or hazard behind it
    if (v.path === 'emergency' && v.evidenceFileIds.length === 0 && !v.caseId && !v.hazardId)
      ctx.addIssue({ code: 'custom', path: ['evidenceFileIds'], message: 'emergency_evidence_required' });
    if (v.path === 'normal' && v.evidenceFileIds.length > 0)
      ctx.addIssue({ code: 'custom', path: ['evidenceFileIds'], message: 'emergency_evidence_only' });
    if (v.path === 'normal' && v.emergencyKind)
      ctx.addIssue({ code: 'custom', path: ['emergencyKind'], message: 'emergency_only' });
  });
export type CreateFundUseBody = z.infer<typeof createFundUseBody>;

export const fundUseTransitionBody = z.strictObject({
  action: z.enum(fundUseActions),
  version: z.number().int().nonnegative(),
  note: z.string().trim().max(2000).optional(),
  /** approve: the amount the bureau approves, at most the budget */
  approvedFen: positiveFen.optional(),
});
export type FundUseTransitionBody = z.infer<typeof fundUseTransitionBody>;
export const startFundUseVoteBody = z.strictObject({
  version: z.number().int().nonnegative(),
  closesAt: z.iso.datetime({ offset: true }),
  /** the plan, quotes and drawings the owners read before voting (uploaded through POST /files) */
  documentFileIds: z.array(z.number().int().positive()).max(10).default([]),
});
export const trancheBody = z.strictObject({
  version: z.number().int().nonnegative(),
  amountFen: positiveFen,
  paidOn: dateString,
  payee: z.string().trim().min(1).max(200),
});
export const shareItem = z.object({
  unitId: z.number(),
  building: ref,
  number: z.string(),
  exclusiveArea: z.string(),
  /** the unit's share of the approved amount (of the budget before approval), by area */
  plannedFen: z.number(),
  /** what the tranches so far took from the unit's account */
  chargedFen: z.number(),
});
export const sharePage = page(shareItem);

// Property fees (SPEC 5.9)

export const serviceGrades = [1, 2, 3, 4, 5] as const;
export const feeModels = ['lump_sum', 'commission'] as const;
export const commissionKinds = ['share', 'fixed'] as const;
export const feeStandard = z.object({
  grade: z.number(),
  /** guidance price per m² of floor area per month, in fen */
  priceFen: z.number(),
  /** allowed deviation from the guidance price, in basis points */
  floatBp: z.number(),
  effectiveFrom: z.string(),
  version: z.number(),
});
export const feeStandardList = z.object({ items: z.array(feeStandard), canEdit: z.boolean() });
export const gradeParam = z.strictObject({ grade: z.coerce.number().int().min(1).max(5) });
export const putFeeStandardBody = z.strictObject({
  version: z.number().int().nonnegative().optional(),
  priceFen: positiveFen,
  floatBp: z.number().int().min(0).max(5000),
  effectiveFrom: dateString,
});

export const feeContractSummary = z.object({
  id: z.number(),
  community: ref,
  propertyCompany: ref,
  grade: z.number(),
  priceFen: z.number(),
  model: z.enum(feeModels),
  commissionKind: z.enum(commissionKinds).nullable(),
  commissionBp: z.number().nullable(),
  commissionFixedFenPerYear: z.number().nullable(),
  startOn: z.string(),
  endOn: z.string(),
  status: z.enum(['active', 'ended']),
  /** the price lies within the guidance band of its grade */
  withinGuidance: z.boolean().nullable(),
});
export const feeContractListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
  streetId: z.coerce.number().int().positive().optional(),
  model: z.enum(feeModels).optional(),
  grade: z.coerce.number().int().min(1).max(5).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export type FeeContractListQuery = z.infer<typeof feeContractListQuery>;
export const feeContractExportQuery = feeContractListQuery
  .omit({ limit: true, cursor: true })
  .extend({ lang: langParam });
export const feeContractPage = page(feeContractSummary);

export const feeStatement = z.object({
  /** half-year, e.g. 2025H1 */
  period: z.string(),
  incomeFen: z.number(),
  spendingFen: z.number(),
  commissionFen: z.number(),
  /** the owners' surplus (or shortfall, negative) */
  balanceFen: z.number(),
  dueOn: z.string(),
  disclosedAt: z.string().nullable(),
  overdue: z.boolean(),
});
export const feeBudgetView = z.object({
  id: z.number(),
  year: z.number(),
  kind: z.enum(['budget', 'final']),
  incomeFen: z.number(),
  spendingFen: z.number(),
  lines: z.array(
    z.object({ kind: z.enum(['income', 'spending']), category: z.string(), amountFen: z.number() }),
  ),
  approvedAt: z.string().nullable(),
  disclosureId: z.number().nullable(),
});
export const feeContractDetail = feeContractSummary.extend({
  statements: z.array(feeStatement),
  budgets: z.array(feeBudgetView),
  version: z.number(),
  abilities: z.object({ edit: z.boolean(), record: z.boolean(), disclose: z.boolean() }),
});
export const createFeeContractBody = z.strictObject({
  communityId: z.number().int().positive(),
  propertyOrgId: z.number().int().positive(),
  grade: z.number().int().min(1).max(5),
  priceFen: positiveFen,
  model: z.enum(feeModels),
  commissionKind: z.enum(commissionKinds).optional(),
  commissionBp: z.number().int().min(1).max(5000).optional(),
  commissionFixedFenPerYear: positiveFen.optional(),
  startOn: dateString,
  endOn: dateString,
});
export type CreateFeeContractBody = z.infer<typeof createFeeContractBody>;
export const feeIncomeCategories = ['property_fee', 'parking', 'common_area_income', 'other_income'] as const;
export const feeSpendingCategories = [
  'staff',
  'cleaning',
  'greening',
  'security',
  'facility_maintenance',
  'utilities',
  'insurance',
  'office',
  'other_spending',
  // refused: major repairs are paid only from the maintenance fund (SPEC 5.9)
  'major_repair',
] as const;
export const feeItem = z.object({
  id: z.number(),
  kind: z.enum(['income', 'spending']),
  category: z.string(),
  amountFen: z.number(),
  occurredOn: z.string(),
  memo: z.string(),
});
export const feeItemListQuery = z.strictObject({
  period: z
    .string()
    .regex(/^\d{4}H[12]$/)
    .optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const feeItemPage = page(feeItem);
export const addFeeItemBody = z.strictObject({
  kind: z.enum(['income', 'spending']),
  category: z.enum([...feeIncomeCategories, ...feeSpendingCategories]),
  amountFen: positiveFen,
  occurredOn: dateString,
  memo: z.string().trim().max(200).default(''),
});
export type AddFeeItemBody = z.infer<typeof addFeeItemBody>;
export const addFeeBudgetBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(['budget', 'final']),
  lines: z
    .array(
      z.strictObject({
        kind: z.enum(['income', 'spending']),
        category: z.enum([...feeIncomeCategories, ...feeSpendingCategories]),
        amountFen: fen,
      }),
    )
    .min(1)
    .max(100),
});
export type AddFeeBudgetBody = z.infer<typeof addFeeBudgetBody>;
export const discloseStatementBody = z.strictObject({
  period: z.string().regex(/^\d{4}H[12]$/, { message: 'period' }),
});
export const budgetParam = z.strictObject({
  id: z.coerce.number().int().positive(),
  budgetId: z.coerce.number().int().positive(),
});

// Resident view (/m)

export const myFundView = z.object({
  units: z.array(
    z.object({
      unitId: z.number(),
      label: z.string(),
      community: ref,
      exclusiveArea: z.string(),
      balanceFen: z.number(),
      firstDepositFen: z.number(),
      depleted: z.boolean(),
      byFundType,
      costShares: z.array(
        z.object({
          fundUse: z.object({
            id: z.number(),
            title: z.string(),
            status: z.enum(fundUseStates),
            path: z.enum(fundUsePaths),
          }),
          plannedFen: z.number(),
          chargedFen: z.number(),
        }),
      ),
    }),
  ),
});
