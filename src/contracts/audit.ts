import { z } from 'zod';

export const auditGrants = {
  'audit.read': { district_admin: 'district', district_leader: 'district' },
  'audit.verify': { district_admin: 'district' },
} as const;

export const auditListQuery = z.strictObject({
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(40).optional(),
  action: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(64).optional(),
  streetId: z.coerce.number().int().positive().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const auditEntry = z.object({
  chain: z.number(),
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  actorUserId: z.number().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  street: z.object({ id: z.number(), name: z.string() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntry>;

export const auditPage = z.object({ items: z.array(auditEntry), nextCursor: z.string().nullable() });

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  chains: z.number(),
  rows: z.number(),
  broken: z.object({ chain: z.number(), seq: z.number(), reason: z.string() }).optional(),
  checkedAt: z.string(),
});
