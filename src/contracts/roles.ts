/** Role keys of SPEC section 1. The demo accounts are named after them. */
export const roles = [
  'district_admin',
  'district_leader',
  'department',
  'street',
  'committee',
  'property',
  'owners_committee',
  'resident',
  'inspector',
  'emergency',
  'mediator',
] as const;
export type Role = (typeof roles)[number];

/** Roles that are staff (not residents): TOTP is offered to them and required in production. */
export const staffRoles: readonly Role[] = roles.filter((r) => r !== 'resident');

/**
 * How far a granted permission reaches.
 * - `district`: every record of the caller's district (read-only roles, district departments).
 * - `place`: only records under the place of the role assignment (street, committee, community,
 *   the communities a property company manages ...).
 */
export type Reach = 'district' | 'place';

/** permission → role → reach. Each domain exports one table; `permissions.ts` merges them. */
export type GrantTable = Record<string, Partial<Record<Role, Reach>>>;
