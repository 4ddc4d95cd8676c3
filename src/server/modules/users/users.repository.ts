import { and, asc, eq, gt, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { persons, roleAssignments, sessions, users } from '../auth/auth.table';
import { committees, communities, departments, organizations, streets, units } from '../org/org.table';

export type AssignmentRow = typeof roleAssignments.$inferInsert;

/** Users of a district: those holding a role there, or none at all (just created, or stripped). */
function inDistrict(districtId: number): SQL {
  return sql`(exists (select 1 from role_assignment r where r.user_id = ${users.id} and r.district_id = ${districtId})
              or not exists (select 1 from role_assignment r where r.user_id = ${users.id}))`;
}

export async function listUsers(
  db: Executor,
  districtId: number,
  q: { q?: string; role?: string; status?: string; limit: number },
  after: readonly [string, number] | null,
) {
  const conditions: (SQL | undefined)[] = [inDistrict(districtId)];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.username, like), ilike(users.displayName, like)));
  }
  if (q.role)
    conditions.push(
      sql`exists (select 1 from role_assignment r where r.user_id = ${users.id} and r.role = ${q.role})`,
    );
  if (q.status) conditions.push(eq(users.status, q.status));
  const filter = and(...conditions);
  const keyset = after
    ? or(gt(users.username, after[0]), and(eq(users.username, after[0]), gt(users.id, after[1])))
    : undefined;
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(users)
      .where(and(filter, keyset))
      .orderBy(asc(users.username), asc(users.id))
      .limit(q.limit + 1),
    after
      ? Promise.resolve(-1)
      : db
          .select({ n: sql<number>`count(*)::int` })
          .from(users)
          .where(filter)
          .then((r) => r[0]?.n ?? 0),
  ]);
  return { rows, total };
}

export function userInDistrict(db: Executor, districtId: number, id: number) {
  return db
    .select()
    .from(users)
    .where(and(eq(users.id, id), inDistrict(districtId)))
    .then((r) => r[0]);
}

export function phonesOf(db: Executor, personIds: number[]) {
  if (!personIds.length) return Promise.resolve([]);
  return db
    .select({ id: persons.id, phoneEnc: persons.phoneEnc })
    .from(persons)
    .where(sql`${persons.id} in ${personIds}`);
}

export async function insertPerson(db: Executor, values: typeof persons.$inferInsert) {
  const rows = await db.insert(persons).values(values).returning({ id: persons.id });
  return rows[0]!.id;
}

export async function replaceAssignments(db: Executor, userId: number, rows: AssignmentRow[]) {
  await db.delete(roleAssignments).where(eq(roleAssignments.userId, userId));
  if (rows.length) await db.insert(roleAssignments).values(rows);
}

export async function endSessions(db: Executor, userId: number) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

// Places, to check that a role's place exists and to derive its street.
export const placeLookups = {
  street: (db: Executor, id: number, districtId: number) =>
    db
      .select({ streetId: streets.id })
      .from(streets)
      .where(and(eq(streets.id, id), eq(streets.districtId, districtId)))
      .then((r) => r[0]),
  committee: (db: Executor, id: number) =>
    db
      .select({ streetId: committees.streetId })
      .from(committees)
      .where(eq(committees.id, id))
      .then((r) => r[0]),
  community: (db: Executor, id: number) =>
    db
      .select({ streetId: communities.streetId })
      .from(communities)
      .where(eq(communities.id, id))
      .then((r) => r[0]),
  unit: (db: Executor, id: number) =>
    db
      .select({ communityId: units.communityId, streetId: units.streetId })
      .from(units)
      .where(eq(units.id, id))
      .then((r) => r[0]),
  department: (db: Executor, id: number, districtId: number) =>
    db
      .select({ streetId: departments.streetId })
      .from(departments)
      .where(and(eq(departments.id, id), eq(departments.districtId, districtId)))
      .then((r) => r[0]),
  organization: (db: Executor, id: number) =>
    db
      .select({ kind: organizations.kind })
      .from(organizations)
      .where(eq(organizations.id, id))
      .then((r) => r[0]),
};

/** Where a role is held, for finding who to tell: every given field must match the assignment. */
export interface StaffPlace {
  role: string;
  streetId?: number;
  committeeId?: number;
  communityId?: number;
  organizationId?: number;
  departmentId?: number;
  /** only assignments at the street itself (not at a committee or community of it) */
  streetLevel?: boolean;
}

/** Active users holding a role at one of these places, each once. */
export async function activeUsersAt(db: Executor, places: StaffPlace[]): Promise<number[]> {
  if (!places.length) return [];
  const match = places.map((p) =>
    and(
      eq(roleAssignments.role, p.role),
      p.streetId !== undefined ? eq(roleAssignments.streetId, p.streetId) : undefined,
      p.committeeId !== undefined ? eq(roleAssignments.committeeId, p.committeeId) : undefined,
      p.communityId !== undefined ? eq(roleAssignments.communityId, p.communityId) : undefined,
      p.organizationId !== undefined ? eq(roleAssignments.organizationId, p.organizationId) : undefined,
      p.departmentId !== undefined ? eq(roleAssignments.departmentId, p.departmentId) : undefined,
      p.streetLevel
        ? sql`${roleAssignments.committeeId} is null and ${roleAssignments.communityId} is null`
        : undefined,
    ),
  );
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(users.status, 'active'), or(...match)))
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}
