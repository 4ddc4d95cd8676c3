import { z } from 'zod';

/**
 * The hazard register (隐患台账) of seed 二(一)1: every hazard found with its grade, responsible unit
 * and person, status and rolling re-inspection; a hazard is closed only after someone other than
 * the fixer verified the repair, and the team that found it never repairs it (查抢分离).
 */
/** 重大, 较大, 一般 */
export const hazardGrades = ['major', 'significant', 'general'] as const;
export type HazardGrade = (typeof hazardGrades)[number];

/** Re-inspection intervals by grade, in days, unless the district configures others. */
export const defaultReinspectionDays: Record<HazardGrade, number> = {
  major: 7,
  significant: 15,
  general: 30,
};

export const hazardStatuses = ['open', 'rectifying', 'repaired', 'closed'] as const;
export type HazardStatus = (typeof hazardStatuses)[number];

export const hazardSources = ['inspection', 'report'] as const;
export const photoStages = ['found', 'repair', 'verify', 'reinspect'] as const;
export type PhotoStage = (typeof photoStages)[number];

export const hazardsGrants = {
  'hazards.read': {
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
  /** register a hazard found outside a round (a repair team on site, a property company) */
  'hazards.report': {
    district_admin: 'district',
    street: 'place',
    property: 'place',
    inspector: 'district',
    emergency: 'district',
  },
  'hazards.manage': { district_admin: 'district', street: 'place', inspector: 'district' },
  'hazards.repair': { street: 'place', property: 'place', emergency: 'district' },
  'hazards.verify': { district_admin: 'district', street: 'place', inspector: 'district' },
  'hazards.configure': { district_admin: 'district' },
  'hazards.export': { district_admin: 'district', district_leader: 'district', street: 'place' },
} as const;

const fileIds = z.array(z.number().int().positive()).max(9);
const id = z.number().int().positive();

export const hazardInput = z.strictObject({
  communityId: id,
  buildingId: id.optional(),
  assetId: id.optional(),
  categoryCode: z.string().max(81),
  grade: z.enum(hazardGrades),
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().min(2).max(2000),
  responsiblePerson: z.string().trim().min(1).max(40).optional(),
  responsiblePhone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: 'phone' })
    .optional(),
  photos: fileIds.default([]),
  /** also file a case routed by the responsibility list */
  fileCase: z.boolean().default(false),
});
export type HazardInput = z.infer<typeof hazardInput>;

export const hazardPatch = z.strictObject({
  version: z.number().int().nonnegative(),
  grade: z.enum(hazardGrades).optional(),
  responsiblePerson: z.string().trim().min(1).max(40).nullable().optional(),
  responsiblePhone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: 'phone' })
    .nullable()
    .optional(),
});

export const hazardAssign = z.strictObject({
  version: z.number().int().nonnegative(),
  /** omitted: today's on-duty repair team */
  teamId: id.optional(),
});

export const hazardRepair = z.strictObject({
  version: z.number().int().nonnegative(),
  note: z.string().trim().min(2).max(1000),
  photos: fileIds.min(1, { message: 'evidence_required' }),
});

export const hazardVerify = z.strictObject({
  version: z.number().int().nonnegative(),
  passed: z.boolean(),
  note: z.string().trim().min(2).max(1000),
  photos: fileIds.default([]),
});

export const hazardReinspect = z.strictObject({
  version: z.number().int().nonnegative(),
  note: z.string().trim().min(2).max(1000),
  grade: z.enum(hazardGrades).optional(),
  photos: fileIds.default([]),
});

export const hazardListQuery = z.strictObject({
  status: z.enum([...hazardStatuses, 'unclosed']).optional(),
  grade: z.enum(hazardGrades).optional(),
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  /** hazards whose re-inspection date has come */
  reinspectionDue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** hazards waiting for one of the caller's teams */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type HazardListQuery = z.infer<typeof hazardListQuery>;

export const hazardExportQuery = hazardListQuery.omit({ limit: true, cursor: true }).extend({
  lang: z.enum(['zh-CN', 'en-US']).optional(),
});

const ref = z.object({ id: z.number(), name: z.string() });

export const hazardSummary = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  grade: z.enum(hazardGrades),
  status: z.enum(hazardStatuses),
  source: z.enum(hazardSources),
  category: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
  street: ref,
  community: ref,
  building: ref.nullable(),
  asset: ref.nullable(),
  responsibleUnit: z.object({ kind: z.string(), id: z.number().nullable(), name: z.string() }),
  responsiblePerson: z.string().nullable(),
  foundByTeam: ref.nullable(),
  foundBy: z.string(),
  foundAt: z.string(),
  repairTeam: ref.nullable(),
  repairedBy: z.string().nullable(),
  repairedAt: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  nextReinspectionOn: z.string().nullable(),
  reinspectionDue: z.boolean(),
  reworkCount: z.number(),
  case: z.object({ id: z.number(), number: z.string(), state: z.string() }).nullable(),
  version: z.number(),
});
export type HazardSummary = z.infer<typeof hazardSummary>;

export const hazardPage = z.object({
  items: z.array(hazardSummary),
  nextCursor: z.string().nullable(),
  total: z.number(),
});

export const hazardPhoto = z.object({
  fileId: z.number(),
  stage: z.enum(photoStages),
  name: z.string(),
  hasThumbnail: z.boolean(),
});

export const hazardEvent = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  actor: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const hazardDetail = hazardSummary.extend({
  description: z.string(),
  responsiblePhone: z.string().nullable(),
  round: z.object({ id: z.number(), planName: z.string() }).nullable(),
  photos: z.array(hazardPhoto),
  events: z.array(hazardEvent),
  abilities: z.object({
    edit: z.boolean(),
    assign: z.boolean(),
    repair: z.boolean(),
    verify: z.boolean(),
    reinspect: z.boolean(),
    fileCase: z.boolean(),
    /** open an emergency use of the maintenance fund for it (动用维修资金) */
    useFund: z.boolean(),
  }),
});
export type HazardDetail = z.infer<typeof hazardDetail>;

export const hazardFileParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  fileId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const hazardStatsQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
});

export const hazardStats = z.object({
  unclosed: z.number(),
  reinspectionDue: z.number(),
  byGradeStatus: z.array(
    z.object({ grade: z.enum(hazardGrades), status: z.enum(hazardStatuses), count: z.number() }),
  ),
});

export const reinspectionSettings = z.object({
  days: z.object({ major: z.number(), significant: z.number(), general: z.number() }),
  version: z.number(),
  abilities: z.object({ edit: z.boolean() }),
});

const days = z.number().int().min(1).max(365);
export const reinspectionSettingsInput = z.strictObject({
  version: z.number().int().nonnegative(),
  days: z.strictObject({ major: days, significant: days, general: days }),
});
