import { z } from 'zod';
import { isoDate } from './calendar';

/**
 * Warranties of new buildings (seed 二(一)1): per building and component, from completion acceptance,
 * at least the periods of 建设工程质量管理条例 art. 40 (SPEC 5.7). A defect within warranty becomes a
 * case routed to the developer; milestone quality assessments (保修节点质量评定) are recorded.
 */
export const warrantyComponents = [
  'foundation_structure',
  'roofing_waterproofing',
  'heating_cooling',
  'electrical',
  'water_drainage',
  'equipment_installation',
  'decoration',
] as const;
export type WarrantyComponent = (typeof warrantyComponents)[number];

export const milestones = ['one_year', 'two_years', 'five_years', 'expiry'] as const;
export const assessmentGrades = ['good', 'qualified', 'unqualified'] as const;

export const warrantiesGrants = {
  'warranties.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
    owners_committee: 'place',
  },
  'warranties.manage': { district_admin: 'district', street: 'place' },
  /** report a defect of a building under warranty (it becomes a case) */
  'warranties.report': {
    district_admin: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
    owners_committee: 'place',
  },
} as const;

/** Registers a new building's warranties: every component (or those named) from one acceptance date. */
export const buildingWarrantyInput = z.strictObject({
  completionAcceptedOn: isoDate,
  /** 设计使用年限: the foundation and structure warranty */
  designLifeYears: z.number().int().min(5).max(100).default(50),
  components: z.array(z.enum(warrantyComponents)).min(1).max(warrantyComponents.length).optional(),
  /** a longer period agreed in the sale contract, per component; never shorter than the statutory minimum */
  agreedEndsOn: z.partialRecord(z.enum(warrantyComponents), isoDate).optional(),
});

export const warrantyListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  buildingId: z.coerce.number().int().positive().optional(),
  inWarranty: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const warrantyExportQuery = warrantyListQuery.omit({ limit: true, cursor: true }).extend({
  lang: z.enum(['zh-CN', 'en-US']).optional(),
});

const ref = z.object({ id: z.number(), name: z.string() });

export const warranty = z.object({
  id: z.number(),
  street: ref,
  community: ref,
  building: ref,
  developer: ref.nullable(),
  component: z.enum(warrantyComponents),
  completionAcceptedOn: z.string(),
  statutoryEndsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  /** the foundation and structure warranty runs for the design service life */
  designLifeYears: z.number().nullable(),
  inWarranty: z.boolean(),
  daysLeft: z.number().nullable(),
  defectCount: z.number(),
});
export type Warranty = z.infer<typeof warranty>;

export const warrantyPage = z.object({ items: z.array(warranty), nextCursor: z.string().nullable() });

export const defectInput = z.strictObject({
  buildingId: z.number().int().positive(),
  component: z.enum(warrantyComponents),
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().min(2).max(2000),
  unitId: z.number().int().positive().optional(),
  attachments: z.array(z.number().int().positive()).max(9).default([]),
});

export const defect = z.object({
  id: z.number(),
  building: ref,
  component: z.enum(warrantyComponents),
  title: z.string(),
  inWarranty: z.boolean(),
  reportedOn: z.string(),
  reportedBy: z.string(),
  case: z.object({ id: z.number(), number: z.string(), state: z.string(), lead: z.string().nullable() }),
});

export const defectAnswer = defect.extend({
  routedTo: z.object({ kind: z.string(), id: z.number().nullable(), name: z.string() }),
});

export const assessmentInput = z.strictObject({
  milestone: z.enum(milestones),
  assessedOn: isoDate,
  grade: z.enum(assessmentGrades),
  findings: z.string().trim().min(2).max(2000),
  assessor: z.string().trim().min(2).max(80),
});

export const assessment = z.object({
  id: z.number(),
  milestone: z.enum(milestones),
  assessedOn: z.string(),
  grade: z.enum(assessmentGrades),
  findings: z.string(),
  assessor: z.string(),
  recordedBy: z.string(),
});

export const buildingWarranties = z.object({
  building: ref.extend({ completedOn: z.string().nullable() }),
  community: ref,
  street: ref,
  developer: ref.nullable(),
  warranties: z.array(warranty),
  defects: z.array(defect),
  assessments: z.array(assessment),
  abilities: z.object({ manage: z.boolean(), report: z.boolean() }),
});
