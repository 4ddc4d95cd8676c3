import { z } from 'zod';
import { isoDate } from './calendar';

/**
 * Fire safety (seed 二(一)2): the intact rate (完好率) of fire facilities per community from the
 * latest inspections, and the consultation of owners on a fire-facility renovation (who was asked,
 * who agreed).
 */
export const consultationAnswers = ['pending', 'agree', 'disagree', 'abstain'] as const;
export type ConsultationAnswer = (typeof consultationAnswers)[number];
export const consultationStatuses = ['open', 'closed'] as const;

export const firesafetyGrants = {
  'firesafety.read': {
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
  'firesafety.consult': {
    district_admin: 'district',
    street: 'place',
    committee: 'place',
    owners_committee: 'place',
  },
} as const;

export const intactRateQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
});

const ref = z.object({ id: z.number(), name: z.string() });

const rate = z.object({
  intact: z.number(),
  defective: z.number(),
  unchecked: z.number(),
  /** percent with one decimal of the checked facilities; null when none was checked */
  rate: z.number().nullable(),
});

export const intactRates = z.object({
  total: rate,
  byCommunity: z.array(rate.extend({ community: ref, street: ref, lastCheckedAt: z.string().nullable() })),
  byKind: z.array(rate.extend({ kind: z.string() })),
});

export const consultationInput = z.strictObject({
  communityId: z.number().int().positive(),
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().min(2).max(2000),
  /** owners of every unit of these buildings are asked */
  buildingIds: z.array(z.number().int().positive()).min(1).max(50),
  closesOn: isoDate,
});

export const consultationListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
});

const tally = z.object({
  asked: z.number(),
  agree: z.number(),
  disagree: z.number(),
  abstain: z.number(),
  pending: z.number(),
  /** exclusive area of the agreeing units, m² as a decimal string */
  agreeArea: z.string(),
  totalArea: z.string(),
});

export const consultation = z.object({
  id: z.number(),
  street: ref,
  community: ref,
  title: z.string(),
  description: z.string(),
  openedOn: z.string(),
  closesOn: z.string(),
  status: z.enum(consultationStatuses),
  createdBy: z.string(),
  tally,
  version: z.number(),
});

export const consultationDetail = consultation.extend({
  responses: z.array(
    z.object({
      unitId: z.number(),
      building: z.string(),
      unit: z.string(),
      area: z.string(),
      answer: z.enum(consultationAnswers),
      respondent: z.string().nullable(),
      answeredAt: z.string().nullable(),
      recordedBy: z.string().nullable(),
    }),
  ),
  abilities: z.object({ record: z.boolean() }),
});

export const consultationResponses = z.strictObject({
  version: z.number().int().nonnegative(),
  responses: z
    .array(
      z.strictObject({
        unitId: z.number().int().positive(),
        answer: z.enum(consultationAnswers).exclude(['pending']),
        respondent: z.string().trim().min(1).max(40).optional(),
      }),
    )
    .min(1)
    .max(500),
});

export const consultationClose = z.strictObject({ version: z.number().int().nonnegative() });
