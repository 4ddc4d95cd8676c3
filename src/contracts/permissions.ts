import { auditGrants } from './audit';
import { calendarGrants } from './calendar';
import { casesGrants } from './cases';
import { dutiesGrants } from './duties';
import { filesGrants } from './files';
import { fundsGrants } from './funds';
import { integrationsGrants } from './integrations';
import { mediationGrants } from './mediation';
import { orgGrants } from './org';
import { ownersGrants } from './owners';
import type { GrantTable, Reach, Role } from './roles';
import { usersGrants } from './users';
import { votesGrants } from './votes';

/** Every permission of Anju, by role, merged from the domains' grant tables. */
export const grants = {
  ...orgGrants,
  ...auditGrants,
  ...usersGrants,
  ...calendarGrants,
  ...dutiesGrants,
  ...casesGrants,
  ...filesGrants,
  ...ownersGrants,
  ...votesGrants,
  ...fundsGrants,
  ...mediationGrants,
  ...integrationsGrants,
} as const satisfies GrantTable;
export type Permission = keyof typeof grants;

export function reachOf(role: Role, permission: Permission): Reach | undefined {
  return (grants[permission] as Partial<Record<Role, Reach>>)[role];
}

export function permissionsOf(roleKeys: readonly Role[]): Permission[] {
  return (Object.keys(grants) as Permission[]).filter((p) => roleKeys.some((r) => reachOf(r, p)));
}
