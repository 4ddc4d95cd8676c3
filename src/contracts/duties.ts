import { z } from 'zod';
import { isoInstant, timeLimit } from './calendar';
import { housingTypes } from './org';

/**
 * The responsibility list (责任清单, SPEC 5.2): a two-level taxonomy of problems and, per category,
 * versioned routing rules naming the lead unit, co-units, channels, handling points, operating
 * path, legal basis and time limits per stage and urgency.
 */
export const urgencies = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof urgencies)[number];

/** Stages with their own time limit (SPEC 5.2). */
export const stages = ['register', 'dispatch', 'handle', 'verify'] as const;
export type Stage = (typeof stages)[number];

/** Where a problem was found (发现渠道). */
export const discoveryChannels = [
  'resident_report',
  'hotline_12345',
  'hotline_962121',
  'grid_patrol',
  'property_inspection',
  'department_inspection',
  'leader_assigned',
  'open311',
  /** a failed item of an inspection round (巡查) */
  'inspection',
  /** an asset rule (SPEC 5.7) still broken after its grace period, filed by the daily sweep */
  'asset_rule',
] as const;
export type DiscoveryChannel = (typeof discoveryChannels)[number];

/**
 * How a unit named by a rule is found for one case: relative to the case's community and street,
 * or a named district department.
 */
export const unitResolvers = [
  'community_property_company',
  'street_housing_office',
  'street_office',
  'street_police_station',
  'district_department',
  'owners_committee',
  'neighbourhood_committee',
  'developer',
  'emergency_team',
] as const;
export type UnitResolver = (typeof unitResolvers)[number];

export const unitSpec = z
  .strictObject({
    resolver: z.enum(unitResolvers),
    /** for `district_department`: the department code, e.g. CG (城管执法局), XF (消防) */
    departmentCode: z.string().trim().min(1).max(20).optional(),
  })
  .refine((u) => (u.resolver === 'district_department') === Boolean(u.departmentCode), {
    message: 'department_code',
    path: ['departmentCode'],
  });
export type UnitSpec = z.infer<typeof unitSpec>;

export const stageLimits = z.strictObject({
  register: timeLimit,
  dispatch: timeLimit,
  handle: timeLimit,
  verify: timeLimit,
});
export type StageLimits = z.infer<typeof stageLimits>;

export const limitsByUrgency = z.strictObject({
  normal: stageLimits,
  urgent: stageLimits,
  emergency: stageLimits,
});
export type LimitsByUrgency = z.infer<typeof limitsByUrgency>;

export const dutiesGrants = {
  'duties.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'district',
    committee: 'district',
    property: 'district',
    owners_committee: 'district',
    resident: 'district',
    inspector: 'district',
    emergency: 'district',
    mediator: 'district',
  },
  'duties.manage': { district_admin: 'district' },
} as const;

const code = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}(\.[a-z][a-z0-9_]{1,39})?$/, { message: 'category_code' });

export const category = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  level: z.number(),
  name: z.string(),
  nameEn: z.string(),
  enforcement: z.boolean(),
  active: z.boolean(),
  sort: z.number(),
  version: z.number(),
});
export type Category = z.infer<typeof category>;

export const categoryTree = z.object({
  items: z.array(category.extend({ children: z.array(category) })),
  abilities: z.object({ edit: z.boolean() }),
});

export const categoryCreate = z.strictObject({
  code,
  parentCode: z.string().max(40).nullable().default(null),
  name: z.string().trim().min(2).max(40),
  nameEn: z.string().trim().min(2).max(80),
  enforcement: z.boolean().default(false),
  sort: z.number().int().min(0).max(10000).default(100),
});

export const categoryPatch = z.strictObject({
  version: z.number().int().nonnegative(),
  name: z.string().trim().min(2).max(40).optional(),
  nameEn: z.string().trim().min(2).max(80).optional(),
  active: z.boolean().optional(),
  sort: z.number().int().min(0).max(10000).optional(),
});

export const codeParam = z.strictObject({ code: z.string().max(81) });

const text = (max: number) => z.string().trim().max(max);

export const dutyRuleInput = z.strictObject({
  categoryCode: z.string().max(81),
  housingType: z.enum(housingTypes).nullable().default(null),
  lead: unitSpec,
  coUnits: z.array(unitSpec).max(8).default([]),
  channels: z.array(z.enum(discoveryChannels)).min(1).max(discoveryChannels.length),
  handlingPoints: text(2000).min(1),
  operatingPath: text(2000).min(1),
  legalBasis: text(2000).min(1),
  defaultUrgency: z.enum(urgencies).default('normal'),
  limits: limitsByUrgency,
  /** enforcement categories: the follow-up inspection (固守) this many days after closing */
  followUpDays: z.number().int().min(1).max(365).nullable().default(null),
});
export type DutyRuleInput = z.infer<typeof dutyRuleInput>;

export const dutyRuleUpdate = dutyRuleInput.omit({ categoryCode: true, housingType: true }).extend({
  /** the version being replaced (optimistic check) */
  version: z.number().int().positive(),
});

export const unitRef = z.object({
  resolver: z.enum(unitResolvers),
  departmentCode: z.string().optional(),
});

export const dutyRule = z.object({
  id: z.number(),
  ruleKey: z.string(),
  version: z.number(),
  current: z.boolean(),
  categoryCode: z.string(),
  categoryName: z.string(),
  housingType: z.enum(housingTypes).nullable(),
  lead: unitRef,
  coUnits: z.array(unitRef),
  channels: z.array(z.enum(discoveryChannels)),
  handlingPoints: z.string(),
  operatingPath: z.string(),
  legalBasis: z.string(),
  defaultUrgency: z.enum(urgencies),
  limits: limitsByUrgency,
  followUpDays: z.number().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type DutyRule = z.infer<typeof dutyRule>;

export const dutyRuleListQuery = z.strictObject({
  categoryCode: z.string().max(81).optional(),
  includeHistory: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const dutyRuleList = z.object({
  items: z.array(dutyRule),
  abilities: z.object({ edit: z.boolean() }),
});

/** A unit resolved for one case. */
export const resolvedUnit = z.object({
  kind: z.enum(['organization', 'department', 'committee', 'owners_committee', 'emergency_team']),
  id: z.number().nullable(),
  name: z.string(),
  resolver: z.enum(unitResolvers),
  /** true when the named unit does not exist for this community and the fallback took over */
  fallback: z.boolean(),
});
export type ResolvedUnit = z.infer<typeof resolvedUnit>;

export const routingPreviewBody = z.strictObject({
  categoryCode: z.string().max(81),
  communityId: z.number().int().positive(),
  urgency: z.enum(urgencies).optional(),
  /** when the case would be reported; now by default */
  at: isoInstant.optional(),
  /** preview an edited rule before saving it */
  rule: dutyRuleInput.omit({ categoryCode: true, housingType: true }).optional(),
});

export const routingPreview = z.object({
  rule: z.object({ id: z.number().nullable(), ruleKey: z.string(), version: z.number().nullable() }),
  urgency: z.enum(urgencies),
  lead: resolvedUnit,
  coUnits: z.array(resolvedUnit),
  /** each stage's deadline if every earlier stage used its full limit */
  deadlines: z.object({ register: z.string(), dispatch: z.string(), handle: z.string(), verify: z.string() }),
  limits: stageLimits,
});
