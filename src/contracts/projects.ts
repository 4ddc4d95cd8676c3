import { z } from 'zod';
import { assetKinds } from './assets';
import { housingTypes, managementModes } from './org';
import { cursorParam, dateString, langParam, listLimit, page, positiveFen, ref } from './owners';

// Public works (seed 二(二)2, 二(四), 三(五)): the project menu residents choose from (政府实事项目菜单),
// participatory selection, the project lifecycle, and the special funds that pay for it (专项资金).

export const projectsGrants = {
  'projects.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
    owners_committee: 'place',
    resident: 'place',
  },
  /** open selections, run projects through their stages, set funding */
  'projects.manage': { district_admin: 'district', street: 'place' },
  /** the menu of the year (the district housing bureau) */
  'projects.menu': { district_admin: 'district' },
  /** a household chooses items online (/m) */
  'projects.choose': { resident: 'place' },
  /** staff enter a household's paper selection */
  'projects.paper': {
    district_admin: 'district',
    street: 'place',
    committee: 'place',
    owners_committee: 'place',
  },
  'special_funds.read': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'district',
  },
  /** budgets and tranche payments (the finance side of the housing bureau) */
  'special_funds.manage': { district_admin: 'district' },
} as const;

/** The unit a menu item is priced in; the quantity for a community comes from its register. */
export const costUnits = [
  'roof_m2', // per m² of roof (the buildings' footprints)
  'floor_m2', // per m² of floor area
  'building', // per building
  'building_without_elevator', // per building that has no elevator yet
  'elevator', // per elevator in the asset register
  'household', // per unit
  'community', // once per community
] as const;
export type CostUnit = (typeof costUnits)[number];

/** 管水到表, 光明工程, 电梯更新, 积水点改造, 成套改造, 消防设施更新, 实事项目 ... */
export const programmes = [
  'practical_projects',
  'secondary_water',
  'power',
  'elevator',
  'waterlogging',
  'full_renovation',
  'fire_renewal',
  'greening',
] as const;
export type Programme = (typeof programmes)[number];

/** 电梯更新与改造、维修资金补建、消防、二次供水、光明工程、老旧小区综合管理、物业管理人员培训、实事项目 */
export const fundKinds = [
  'elevator',
  'fund_topup',
  'fire',
  'secondary_water',
  'power',
  'old_community',
  'training',
  'practical',
] as const;

export const mixedUseRules = ['any', 'required', 'excluded'] as const;

export const eligibilityRules = z.strictObject({
  housingTypes: z.array(z.enum(housingTypes)).max(housingTypes.length).default([]),
  managementModes: z.array(z.enum(managementModes)).max(managementModes.length).default([]),
  /** built in or after this year (inclusive) */
  builtFrom: z.number().int().min(1850).max(2100).nullable().default(null),
  /** built in or before this year (inclusive) */
  builtTo: z.number().int().min(1850).max(2100).nullable().default(null),
  mixedUse: z.enum(mixedUseRules).default('any'),
  /** every kind listed must be present in the asset register */
  assetsPresent: z.array(z.enum(assetKinds)).max(assetKinds.length).default([]),
});
export type EligibilityRules = z.infer<typeof eligibilityRules>;

export const ineligibleReasons = [
  'housing_type',
  'management_mode',
  'built_before',
  'built_after',
  'build_year_unknown',
  'mixed_use_required',
  'mixed_use_excluded',
  'asset_missing',
  'nothing_to_do',
] as const;
export type IneligibleReason = (typeof ineligibleReasons)[number];

export const menuItemInput = z.strictObject({
  year: z.number().int().min(2015).max(2100),
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/),
  name: z.string().trim().min(2).max(60),
  description: z.string().trim().max(500).default(''),
  costUnit: z.enum(costUnits),
  unitCostFen: positiveFen,
  programme: z.enum(programmes),
  fundId: z.number().int().positive().nullable().default(null),
  durationDays: z.number().int().min(1).max(1000),
  rules: eligibilityRules.default({
    housingTypes: [],
    managementModes: [],
    builtFrom: null,
    builtTo: null,
    mixedUse: 'any',
    assetsPresent: [],
  }),
});
export type MenuItemInput = z.infer<typeof menuItemInput>;

export const menuItemPatch = z.strictObject({
  version: z.number().int().nonnegative(),
  name: z.string().trim().min(2).max(60).optional(),
  description: z.string().trim().max(500).optional(),
  costUnit: z.enum(costUnits).optional(),
  unitCostFen: positiveFen.optional(),
  programme: z.enum(programmes).optional(),
  fundId: z.number().int().positive().nullable().optional(),
  durationDays: z.number().int().min(1).max(1000).optional(),
  rules: eligibilityRules.optional(),
  active: z.boolean().optional(),
});

export const menuQuery = z.strictObject({
  year: z.coerce.number().int().min(2015).max(2100).optional(),
});

export const menuItem = z.object({
  id: z.number(),
  year: z.number(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  costUnit: z.enum(costUnits),
  unitCostFen: z.number(),
  programme: z.enum(programmes),
  fund: ref.nullable(),
  durationDays: z.number(),
  rules: eligibilityRules,
  active: z.boolean(),
  version: z.number(),
});
export type MenuItem = z.infer<typeof menuItem>;

export const menuList = z.object({
  years: z.array(z.number()),
  year: z.number(),
  items: z.array(menuItem),
  abilities: z.object({ edit: z.boolean() }),
});

export const eligibleQuery = z.strictObject({
  communityId: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2015).max(2100),
});

export const eligibleItem = z.object({
  item: menuItem,
  quantity: z.string(),
  costFen: z.number(),
  eligible: z.boolean(),
  reasons: z.array(z.enum(ineligibleReasons)),
});
export const eligibleList = z.object({
  community: ref,
  items: z.array(eligibleItem),
});

// ---------------------------------------------------------------------------------------------
// Participatory selection (居民点单)

export const selectionStatuses = ['open', 'closed'] as const;
export type SelectionStatus = (typeof selectionStatuses)[number];

/** Why an item of the ranking was or was not chosen. */
export const outcomes = ['selected', 'over_budget', 'below_threshold', 'not_valid'] as const;
export type Outcome = (typeof outcomes)[number];

export const selectionInput = z.strictObject({
  communityId: z.number().int().positive(),
  year: z.number().int().min(2015).max(2100),
  budgetCapFen: positiveFen,
  closesOn: dateString,
  /** at least this percent of the households must take part */
  minParticipationPct: z.number().int().min(0).max(100).default(20),
  /** an item needs at least this percent of the participating households */
  thresholdPct: z.number().int().min(0).max(100).default(10),
  /** menu items offered; default: every eligible item of the year */
  itemIds: z.array(z.number().int().positive()).max(50).optional(),
});

export const choiceBody = z.strictObject({
  unitId: z.number().int().positive(),
  itemIds: z.array(z.number().int().positive()).max(50),
});

export const paperChoiceBody = choiceBody.extend({
  signedBy: z.string().trim().min(1).max(40),
  scanFileId: z.number().int().positive().optional(),
});

export const selectionListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2015).max(2100).optional(),
  status: z.enum(selectionStatuses).optional(),
  limit: listLimit,
  cursor: cursorParam,
});

export const selectionOption = z.object({
  itemId: z.number(),
  code: z.string(),
  name: z.string(),
  costUnit: z.enum(costUnits),
  quantity: z.string(),
  costFen: z.number(),
  fund: ref.nullable(),
  durationDays: z.number(),
});

export const rankingRow = z.object({
  itemId: z.number(),
  rank: z.number(),
  support: z.number(),
  costFen: z.number(),
  outcome: z.enum(outcomes),
});

export const tally = z.object({
  households: z.number(),
  participants: z.number(),
  online: z.number(),
  paper: z.number(),
  participationMet: z.boolean(),
  supportNeeded: z.number(),
  ranking: z.array(rankingRow),
  selectedFen: z.number(),
  remainingFen: z.number(),
});
export type Tally = z.infer<typeof tally>;

export const selectionSummary = z.object({
  id: z.number(),
  street: ref,
  community: ref,
  year: z.number(),
  status: z.enum(selectionStatuses),
  budgetCapFen: z.number(),
  closesOn: z.string(),
  minParticipationPct: z.number(),
  thresholdPct: z.number(),
  households: z.number(),
  participants: z.number(),
  createdAt: z.string(),
});

export const selectionPage = page(selectionSummary);

export const selectionDetail = selectionSummary.extend({
  options: z.array(selectionOption),
  tally,
  closedAt: z.string().nullable(),
  disclosureId: z.number().nullable(),
  projects: z.array(z.object({ id: z.number(), title: z.string() })),
  myUnits: z.array(
    z.object({
      unitId: z.number(),
      label: z.string(),
      itemIds: z.array(z.number()).nullable(),
      channel: z.enum(['online', 'paper']).nullable(),
      canChoose: z.boolean(),
    }),
  ),
  abilities: z.object({ close: z.boolean(), paper: z.boolean() }),
  version: z.number(),
});

export const closeSelectionBody = z.strictObject({ version: z.number().int().nonnegative() });

// ---------------------------------------------------------------------------------------------
// Projects and their stages

/** 立项, 设计, 招标, 施工, 验收, 审计, 保修 */
export const projectStages = [
  'approval',
  'design',
  'tender',
  'works',
  'acceptance',
  'audit',
  'warranty',
] as const;
export type ProjectStage = (typeof projectStages)[number];

export const fundingSources = [
  'special_fund',
  'maintenance_fund',
  'owners',
  'enterprise',
  'district_budget',
] as const;
export type FundingSource = (typeof fundingSources)[number];

export const projectListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2015).max(2100).optional(),
  programme: z.enum(programmes).optional(),
  stage: z.enum(projectStages).optional(),
  delayed: z.enum(['true', 'false']).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const projectExportQuery = projectListQuery.omit({ limit: true, cursor: true }).extend({
  lang: langParam,
});

export const projectSummary = z.object({
  id: z.number(),
  street: ref,
  community: ref,
  year: z.number(),
  title: z.string(),
  programme: z.enum(programmes),
  stage: z.enum(projectStages),
  budgetFen: z.number(),
  progressPct: z.number(),
  plannedEnd: z.string(),
  delayed: z.boolean(),
  contractor: ref.nullable(),
});
export type ProjectSummary = z.infer<typeof projectSummary>;

export const projectPage = page(projectSummary);

export const stageRecord = z.object({
  stage: z.enum(projectStages),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  startedOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  responsible: z.string().nullable(),
  note: z.string().nullable(),
  documents: z.array(z.object({ id: z.number(), name: z.string() })),
  delayed: z.boolean(),
});

export interface ProgressNode {
  id: number;
  name: string;
  weight: number;
  percent: number;
  children: ProgressNode[];
}
export const progressNode: z.ZodType<ProgressNode> = z.lazy(() =>
  z.object({
    id: z.number(),
    name: z.string(),
    weight: z.number(),
    percent: z.number(),
    children: z.array(progressNode),
  }),
);

export const projectDetail = projectSummary.extend({
  description: z.string(),
  selectionId: z.number().nullable(),
  menuItemId: z.number().nullable(),
  stages: z.array(stageRecord),
  tree: z.array(progressNode),
  reports: z.array(
    z.object({
      id: z.number(),
      reportedOn: z.string(),
      text: z.string(),
      photos: z.array(z.object({ id: z.number(), name: z.string() })),
      by: z.string(),
    }),
  ),
  defects: z.array(z.object({ id: z.number(), text: z.string(), fixedOn: z.string().nullable() })),
  funding: z.array(
    z.object({
      source: z.enum(fundingSources),
      fund: ref.nullable(),
      organization: ref.nullable(),
      amountFen: z.number(),
    }),
  ),
  tranches: z.array(
    z.object({
      id: z.number(),
      fund: ref,
      amountFen: z.number(),
      paidOn: z.string(),
      note: z.string(),
      by: z.string(),
    }),
  ),
  timeline: z.array(
    z.object({ on: z.string(), kind: z.string(), stage: z.enum(projectStages).nullable(), text: z.string() }),
  ),
  warranty: z.object({ component: z.string(), endsOn: z.string() }).nullable(),
  acceptedOn: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ manage: z.boolean(), disburse: z.boolean() }),
});
export type ProjectDetail = z.infer<typeof projectDetail>;

export const advanceBody = z.strictObject({
  version: z.number().int().nonnegative(),
  /** the day the current stage was completed */
  doneOn: dateString,
  responsible: z.string().trim().min(1).max(40),
  note: z.string().trim().max(500).optional(),
  documentFileIds: z.array(z.number().int().positive()).max(20).default([]),
  /** tender: the winning contractor */
  contractorOrgId: z.number().int().positive().optional(),
  /** acceptance: the defects found */
  defects: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
});

export const reportBody = z.strictObject({
  reportedOn: dateString,
  text: z.string().trim().min(2).max(1000),
  photoFileIds: z.array(z.number().int().positive()).max(12).default([]),
  /** progress of sub-items reported with it */
  progress: z
    .array(z.strictObject({ taskId: z.number().int().positive(), percent: z.number().int().min(0).max(100) }))
    .max(50)
    .default([]),
});

export const taskBody = z.strictObject({
  parentId: z.number().int().positive().nullable().default(null),
  name: z.string().trim().min(1).max(60),
  weight: z.number().int().min(1).max(100).default(1),
});

export const fundingBody = z.strictObject({
  version: z.number().int().nonnegative(),
  lines: z
    .array(
      z.strictObject({
        source: z.enum(fundingSources),
        fundId: z.number().int().positive().optional(),
        organizationId: z.number().int().positive().optional(),
        amountFen: positiveFen,
      }),
    )
    .min(1)
    .max(10),
});

export const trancheBody = z.strictObject({
  fundId: z.number().int().positive(),
  amountFen: positiveFen,
  paidOn: dateString,
  note: z.string().trim().max(200).default(''),
});

// ---------------------------------------------------------------------------------------------
// Special funds (专项资金)

export const specialFundQuery = z.strictObject({
  year: z.coerce.number().int().min(2015).max(2100).optional(),
});

export const specialFund = z.object({
  id: z.number(),
  year: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(fundKinds),
  budgetFen: z.number(),
  allocatedFen: z.number(),
  disbursedFen: z.number(),
  /** budget less disbursed: what is still in the fund */
  balanceFen: z.number(),
  /** budget less allocated: what can still be allocated */
  unallocatedFen: z.number(),
});

export const specialFundList = z.object({ items: z.array(specialFund) });

export const ledgerEntry = z.object({
  id: z.number(),
  kind: z.enum(['budget', 'allocation', 'disbursement']),
  amountFen: z.number(),
  project: ref.nullable(),
  street: ref.nullable(),
  memo: z.string(),
  by: z.string(),
  at: z.string(),
  postings: z.array(z.object({ account: z.string(), amountFen: z.number() })),
});

export const specialFundDetail = specialFund.extend({
  entries: z.array(ledgerEntry),
  projects: z.array(
    z.object({ project: ref, community: ref, allocatedFen: z.number(), disbursedFen: z.number() }),
  ),
  abilities: z.object({ manage: z.boolean() }),
});

export const fundBudgetBody = z.strictObject({
  amountFen: positiveFen,
  memo: z.string().trim().min(1).max(200),
});
