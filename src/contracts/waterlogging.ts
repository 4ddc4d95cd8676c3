import { z } from 'zod';
import { isoDate } from './calendar';

/** Waterlogging points (积水点, seed 二(四)2): where water stands after rain, why, and the remediation. */
export const waterloggingCauses = [
  'municipal_drainage',
  'community_pipes',
  'low_terrain',
  'blocked_gullies',
  'other',
] as const;
export const remediationStatuses = ['identified', 'planned', 'in_progress', 'done'] as const;

export const waterloggingGrants = {
  'waterlogging.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
    inspector: 'district',
    emergency: 'district',
  },
  'waterlogging.manage': { district_admin: 'district', street: 'place' },
} as const;

const text = (max: number) => z.string().trim().max(max);

export const pointInput = z.strictObject({
  communityId: z.number().int().positive(),
  name: z.string().trim().min(2).max(80),
  location: text(200).min(1).optional(),
  cause: z.enum(waterloggingCauses),
  maxDepthCm: z.number().int().min(0).max(300).optional(),
  lastFloodedOn: isoDate.optional(),
  remediationStatus: z.enum(remediationStatuses).default('identified'),
  measure: text(500).min(1).optional(),
  plannedOn: isoDate.optional(),
  doneOn: isoDate.optional(),
});

export const pointPatch = z.strictObject({
  version: z.number().int().nonnegative(),
  cause: z.enum(waterloggingCauses).optional(),
  maxDepthCm: z.number().int().min(0).max(300).nullable().optional(),
  lastFloodedOn: isoDate.nullable().optional(),
  remediationStatus: z.enum(remediationStatuses).optional(),
  measure: text(500).min(1).nullable().optional(),
  plannedOn: isoDate.nullable().optional(),
  doneOn: isoDate.nullable().optional(),
});

export const pointListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  cause: z.enum(waterloggingCauses).optional(),
  remediationStatus: z.enum(remediationStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const pointExportQuery = pointListQuery.omit({ limit: true, cursor: true }).extend({
  lang: z.enum(['zh-CN', 'en-US']).optional(),
});

const ref = z.object({ id: z.number(), name: z.string() });

export const point = z.object({
  id: z.number(),
  street: ref,
  community: ref,
  name: z.string(),
  location: z.string().nullable(),
  cause: z.enum(waterloggingCauses),
  maxDepthCm: z.number().nullable(),
  lastFloodedOn: z.string().nullable(),
  remediationStatus: z.enum(remediationStatuses),
  measure: z.string().nullable(),
  plannedOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ edit: z.boolean() }),
});

export const pointPage = z.object({
  items: z.array(point),
  nextCursor: z.string().nullable(),
  total: z.number(),
  byStatus: z.array(z.object({ status: z.enum(remediationStatuses), count: z.number() })),
});
