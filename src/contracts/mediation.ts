import { z } from 'zod';
import { cursorParam, dateString, langParam, listLimit, page, ref } from './owners';

// People's mediation (人民调解) of property disputes, seed 二(三)6: a committee at district level and
// one per street, mediators, cases with parties, sessions and agreements, a 30-day default limit.

export const mediationGrants = {
  'mediation.read': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    mediator: 'place',
  },
  /** accept cases, hold sessions, record agreements and outcomes */
  'mediation.manage': { mediator: 'place' },
  /** committees and their mediators */
  'mediation.admin': { district_admin: 'district', street: 'place' },
  'mediation.export': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    mediator: 'place',
  },
} as const;

/** days a mediation should take unless extended (人民调解法: generally within 30 days) */
export const MEDIATION_DEFAULT_DAYS = 30;
export const committeeLevels = ['district', 'street'] as const;
export const disputeTypes = [
  'property_fee',
  'service_quality',
  'repair',
  'water_leak',
  'noise',
  'parking',
  'renovation',
  'common_parts',
  'neighbour',
  'other',
] as const;
export const mediationStatuses = ['accepted', 'in_progress', 'agreed', 'failed', 'withdrawn'] as const;
export type MediationStatus = (typeof mediationStatuses)[number];
export const partyRoles = ['applicant', 'respondent'] as const;
export const partyKinds = ['person', 'property_company', 'owners_committee', 'organization'] as const;

export const mediationCommittee = z.object({
  id: z.number(),
  level: z.enum(committeeLevels),
  street: ref.nullable(),
  name: z.string(),
  mediators: z.array(
    z.object({ id: z.number(), name: z.string(), userId: z.number().nullable(), active: z.boolean() }),
  ),
});
export const mediationCommitteeList = z.object({ items: z.array(mediationCommittee) });
export const addMediationCommitteeBody = z.strictObject({
  level: z.enum(committeeLevels),
  streetId: z.number().int().positive().optional(),
  name: z.string().trim().min(2).max(100),
});
export const addMediatorBody = z.strictObject({
  name: z.string().trim().min(1).max(50),
  /** the mediator's Anju account, if they have one */
  userId: z.number().int().positive().optional(),
});

export const mediationParty = z.object({
  role: z.enum(partyRoles),
  kind: z.enum(partyKinds),
  name: z.string(),
  /** masked */
  phone: z.string().nullable(),
});
export const mediationCaseSummary = z.object({
  id: z.number(),
  committee: ref,
  street: ref,
  community: ref.nullable(),
  mediator: ref.nullable(),
  disputeType: z.enum(disputeTypes),
  title: z.string(),
  status: z.enum(mediationStatuses),
  receivedOn: z.string(),
  dueOn: z.string(),
  closedOn: z.string().nullable(),
  overdue: z.boolean(),
  parties: z.array(mediationParty),
});
export const mediationCaseListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  committeeId: z.coerce.number().int().positive().optional(),
  status: z.enum(mediationStatuses).optional(),
  disputeType: z.enum(disputeTypes).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export type MediationCaseListQuery = z.infer<typeof mediationCaseListQuery>;
export const mediationCaseExportQuery = mediationCaseListQuery
  .omit({ limit: true, cursor: true })
  .extend({ lang: langParam });
export const mediationCasePage = page(mediationCaseSummary);

export const mediationCaseDetail = mediationCaseSummary.extend({
  description: z.string(),
  sessions: z.array(
    z.object({ id: z.number(), heldOn: z.string(), place: z.string(), notes: z.string(), by: z.string() }),
  ),
  agreement: z
    .object({
      text: z.string(),
      signedOn: z.string(),
      fileId: z.number().nullable(),
      fulfilled: z.boolean().nullable(),
    })
    .nullable(),
  outcomeNote: z.string().nullable(),
  extensions: z.array(z.object({ days: z.number(), reason: z.string(), at: z.string() })),
  version: z.number(),
  abilities: z.object({ addSession: z.boolean(), close: z.boolean(), extend: z.boolean() }),
});

export const createMediationCaseBody = z.strictObject({
  committeeId: z.number().int().positive(),
  communityId: z.number().int().positive().optional(),
  disputeType: z.enum(disputeTypes),
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(20000).default(''),
  receivedOn: dateString,
  /** default 30 days */
  limitDays: z.number().int().min(1).max(90).optional(),
  mediatorId: z.number().int().positive().optional(),
  parties: z
    .array(
      z.strictObject({
        role: z.enum(partyRoles),
        kind: z.enum(partyKinds),
        name: z.string().trim().min(1).max(100),
        phone: z
          .string()
          .trim()
          .regex(/^1[3-9]\d{9}$/, { message: 'phone' })
          .optional(),
      }),
    )
    .min(2)
    .max(20),
});
export type CreateMediationCaseBody = z.infer<typeof createMediationCaseBody>;
export const addSessionBody = z.strictObject({
  version: z.number().int().nonnegative(),
  heldOn: dateString,
  place: z.string().trim().min(1).max(200),
  notes: z.string().trim().min(1).max(20000),
});
export const closeMediationBody = z.strictObject({
  version: z.number().int().nonnegative(),
  outcome: z.enum(['agreed', 'failed', 'withdrawn']),
  closedOn: dateString,
  note: z.string().trim().max(5000).optional(),
  /** required when agreed: the mediation agreement (调解协议书) */
  agreement: z
    .strictObject({
      text: z.string().trim().min(1).max(20000),
      signedOn: dateString,
      fileId: z.number().int().positive().optional(),
    })
    .optional(),
});
export type CloseMediationBody = z.infer<typeof closeMediationBody>;
export const extendMediationBody = z.strictObject({
  version: z.number().int().nonnegative(),
  days: z.number().int().min(1).max(60),
  reason: z.string().trim().min(2).max(500),
});
export const mediationStatsQuery = z.strictObject({
  from: dateString.optional(),
  to: dateString.optional(),
  streetId: z.coerce.number().int().positive().optional(),
});
export const mediationStats = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  received: z.number(),
  open: z.number(),
  overdue: z.number(),
  agreed: z.number(),
  failed: z.number(),
  withdrawn: z.number(),
  /** 调解成功率: agreed / (agreed + failed); withdrawn cases are left out */
  successPercent: z.string(),
  byType: z.array(z.object({ disputeType: z.enum(disputeTypes), received: z.number(), agreed: z.number() })),
});
