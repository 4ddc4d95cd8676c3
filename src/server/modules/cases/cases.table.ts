import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tz = () => timestamp({ withTimezone: true });

/**
 * 案件: one problem in one community, from report to closing (SPEC 5.1). The current stage's
 * deadline and warning instant are stored (computed with the calendar and the rule version the
 * case was routed with), so lists and the SLA sweep are plain indexed comparisons with now().
 */
export const cases = pgTable(
  'case_record',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    number: text().notNull(),
    streetId: integer().notNull(),
    committeeId: integer(),
    communityId: integer().notNull(),
    categoryCode: text().notNull(),
    ruleId: integer().notNull(),
    urgency: text().notNull(),
    channel: text().notNull(),
    state: text().notNull(),
    suspendedFrom: text(),
    title: text().notNull(),
    description: text().notNull(),
    address: text(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    unitId: bigint({ mode: 'number' }),
    /** the elevator, pump, fire facility ... the case is about (an asset of the same community) */
    assetId: bigint({ mode: 'number' }),
    reporterUserId: bigint({ mode: 'number' }),
    reporterName: text(),
    reporterPhoneEnc: text(),
    /** the lead and co-units routing proposed at intake */
    routing: jsonb().notNull(),
    leadKind: text(),
    leadId: integer(),
    leadName: text(),
    stage: text(),
    stageSeq: integer().notNull().default(0),
    stageMode: text(),
    stageStartedAt: tz(),
    stageWarnAt: tz(),
    stageDueAt: tz(),
    /** while suspended: the counting time left on the stage, in ms */
    stageRemainingMs: bigint({ mode: 'number' }),
    stageWarnRemainingMs: bigint({ mode: 'number' }),
    suspendedAt: tz(),
    /** supervision reached for the current stage: 0 none, 1 street, 2 district, 3 accountability */
    escalationLevel: smallint().notNull().default(0),
    supervisionDueAt: tz(),
    /** while suspended: the working time left on the supervision order's deadline, in ms */
    supervisionRemainingMs: bigint({ mode: 'number' }),
    reworkCount: integer().notNull().default(0),
    wrongDispatchCount: integer().notNull().default(0),
    overdueCount: integer().notNull().default(0),
    isEnforcement: boolean().notNull().default(false),
    enforcementStage: text(),
    followUpDays: integer(),
    followUpDueOn: date(),
    followUpDoneAt: tz(),
    suspendReason: text(),
    suspendReviewOn: date(),
    /** who suspended it: reminded on the review date */
    suspendedByUserId: bigint({ mode: 'number' }),
    suspendRemindedAt: tz(),
    mergedIntoId: bigint({ mode: 'number' }),
    satisfaction: smallint(),
    satisfactionComment: text(),
    ratedAt: tz(),
    version: integer().notNull().default(0),
    createdAt: tz().notNull().defaultNow(),
    registeredAt: tz(),
    dispatchedAt: tz(),
    handledAt: tz(),
    closedAt: tz(),
    updatedAt: tz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.number),
    index().on(t.streetId, t.state, t.id),
    index().on(t.streetId, t.categoryCode, t.createdAt),
    index().on(t.communityId, t.id),
    // possible duplicates: the same community and category in the last days
    index().on(t.communityId, t.categoryCode, t.createdAt),
    index().on(t.reporterUserId, t.id),
    index('case_record_stage_due_idx').on(t.streetId, t.stageDueAt).where(sql`${t.stageDueAt} is not null`),
    index('case_record_follow_up_idx')
      .on(t.followUpDueOn)
      .where(sql`${t.followUpDueOn} is not null and ${t.followUpDoneAt} is null`),
    index().on(t.mergedIntoId),
    index('case_record_asset_idx').on(t.assetId, t.id).where(sql`${t.assetId} is not null`),
    index('case_record_suspend_review_idx').on(t.suspendReviewOn).where(sql`${t.state} = 'suspended'`),
  ],
);

/** The timeline: every transition and note, with who, when and why (SPEC 5.1). Append-only. */
export const caseEvents = pgTable(
  'case_event',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    at: tz().notNull().defaultNow(),
    actorUserId: bigint({ mode: 'number' }),
    actorLabel: text().notNull(),
    action: text().notNull(),
    fromState: text(),
    toState: text(),
    taskId: bigint({ mode: 'number' }),
    note: text(),
    data: jsonb(),
    /**
     * The writing transaction's id (xid8). Readers of the event stream (cases.outbox.ts) take only
     * events of transactions older than every one still running, in (tx, id) order, so an event
     * committed late is never skipped.
     */
    tx: bigint({ mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
  },
  (t) => [index().on(t.caseId, t.id), index().on(t.tx, t.id), index().on(t.streetId, t.at)],
);

/**
 * A case filed by another system (12345 / 962121 hotline, an Open311 client) under that system's
 * own ticket number: the primary key makes every intake of the same ticket find the first case.
 */
export const caseExternalRefs = pgTable(
  'case_external_ref',
  {
    /** the discovery channel: hotline_12345, hotline_962121, open311 */
    source: text().notNull(),
    ticket: text().notNull(),
    caseId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    /** the API client that filed it (null: imported from Excel by staff) */
    apiClientId: integer(),
    /** Open311 `media_url` as the client sent it */
    mediaUrl: text(),
    /** Open311 reporter e-mail (SM4), told of progress when SMTP is configured */
    reporterEmailEnc: text(),
    createdAt: tz().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.ticket] }), uniqueIndex().on(t.caseId)],
);

/** Where each reader of the case event stream is: the (tx, id) of the last event it handled. */
export const caseEventCursors = pgTable('case_event_cursor', {
  consumer: text().primaryKey(),
  tx: bigint({ mode: 'number' }).notNull().default(0),
  eventId: bigint({ mode: 'number' }).notNull().default(0),
  updatedAt: tz().notNull().defaultNow(),
});

/** A unit's share of a case: the lead task and one per co-unit, each with its own deadline. */
export const caseTasks = pgTable(
  'case_task',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    role: text().notNull(), // lead | co
    unitKind: text().notNull(), // organization | department | committee | owners_committee | emergency_team
    unitId: integer(),
    unitName: text().notNull(),
    /** for street-level departments (housing office, street office, police station): their street */
    unitStreetId: integer(),
    assigneeUserId: bigint({ mode: 'number' }),
    status: text().notNull().default('pending'),
    round: integer().notNull(),
    dueAt: tz(),
    warnAt: tz(),
    acceptedAt: tz(),
    doneAt: tz(),
    note: text(),
    createdAt: tz().notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId), index().on(t.unitKind, t.unitId, t.status), index().on(t.assigneeUserId)],
);

/** Evidence linked to the event that brought it (before / after photos, PDFs). */
export const caseAttachments = pgTable(
  'case_attachment',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    eventId: bigint({ mode: 'number' }).notNull(),
    fileId: bigint({ mode: 'number' }).notNull(),
    kind: text().notNull(),
    createdAt: tz().notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId), uniqueIndex().on(t.fileId)],
);

/**
 * 督办 supervision order: automatic (one per case, stage and level — the unique key that makes two
 * sweeping instances escalate once) or issued by hand by a leader. It has its own deadline and
 * needs a written response.
 */
export const supervisionOrders = pgTable(
  'supervision_order',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    stageSeq: integer().notNull(),
    stage: text(),
    level: text().notNull(), // street | district
    source: text().notNull(), // auto | manual
    reason: text().notNull(),
    issuedByUserId: bigint({ mode: 'number' }),
    issuedBy: text().notNull(),
    dueAt: tz().notNull(),
    response: text(),
    respondedAt: tz(),
    respondedBy: text(),
    createdAt: tz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('supervision_order_auto_key')
      .on(t.caseId, t.stageSeq, t.level)
      .where(sql`${t.source} = 'auto'`),
    index().on(t.caseId),
    index().on(t.streetId, t.respondedAt, t.id),
    index('supervision_order_auto_created_idx').on(t.streetId, t.createdAt).where(sql`${t.source} = 'auto'`),
  ],
);

/**
 * 问责 accountability: `case` — a stage still overdue after district-level supervision (one per case
 * and stage); `unit_overdue` — a unit whose overdue cases in one street and month reached the
 * configured count (one per street, unit and month), the cases listed as evidence.
 */
export const accountabilityRecords = pgTable(
  'accountability_record',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull().default('case'),
    caseId: bigint({ mode: 'number' }),
    streetId: integer().notNull(),
    stageSeq: integer(),
    stage: text(),
    unitKind: text(),
    unitId: integer(),
    unitName: text(),
    reason: text().notNull(),
    /** unit_overdue: the month, 'YYYY-MM' in Asia/Shanghai */
    period: text(),
    /** unit_overdue: the overdue cases, [{ caseId, number }] */
    evidence: jsonb(),
    createdAt: tz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.caseId, t.stageSeq),
    index().on(t.streetId, t.id),
    uniqueIndex('accountability_unit_period_key')
      .on(t.streetId, t.unitKind, t.unitId, t.period)
      .where(sql`${t.kind} = 'unit_overdue'`),
  ],
);

/** Penalty decisions of enforcement cases, on landlords, sub-lessors or agents (SPEC 5.1). */
export const casePenalties = pgTable(
  'case_penalty',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    partyType: text().notNull(),
    partyName: text().notNull(),
    decisionNumber: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    decidedOn: date().notNull(),
    createdBy: text().notNull(),
    createdAt: tz().notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.decisionNumber), index().on(t.caseId)],
);

/** A group-renting inspection: rooms, occupants, areas, and the SPEC 5.8 rules found broken. */
export const groupRentingInspections = pgTable(
  'group_renting_inspection',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    unitId: bigint({ mode: 'number' }),
    inspectedOn: date().notNull(),
    address: text().notNull(),
    rooms: jsonb().notNull(),
    violations: jsonb().notNull(),
    inspector: text().notNull(),
    createdAt: tz().notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId)],
);

/** 回访: a staff call-back to the reporter after closing. */
export const caseCallbacks = pgTable(
  'case_callback',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint({ mode: 'number' }).notNull(),
    streetId: integer().notNull(),
    at: tz().notNull().defaultNow(),
    by: text().notNull(),
    outcome: text().notNull(),
    note: text(),
  },
  (t) => [index().on(t.caseId)],
);
