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
