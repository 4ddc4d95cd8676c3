import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Permission } from '../../../contracts/permissions';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { files } from '../../platform/files/files.table';
import { departments, organizations, streets } from '../org/org.table';
import type { TaskSeed, UnitSeed } from './plan.seed';
import {
  planFollowUps,
  planMeetings,
  planPhases,
  planProgress,
  planReviews,
  planTasks,
  planTaskUnits,
} from './plan.table';

export type TaskRow = typeof planTasks.$inferSelect;
export type UnitRow = typeof planTaskUnits.$inferSelect;
export type ProgressRow = typeof planProgress.$inferSelect;
export type ReviewRow = typeof planReviews.$inferSelect;
export type MeetingRow = typeof planMeetings.$inferSelect;
export type FollowUpRow = typeof planFollowUps.$inferSelect;

/**
 * The tasks `permission` reaches: the district's for district-wide grants; for a street or a
 * department, the tasks it is a responsible unit of.
 */
export function taskScope(actor: Actor, permission: Permission): SQL {
  const parts: SQL[] = [];
  for (const p of actor.reach(permission)) {
    if (p.level === 'district') parts.push(sql`${planTasks.districtId} = ${p.districtId}`);
    else if (p.level === 'street')
      parts.push(
        sql`exists (select 1 from plan_task_unit u where u.task_id = ${planTasks.id} and u.kind = 'street' and u.street_id = ${p.streetId})`,
      );
    else if (p.level === 'department')
      parts.push(
        sql`exists (select 1 from plan_task_unit u where u.task_id = ${planTasks.id} and u.kind = 'department' and u.department_id = ${p.departmentId})`,
      );
  }
  if (!parts.length) return sql`false`;
  return parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` or `)})`;
}

export interface TaskFilter {
  phase?: string;
  departmentId?: number;
  streetId?: number;
  organizationId?: number;
}

function unitFilter(q: TaskFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (q.departmentId) parts.push(sql`(u.kind = 'department' and u.department_id = ${q.departmentId})`);
  if (q.streetId) parts.push(sql`(u.kind = 'street' and u.street_id = ${q.streetId})`);
  if (q.organizationId)
    parts.push(sql`(u.kind = 'organization' and u.organization_id = ${q.organizationId})`);
  if (!parts.length) return undefined;
  return sql`exists (select 1 from plan_task_unit u where u.task_id = ${planTasks.id} and ${sql.join(parts, sql` and `)})`;
}

export function listTasks(db: Executor, actor: Actor, q: TaskFilter) {
  return db
    .select()
    .from(planTasks)
    .where(
      and(taskScope(actor, 'plan.read'), q.phase ? eq(planTasks.phase, q.phase) : undefined, unitFilter(q)),
    )
    .orderBy(asc(planTasks.seq));
}

export function findTask(db: Executor, actor: Actor, id: number, permission: Permission = 'plan.read') {
  return db
    .select()
    .from(planTasks)
    .where(and(eq(planTasks.id, id), taskScope(actor, permission)))
    .then((r) => r[0] ?? null);
}

const unitColumns = {
  u: planTaskUnits,
  departmentName: departments.name,
  departmentNameEn: departments.nameEn,
  streetName: streets.name,
  streetNameEn: streets.nameEn,
  organizationName: organizations.name,
};
export type UnitListRow = {
  u: UnitRow;
  departmentName: string | null;
  departmentNameEn: string | null;
  streetName: string | null;
  streetNameEn: string | null;
  organizationName: string | null;
};

export function unitsOf(db: Executor, taskIds: number[]): Promise<UnitListRow[]> {
  if (!taskIds.length) return Promise.resolve([]);
  return db
    .select(unitColumns)
    .from(planTaskUnits)
    .leftJoin(departments, eq(departments.id, planTaskUnits.departmentId))
    .leftJoin(streets, eq(streets.id, planTaskUnits.streetId))
    .leftJoin(organizations, eq(organizations.id, planTaskUnits.organizationId))
    .where(inArray(planTaskUnits.taskId, taskIds))
    .orderBy(
      asc(planTaskUnits.taskId),
      sql`case ${planTaskUnits.role} when 'lead' then 0 else 1 end`,
      sql`case ${planTaskUnits.kind} when 'department' then 0 when 'street' then 1 else 2 end`,
      asc(planTaskUnits.id),
    );
}

/** Every responsible unit of the district's plan, once each (for the filters and follow-up owners). */
export function districtUnits(db: Executor, districtId: number) {
  return db
    .selectDistinct({
      kind: planTaskUnits.kind,
      departmentId: planTaskUnits.departmentId,
      streetId: planTaskUnits.streetId,
      organizationId: planTaskUnits.organizationId,
      departmentName: departments.name,
      departmentNameEn: departments.nameEn,
      streetName: streets.name,
      streetNameEn: streets.nameEn,
      organizationName: organizations.name,
    })
    .from(planTaskUnits)
    .innerJoin(planTasks, eq(planTasks.id, planTaskUnits.taskId))
    .leftJoin(departments, eq(departments.id, planTaskUnits.departmentId))
    .leftJoin(streets, eq(streets.id, planTaskUnits.streetId))
    .leftJoin(organizations, eq(organizations.id, planTaskUnits.organizationId))
    .where(eq(planTasks.districtId, districtId));
}

export function phasesOf(db: Executor, districtId: number) {
  return db
    .select()
    .from(planPhases)
    .where(eq(planPhases.districtId, districtId))
    .orderBy(asc(planPhases.seq));
}

/** Locks the unit row, so two reports of one unit are checked against each other in turn. */
export function lockUnit(tx: Executor, taskId: number, unitId: number) {
  return tx
    .select()
    .from(planTaskUnits)
    .where(and(eq(planTaskUnits.id, unitId), eq(planTaskUnits.taskId, taskId)))
    .for('update')
    .then((r) => r[0] ?? null);
}

export function insertProgress(tx: Executor, v: typeof planProgress.$inferInsert) {
  return tx
    .insert(planProgress)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function setUnitProgress(tx: Executor, unitId: number, percent: number, reportedOn: string) {
  return tx
    .update(planTaskUnits)
    .set({ percent, lastReportedOn: sql`greatest(${planTaskUnits.lastReportedOn}, ${reportedOn}::date)` })
    .where(eq(planTaskUnits.id, unitId))
    .returning()
    .then((r) => r[0]!);
}

/** Moves the task on (status, version + 1); with `version`, only if nobody changed it meanwhile. */
export function bumpTask(tx: Executor, id: number, status: string, version?: number) {
  return tx
    .update(planTasks)
    .set({ status, version: sql`${planTasks.version} + 1` })
    .where(and(eq(planTasks.id, id), version === undefined ? undefined : eq(planTasks.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function progressOf(db: Executor, taskId: number) {
  return db
    .select()
    .from(planProgress)
    .where(eq(planProgress.taskId, taskId))
    .orderBy(desc(planProgress.createdAt), desc(planProgress.id));
}

export function reviewsOf(db: Executor, taskId: number) {
  return db
    .select()
    .from(planReviews)
    .where(eq(planReviews.taskId, taskId))
    .orderBy(desc(planReviews.createdAt), desc(planReviews.id));
}

export function insertReview(tx: Executor, v: typeof planReviews.$inferInsert) {
  return tx
    .insert(planReviews)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function fileNames(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size })
    .from(files)
    .where(inArray(files.id, ids));
}

/** Whether the file is evidence of a progress report of the task. */
export function isEvidenceOf(db: Executor, taskId: number, fileId: number) {
  return db
    .select({ id: planProgress.id })
    .from(planProgress)
    .where(
      and(
        eq(planProgress.taskId, taskId),
        sql`${planProgress.fileIds} @> ${JSON.stringify([fileId])}::jsonb`,
      ),
    )
    .limit(1)
    .then((r) => r.length > 0);
}

// ------------------------------------------------------------------------------------- meetings

export function listMeetings(db: Executor, districtId: number, year?: number) {
  return db
    .select({
      m: planMeetings,
      followUps: sql<number>`(select count(*)::int from plan_follow_up f where f.meeting_id = plan_meeting.id)`,
      open: sql<number>`(select count(*)::int from plan_follow_up f where f.meeting_id = plan_meeting.id and f.done_on is null)`,
      overdue: sql<number>`(select count(*)::int from plan_follow_up f where f.meeting_id = plan_meeting.id and f.done_on is null and f.due_on < (now() at time zone 'Asia/Shanghai')::date)`,
    })
    .from(planMeetings)
    .where(
      and(
        eq(planMeetings.districtId, districtId),
        year ? sql`extract(year from ${planMeetings.heldOn}) = ${year}` : undefined,
      ),
    )
    .orderBy(desc(planMeetings.heldOn), desc(planMeetings.id));
}

export function findMeeting(db: Executor, districtId: number, id: number) {
  return db
    .select()
    .from(planMeetings)
    .where(and(eq(planMeetings.id, id), eq(planMeetings.districtId, districtId)))
    .then((r) => r[0] ?? null);
}

export function followUpsOf(db: Executor, where: { meetingId?: number; taskId?: number }) {
  return db
    .select({
      f: planFollowUps,
      heldOn: planMeetings.heldOn,
      taskCode: planTasks.code,
      taskTitle: planTasks.title,
      taskTitleEn: planTasks.titleEn,
    })
    .from(planFollowUps)
    .innerJoin(planMeetings, eq(planMeetings.id, planFollowUps.meetingId))
    .leftJoin(planTasks, eq(planTasks.id, planFollowUps.taskId))
    .where(
      and(
        where.meetingId ? eq(planFollowUps.meetingId, where.meetingId) : undefined,
        where.taskId ? eq(planFollowUps.taskId, where.taskId) : undefined,
      ),
    )
    .orderBy(asc(planFollowUps.meetingId), asc(planFollowUps.seq));
}

export function insertMeeting(tx: Executor, v: typeof planMeetings.$inferInsert) {
  return tx
    .insert(planMeetings)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function insertFollowUps(tx: Executor, rows: (typeof planFollowUps.$inferInsert)[]) {
  if (!rows.length) return Promise.resolve([]);
  return tx.insert(planFollowUps).values(rows).returning();
}

export function finishFollowUp(
  tx: Executor,
  meetingId: number,
  id: number,
  doneOn: string,
  doneNote: string,
) {
  return tx
    .update(planFollowUps)
    .set({ doneOn, doneNote, version: sql`${planFollowUps.version} + 1` })
    .where(
      and(
        eq(planFollowUps.id, id),
        eq(planFollowUps.meetingId, meetingId),
        sql`${planFollowUps.doneOn} is null`,
      ),
    )
    .returning()
    .then((r) => r[0] ?? null);
}

export function findFollowUp(db: Executor, meetingId: number, id: number) {
  return db
    .select()
    .from(planFollowUps)
    .where(and(eq(planFollowUps.id, id), eq(planFollowUps.meetingId, meetingId)))
    .then((r) => r[0] ?? null);
}

/** Task ids of the district among `ids` (follow-ups may only point at the district's own tasks). */
export function districtTaskIds(db: Executor, districtId: number, ids: number[]) {
  if (!ids.length) return Promise.resolve([] as number[]);
  return db
    .select({ id: planTasks.id })
    .from(planTasks)
    .where(and(eq(planTasks.districtId, districtId), inArray(planTasks.id, ids)))
    .then((r) => r.map((x) => x.id));
}

// ---------------------------------------------------------------------------------------- seed

/** Writes the district plan's phases, tasks and units; a district that has them is left alone. */
export async function insertPlan(
  tx: Executor,
  districtId: number,
  phases: { code: string; startsOn: string; endsOn: string }[],
  tasks: TaskSeed[],
): Promise<{ tasks: number; units: number }> {
  const existing = await tx
    .select({ id: planPhases.id })
    .from(planPhases)
    .where(eq(planPhases.districtId, districtId));
  if (existing.length) return { tasks: 0, units: 0 };
  await tx.insert(planPhases).values(phases.map((p, i) => ({ districtId, seq: i + 1, ...p })));
  const depts = await tx
    .select({ id: departments.id, code: departments.code })
    .from(departments)
    .where(and(eq(departments.districtId, districtId), sql`${departments.streetId} is null`));
  const deptId = new Map(depts.map((x) => [x.code.split('-').pop()!, x.id]));
  const streetIds = (
    await tx
      .select({ id: streets.id })
      .from(streets)
      .where(eq(streets.districtId, districtId))
      .orderBy(asc(streets.id))
  ).map((s) => s.id);
  const orgs = await tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.kind, 'enterprise_group'));
  const resolve = (u: UnitSeed): Omit<typeof planTaskUnits.$inferInsert, 'taskId' | 'role'>[] => {
    if ('dept' in u) {
      const id = deptId.get(u.dept);
      return id ? [{ kind: 'department', departmentId: id }] : [];
    }
    if ('streets' in u) return streetIds.map((id) => ({ kind: 'street', streetId: id }));
    const org = orgs.find((o) => o.name.includes(u.group.replace('集团', '')));
    return org ? [{ kind: 'organization', organizationId: org.id }] : [];
  };
  let units = 0;
  for (const [i, t] of tasks.entries()) {
    const task = (
      await tx
        .insert(planTasks)
        .values({
          districtId,
          code: t.code,
          clause: t.clause,
          seq: i + 1,
          title: t.title,
          titleEn: t.titleEn,
          phase: t.phase,
        })
        .returning({ id: planTasks.id })
    )[0]!;
    const rows = [
      ...t.lead.flatMap(resolve).map((u) => ({ ...u, role: 'lead' })),
      ...t.co.flatMap(resolve).map((u) => ({ ...u, role: 'co' })),
    ].map((u) => ({ ...u, taskId: task.id }));
    if (rows.length) await tx.insert(planTaskUnits).values(rows).onConflictDoNothing();
    units += rows.length;
  }
  return { tasks: tasks.length, units };
}
