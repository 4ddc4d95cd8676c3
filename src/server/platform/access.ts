import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { FastifyRequest } from 'fastify';
import type { Language } from '../../contracts/auth';
import { type Permission, permissionsOf, reachOf } from '../../contracts/permissions';
import type { Role } from '../../contracts/roles';
import { AppError, forbidden, unauthenticated } from './errors';

export interface RoleAssignment {
  role: Role;
  districtId: number;
  streetId: number | null;
  committeeId: number | null;
  communityId: number | null;
  departmentId: number | null;
  organizationId: number | null;
  unitId: number | null;
}

/**
 * Where one grant reaches: the whole district, or one place of the hierarchy. Property companies
 * reach the communities they manage; departments reach what their domain routes to them.
 */
export type Place =
  | { level: 'district'; districtId: number }
  | { level: 'street'; streetId: number }
  | { level: 'committee'; committeeId: number; streetId: number | null }
  | { level: 'community'; communityId: number; streetId: number | null; unitId: number | null }
  | { level: 'organization'; organizationId: number }
  | { level: 'department'; departmentId: number; streetId: number | null };

export function placeOf(a: RoleAssignment): Place {
  if (a.communityId !== null)
    return { level: 'community', communityId: a.communityId, streetId: a.streetId, unitId: a.unitId };
  if (a.committeeId !== null) return { level: 'committee', committeeId: a.committeeId, streetId: a.streetId };
  if (a.organizationId !== null) return { level: 'organization', organizationId: a.organizationId };
  if (a.departmentId !== null)
    return { level: 'department', departmentId: a.departmentId, streetId: a.streetId };
  if (a.streetId !== null) return { level: 'street', streetId: a.streetId };
  return { level: 'district', districtId: a.districtId };
}

/** The signed-in user as every use case sees them. */
export class Actor {
  readonly permissions: ReadonlySet<Permission>;

  constructor(
    readonly userId: number,
    readonly username: string,
    readonly displayName: string,
    readonly assignments: readonly RoleAssignment[],
    readonly lang: Language = 'zh-CN',
    readonly ip: string | null = null,
  ) {
    this.permissions = new Set(permissionsOf(assignments.map((a) => a.role)));
  }

  get roles(): Role[] {
    return [...new Set(this.assignments.map((a) => a.role))];
  }

  hasRole(role: Role): boolean {
    return this.assignments.some((a) => a.role === role);
  }

  can(permission: Permission): boolean {
    return this.permissions.has(permission);
  }

  /** The places where `permission` reaches for this user; empty when it does not. */
  reach(permission: Permission): Place[] {
    const places: Place[] = [];
    for (const a of this.assignments) {
      const reach = reachOf(a.role, permission);
      if (reach === 'district') places.push({ level: 'district', districtId: a.districtId });
      else if (reach === 'place') places.push(placeOf(a));
    }
    return places;
  }

  /** The audit log's view of this user. */
  get audit(): { userId: number | null; label: string; ip: string | null } {
    return { userId: this.userId, label: this.username, ip: this.ip };
  }
}

/** Columns a place-bound table offers to the scope filter. */
export interface ScopeColumns {
  streetId: AnyPgColumn | SQL;
  communityId?: AnyPgColumn | SQL;
  committeeId?: AnyPgColumn | SQL;
}

/** How a domain maps organization- and department-level places onto its rows. */
export interface ScopeExtensions {
  organization?: (organizationId: number) => SQL;
  department?: (departmentId: number, streetId: number | null) => SQL;
}

/**
 * The row filter for `permission`: the union of every place it reaches. Repositories always apply
 * it, so a record outside the caller's places is simply not found (404), never shown.
 */
export function scopeFilter(
  actor: Actor,
  permission: Permission,
  cols: ScopeColumns,
  ext: ScopeExtensions = {},
): SQL {
  const parts: SQL[] = [];
  for (const place of actor.reach(permission)) {
    switch (place.level) {
      case 'district':
        parts.push(sql`${cols.streetId} in (select id from street where district_id = ${place.districtId})`);
        break;
      case 'street':
        parts.push(sql`${cols.streetId} = ${place.streetId}`);
        break;
      case 'committee':
        parts.push(
          cols.committeeId
            ? sql`${cols.committeeId} = ${place.committeeId}`
            : cols.communityId
              ? sql`${cols.communityId} in (select id from community where committee_id = ${place.committeeId})`
              : sql`false`,
        );
        break;
      case 'community':
        parts.push(cols.communityId ? sql`${cols.communityId} = ${place.communityId}` : sql`false`);
        break;
      case 'organization':
        parts.push(
          ext.organization
            ? ext.organization(place.organizationId)
            : cols.communityId
              ? sql`${cols.communityId} in (select id from community where property_org_id = ${place.organizationId})`
              : sql`false`,
        );
        break;
      case 'department':
        parts.push(ext.department ? ext.department(place.departmentId, place.streetId) : sql`false`);
        break;
    }
  }
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` or `)})`;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** the session's stage when it is signed in but not through its second factor yet */
    pendingStage: string | null;
    lang: Language;
  }
}

/** Coarse route guard: 401 without a session, 403 when none of the user's roles has `permission`. */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest) => {
    actorOf(request, permission);
  };
}

export function actorOf(request: FastifyRequest, permission?: Permission): Actor {
  const actor = request.actor;
  if (!actor)
    throw unauthenticated(request.pendingStage ? 'auth.second_factor_required' : 'auth.unauthenticated');
  if (permission && !actor.can(permission)) throw forbidden();
  return actor;
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!actor.can(permission)) throw new AppError('auth.forbidden', 403);
}
