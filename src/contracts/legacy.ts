import { z } from 'zod';
import { isoDate } from './calendar';

/**
 * Expo-600-days legacy items (世博600天遗留问题, seed 二(一)4): each with its disposition — demolish,
 * buy back or repair (拆除、赎买、修复) — and the follow-up repairs done since.
 */
export const dispositions = ['demolish', 'buy_back', 'repair'] as const;
export const legacyStatuses = ['pending', 'in_progress', 'done'] as const;

export const legacyGrants = {
  'legacy.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
  },
  'legacy.manage': { district_admin: 'district', street: 'place' },
} as const;

const text = (max: number) => z.string().trim().max(max);

export const legacyItemInput = z.strictObject({
  communityId: z.number().int().positive(),
  buildingId: z.number().int().positive().optional(),
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().min(2).max(2000),
  disposition: z.enum(dispositions),
  status: z.enum(legacyStatuses).default('pending'),
  decidedOn: isoDate.optional(),
  doneOn: isoDate.optional(),
});

export const legacyItemPatch = z.strictObject({
  version: z.number().int().nonnegative(),
  disposition: z.enum(dispositions).optional(),
  status: z.enum(legacyStatuses).optional(),
  decidedOn: isoDate.nullable().optional(),
  doneOn: isoDate.nullable().optional(),
  description: z.string().trim().min(2).max(2000).optional(),
});

export const legacyRepairInput = z.strictObject({
  doneOn: isoDate,
  description: z.string().trim().min(2).max(1000),
  contractor: text(80).min(1).optional(),
  costFen: z.number().int().min(0).max(100_000_000_00).optional(),
});

export const legacyListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  disposition: z.enum(dispositions).optional(),
  status: z.enum(legacyStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const legacyExportQuery = legacyListQuery.omit({ limit: true, cursor: true }).extend({
  lang: z.enum(['zh-CN', 'en-US']).optional(),
});

const ref = z.object({ id: z.number(), name: z.string() });

export const legacyRepair = z.object({
  id: z.number(),
  doneOn: z.string(),
  description: z.string(),
  contractor: z.string().nullable(),
  costFen: z.number().nullable(),
  recordedBy: z.string(),
});

export const legacyItem = z.object({
  id: z.number(),
  street: ref,
  community: ref,
  building: ref.nullable(),
  title: z.string(),
  description: z.string(),
  disposition: z.enum(dispositions),
  status: z.enum(legacyStatuses),
  decidedOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  repairs: z.array(legacyRepair),
  version: z.number(),
  abilities: z.object({ edit: z.boolean() }),
});

export const legacyPage = z.object({
  items: z.array(legacyItem),
  nextCursor: z.string().nullable(),
  total: z.number(),
  byDisposition: z.array(
    z.object({ disposition: z.enum(dispositions), status: z.enum(legacyStatuses), count: z.number() }),
  ),
});
