import { z } from 'zod';
import { passwordString } from './auth';
import { roles } from './roles';

export const usersGrants = {
  'users.manage': { district_admin: 'district' },
} as const;

const id = z.number().int().positive();

/** One role at one place; which place fields a role needs is checked by the server. */
export const roleAssignmentInput = z.strictObject({
  role: z.enum(roles),
  streetId: id.optional(),
  committeeId: id.optional(),
  communityId: id.optional(),
  departmentId: id.optional(),
  organizationId: id.optional(),
  unitId: id.optional(),
});
export type RoleAssignmentInput = z.infer<typeof roleAssignmentInput>;

export const userStatuses = ['active', 'disabled'] as const;

export const userListQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
  role: z.enum(roles).optional(),
  status: z.enum(userStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const createUserBody = z.strictObject({
  username: z.string().trim().min(2).max(64),
  displayName: z.string().trim().min(1).max(64),
  password: passwordString,
  phone: z.string().trim().max(20).optional(),
  roles: z.array(roleAssignmentInput).min(1).max(10),
});

export const updateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  status: z.enum(userStatuses).optional(),
  roles: z.array(roleAssignmentInput).min(1).max(10).optional(),
});

export const setPasswordBody = z.strictObject({ password: passwordString });

const placeView = z.object({ level: z.string(), id: z.number(), name: z.string() }).nullable();

export const userView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(userStatuses),
  isDemo: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  phone: z.string().nullable(),
  roles: z.array(z.object({ role: z.enum(roles), place: placeView, assignment: roleAssignmentInput })),
});
export type UserView = z.infer<typeof userView>;

export const userPage = z.object({
  items: z.array(userView),
  nextCursor: z.string().nullable(),
  total: z.number(),
});
