import { z } from 'zod';
import { isoDate } from './calendar';

/**
 * The district emergency centre (区应急中心): inspection teams (巡查队) and repair teams (抢险队),
 * the on-duty roster, materials with stock movements, and repair assignments to the on-duty team.
 * Inspection and repair are kept apart (查抢分离): a team never repairs what it found.
 */
export const teamKinds = ['inspection', 'repair'] as const;
export type TeamKind = (typeof teamKinds)[number];

export const dispatchStatuses = ['assigned', 'arrived', 'done'] as const;
export type DispatchStatus = (typeof dispatchStatuses)[number];

export const movementKinds = ['in', 'out', 'adjust'] as const;
export type MovementKind = (typeof movementKinds)[number];

export const emergencyGrants = {
  'emergency.read': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'district',
    inspector: 'district',
    emergency: 'district',
  },
  /** teams, members and the on-duty roster */
  'emergency.manage': { district_admin: 'district' },
  /** materials and their stock movements */
  'emergency.stock': { district_admin: 'district', emergency: 'district' },
  /** send work to the on-duty team, report arrival and completion */
  'emergency.respond': { district_admin: 'district', emergency: 'district' },
} as const;

const name = z.string().trim().min(2).max(60);
const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: 'phone' });

export const teamInput = z.strictObject({
  kind: z.enum(teamKinds),
  name,
  leaderName: z.string().trim().min(1).max(40).optional(),
  phone: phone.optional(),
  memberUserIds: z.array(z.number().int().positive()).max(50).default([]),
});
export type TeamInput = z.infer<typeof teamInput>;

export const teamPatch = z.strictObject({
  version: z.number().int().nonnegative(),
  name: name.optional(),
  leaderName: z.string().trim().min(1).max(40).nullable().optional(),
  phone: phone.nullable().optional(),
  active: z.boolean().optional(),
  memberUserIds: z.array(z.number().int().positive()).max(50).optional(),
});

const member = z.object({ userId: z.number(), username: z.string(), displayName: z.string() });

export const team = z.object({
  id: z.number(),
  kind: z.enum(teamKinds),
  name: z.string(),
  leaderName: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  members: z.array(member),
  onDutyToday: z.boolean(),
  mine: z.boolean(),
  version: z.number(),
});
export type Team = z.infer<typeof team>;

export const teamList = z.object({
  items: z.array(team),
  abilities: z.object({ manage: z.boolean() }),
});

export const teamCandidate = member.extend({ roles: z.array(z.string()) });

export const rosterQuery = z.strictObject({ from: isoDate, to: isoDate });

export const rosterEntry = z.object({
  date: z.string(),
  team: z.object({ id: z.number(), name: z.string() }),
  note: z.string().nullable(),
});

export const rosterList = z.object({
  items: z.array(rosterEntry),
  today: z.string(),
  abilities: z.object({ manage: z.boolean() }),
});

export const rosterInput = z.strictObject({
  teamId: z.number().int().positive(),
  note: z.string().trim().max(200).optional(),
});

export const rosterParams = z.strictObject({ date: isoDate });

export const materialInput = z.strictObject({
  name: z.string().trim().min(1).max(60),
  spec: z.string().trim().max(60).optional(),
  unit: z.string().trim().min(1).max(10),
  minStock: z.number().int().min(0).max(1_000_000).default(0),
  location: z.string().trim().max(100).optional(),
});

export const material = z.object({
  id: z.number(),
  name: z.string(),
  spec: z.string().nullable(),
  unit: z.string(),
  stock: z.number(),
  minStock: z.number(),
  location: z.string().nullable(),
  low: z.boolean(),
  version: z.number(),
});
export type Material = z.infer<typeof material>;

export const materialList = z.object({
  items: z.array(material),
  abilities: z.object({ stock: z.boolean() }),
});

/** `in` and `out` move a quantity; `adjust` sets the counted stock (stocktaking). */
export const movementInput = z.strictObject({
  kind: z.enum(movementKinds),
  quantity: z.number().int().min(0).max(1_000_000),
  hazardId: z.number().int().positive().optional(),
  note: z.string().trim().max(200).optional(),
});

export const movement = z.object({
  id: z.number(),
  materialId: z.number(),
  kind: z.enum(movementKinds),
  delta: z.number(),
  balance: z.number(),
  hazardId: z.number().nullable(),
  note: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});

export const movementPage = z.object({ items: z.array(movement), nextCursor: z.string().nullable() });

export const dispatch = z.object({
  id: z.number(),
  team: z.object({ id: z.number(), name: z.string() }),
  status: z.enum(dispatchStatuses),
  case: z.object({ id: z.number(), number: z.string(), title: z.string(), state: z.string() }).nullable(),
  hazard: z.object({ id: z.number(), number: z.string(), title: z.string(), status: z.string() }).nullable(),
  street: z.object({ id: z.number(), name: z.string() }),
  community: z.object({ id: z.number(), name: z.string() }),
  assignedAt: z.string(),
  assignedBy: z.string(),
  arrivedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
  mine: z.boolean(),
  version: z.number(),
});
export type Dispatch = z.infer<typeof dispatch>;

export const dispatchListQuery = z.strictObject({
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const dispatchPage = z.object({ items: z.array(dispatch), nextCursor: z.string().nullable() });

/** Sends an emergency case to today's on-duty repair team. */
export const dispatchInput = z.strictObject({ caseId: z.number().int().positive() });

export const dispatchStep = z.strictObject({
  version: z.number().int().nonnegative(),
  note: z.string().trim().max(500).optional(),
});

export const dispatchStepParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  step: z.enum(['arrive', 'done']),
});

export const onDuty = z.object({
  date: z.string(),
  team: team.nullable(),
  openDispatches: z.number(),
});
