import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** A work phase of the district plan (工作步骤: 启动, 全面实施, 总结评估) with its dates. */
export const planPhases = pgTable(
  'plan_phase',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    code: text().notNull(),
    seq: smallint().notNull(),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
  },
  (t) => [uniqueIndex().on(t.districtId, t.code)],
);

/** A task of the plan: one seed clause (or one paragraph of it), due by the end of a phase. */
export const planTasks = pgTable(
  'plan_task',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    code: text().notNull(),
    clause: text().notNull(),
    seq: integer().notNull(),
    title: text().notNull(),
    titleEn: text().notNull(),
    phase: text().notNull(),
    status: text().notNull().default('open'),
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.districtId, t.code)],
);

/**
 * A responsible unit of a task: lead (牵头) or co-operating (配合); a district department, a street
 * (one row per street when the plan says 各街道) or an enterprise group. `percent` is its latest report.
 */
export const planTaskUnits = pgTable(
  'plan_task_unit',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    taskId: bigint({ mode: 'number' })
      .notNull()
      .references(() => planTasks.id),
    role: text().notNull(),
    kind: text().notNull(),
    departmentId: integer(),
    streetId: integer(),
    organizationId: integer(),
    percent: smallint().notNull().default(0),
    lastReportedOn: date(),
  },
  (t) => [
    index().on(t.taskId),
    index().on(t.streetId),
    index().on(t.departmentId),
    unique().on(t.taskId, t.kind, t.departmentId, t.streetId, t.organizationId).nullsNotDistinct(),
  ],
);

/** A progress report of one unit on one task, with its evidence (file ids). Append-only. */
export const planProgress = pgTable(
  'plan_progress',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    taskId: bigint({ mode: 'number' })
      .notNull()
      .references(() => planTasks.id),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => planTaskUnits.id),
    streetId: integer(),
    percent: smallint().notNull(),
    note: text().notNull(),
    reportedOn: date().notNull(),
    fileIds: jsonb().$type<number[]>().notNull().default([]),
    reportedBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.taskId)],
);

/** The working group's acceptance decision (验收): accepted, or returned to the units with a note. */
export const planReviews = pgTable(
  'plan_review',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    taskId: bigint({ mode: 'number' })
      .notNull()
      .references(() => planTasks.id),
    decision: text().notNull(),
    note: text().notNull(),
    decidedBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.taskId)],
);

/** A quarterly working meeting of the district working group (区工作推进小组工作例会). */
export const planMeetings = pgTable(
  'plan_meeting',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer().notNull(),
    heldOn: date().notNull(),
    title: text().notNull(),
    location: text(),
    chair: text().notNull(),
    attendees: jsonb().$type<string[]>().notNull(),
    decisions: jsonb().$type<string[]>().notNull(),
    recordedBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.districtId, t.heldOn)],
);

/** A follow-up task of a meeting: an owner unit, a deadline, optionally the plan task it serves. */
export const planFollowUps = pgTable(
  'plan_follow_up',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => planMeetings.id),
    seq: smallint().notNull(),
    description: text().notNull(),
    ownerKind: text().notNull(),
    ownerId: integer().notNull(),
    dueOn: date().notNull(),
    taskId: bigint({ mode: 'number' }).references(() => planTasks.id),
    doneOn: date(),
    doneNote: text(),
    version: integer().notNull().default(0),
  },
  (t) => [index().on(t.meetingId), index().on(t.taskId)],
);
