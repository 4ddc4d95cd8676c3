import type { z } from 'zod';
import type {
  followUpDoneInput,
  meetingInput,
  PlanPhase,
  progressInput,
  reviewInput,
  TaskState,
  taskUnit,
  unitKinds,
} from '../../../contracts/plan';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { AppError, fieldError, notFound, versionConflict } from '../../platform/errors';
import { fileContent, findFileMeta } from '../../platform/files/files';
import { districtOf } from '../org/org.places';
import * as repo from './plan.repository';
import { phaseSeeds, taskSeeds } from './plan.seed';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'plan.seeded': { after: { tasks: number; units: number } };
    'plan_task.progress_reported': { before: repo.UnitRow; after: repo.ProgressRow };
    'plan_task.accepted': { before: repo.TaskRow; after: repo.ReviewRow };
    'plan_task.returned': { before: repo.TaskRow; after: repo.ReviewRow };
    'plan_meeting.recorded': { after: { meeting: repo.MeetingRow; followUps: repo.FollowUpRow[] } };
    'plan_follow_up.done': { before: repo.FollowUpRow; after: repo.FollowUpRow };
  }
}

export interface Clock {
  now?: Date;
}

const taskNotFound = () => notFound('plan_task');
const meetingNotFound = () => notFound('plan_meeting');
type UnitKind = (typeof unitKinds)[number];
type TaskUnit = z.infer<typeof taskUnit>;

function unitRef(r: repo.UnitListRow | Awaited<ReturnType<typeof repo.districtUnits>>[number]) {
  const u = 'u' in r ? r.u : r;
  const kind = u.kind as UnitKind;
  const refId =
    (kind === 'department' ? u.departmentId : kind === 'street' ? u.streetId : u.organizationId) ?? 0;
  const name =
    (kind === 'department' ? r.departmentName : kind === 'street' ? r.streetName : r.organizationName) ?? '';
  const nameEn =
    (kind === 'department' ? r.departmentNameEn : kind === 'street' ? r.streetNameEn : r.organizationName) ??
    name;
  return { kind, refId, name, nameEn };
}

function presentUnit(r: repo.UnitListRow): TaskUnit {
  return {
    id: r.u.id,
    role: r.u.role as 'lead' | 'co',
    ...unitRef(r),
    percent: r.u.percent,
    lastReportedOn: r.u.lastReportedOn,
  };
}

/** The task's state from its stored status and its units' latest reports. */
export function stateOf(status: string, percents: number[]): TaskState {
  if (status === 'accepted') return 'accepted';
  if (status === 'returned') return 'returned';
  if (percents.length && percents.every((p) => p === 100)) return 'completed';
  return percents.some((p) => p > 0) ? 'in_progress' : 'not_started';
}

const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);

function summarize(t: repo.TaskRow, units: TaskUnit[], phaseEnd: Map<string, string>, today: string) {
  const percents = units.map((u) => u.percent);
  const state = stateOf(t.status, percents);
  const dueOn = phaseEnd.get(t.phase) ?? '';
  return {
    id: t.id,
    code: t.code,
    clause: t.clause,
    title: t.title,
    titleEn: t.titleEn,
    phase: t.phase as PlanPhase,
    dueOn,
    state,
    percent: mean(percents),
    overdue: Boolean(dueOn) && dueOn < today && state !== 'accepted' && state !== 'completed',
    units,
    version: t.version,
  };
}

async function phaseEnds(db: Executor, districtId: number) {
  const phases = await repo.phasesOf(db, districtId);
  return { phases, end: new Map(phases.map((p) => [p.code, p.endsOn])) };
}

/** The units of a task the actor may report progress for. */
function progressUnits(actor: Actor, t: repo.TaskRow, units: TaskUnit[]): number[] {
  if (t.status === 'accepted' || !actor.can('plan.progress')) return [];
  const ids = new Set<number>();
  for (const p of actor.reach('plan.progress')) {
    for (const u of units) {
      if (p.level === 'district' && p.districtId === t.districtId) ids.add(u.id);
      else if (p.level === 'street' && u.kind === 'street' && u.refId === p.streetId) ids.add(u.id);
      else if (p.level === 'department' && u.kind === 'department' && u.refId === p.departmentId)
        ids.add(u.id);
    }
  }
  return [...ids];
}

const canReview = (actor: Actor, t: repo.TaskRow) =>
  actor.reach('plan.accept').some((p) => p.level === 'district' && p.districtId === t.districtId);

/** The plan as the caller may see it: phases, tasks with units and progress, progress by unit and phase. */
export async function planOverview(
  ctx: AppContext,
  actor: Actor,
  q: repo.TaskFilter & { state?: TaskState },
  clock: Clock = {},
) {
  const districtId = await districtOf(ctx.db, actor);
  const today = shanghaiDate(clock.now ?? new Date());
  const [{ phases, end }, rows] = await Promise.all([
    phaseEnds(ctx.db, districtId),
    repo.listTasks(ctx.db, actor, q),
  ]);
  const units = await repo.unitsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const unitsByTask = new Map<number, TaskUnit[]>();
  for (const u of units)
    unitsByTask.set(u.u.taskId, [...(unitsByTask.get(u.u.taskId) ?? []), presentUnit(u)]);
  const tasks = rows
    .map((t) => summarize(t, unitsByTask.get(t.id) ?? [], end, today))
    .filter((t) => !q.state || t.state === q.state);
  // progress by unit, over the tasks shown (a street sees only its own row's tasks)
  const byUnit = new Map<
    string,
    ReturnType<typeof unitRef> & { percents: number[]; lead: number; completed: number; accepted: number }
  >();
  for (const t of tasks)
    for (const u of t.units) {
      const key = `${u.kind}:${u.refId}`;
      const e = byUnit.get(key) ?? { ...u, percents: [], lead: 0, completed: 0, accepted: 0 };
      e.percents.push(u.percent);
      if (u.role === 'lead') e.lead++;
      if (u.percent === 100) e.completed++;
      if (t.state === 'accepted') e.accepted++;
      byUnit.set(key, e);
    }
  return {
    phases: phases.map((p) => ({ code: p.code as PlanPhase, startsOn: p.startsOn, endsOn: p.endsOn })),
    tasks,
    byUnit: [...byUnit.values()]
      .map(({ percents, kind, refId, name, nameEn, lead, completed, accepted }) => ({
        kind,
        refId,
        name,
        nameEn,
        tasks: percents.length,
        lead,
        completed,
        accepted,
        percent: mean(percents),
      }))
      .sort((a, b) => b.tasks - a.tasks || a.kind.localeCompare(b.kind) || a.refId - b.refId),
    byPhase: phases.map((p) => {
      const of = tasks.filter((t) => t.phase === p.code);
      return {
        phase: p.code as PlanPhase,
        tasks: of.length,
        accepted: of.filter((t) => t.state === 'accepted').length,
        percent: mean(of.map((t) => t.percent)),
      };
    }),
  };
}

/** One task with its units, its progress history with evidence, its reviews and meeting follow-ups. */
export async function getTask(ctx: AppContext, actor: Actor, id: number, clock: Clock = {}) {
  const t = await repo.findTask(ctx.db, actor, id);
  if (!t) throw taskNotFound();
  const today = shanghaiDate(clock.now ?? new Date());
  const [{ end }, units, progress, reviews, followUps] = await Promise.all([
    phaseEnds(ctx.db, t.districtId),
    repo.unitsOf(ctx.db, [id]),
    repo.progressOf(ctx.db, id),
    repo.reviewsOf(ctx.db, id),
    repo.followUpsOf(ctx.db, { taskId: id }),
  ]);
  const files = new Map(
    (await repo.fileNames(ctx.db, [...new Set(progress.flatMap((p) => p.fileIds))])).map((f) => [f.id, f]),
  );
  const presented = units.map(presentUnit);
  return {
    ...summarize(t, presented, end, today),
    progress: progress.map((p) => ({
      id: p.id,
      unitId: p.unitId,
      percent: p.percent,
      note: p.note,
      reportedOn: p.reportedOn,
      reportedBy: p.reportedBy,
      at: p.createdAt.toISOString(),
      evidence: p.fileIds
        .map((fid) => files.get(fid))
        .filter((f) => f !== undefined)
        .map((f) => ({ fileId: f.id, name: f.name, mime: f.mime, size: f.size })),
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      decision: r.decision as 'accept' | 'return',
      note: r.note,
      decidedBy: r.decidedBy,
      at: r.createdAt.toISOString(),
    })),
    followUps: followUps.map(({ f, heldOn }) => ({
      id: f.id,
      meetingId: f.meetingId,
      heldOn,
      description: f.description,
      dueOn: f.dueOn,
      doneOn: f.doneOn,
      overdue: !f.doneOn && f.dueOn < today,
    })),
    abilities: {
      progressUnits: progressUnits(actor, t, presented),
      review: canReview(actor, t) && t.status !== 'accepted',
    },
  };
}

/**
 * A unit reports progress on its task: the percentage never goes down, 100% needs evidence, an
 * accepted task takes no more reports; a report on a returned task opens it again.
 */
export async function reportProgress(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof progressInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'plan.progress');
  const t = await repo.findTask(ctx.db, actor, id, 'plan.progress');
  if (!t) throw taskNotFound();
  const units = (await repo.unitsOf(ctx.db, [id])).map(presentUnit);
  const mine = progressUnits(actor, t, units);
  if (t.status === 'accepted') throw new AppError('plan.task_accepted', 409);
  let unitId = input.unitId;
  if (unitId === undefined) {
    if (mine.length !== 1) throw fieldError('body.unitId', 'required');
    unitId = mine[0]!;
  } else if (!units.some((u) => u.id === unitId)) throw fieldError('body.unitId', 'unknown_unit');
  else if (!mine.includes(unitId)) throw fieldError('body.unitId', 'not_your_unit');
  const today = shanghaiDate(clock.now ?? new Date());
  const reportedOn = input.reportedOn ?? today;
  if (reportedOn > today) throw fieldError('body.reportedOn', 'date_in_future');
  const { phases } = await phaseEnds(ctx.db, t.districtId);
  if (phases[0] && reportedOn < phases[0].startsOn) throw fieldError('body.reportedOn', 'before_plan');
  if (input.percent === 100 && input.fileIds.length === 0)
    throw fieldError('body.fileIds', 'evidence_required');
  const fileIds = [...new Set(input.fileIds)];
  for (const [i, fid] of input.fileIds.entries())
    if (!(await findFileMeta(ctx.db, actor, fid))) throw fieldError(`body.fileIds.${i}`, 'unknown_file');
  await ctx.db.transaction(async (tx) => {
    const before = await repo.lockUnit(tx, id, unitId);
    if (!before) throw fieldError('body.unitId', 'unknown_unit');
    if (input.percent < before.percent)
      throw fieldError('body.percent', 'below_previous', { previous: before.percent });
    const entry = await repo.insertProgress(tx, {
      taskId: id,
      unitId,
      streetId: before.kind === 'street' ? before.streetId : null,
      percent: input.percent,
      note: input.note,
      reportedOn,
      fileIds,
      reportedBy: actor.displayName,
    });
    await repo.setUnitProgress(tx, unitId, input.percent, reportedOn);
    if (!(await repo.bumpTask(tx, id, 'open'))) throw taskNotFound();
    await recordAudit(tx, actor.audit, {
      action: 'plan_task.progress_reported',
      entityType: 'plan_task',
      entityId: id,
      streetId: entry.streetId,
      before,
      after: entry,
    });
  });
  return getTask(ctx, actor, id, clock);
}

/**
 * The district working group accepts a completed task (every unit at 100%) or returns it to the
 * units with a note. Only district-wide holders of `plan.accept` decide; the version read must hold.
 */
export async function reviewTask(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof reviewInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'plan.accept');
  const t = await repo.findTask(ctx.db, actor, id, 'plan.accept');
  if (!t) throw taskNotFound();
  if (t.status === 'accepted') throw new AppError('plan.task_accepted', 409);
  const units = await repo.unitsOf(ctx.db, [id]);
  if (
    stateOf(
      t.status,
      units.map((u) => u.u.percent),
    ) !== 'completed'
  )
    throw new AppError('plan.task_not_completed', 409);
  await ctx.db.transaction(async (tx) => {
    const after = await repo.bumpTask(
      tx,
      id,
      input.decision === 'accept' ? 'accepted' : 'returned',
      input.version,
    );
    if (!after) throw versionConflict(t.version);
    const review = await repo.insertReview(tx, {
      taskId: id,
      decision: input.decision,
      note: input.note,
      decidedBy: actor.displayName,
    });
    await recordAudit(tx, actor.audit, {
      action: input.decision === 'accept' ? 'plan_task.accepted' : 'plan_task.returned',
      entityType: 'plan_task',
      entityId: id,
      streetId: null,
      before: t,
      after: review,
    });
  });
  return getTask(ctx, actor, id, clock);
}

/** The bytes of one evidence file of a task the caller can see. */
export async function evidenceFile(ctx: AppContext, actor: Actor, id: number, fileId: number) {
  const t = await repo.findTask(ctx.db, actor, id);
  if (!t || !(await repo.isEvidenceOf(ctx.db, id, fileId))) throw notFound('file');
  const f = await fileContent(ctx.db, fileId);
  if (!f?.content) throw notFound('file');
  return f;
}

/** The responsible units of the district's plan (filters, follow-up owners). */
export async function planUnits(ctx: AppContext, actor: Actor) {
  assertCan(actor, 'plan.meetings.read');
  const rows = await repo.districtUnits(ctx.db, await districtOf(ctx.db, actor));
  return {
    items: rows.map(unitRef).sort((a, b) => a.kind.localeCompare(b.kind) || a.refId - b.refId),
  };
}

/** Loads the district's plan (phases and the seed's tasks with their units) once; audited. */
export async function seedPlan(ctx: AppContext, districtId: number) {
  return ctx.db.transaction(async (tx) => {
    const counts = await repo.insertPlan(tx, districtId, phaseSeeds, taskSeeds);
    if (counts.tasks)
      await recordAudit(
        tx,
        { userId: null, label: 'plan-seed' },
        {
          action: 'plan.seeded',
          entityType: 'district',
          entityId: districtId,
          streetId: null,
          after: counts,
        },
      );
    return counts;
  });
}

// ------------------------------------------------------------------------------------- meetings

/** The calendar quarter of a day, YYYY-Qn. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

export async function listMeetings(ctx: AppContext, actor: Actor, q: { year?: number }) {
  assertCan(actor, 'plan.meetings.read');
  const rows = await repo.listMeetings(ctx.db, await districtOf(ctx.db, actor), q.year);
  return {
    items: rows.map((r) => ({
      id: r.m.id,
      heldOn: r.m.heldOn,
      quarter: quarterOf(r.m.heldOn),
      title: r.m.title,
      chair: r.m.chair,
      attendees: r.m.attendees.length,
      decisions: r.m.decisions.length,
      followUps: r.followUps,
      open: r.open,
      overdue: r.overdue,
    })),
  };
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: number, clock: Clock = {}) {
  assertCan(actor, 'plan.meetings.read');
  const districtId = await districtOf(ctx.db, actor);
  const m = await repo.findMeeting(ctx.db, districtId, id);
  if (!m) throw meetingNotFound();
  const today = shanghaiDate(clock.now ?? new Date());
  const [followUps, units] = await Promise.all([
    repo.followUpsOf(ctx.db, { meetingId: id }),
    repo.districtUnits(ctx.db, districtId),
  ]);
  const refs = units.map(unitRef);
  return {
    id: m.id,
    heldOn: m.heldOn,
    quarter: quarterOf(m.heldOn),
    title: m.title,
    location: m.location,
    chair: m.chair,
    attendees: m.attendees,
    decisions: m.decisions,
    recordedBy: m.recordedBy,
    followUps: followUps.map(({ f, taskCode, taskTitle, taskTitleEn }) => ({
      id: f.id,
      description: f.description,
      owner: refs.find((r) => r.kind === f.ownerKind && r.refId === f.ownerId) ?? {
        kind: f.ownerKind as UnitKind,
        refId: f.ownerId,
        name: '',
        nameEn: '',
      },
      dueOn: f.dueOn,
      doneOn: f.doneOn,
      doneNote: f.doneNote,
      overdue: !f.doneOn && f.dueOn < today,
      task:
        f.taskId && taskCode
          ? { id: f.taskId, code: taskCode, title: taskTitle ?? '', titleEn: taskTitleEn ?? '' }
          : null,
    })),
    abilities: { manage: actor.can('plan.meetings.manage') },
  };
}

/** Records a quarterly meeting with its decisions and follow-up tasks (owners are plan units). */
export async function recordMeeting(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof meetingInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'plan.meetings.manage');
  const districtId = await districtOf(ctx.db, actor);
  const today = shanghaiDate(clock.now ?? new Date());
  if (input.heldOn > today) throw fieldError('body.heldOn', 'date_in_future');
  const units = (await repo.districtUnits(ctx.db, districtId)).map(unitRef);
  const taskIds = new Set(
    await repo.districtTaskIds(
      ctx.db,
      districtId,
      input.followUps.flatMap((f) => (f.taskId ? [f.taskId] : [])),
    ),
  );
  for (const [i, f] of input.followUps.entries()) {
    if (!units.some((u) => u.kind === f.owner.kind && u.refId === f.owner.refId))
      throw fieldError(`body.followUps.${i}.owner.refId`, 'unknown_unit');
    if (f.dueOn < input.heldOn) throw fieldError(`body.followUps.${i}.dueOn`, 'before_meeting');
    if (f.taskId && !taskIds.has(f.taskId))
      throw fieldError(`body.followUps.${i}.taskId`, 'unknown_plan_task');
  }
  const id = await ctx.db.transaction(async (tx) => {
    const meeting = await repo.insertMeeting(tx, {
      districtId,
      heldOn: input.heldOn,
      title: input.title,
      location: input.location ?? null,
      chair: input.chair,
      attendees: input.attendees,
      decisions: input.decisions,
      recordedBy: actor.displayName,
    });
    const followUps = await repo.insertFollowUps(
      tx,
      input.followUps.map((f, i) => ({
        meetingId: meeting.id,
        seq: i + 1,
        description: f.description,
        ownerKind: f.owner.kind,
        ownerId: f.owner.refId,
        dueOn: f.dueOn,
        taskId: f.taskId ?? null,
      })),
    );
    await recordAudit(tx, actor.audit, {
      action: 'plan_meeting.recorded',
      entityType: 'plan_meeting',
      entityId: meeting.id,
      streetId: null,
      after: { meeting, followUps },
    });
    return meeting.id;
  });
  return getMeeting(ctx, actor, id, clock);
}

/** Marks a follow-up task done, with the date and a note; a done follow-up stays done. */
export async function finishFollowUp(
  ctx: AppContext,
  actor: Actor,
  meetingId: number,
  followUpId: number,
  input: z.infer<typeof followUpDoneInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'plan.meetings.manage');
  const districtId = await districtOf(ctx.db, actor);
  const m = await repo.findMeeting(ctx.db, districtId, meetingId);
  if (!m) throw meetingNotFound();
  const before = await repo.findFollowUp(ctx.db, meetingId, followUpId);
  if (!before) throw notFound('plan_follow_up');
  if (before.doneOn) throw new AppError('plan.follow_up_done', 409);
  const today = shanghaiDate(clock.now ?? new Date());
  if (input.doneOn > today) throw fieldError('body.doneOn', 'date_in_future');
  if (input.doneOn < m.heldOn) throw fieldError('body.doneOn', 'before_meeting');
  await ctx.db.transaction(async (tx) => {
    const after = await repo.finishFollowUp(tx, meetingId, followUpId, input.doneOn, input.note);
    if (!after) throw new AppError('plan.follow_up_done', 409);
    await recordAudit(tx, actor.audit, {
      action: 'plan_follow_up.done',
      entityType: 'plan_follow_up',
      entityId: followUpId,
      streetId: null,
      before,
      after,
    });
  });
  return getMeeting(ctx, actor, meetingId, clock);
}
