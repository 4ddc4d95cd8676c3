import { assessmentGrants } from './assessment';
import { assetsGrants } from './assets';
import { auditGrants } from './audit';
import { calendarGrants } from './calendar';
import { casesGrants } from './cases';
import { dutiesGrants } from './duties';
import { emergencyGrants } from './emergency';
import { filesGrants } from './files';
import { firesafetyGrants } from './firesafety';
import { fundsGrants } from './funds';
import { hazardsGrants } from './hazards';
import { inspectionsGrants } from './inspections';
import { integrationsGrants } from './integrations';
import { legacyGrants } from './legacy';
import { mediationGrants } from './mediation';
import { orgGrants } from './org';
import { ownersGrants } from './owners';
import { planGrants } from './plan';
import { projectsGrants } from './projects';
import type { GrantTable, Reach, Role } from './roles';
import { screenGrants } from './screen';
import { usersGrants } from './users';
import { votesGrants } from './votes';
import { warrantiesGrants } from './warranties';
import { waterloggingGrants } from './waterlogging';

/** Every permission of Anju, by role, merged from the domains' grant tables. */
export const grants = {
  ...orgGrants,
  ...auditGrants,
  ...usersGrants,
  ...calendarGrants,
  ...dutiesGrants,
  ...casesGrants,
  ...filesGrants,
  ...assetsGrants,
  ...inspectionsGrants,
  ...hazardsGrants,
  ...emergencyGrants,
  ...firesafetyGrants,
  ...warrantiesGrants,
  ...legacyGrants,
  ...waterloggingGrants,
  ...ownersGrants,
  ...votesGrants,
  ...fundsGrants,
  ...mediationGrants,
  ...integrationsGrants,
  ...assessmentGrants,
  ...projectsGrants,
  ...planGrants,
  ...screenGrants,
} as const satisfies GrantTable;
export type Permission = keyof typeof grants;

export function reachOf(role: Role, permission: Permission): Reach | undefined {
  return (grants[permission] as Partial<Record<Role, Reach>>)[role];
}

export function permissionsOf(roleKeys: readonly Role[]): Permission[] {
  return (Object.keys(grants) as Permission[]).filter((p) => roleKeys.some((r) => reachOf(r, p)));
}
