import { z } from 'zod';
import { isoDate } from './calendar';

/**
 * The asset register of seed 二(一)2–3 and 二(四): elevators, pumps, secondary water supply tanks,
 * power facilities, fire facilities by type, fire lanes, evacuation routes and underground spaces,
 * per community and building; the ownership (产权属性) decides who must maintain each one.
 */
export const assetKinds = [
  'elevator',
  'water_pump',
  'water_tank',
  'power',
  'fire_hydrant',
  'fire_extinguisher',
  'fire_alarm',
  'fire_sprinkler',
  'smoke_control',
  'fire_lane',
  'evacuation_route',
  'underground_space',
] as const;
export type AssetKind = (typeof assetKinds)[number];

/** Fire facilities: the kinds the intact rate (完好率) counts. */
export const fireFacilityKinds: readonly AssetKind[] = [
  'fire_hydrant',
  'fire_extinguisher',
  'fire_alarm',
  'fire_sprinkler',
  'smoke_control',
];

/** 业主共有, 公房产权单位, 建设单位, 专营单位 (供水/供电), 市政 */
export const ownerships = ['owners_common', 'public_housing', 'developer', 'utility', 'municipal'] as const;
export type Ownership = (typeof ownerships)[number];

/**
 * Who must maintain an asset, by ownership: the owners' common parts through their property company,
 * public housing through the street housing office (the public-housing manager), the developer what
 * it still owns, a utility its own network, the street office municipal facilities.
 */
export const maintainerOf: Record<
  Ownership,
  'property_company' | 'housing_office' | 'developer' | 'utility' | 'street_office'
> = {
  owners_common: 'property_company',
  public_housing: 'housing_office',
  developer: 'developer',
  utility: 'utility',
  municipal: 'street_office',
};

export const assetStatuses = ['in_use', 'stopped', 'retired'] as const;
export const assetConditions = ['intact', 'defective', 'unknown'] as const;
export type AssetCondition = (typeof assetConditions)[number];

/** The rules of SPEC 5.7 as badges. */
export const assetBadges = [
  'maintenance_overdue',
  'statutory_overdue',
  'risk_assessment_required',
  'renewal_plan_required',
] as const;
export type AssetBadge = (typeof assetBadges)[number];

export const maintenanceKinds = ['routine', 'repair', 'emergency'] as const;
export const statutoryResults = ['pass', 'pass_with_issues', 'fail'] as const;
/** 安全状况良好, 需修理, 需改造, 需更新 */
export const riskResults = ['good', 'repair', 'renovate', 'replace'] as const;
export type RiskResult = (typeof riskResults)[number];
export const renewalKinds = ['repair', 'renovate', 'replace'] as const;
export const fundingSources = [
  'maintenance_fund',
  'public_housing_fund',
  'special_fund',
  'government_subsidy',
  'owners',
  'other',
] as const;
export const renewalStatuses = ['planned', 'approved', 'in_progress', 'completed'] as const;

export const assetsGrants = {
  'assets.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
    owners_committee: 'place',
    inspector: 'district',
    emergency: 'district',
  },
  'assets.manage': { district_admin: 'district', street: 'place', property: 'place' },
  'assets.export': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    property: 'place',
  },
} as const;

const text = (max: number) => z.string().trim().max(max);
const money = z.number().int().min(0).max(100_000_000_00);

/** 电梯注册代码 / 使用登记证编号: letters and digits, 8–30 characters. */
export const registrationCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{8,30}$/, { message: 'registration_code' });

export const assetInput = z.strictObject({
  communityId: z.number().int().positive(),
  buildingId: z.number().int().positive().optional(),
  kind: z.enum(assetKinds),
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z_-]{1,40}$/, { message: 'asset_code' }),
  name: z.string().trim().min(1).max(80),
  ownership: z.enum(ownerships),
  /** for utility-owned assets: the utility that maintains it */
  maintainerName: text(80).min(1).optional(),
  quantity: z.number().int().min(1).max(10_000).default(1),
  status: z.enum(assetStatuses).default('in_use'),
  installedOn: isoDate.optional(),
  manufacturer: text(80).min(1).optional(),
  registrationCode: registrationCode.optional(),
  maintenanceOrgId: z.number().int().positive().optional(),
  lastStatutoryInspectionOn: isoDate.optional(),
  lastMaintenanceOn: isoDate.optional(),
  note: text(500).optional(),
});
export type AssetInput = z.infer<typeof assetInput>;

export const assetPatch = z.strictObject({
  version: z.number().int().nonnegative(),
  name: z.string().trim().min(1).max(80).optional(),
  ownership: z.enum(ownerships).optional(),
  maintainerName: text(80).min(1).nullable().optional(),
  quantity: z.number().int().min(1).max(10_000).optional(),
  status: z.enum(assetStatuses).optional(),
  installedOn: isoDate.nullable().optional(),
  manufacturer: text(80).min(1).nullable().optional(),
  registrationCode: registrationCode.nullable().optional(),
  maintenanceOrgId: z.number().int().positive().nullable().optional(),
  note: text(500).nullable().optional(),
});

export const assetListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  buildingId: z.coerce.number().int().positive().optional(),
  kind: z.enum(assetKinds).optional(),
  /** `any`: assets with at least one badge (the district list of rule breaches) */
  badge: z.enum([...assetBadges, 'any']).optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type AssetListQuery = z.infer<typeof assetListQuery>;

export const assetExportQuery = assetListQuery.omit({ limit: true, cursor: true }).extend({
  lang: z.enum(['zh-CN', 'en-US']).optional(),
});

const ref = z.object({ id: z.number(), name: z.string() });

export const assetSummary = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(assetKinds),
  name: z.string(),
  street: ref,
  community: ref,
  building: ref.nullable(),
  ownership: z.enum(ownerships),
  maintainer: z.object({ kind: z.string(), name: z.string() }),
  quantity: z.number(),
  status: z.enum(assetStatuses),
  condition: z.enum(assetConditions),
  conditionCheckedAt: z.string().nullable(),
  installedOn: z.string().nullable(),
  ageYears: z.number().nullable(),
  lastMaintenanceOn: z.string().nullable(),
  lastStatutoryInspectionOn: z.string().nullable(),
  badges: z.array(z.enum(assetBadges)),
  version: z.number(),
});
export type AssetSummary = z.infer<typeof assetSummary>;

export const assetPage = z.object({
  items: z.array(assetSummary),
  nextCursor: z.string().nullable(),
  total: z.number(),
});

export const maintenanceInput = z.strictObject({
  doneOn: isoDate,
  kind: z.enum(maintenanceKinds).default('routine'),
  company: text(80).min(1).optional(),
  note: text(500).optional(),
});

export const statutoryInput = z.strictObject({
  inspectedOn: isoDate,
  agency: z.string().trim().min(2).max(80),
  result: z.enum(statutoryResults),
  certificateNo: text(60).min(1).optional(),
  note: text(500).optional(),
});

export const riskAssessmentInput = z.strictObject({
  assessedOn: isoDate,
  agency: z.string().trim().min(2).max(80),
  result: z.enum(riskResults),
  findings: z.string().trim().min(2).max(2000),
});

export const renewalPlanInput = z.strictObject({
  riskAssessmentId: z.number().int().positive().optional(),
  kind: z.enum(renewalKinds),
  plannedYear: z.number().int().min(2000).max(2100),
  costFen: money,
  fundingSource: z.enum(fundingSources),
  note: text(500).optional(),
});

export const renewalPlanPatch = z.strictObject({
  version: z.number().int().nonnegative(),
  status: z.enum(renewalStatuses).optional(),
  costFen: money.optional(),
  plannedYear: z.number().int().min(2000).max(2100).optional(),
  fundingSource: z.enum(fundingSources).optional(),
});

export const assetChildParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  planId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const assetDetail = assetSummary.extend({
  manufacturer: z.string().nullable(),
  registrationCode: z.string().nullable(),
  maintenanceOrg: ref.nullable(),
  maintainerName: z.string().nullable(),
  note: z.string().nullable(),
  maintenance: z.array(
    z.object({
      id: z.number(),
      doneOn: z.string(),
      kind: z.enum(maintenanceKinds),
      company: z.string().nullable(),
      note: z.string().nullable(),
      by: z.string(),
    }),
  ),
  statutoryInspections: z.array(
    z.object({
      id: z.number(),
      inspectedOn: z.string(),
      agency: z.string(),
      result: z.enum(statutoryResults),
      certificateNo: z.string().nullable(),
      nextDueOn: z.string(),
      note: z.string().nullable(),
    }),
  ),
  riskAssessments: z.array(
    z.object({
      id: z.number(),
      assessedOn: z.string(),
      agency: z.string(),
      result: z.enum(riskResults),
      findings: z.string(),
    }),
  ),
  renewalPlans: z.array(
    z.object({
      id: z.number(),
      riskAssessmentId: z.number().nullable(),
      kind: z.enum(renewalKinds),
      plannedYear: z.number(),
      costFen: z.number(),
      fundingSource: z.enum(fundingSources),
      status: z.enum(renewalStatuses),
      note: z.string().nullable(),
      version: z.number(),
    }),
  ),
  abilities: z.object({ edit: z.boolean() }),
});
export type AssetDetail = z.infer<typeof assetDetail>;

/** Counts for the community profile and the district list header. */
export const assetStatsQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
});

export const assetStats = z.object({
  total: z.number(),
  byKind: z.array(z.object({ kind: z.enum(assetKinds), count: z.number() })),
  badges: z.array(z.object({ badge: z.enum(assetBadges), count: z.number() })),
  elevators: z.object({ total: z.number(), olderThan15: z.number() }),
});

/** One row of an import that failed, with the field and the reason in the caller's language. */
export const importError = z.object({ row: z.number(), field: z.string(), message: z.string() });

export const importAnswer = z.object({ imported: z.number() });

/** Column keys of the import workbook, in order; headers come from the locale (`assets:import.column.*`). */
export const importColumns = [
  'communityCode',
  'building',
  'kind',
  'code',
  'name',
  'ownership',
  'maintainerName',
  'quantity',
  'installedOn',
  'manufacturer',
  'registrationCode',
  'maintenanceOrg',
  'lastStatutoryInspectionOn',
  'lastMaintenanceOn',
] as const;
export type ImportColumn = (typeof importColumns)[number];

/** The rules of SPEC 5.7 that the daily sweep turns into work (待办) for the maintainer. */
export const breachRules = ['maintenance_overdue', 'statutory_overdue', 'risk_assessment_required'] as const;
export const breachStatuses = ['open', 'cured'] as const;

export const breachListQuery = z.strictObject({
  status: z.enum(breachStatuses).optional(),
  rule: z.enum(breachRules).optional(),
  communityId: z.coerce.number().int().positive().optional(),
  assetId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const assetBreachView = z.object({
  id: z.number(),
  rule: z.enum(breachRules),
  status: z.enum(breachStatuses),
  asset: z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.enum(assetKinds) }),
  street: ref,
  community: ref,
  maintainer: z.object({ kind: z.string(), name: z.string() }),
  openedOn: z.string(),
  /** still open on this day, it becomes a case */
  escalateOn: z.string(),
  curedOn: z.string().nullable(),
  case: z.object({ id: z.number(), number: z.string() }).nullable(),
  /** a risk assessment due: the owners' committee starts the renewal through the maintenance fund */
  renewalPath: z.boolean(),
});
export type AssetBreachView = z.infer<typeof assetBreachView>;

export const breachPage = z.object({ items: z.array(assetBreachView), nextCursor: z.string().nullable() });
