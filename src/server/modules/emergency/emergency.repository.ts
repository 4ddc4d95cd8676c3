import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { roleAssignments, users } from '../auth/auth.table';
import { communities, streets } from '../org/org.table';
import {
  dutyRoster,
  emergencyDispatches,
  materialMovements,
  materials,
  safetyTeamMembers,
  safetyTeams,
} from './emergency.table';

export type TeamRow = typeof safetyTeams.$inferSelect;
export type MaterialRow = typeof materials.$inferSelect;
export type DispatchRow = typeof emergencyDispatches.$inferSelect;

// ---------------------------------------------------------------------------------------------
// teams

export function teamsOf(db: Executor, districtId: number) {
  return db
    .select()
    .from(safetyTeams)
    .where(eq(safetyTeams.districtId, districtId))
    .orderBy(asc(safetyTeams.kind), asc(safetyTeams.id));
}

export function teamById(db: Executor, districtId: number, id: number) {
  return db
    .select()
    .from(safetyTeams)
    .where(and(eq(safetyTeams.id, id), eq(safetyTeams.districtId, districtId)))
    .then((r) => r[0] ?? null);
}

export async function membersOf(db: Executor, teamIds: number[]) {
  if (!teamIds.length) return [];
  return db
    .select({
      teamId: safetyTeamMembers.teamId,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
    })
    .from(safetyTeamMembers)
    .innerJoin(users, eq(users.id, safetyTeamMembers.userId))
    .where(inArray(safetyTeamMembers.teamId, teamIds))
    .orderBy(asc(users.username));
}

/** The teams a user belongs to. */
export async function teamIdsOfUser(db: Executor, userId: number): Promise<number[]> {
  const rows = await db
    .select({ teamId: safetyTeamMembers.teamId })
    .from(safetyTeamMembers)
    .where(eq(safetyTeamMembers.userId, userId))
    .orderBy(asc(safetyTeamMembers.teamId));
  return rows.map((r) => r.teamId);
}

export async function isMember(db: Executor, teamId: number, userId: number): Promise<boolean> {
  const rows = await db
    .select({ teamId: safetyTeamMembers.teamId })
    .from(safetyTeamMembers)
    .where(and(eq(safetyTeamMembers.teamId, teamId), eq(safetyTeamMembers.userId, userId)));
  return rows.length > 0;
}

/** Staff who can be on a team: active users of the district holding a field role. */
export async function teamCandidates(db: Executor, districtId: number) {
  const r = await db.execute<{ id: number; username: string; display_name: string; roles: string[] }>(sql`
    select u.id, u.username, u.display_name, array_agg(distinct r.role order by r.role) as roles
    from user_account u join role_assignment r on r.user_id = u.id
    where r.district_id = ${districtId} and u.status = 'active'
      and r.role in ('inspector', 'emergency', 'street', 'property', 'district_admin')
    group by u.id order by u.username`);
  return r.rows.map((u) => ({
    userId: Number(u.id),
    username: u.username,
    displayName: u.display_name,
    roles: u.roles,
  }));
}

export async function existingUsers(db: Executor, districtId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectDistinct({ id: roleAssignments.userId })
    .from(roleAssignments)
    .where(and(inArray(roleAssignments.userId, ids), eq(roleAssignments.districtId, districtId)));
  return new Set(rows.map((r) => Number(r.id)));
}

export function insertTeam(db: Executor, v: typeof safetyTeams.$inferInsert) {
  return db
    .insert(safetyTeams)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

export function updateTeam(db: Executor, id: number, version: number, patch: Partial<TeamRow>) {
  return db
    .update(safetyTeams)
    .set({ ...patch, version: sql`${safetyTeams.version} + 1` })
    .where(and(eq(safetyTeams.id, id), eq(safetyTeams.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export async function setMembers(db: Executor, teamId: number, userIds: number[]) {
  await db.delete(safetyTeamMembers).where(eq(safetyTeamMembers.teamId, teamId));
  if (userIds.length)
    await db.insert(safetyTeamMembers).values([...new Set(userIds)].map((userId) => ({ teamId, userId })));
}

// ---------------------------------------------------------------------------------------------
// roster

export function rosterBetween(db: Executor, districtId: number, from: string, to: string) {
  return db
    .select({
      day: dutyRoster.day,
      teamId: dutyRoster.teamId,
      teamName: safetyTeams.name,
      note: dutyRoster.note,
    })
    .from(dutyRoster)
    .innerJoin(safetyTeams, eq(safetyTeams.id, dutyRoster.teamId))
    .where(and(eq(dutyRoster.districtId, districtId), sql`${dutyRoster.day} between ${from} and ${to}`))
    .orderBy(asc(dutyRoster.day));
}

export function rosterOn(db: Executor, districtId: number, day: string) {
  return db
    .select()
    .from(dutyRoster)
    .where(and(eq(dutyRoster.districtId, districtId), eq(dutyRoster.day, day)))
    .then((r) => r[0] ?? null);
}

export async function upsertRoster(db: Executor, v: typeof dutyRoster.$inferInsert) {
  const rows = await db
    .insert(dutyRoster)
    .values(v)
    .onConflictDoUpdate({
      target: [dutyRoster.districtId, dutyRoster.day],
      set: { teamId: v.teamId, note: v.note ?? null, setBy: v.setBy, setAt: sql`now()` },
    })
    .returning();
  return rows[0]!;
}

// ---------------------------------------------------------------------------------------------
// materials

export function materialsOf(db: Executor, districtId: number) {
  return db.select().from(materials).where(eq(materials.districtId, districtId)).orderBy(asc(materials.id));
}

export function materialById(db: Executor, districtId: number, id: number, lock = false) {
  const q = db
    .select()
    .from(materials)
    .where(and(eq(materials.id, id), eq(materials.districtId, districtId)));
  return (lock ? q.for('update') : q).then((r) => r[0] ?? null);
}

export function insertMaterial(db: Executor, v: typeof materials.$inferInsert) {
  return db
    .insert(materials)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export async function moveStock(
  db: Executor,
  m: MaterialRow,
  v: {
    kind: string;
    delta: number;
    hazardId: number | null;
    note: string | null;
    byUserId: number | null;
    byLabel: string;
  },
) {
  const balance = m.stock + v.delta;
  const [movement] = await db
    .insert(materialMovements)
    .values({ materialId: m.id, balance, ...v })
    .returning();
  const [after] = await db
    .update(materials)
    .set({ stock: balance, version: sql`${materials.version} + 1` })
    .where(eq(materials.id, m.id))
    .returning();
  return { movement: movement!, after: after! };
}

export function movementsOf(db: Executor, materialId: number, limit: number, before: number | null) {
  return db
    .select()
    .from(materialMovements)
    .where(
      and(
        eq(materialMovements.materialId, materialId),
        before ? lt(materialMovements.id, before) : undefined,
      ),
    )
    .orderBy(desc(materialMovements.id))
    .limit(limit + 1);
}

// ---------------------------------------------------------------------------------------------
// dispatches

const dispatchColumns = {
  d: emergencyDispatches,
  teamName: safetyTeams.name,
  streetName: streets.name,
  communityName: communities.name,
  caseNumber: sql<string | null>`cr.number`,
  caseTitle: sql<string | null>`cr.title`,
  caseState: sql<string | null>`cr.state`,
  hazardTitle: sql<string | null>`hz.title`,
  hazardStatus: sql<string | null>`hz.status`,
  hazardFoundAt: sql<Date | null>`hz.found_at`,
};

function dispatchBase(db: Executor) {
  return db
    .select(dispatchColumns)
    .from(emergencyDispatches)
    .innerJoin(safetyTeams, eq(safetyTeams.id, emergencyDispatches.teamId))
    .innerJoin(streets, eq(streets.id, emergencyDispatches.streetId))
    .innerJoin(communities, eq(communities.id, emergencyDispatches.communityId))
    .leftJoin(sql`case_record cr`, sql`cr.id = ${emergencyDispatches.caseId}`)
    .leftJoin(sql`hazard hz`, sql`hz.id = ${emergencyDispatches.hazardId}`);
}

export type DispatchListRow = Awaited<ReturnType<typeof dispatchBase>>[number];

function dispatchScope(actor: Actor, teamIds: number[]): SQL {
  const scoped = scopeFilter(actor, 'emergency.read', {
    streetId: emergencyDispatches.streetId,
    communityId: emergencyDispatches.communityId,
  });
  return teamIds.length ? sql`(${scoped} or ${inArray(emergencyDispatches.teamId, teamIds)})` : scoped;
}

export function listDispatches(
  db: Executor,
  actor: Actor,
  teamIds: number[],
  q: { mine?: boolean; open?: boolean; limit: number },
  before: number | null,
) {
  return dispatchBase(db)
    .where(
      and(
        dispatchScope(actor, teamIds),
        q.mine ? (teamIds.length ? inArray(emergencyDispatches.teamId, teamIds) : sql`false`) : undefined,
        q.open ? sql`${emergencyDispatches.status} <> 'done'` : undefined,
        before ? lt(emergencyDispatches.id, before) : undefined,
      ),
    )
    .orderBy(desc(emergencyDispatches.id))
    .limit(q.limit + 1);
}

export function findDispatch(db: Executor, actor: Actor, teamIds: number[], id: number) {
  return dispatchBase(db)
    .where(and(eq(emergencyDispatches.id, id), dispatchScope(actor, teamIds)))
    .then((r) => r[0] ?? null);
}

export function insertDispatch(db: Executor, v: typeof emergencyDispatches.$inferInsert) {
  return db
    .insert(emergencyDispatches)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

export function updateDispatch(db: Executor, id: number, version: number, patch: Partial<DispatchRow>) {
  return db
    .update(emergencyDispatches)
    .set({ ...patch, version: sql`${emergencyDispatches.version} + 1` })
    .where(and(eq(emergencyDispatches.id, id), eq(emergencyDispatches.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

/** Closes the open assignment of a hazard (repaired, or sent to another team). */
export function finishHazardDispatch(db: Executor, hazardId: number, at: Date, note: string | null) {
  return db
    .update(emergencyDispatches)
    .set({ status: 'done', doneAt: at, note, version: sql`${emergencyDispatches.version} + 1` })
    .where(and(eq(emergencyDispatches.hazardId, hazardId), sql`${emergencyDispatches.doneAt} is null`))
    .returning();
}

export async function openDispatchCount(db: Executor, teamId: number) {
  const r = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(emergencyDispatches)
    .where(and(eq(emergencyDispatches.teamId, teamId), sql`${emergencyDispatches.status} <> 'done'`));
  return r[0]?.n ?? 0;
}

/** The case as the emergency centre needs it to send it out. */
export async function caseForDispatch(db: Executor, caseId: number) {
  const r = await db.execute<{
    id: number;
    street_id: number;
    community_id: number;
    urgency: string;
    state: string;
    emergency_task: boolean;
  }>(sql`
    select c.id, c.street_id, c.community_id, c.urgency, c.state,
           exists (select 1 from case_task t where t.case_id = c.id and t.unit_kind = 'emergency_team'
                   and t.status in ('pending', 'accepted')) as emergency_task
    from case_record c where c.id = ${caseId}`);
  return r.rows[0] ?? null;
}

/**
 * Sends every open emergency case not yet sent to a team to the on-duty team of `day`, in one
 * statement; the unique key on case_id makes concurrent sweeps insert each case once.
 */
export async function dispatchOpenEmergencyCases(db: Executor, day: string) {
  const r = await db.execute<{ id: number; case_id: number; street_id: number; team_id: number }>(sql`
    insert into emergency_dispatch (street_id, community_id, team_id, case_id, assigned_by)
    select c.street_id, c.community_id, r.team_id, c.id, 'on-duty'
    from case_record c
    join street s on s.id = c.street_id
    join duty_roster r on r.district_id = s.district_id and r.day = ${day}
    where c.state in ('dispatched', 'in_progress')
      and exists (select 1 from case_task t where t.case_id = c.id and t.unit_kind = 'emergency_team'
                  and t.status in ('pending', 'accepted'))
      and not exists (select 1 from emergency_dispatch d where d.case_id = c.id)
    on conflict do nothing
    returning id, case_id, street_id, team_id`);
  return r.rows.map((x) => ({
    id: Number(x.id),
    caseId: Number(x.case_id),
    streetId: Number(x.street_id),
    teamId: Number(x.team_id),
  }));
}

export async function hazardExists(db: Executor, id: number): Promise<boolean> {
  const r = await db.execute(sql`select 1 from hazard where id = ${id}`);
  return r.rows.length > 0;
}
