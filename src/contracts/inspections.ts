import { z } from 'zod';
import { assetKinds } from './assets';
import { isoDate } from './calendar';
import { hazardGrades } from './hazards';
import { housingTypes } from './org';

/**
 * Inspection plans and rounds (seed 二(一)1–2): rolling inspection of old housing, fire patrols,
 * equipment inspection, pre-flood/typhoon campaigns, greening. A plan names its targets by a filter,
 * a cadence (or a due date), a checklist and a team; a job generates one round per target and cycle.
 */
export const planTypes = ['old_housing', 'fire_patrol', 'equipment', 'flood_campaign', 'greening'] as const;
export type PlanType = (typeof planTypes)[number];

export const targetKinds = ['community', 'building', 'asset'] as const;
export type TargetKind = (typeof targetKinds)[number];

export const cadences = ['weekly', 'monthly', 'quarterly', 'yearly', 'once'] as const;
export type Cadence = (typeof cadences)[number];

/** One step more frequent: mixed commercial-residential buildings (商住楼) get this for fire patrols. */
export function higherCadence(c: Cadence): Cadence {
  switch (c) {
    case 'yearly':
      return 'quarterly';
    case 'quarterly':
      return 'monthly';
    case 'monthly':
    case 'weekly':
      return 'weekly';
    case 'once':
      return 'once';
  }
}

export const roundStatuses = ['pending', 'in_progress', 'done'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

export const itemResults = ['pass', 'fail', 'na'] as const;
export type ItemResult = (typeof itemResults)[number];

export const inspectionsGrants = {
  'inspections.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
    inspector: 'district',
    emergency: 'district',
  },
  'inspections.plan': { district_admin: 'district', street: 'place' },
  /** fill in rounds: only members of the round's team */
  'inspections.perform': {
    district_admin: 'district',
    street: 'place',
    property: 'place',
    inspector: 'district',
  },
} as const;

export const checklistItem = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'item_key' }),
  text: z.string().trim().min(2).max(200),
  /** a failed item becomes a hazard of this category (and a case when `createsCase`) */
  categoryCode: z.string().max(81),
  createsCase: z.boolean().default(false),
  grade: z.enum(hazardGrades).default('general'),
  /** the item checks these assets of the target (fire facilities: the intact rate) */
  assetKind: z.enum(assetKinds).optional(),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

export const targetFilter = z.strictObject({
  streetIds: z.array(z.number().int().positive()).max(20).optional(),
  communityIds: z.array(z.number().int().positive()).max(500).optional(),
  housingTypes: z.array(z.enum(housingTypes)).max(housingTypes.length).optional(),
  oldHousingOnly: z.boolean().optional(),
  mixedUseOnly: z.boolean().optional(),
  /** for asset targets */
  assetKinds: z.array(z.enum(assetKinds)).max(assetKinds.length).optional(),
});
export type TargetFilter = z.infer<typeof targetFilter>;

export const planInput = z
  .strictObject({
    name: z.string().trim().min(2).max(80),
    type: z.enum(planTypes),
    targetKind: z.enum(targetKinds),
    filter: targetFilter.default({}),
    cadence: z.enum(cadences),
    /** the cadence for mixed commercial-residential communities; by default one step more frequent for fire patrols */
    mixedUseCadence: z.enum(cadences).nullable().optional(),
    startsOn: isoDate,
    /** the due date of a one-off campaign */
    dueOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    teamId: z.number().int().positive(),
    checklist: z.array(checklistItem).min(1).max(60),
  })
  .superRefine((p, ctx) => {
    if (p.cadence === 'once' && !p.dueOn)
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'required' });
    if (p.dueOn && p.dueOn < p.startsOn)
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'date_order' });
    if (p.endsOn && p.endsOn < p.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'date_order' });
    const keys = new Set<string>();
    p.checklist.forEach((item, i) => {
      if (keys.has(item.key))
        ctx.addIssue({ code: 'custom', path: ['checklist', i, 'key'], message: 'duplicate_key' });
      keys.add(item.key);
    });
  });
export type PlanInput = z.infer<typeof planInput>;

export const planPatch = z.strictObject({
  version: z.number().int().nonnegative(),
  name: z.string().trim().min(2).max(80).optional(),
  active: z.boolean().optional(),
  teamId: z.number().int().positive().optional(),
  endsOn: isoDate.nullable().optional(),
  checklist: z.array(checklistItem).min(1).max(60).optional(),
});

const ref = z.object({ id: z.number(), name: z.string() });

export const plan = z.object({
  id: z.number(),
  name: z.string(),
  type: z.enum(planTypes),
  targetKind: z.enum(targetKinds),
  filter: targetFilter,
  cadence: z.enum(cadences),
  mixedUseCadence: z.enum(cadences).nullable(),
  startsOn: z.string(),
  dueOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  street: ref.nullable(),
  team: ref,
  checklist: z.array(checklistItem),
  active: z.boolean(),
  targetCount: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  version: z.number(),
  abilities: z.object({ edit: z.boolean() }),
});
export type Plan = z.infer<typeof plan>;

export const planList = z.object({ items: z.array(plan), abilities: z.object({ create: z.boolean() }) });

export const generateAnswer = z.object({ created: z.number() });

export const roundListQuery = z.strictObject({
  planId: z.coerce.number().int().positive().optional(),
  status: z.enum([...roundStatuses, 'open', 'overdue']).optional(),
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  /** rounds of the caller's teams */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type RoundListQuery = z.infer<typeof roundListQuery>;

export const roundExportQuery = roundListQuery.omit({ limit: true, cursor: true }).extend({
  lang: z.enum(['zh-CN', 'en-US']).optional(),
});

export const round = z.object({
  id: z.number(),
  plan: z.object({ id: z.number(), name: z.string(), type: z.enum(planTypes) }),
  target: z.object({ kind: z.enum(targetKinds), id: z.number(), name: z.string() }),
  street: ref,
  community: ref,
  team: ref,
  cycleStart: z.string(),
  dueOn: z.string(),
  status: z.enum(roundStatuses),
  overdue: z.boolean(),
  onTime: z.boolean().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  finishedBy: z.string().nullable(),
  itemCount: z.number(),
  failedCount: z.number(),
  version: z.number(),
});
export type Round = z.infer<typeof round>;

export const roundPage = z.object({
  items: z.array(round),
  nextCursor: z.string().nullable(),
  total: z.number(),
});

const photo = z.object({ fileId: z.number(), name: z.string(), hasThumbnail: z.boolean() });

export const roundItem = checklistItem.extend({
  result: z.enum(itemResults).nullable(),
  note: z.string().nullable(),
  photos: z.array(photo),
});
export type RoundItem = z.infer<typeof roundItem>;

export const roundDetail = round.extend({
  address: z.string(),
  items: z.array(roundItem),
  hazards: z.array(
    z.object({
      id: z.number(),
      number: z.string(),
      title: z.string(),
      grade: z.enum(hazardGrades),
      status: z.string(),
      case: z.object({ id: z.number(), number: z.string() }).nullable(),
    }),
  ),
  abilities: z.object({ perform: z.boolean() }),
});
export type RoundDetail = z.infer<typeof roundDetail>;

export const itemAnswer = z.strictObject({
  key: z.string().max(40),
  result: z.enum(itemResults),
  note: z.string().trim().max(500).optional(),
  photos: z.array(z.number().int().positive()).max(6).default([]),
});
export type ItemAnswer = z.infer<typeof itemAnswer>;

/** Saves answers (a draft, or the last ones with `finish`). */
export const roundAnswers = z.strictObject({
  version: z.number().int().nonnegative(),
  items: z.array(itemAnswer).max(60),
  finish: z.boolean().default(false),
});

export const roundFileParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  fileId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const coverageQuery = z.strictObject({
  planId: z.coerce.number().int().positive(),
  /** any day of the cycle; today by default */
  on: isoDate.optional(),
});

const share = z.object({
  covered: z.number(),
  total: z.number(),
  /** percent with one decimal, null when there is nothing to inspect */
  rate: z.number().nullable(),
});

export const coverage = z.object({
  plan: z.object({ id: z.number(), name: z.string(), type: z.enum(planTypes), cadence: z.enum(cadences) }),
  cycle: z.object({ start: z.string(), end: z.string() }),
  total: share.extend({ pending: z.number(), late: z.number() }),
  byStreet: z.array(share.extend({ street: ref })),
  byCommunity: z.array(share.extend({ community: ref, street: ref })),
});
export type Coverage = z.infer<typeof coverage>;
