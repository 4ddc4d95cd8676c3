import { filesGrants } from './files';
import { fundsGrants } from './funds';
import { mediationGrants } from './mediation';
import { orgGrants } from './org';
import { ownersGrants } from './owners';
import type { GrantTable, Reach, Role } from './roles';
import { votesGrants } from './votes';

const authGrants = {
  'audit.read': { district_admin: 'district', district_leader: 'district' },
  'users.manage': { district_admin: 'district' },
} as const;

/** Every permission of Anju, by role, merged from the domains' grant tables. */
export const grants = {
  ...orgGrants,
  ...authGrants,
  ...filesGrants,
  ...ownersGrants,
  ...votesGrants,
  ...fundsGrants,
  ...mediationGrants,
} as const satisfies GrantTable;
export type Permission = keyof typeof grants;

export function reachOf(role: Role, permission: Permission): Reach | undefined {
  return (grants[permission] as Partial<Record<Role, Reach>>)[role];
}

export function permissionsOf(roleKeys: readonly Role[]): Permission[] {
  return (Object.keys(grants) as Permission[]).filter((p) => roleKeys.some((r) => reachOf(r, p)));
}
