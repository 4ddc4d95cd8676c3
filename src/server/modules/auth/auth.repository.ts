import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { RoleAssignment } from '../../platform/access';
import { loginCodes, persons, roleAssignments, sessions, users } from './auth.table';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export interface SessionWithUser {
  stage: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: number;
  username: string;
  displayName: string;
  lang: string;
  status: string;
  totpEnabled: boolean;
  roles: RoleAssignment[];
}

export function findUserByUsername(db: Executor, username: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.username, username))
    .then((r) => r[0]);
}

export function findUserById(db: Executor, id: number) {
  return db
    .select()
    .from(users)
    .where(eq(users.id, id))
    .then((r) => r[0]);
}

export async function updateUser(db: Executor, id: number, patch: Partial<typeof users.$inferInsert>) {
  const rows = await db.update(users).set(patch).where(eq(users.id, id)).returning();
  return rows[0]!;
}

export async function insertUser(db: Executor, values: typeof users.$inferInsert) {
  const rows = await db.insert(users).values(values).returning();
  return rows[0]!;
}

export async function insertRoleAssignments(db: Executor, values: (typeof roleAssignments.$inferInsert)[]) {
  if (values.length) await db.insert(roleAssignments).values(values);
}

export function roleAssignmentsOf(db: Executor, userId: number): Promise<RoleAssignment[]> {
  return db
    .select({
      role: roleAssignments.role,
      districtId: roleAssignments.districtId,
      streetId: roleAssignments.streetId,
      committeeId: roleAssignments.committeeId,
      communityId: roleAssignments.communityId,
      departmentId: roleAssignments.departmentId,
      organizationId: roleAssignments.organizationId,
      unitId: roleAssignments.unitId,
    })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId))
    .orderBy(roleAssignments.id) as Promise<RoleAssignment[]>;
}

export type AssignmentPlace = {
  user_id: number;
  role: string;
  street_id: number | null;
  committee_id: number | null;
  community_id: number | null;
  department_id: number | null;
  organization_id: number | null;
  unit_id: number | null;
  /** the most specific place of the assignment: unit, community, committee ... district */
  level: string;
  place_id: number | null;
  name: string | null;
};

/** The role assignments of some users with the level and name of each one's place. */
export async function assignmentPlaces(db: Executor, userIds: number[]): Promise<AssignmentPlace[]> {
  if (!userIds.length) return [];
  const rows = await db.execute<AssignmentPlace>(sql`
    select r.user_id, r.role, r.street_id, r.committee_id, r.community_id, r.department_id, r.organization_id, r.unit_id,
      case when r.unit_id is not null then 'unit' when r.community_id is not null then 'community'
           when r.committee_id is not null then 'committee' when r.organization_id is not null then 'organization'
           when r.department_id is not null then 'department' when r.street_id is not null then 'street'
           else 'district' end as level,
      coalesce(r.unit_id, r.community_id, r.committee_id, r.organization_id, r.department_id, r.street_id, r.district_id) as place_id,
      coalesce(
        (select c.name || ' ' || b.name || '-' || u.number from unit u join building b on b.id = u.building_id
           join community c on c.id = u.community_id where u.id = r.unit_id),
        (select name from community where id = r.community_id),
        (select name from committee where id = r.committee_id),
        (select name from organization where id = r.organization_id),
        (select name from department where id = r.department_id),
        (select name from street where id = r.street_id),
        (select name from district where id = r.district_id)) as name
    from role_assignment r where r.user_id in ${userIds} order by r.id`);
  return rows.rows;
}

export async function insertSession(db: Executor, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: Executor, userId: number, exceptTokenHash?: string) {
  await db
    .delete(sessions)
    .where(
      exceptTokenHash
        ? and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${exceptTokenHash}`)
        : eq(sessions.userId, userId),
    );
}

export async function activateSession(db: Executor, tokenHash: string, hours: number) {
  await db
    .update(sessions)
    .set({ stage: 'active', expiresAt: sql`now() + make_interval(hours => ${hours})` })
    .where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Executor, idleMinutes: number): Promise<number> {
  const result = await db.execute(sql`
    delete from session where expires_at < now() or last_seen_at < now() - make_interval(mins => ${idleMinutes})`);
  await db.execute(sql`delete from login_code where created_at < now() - interval '1 day'`);
  return result.rowCount ?? 0;
}

/**
 * Every request runs this: the session, its user and their roles in one round trip, with
 * last_seen_at moved forward at most once a minute so reads stay reads.
 */
export async function loadSession(db: Executor, tokenHash: string): Promise<SessionWithUser | undefined> {
  const result = await db.execute<Record<string, unknown>>(sql`
    with touched as (
      update session set last_seen_at = now()
       where token_hash = ${tokenHash} and last_seen_at < now() - interval '60 seconds'
       returning token_hash
    )
    select s.stage, s.csrf_token, s.last_seen_at, s.expires_at, u.id as user_id, u.username, u.display_name,
           u.lang, u.status, u.totp_enabled,
           coalesce((select json_agg(json_build_object(
               'role', r.role, 'districtId', r.district_id, 'streetId', r.street_id, 'committeeId', r.committee_id,
               'communityId', r.community_id, 'departmentId', r.department_id, 'organizationId', r.organization_id,
               'unitId', r.unit_id) order by r.id)
             from role_assignment r where r.user_id = u.id), '[]'::json) as roles
      from session s join user_account u on u.id = s.user_id
     where s.token_hash = ${tokenHash}`);
  const r = result.rows[0];
  if (!r) return undefined;
  return {
    stage: r.stage as string,
    csrfToken: r.csrf_token as string,
    lastSeenAt: new Date(r.last_seen_at as string),
    expiresAt: new Date(r.expires_at as string),
    userId: Number(r.user_id),
    username: r.username as string,
    displayName: r.display_name as string,
    lang: r.lang as string,
    status: r.status as string,
    totpEnabled: r.totp_enabled as boolean,
    roles: r.roles as RoleAssignment[],
  };
}

export async function countDemoUsers(db: Executor): Promise<number> {
  const result = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from user_account where is_demo`,
  );
  return result.rows[0]?.n ?? 0;
}

export async function recentLoginCode(db: Executor, phoneIndex: string, seconds: number) {
  const rows = await db
    .select({ id: loginCodes.id })
    .from(loginCodes)
    .where(
      and(
        eq(loginCodes.phoneIndex, phoneIndex),
        gt(loginCodes.createdAt, sql`now() - make_interval(secs => ${seconds})`),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function insertLoginCode(db: Executor, values: typeof loginCodes.$inferInsert) {
  await db.insert(loginCodes).values(values);
}

export function latestLoginCode(db: Executor, phoneIndex: string) {
  return db
    .select()
    .from(loginCodes)
    .where(and(eq(loginCodes.phoneIndex, phoneIndex), isNull(loginCodes.consumedAt)))
    .orderBy(desc(loginCodes.createdAt))
    .limit(1)
    .then((r) => r[0]);
}

export async function countLoginCodeAttempt(db: Executor, id: number) {
  await db
    .update(loginCodes)
    .set({ attempts: sql`${loginCodes.attempts} + 1` })
    .where(eq(loginCodes.id, id));
}

export async function consumeLoginCode(db: Executor, id: number) {
  await db.update(loginCodes).set({ consumedAt: new Date() }).where(eq(loginCodes.id, id));
}

/** The account of a resident whose person record has this phone (SM3-keyed index). */
export function residentUserByPhoneIndex(db: Executor, phoneIndex: string) {
  return db
    .select({ user: users })
    .from(users)
    .innerJoin(persons, eq(persons.id, users.personId))
    .where(
      and(
        eq(persons.phoneIndex, phoneIndex),
        sql`exists (select 1 from role_assignment r where r.user_id = ${users.id} and r.role = 'resident')`,
        sql`not exists (select 1 from role_assignment r where r.user_id = ${users.id} and r.role <> 'resident')`,
      ),
    )
    .orderBy(users.id)
    .limit(1)
    .then((r) => r[0]?.user);
}

export function demoUsers(db: Executor) {
  return db.select().from(users).where(eq(users.isDemo, true)).orderBy(users.id);
}

/** Deletes a user (roles and sessions cascade); false when other records still refer to it. */
export async function tryDeleteUser(db: Executor, id: number): Promise<boolean> {
  try {
    return await db.transaction(async (sp) => {
      await sp.delete(users).where(eq(users.id, id));
      return true;
    });
  } catch (err) {
    if ((err as { cause?: { code?: string }; code?: string }).cause?.code === '23503') return false;
    if ((err as { code?: string }).code === '23503') return false;
    throw err;
  }
}

/** A demo account that cannot be deleted: no roles, no sessions, no usable password, not demo. */
export async function disableDemoUser(db: Executor, id: number) {
  await db.delete(roleAssignments).where(eq(roleAssignments.userId, id));
  await db.delete(sessions).where(eq(sessions.userId, id));
  await db
    .update(users)
    .set({ isDemo: false, status: 'disabled', passwordHash: '!', totpEnabled: false, totpSecretEnc: null })
    .where(eq(users.id, id));
}

export async function deleteUnreferencedPersons(db: Executor, ids: number[]) {
  for (const id of ids) {
    try {
      await db.transaction(async (sp) => {
        await sp.execute(
          sql`delete from person where id = ${id} and not exists (select 1 from user_account where person_id = ${id})`,
        );
      });
    } catch (err) {
      const code =
        (err as { cause?: { code?: string }; code?: string }).cause?.code ?? (err as { code?: string }).code;
      if (code !== '23503') throw err;
    }
  }
}

/** Active accounts holding `role` in the district of a street (e.g. the housing bureau, 区房管局). */
export async function activeUsersWithRoleForStreet(db: Executor, role: string, streetId: number) {
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.role, role),
        eq(users.status, 'active'),
        sql`${roleAssignments.districtId} = (select district_id from street where id = ${streetId})`,
      ),
    );
  return rows.map((r) => r.id);
}
