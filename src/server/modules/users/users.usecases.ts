import type { z } from 'zod';
import type { Role } from '../../../contracts/roles';
import type {
  createUserBody,
  RoleAssignmentInput,
  UserView,
  updateUserBody,
  userListQuery,
} from '../../../contracts/users';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { hashPassword } from '../../platform/crypto';
import { AppError, fieldError } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import * as auth from '../auth/auth.repository';
import { createUser, forgetUserSessions, normalizePhone } from '../auth/auth.usecases';
import { cannotDisableSelf, placeRequired, placeUnknown, userNotFound } from './users.errors';
import * as repo from './users.repository';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'user.updated': { before: Record<string, unknown>; after: Record<string, unknown> };
    'user.unlocked': { before: { lockedUntil: string | null } };
    'user.totp_reset': { before: { totpEnabled: boolean } };
    'user.password_set': { after: { passwordChangedAt: string } };
  }
}

function districtOf(actor: Actor): number {
  for (const place of actor.reach('users.manage')) if (place.level === 'district') return place.districtId;
  throw new AppError('auth.forbidden', 403);
}

/** What each role needs as its place (SPEC 1); the street is derived from the place. */
const placeFieldOf: Partial<Record<Role, keyof RoleAssignmentInput>> = {
  department: 'departmentId',
  street: 'streetId',
  committee: 'committeeId',
  property: 'organizationId',
  owners_committee: 'communityId',
  resident: 'communityId',
};

/** Checks every role's place against the register and completes it into assignment rows. */
export async function resolveAssignments(
  db: Executor,
  districtId: number,
  inputs: RoleAssignmentInput[],
): Promise<Omit<repo.AssignmentRow, 'userId'>[]> {
  const out: Omit<repo.AssignmentRow, 'userId'>[] = [];
  for (const [i, input] of inputs.entries()) {
    const required = placeFieldOf[input.role];
    if (required && !input[required]) throw placeRequired(i, required);
    let streetId = input.streetId ?? null;
    if (input.committeeId) {
      const c = await repo.placeLookups.committee(db, input.committeeId);
      if (!c) throw placeUnknown(i, 'committeeId');
      streetId = c.streetId;
    }
    if (input.communityId) {
      const c = await repo.placeLookups.community(db, input.communityId);
      if (!c) throw placeUnknown(i, 'communityId');
      streetId = c.streetId;
    }
    if (input.unitId) {
      const u = await repo.placeLookups.unit(db, input.unitId);
      if (!u || (input.communityId && u.communityId !== input.communityId)) throw placeUnknown(i, 'unitId');
    }
    if (input.departmentId) {
      const d = await repo.placeLookups.department(db, input.departmentId, districtId);
      if (!d) throw placeUnknown(i, 'departmentId');
      streetId = d.streetId ?? streetId;
    }
    if (input.organizationId) {
      const o = await repo.placeLookups.organization(db, input.organizationId);
      if (!o || (input.role === 'property' && o.kind !== 'property_company'))
        throw placeUnknown(i, 'organizationId');
    }
    if (streetId !== null && !(await repo.placeLookups.street(db, streetId, districtId))) {
      throw placeUnknown(i, input.streetId ? 'streetId' : (required ?? 'streetId'));
    }
    out.push({
      role: input.role,
      districtId,
      streetId,
      committeeId: input.committeeId ?? null,
      communityId: input.communityId ?? null,
      departmentId: input.departmentId ?? null,
      organizationId: input.organizationId ?? null,
      unitId: input.unitId ?? null,
    });
  }
  return out;
}

function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

async function present(ctx: AppContext, rows: auth.UserRow[]): Promise<UserView[]> {
  const assignments = await auth.assignmentPlaces(
    ctx.db,
    rows.map((r) => r.id),
  );
  const phones = await repo.phonesOf(
    ctx.db,
    rows.flatMap((r) => (r.personId ? [r.personId] : [])),
  );
  const phoneOf = new Map(
    phones.map((p) => [p.id, p.phoneEnc ? maskPhone(ctx.cipher.decrypt(p.phoneEnc)) : null]),
  );
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    status: u.status as UserView['status'],
    isDemo: u.isDemo,
    totpEnabled: u.totpEnabled,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
    phone: u.personId ? (phoneOf.get(u.personId) ?? null) : null,
    roles: assignments
      .filter((a) => a.user_id === u.id)
      .map((a) => ({
        role: a.role as Role,
        place: a.place_id !== null ? { level: a.level, id: a.place_id, name: a.name ?? '' } : null,
        assignment: {
          role: a.role as Role,
          ...(a.street_id ? { streetId: a.street_id } : {}),
          ...(a.committee_id ? { committeeId: a.committee_id } : {}),
          ...(a.community_id ? { communityId: a.community_id } : {}),
          ...(a.department_id ? { departmentId: a.department_id } : {}),
          ...(a.organization_id ? { organizationId: a.organization_id } : {}),
          ...(a.unit_id ? { unitId: a.unit_id } : {}),
        },
      })),
  }));
}

export async function listUsers(ctx: AppContext, actor: Actor, query: z.infer<typeof userListQuery>) {
  assertCan(actor, 'users.manage');
  const after = decodeCursor<[string, number]>(query.cursor, ['string', 'number']);
  const { rows, total } = await repo.listUsers(ctx.db, districtOf(actor), query, after);
  const result = page(rows, query.limit, (r) => [r.username, r.id]);
  return { items: await present(ctx, result.items), nextCursor: result.nextCursor, total };
}

export async function getUser(ctx: AppContext, actor: Actor, id: number): Promise<UserView> {
  assertCan(actor, 'users.manage');
  const user = await repo.userInDistrict(ctx.db, districtOf(actor), id);
  if (!user) throw userNotFound();
  return (await present(ctx, [user]))[0]!;
}

export async function createUserByAdmin(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof createUserBody>,
) {
  assertCan(actor, 'users.manage');
  const districtId = districtOf(actor);
  const roles = await resolveAssignments(ctx.db, districtId, input.roles);
  let personId: number | null = null;
  if (input.phone) {
    const phone = normalizePhone(input.phone);
    if (!phone) throw fieldError('body.phone', 'mobile_phone');
    personId = await repo.insertPerson(ctx.db, {
      name: input.displayName,
      phoneEnc: ctx.cipher.encrypt(phone),
      phoneIndex: ctx.cipher.index(phone),
    });
  }
  const user = await createUser(ctx.db, actor.audit, {
    username: input.username,
    displayName: input.displayName,
    password: input.password,
    personId,
    roles,
  });
  return getUser(ctx, actor, user.id);
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof updateUserBody>,
) {
  assertCan(actor, 'users.manage');
  const districtId = districtOf(actor);
  const user = await repo.userInDistrict(ctx.db, districtId, id);
  if (!user) throw userNotFound();
  if (input.status === 'disabled' && id === actor.userId) throw cannotDisableSelf();
  const roles = input.roles ? await resolveAssignments(ctx.db, districtId, input.roles) : null;
  const before = await getUser(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    const patch: Partial<auth.UserRow> = {};
    if (input.displayName) patch.displayName = input.displayName;
    if (input.status) patch.status = input.status;
    if (Object.keys(patch).length) await auth.updateUser(tx, id, patch);
    if (roles)
      await repo.replaceAssignments(
        tx,
        id,
        roles.map((r) => ({ ...r, userId: id })),
      );
    // a disabled account or changed roles take effect at once: its sessions end
    if (input.status === 'disabled' || roles) await repo.endSessions(tx, id);
    forgetUserSessions(ctx, id);
    await recordAudit(tx, actor.audit, {
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      streetId: null,
      before: {
        displayName: before.displayName,
        status: before.status,
        roles: before.roles.map((r) => r.assignment),
      },
      after: {
        displayName: input.displayName ?? before.displayName,
        status: input.status ?? before.status,
        roles: roles ?? before.roles.map((r) => r.assignment),
      },
    });
  });
  return getUser(ctx, actor, id);
}

export async function unlockUser(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'users.manage');
  const user = await repo.userInDistrict(ctx.db, districtOf(actor), id);
  if (!user) throw userNotFound();
  await ctx.db.transaction(async (tx) => {
    await auth.updateUser(tx, id, { lockedUntil: null, failedLogins: 0 });
    await recordAudit(tx, actor.audit, {
      action: 'user.unlocked',
      entityType: 'user',
      entityId: id,
      streetId: null,
      before: { lockedUntil: user.lockedUntil?.toISOString() ?? null },
    });
  });
  return getUser(ctx, actor, id);
}

/** For a lost phone: the user must enrol a new authenticator at the next sign-in (required in production). */
export async function resetTotp(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'users.manage');
  const user = await repo.userInDistrict(ctx.db, districtOf(actor), id);
  if (!user) throw userNotFound();
  await ctx.db.transaction(async (tx) => {
    await auth.updateUser(tx, id, { totpEnabled: false, totpSecretEnc: null });
    await repo.endSessions(tx, id);
    forgetUserSessions(ctx, id);
    await recordAudit(tx, actor.audit, {
      action: 'user.totp_reset',
      entityType: 'user',
      entityId: id,
      streetId: null,
      before: { totpEnabled: user.totpEnabled },
    });
  });
  return getUser(ctx, actor, id);
}

export async function setPassword(ctx: AppContext, actor: Actor, id: number, password: string) {
  assertCan(actor, 'users.manage');
  const user = await repo.userInDistrict(ctx.db, districtOf(actor), id);
  if (!user) throw userNotFound();
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const updated = await auth.updateUser(tx, id, {
      passwordHash,
      passwordChangedAt: new Date(),
      isDemo: false,
    });
    await repo.endSessions(tx, id);
    forgetUserSessions(ctx, id);
    await recordAudit(tx, actor.audit, {
      action: 'user.password_set',
      entityType: 'user',
      entityId: id,
      streetId: null,
      after: { passwordChangedAt: updated.passwordChangedAt.toISOString() },
    });
  });
  return getUser(ctx, actor, id);
}

/** Who holds a role at these places (active accounts): other domains find whom to tell through this. */
export function staffAt(db: Executor, places: repo.StaffPlace[]) {
  return repo.activeUsersAt(db, places);
}
