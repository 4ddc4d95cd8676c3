import { z } from 'zod';
import { isoDate } from './calendar';
import { discoveryChannels, resolvedUnit, stages, urgencies } from './duties';

/**
 * The case lifecycle of SPEC 5.1 as one table, read by the server (which enforces it) and by the
 * web console (which shows only the actions that will work).
 */
export const caseStates = [
  'reported',
  'registered',
  'rejected',
  'dispatched',
  'in_progress',
  'handled',
  'closed',
  'suspended',
  'reopened',
  'merged',
] as const;
export type CaseState = (typeof caseStates)[number];

export const terminalStates: readonly CaseState[] = ['rejected', 'merged'];
/** States whose current stage runs against a deadline. */
export const openStates: readonly CaseState[] = [
  'reported',
  'registered',
  'dispatched',
  'in_progress',
  'handled',
  'reopened',
];

/** Who may take an action: the street dispatcher, a unit holding a task, the reporter, a leader ... */
export type ActionActor =
  | 'dispatcher'
  | 'handler'
  | 'reporter'
  | 'supervisor'
  | 'enforcer'
  | 'callback'
  | 'viewer';

export interface TransitionRule {
  from: readonly CaseState[];
  /** the state after the action; `previous` = the state before suspension; null = no state change */
  to: CaseState | 'previous' | null;
  /** where the case goes instead when the action only completes part of the work */
  partialTo?: CaseState;
  by: ActionActor;
  /** fields the action's body must carry */
  requires: readonly string[];
}

export const caseTransitions = {
  register: { from: ['reported'], to: 'registered', by: 'dispatcher', requires: [] },
  reject: { from: ['reported'], to: 'rejected', by: 'dispatcher', requires: ['reason'] },
  merge: { from: ['reported', 'registered'], to: 'merged', by: 'dispatcher', requires: ['intoCaseId'] },
  dispatch: { from: ['registered', 'reopened'], to: 'dispatched', by: 'dispatcher', requires: [] },
  accept: { from: ['dispatched', 'in_progress'], to: 'in_progress', by: 'handler', requires: [] },
  /** 退单: the lead unit sends a wrong dispatch back to the dispatcher (counted) */
  return: { from: ['dispatched', 'in_progress'], to: 'registered', by: 'handler', requires: ['reason'] },
  /** 处置反馈 with evidence; the case is handled when every task is */
  handle: {
    from: ['dispatched', 'in_progress'],
    to: 'handled',
    partialTo: 'in_progress',
    by: 'handler',
    requires: ['note', 'attachments'],
  },
  /** 核查结案 */
  close: { from: ['handled'], to: 'closed', by: 'dispatcher', requires: [] },
  /** verification failed: back to the units as rework (返工, counted) */
  rework: { from: ['handled'], to: 'dispatched', by: 'dispatcher', requires: ['reason'] },
  /** 挂账: clocks paused until resumed */
  suspend: {
    from: ['registered', 'dispatched', 'in_progress', 'reopened'],
    to: 'suspended',
    by: 'dispatcher',
    requires: ['reason', 'reviewDate'],
  },
  resume: { from: ['suspended'], to: 'previous', by: 'dispatcher', requires: [] },
  /** 固守: the follow-up inspection of a closed enforcement case; a relapse reopens it */
  follow_up: {
    from: ['closed'],
    to: 'reopened',
    partialTo: 'closed',
    by: 'enforcer',
    requires: ['relapse', 'note'],
  },
  advance_enforcement: {
    from: ['registered', 'dispatched', 'in_progress', 'handled', 'reopened'],
    to: null,
    by: 'enforcer',
    requires: ['stage'],
  },
  supervise: {
    from: ['reported', 'registered', 'dispatched', 'in_progress', 'handled', 'reopened', 'suspended'],
    to: null,
    by: 'supervisor',
    requires: ['reason'],
  },
  rate: { from: ['closed'], to: null, by: 'reporter', requires: ['score'] },
  /** 回访 */
  callback: { from: ['closed'], to: null, by: 'callback', requires: ['outcome'] },
  comment: { from: caseStates, to: null, by: 'viewer', requires: ['note'] },
} as const satisfies Record<string, TransitionRule>;

export type CaseAction = keyof typeof caseTransitions;
export const caseActions = Object.keys(caseTransitions) as CaseAction[];

/** Every (from → to) pair the table allows, for checks and for drawing the state diagram. */
export function allowedEdges(): [CaseState, CaseState][] {
  const edges: [CaseState, CaseState][] = [];
  for (const rule of Object.values(caseTransitions) as TransitionRule[]) {
    for (const from of rule.from) {
      if (rule.to === 'previous') {
        for (const back of caseTransitions.suspend.from) edges.push([from, back]);
      } else if (rule.to !== null) edges.push([from, rule.to]);
      if (rule.partialTo) edges.push([from, rule.partialTo]);
    }
  }
  return edges;
}

export const enforcementStages = ['discover', 'report', 'dissuade', 'handle', 'hold'] as const;
/** 发现、报告、劝阻、处置、固守 */
export type EnforcementStage = (typeof enforcementStages)[number];

export const penaltyParties = ['landlord', 'sub_lessor', 'agent'] as const;
/** 房东, 二房东, 中介 */
export type PenaltyParty = (typeof penaltyParties)[number];

export const attachmentKinds = ['before', 'after', 'other'] as const;
export const taskStatuses = ['pending', 'accepted', 'done', 'returned', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const slaStates = ['on_time', 'warning', 'overdue'] as const;
export const supervisionLevels = ['street', 'district'] as const;
export type SupervisionLevel = (typeof supervisionLevels)[number];
export const callbackOutcomes = ['satisfied', 'basically_satisfied', 'dissatisfied', 'unreachable'] as const;

/** Queues of the console; each is a filter on the case list. */
export const caseQueues = [
  'to_register',
  'to_dispatch',
  'my_tasks',
  'to_verify',
  'overdue',
  'warning',
  'supervised',
  'suspended',
  /** suspended past the review date: shown on the supervision board */
  'suspension_review_due',
  'follow_up_due',
  'reported_by_me',
] as const;
export type CaseQueue = (typeof caseQueues)[number];

export const casesGrants = {
  'cases.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'place',
    street: 'place',
    committee: 'place',
    property: 'place',
    owners_committee: 'place',
  },
  'cases.report': {
    district_admin: 'district',
    department: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
    owners_committee: 'place',
    resident: 'place',
    inspector: 'district',
    emergency: 'district',
    mediator: 'place',
  },
  'cases.dispatch': { district_admin: 'district', street: 'place' },
  'cases.handle': {
    district_admin: 'district',
    department: 'place',
    street: 'place',
    committee: 'place',
    property: 'place',
    owners_committee: 'place',
    inspector: 'district',
    emergency: 'district',
  },
  'cases.supervise': { district_admin: 'district', district_leader: 'district' },
  'cases.callback': { district_admin: 'district', street: 'place', committee: 'place' },
  'cases.enforce': {
    district_admin: 'district',
    department: 'place',
    street: 'place',
    inspector: 'district',
  },
  /** the reporter's full name and phone (回访, on-site repairs); every view is audited */
  'cases.reporter_contact': {
    district_admin: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
  },
  'cases.export': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'place',
    street: 'place',
    committee: 'place',
    property: 'place',
  },
} as const;

const attachmentRef = z.strictObject({
  fileId: z.number().int().positive(),
  kind: z.enum(attachmentKinds).default('other'),
});

export const location = z.strictObject({
  lng: z.number().min(73).max(136),
  lat: z.number().min(3).max(54),
});

export const caseIntake = z.strictObject({
  categoryCode: z.string().max(81),
  communityId: z.number().int().positive(),
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().min(2).max(2000),
  address: z.string().trim().max(200).optional(),
  location: location.optional(),
  urgency: z.enum(urgencies).optional(),
  channel: z.enum(discoveryChannels).optional(),
  unitId: z.number().int().positive().optional(),
  /** the asset (elevator, pump, fire facility ...) of the same community the case is about */
  assetId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  reporterName: z.string().trim().min(1).max(50).optional(),
  reporterPhone: z
    .string()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: 'phone' })
    .optional(),
  attachments: z.array(attachmentRef).max(20).default([]),
});
export type CaseIntake = z.infer<typeof caseIntake>;

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8, { message: 'idempotency_key' })
    .max(100)
    .regex(/^[\x21-\x7e]+$/, {
      message: 'idempotency_key',
    }),
});

const unitChoice = z.strictObject({
  kind: resolvedUnit.shape.kind,
  id: z.number().int().positive().nullable(),
});

/** One body for every action; which fields each action needs is in `caseTransitions[action].requires`. */
export const caseActionBody = z.strictObject({
  version: z.number().int().nonnegative(),
  note: z.string().trim().min(1).max(2000).optional(),
  reason: z.string().trim().min(2).max(500).optional(),
  attachments: z.array(attachmentRef).max(20).optional(),
  categoryCode: z.string().max(81).optional(),
  urgency: z.enum(urgencies).optional(),
  lead: unitChoice.optional(),
  coUnits: z.array(unitChoice).max(8).optional(),
  reviewDate: isoDate.optional(),
  intoCaseId: z.number().int().positive().optional(),
  stage: z.enum(enforcementStages).optional(),
  relapse: z.boolean().optional(),
  score: z.number().int().min(1).max(5).optional(),
  outcome: z.enum(callbackOutcomes).optional(),
  dueWorkingDays: z.number().int().min(1).max(30).optional(),
});
export type CaseActionBody = z.infer<typeof caseActionBody>;

export const actionParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  action: z.enum(caseActions as [CaseAction, ...CaseAction[]]),
});

const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(300)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const caseListQuery = z.strictObject({
  queue: z.enum(caseQueues).optional(),
  state: commaList(caseStates).optional(),
  categoryCode: z.string().max(81).optional(),
  urgency: z.enum(urgencies).optional(),
  sla: z.enum(slaStates).optional(),
  streetId: z.coerce.number().int().positive().optional(),
  committeeId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  /** the cases about one asset (the asset page's list) */
  assetId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  /** the cases of the communities in one grid (网格) */
  gridId: z.coerce.number().int().positive().max(2147483647).optional(),
  enforcement: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(['newest', 'due']).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseExportQuery = caseListQuery.omit({ limit: true, cursor: true }).extend({
  lang: z.enum(['zh-CN', 'en-US']).optional(),
});

const ref = z.object({ id: z.number(), name: z.string() });
const unitOut = z.object({ kind: z.string(), id: z.number().nullable(), name: z.string() });

export const caseSummary = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  state: z.enum(caseStates),
  category: z.object({ code: z.string(), name: z.string(), nameEn: z.string(), groupName: z.string() }),
  urgency: z.enum(urgencies),
  channel: z.enum(discoveryChannels),
  street: ref,
  community: ref,
  committeeId: z.number().nullable(),
  address: z.string().nullable(),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  /** the asset the case is about */
  assetId: z.number().nullable(),
  lead: unitOut.nullable(),
  stage: z.enum(stages).nullable(),
  stageDueAt: z.string().nullable(),
  sla: z.enum(slaStates).nullable(),
  escalationLevel: z.number(),
  reworkCount: z.number(),
  wrongDispatchCount: z.number(),
  isEnforcement: z.boolean(),
  enforcementStage: z.enum(enforcementStages).nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const casePage = z.object({
  items: z.array(caseSummary),
  nextCursor: z.string().nullable(),
  total: z.number(),
});

export const queueCounts = z.object({
  queues: z.array(z.object({ queue: z.enum(caseQueues), count: z.number() })),
});

const attachmentOut = z.object({
  fileId: z.number(),
  kind: z.enum(attachmentKinds),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  hasThumbnail: z.boolean(),
});

export const caseEvent = z.object({
  id: z.number(),
  caseId: z.number(),
  caseNumber: z.string(),
  at: z.string(),
  action: z.string(),
  fromState: z.enum(caseStates).nullable(),
  toState: z.enum(caseStates).nullable(),
  actor: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  attachments: z.array(attachmentOut),
});

export const caseTask = z.object({
  id: z.number(),
  role: z.enum(['lead', 'co']),
  unit: unitOut,
  assigneeUserId: z.number().nullable(),
  status: z.enum(taskStatuses),
  round: z.number(),
  dueAt: z.string().nullable(),
  sla: z.enum(slaStates).nullable(),
  acceptedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
  mine: z.boolean(),
});

export const supervisionOrder = z.object({
  id: z.number(),
  caseId: z.number(),
  caseNumber: z.string(),
  caseTitle: z.string(),
  streetId: z.number(),
  level: z.enum(supervisionLevels),
  source: z.enum(['auto', 'manual']),
  stage: z.enum(stages).nullable(),
  reason: z.string(),
  issuedBy: z.string(),
  createdAt: z.string(),
  dueAt: z.string(),
  sla: z.enum(slaStates).nullable(),
  respondedAt: z.string().nullable(),
  response: z.string().nullable(),
  respondedBy: z.string().nullable(),
  canRespond: z.boolean(),
});

export const penalty = z.object({
  id: z.number(),
  partyType: z.enum(penaltyParties),
  partyName: z.string(),
  decisionNumber: z.string(),
  amountFen: z.number(),
  decidedOn: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const penaltyInput = z.strictObject({
  partyType: z.enum(penaltyParties),
  partyName: z.string().trim().min(1).max(100),
  decisionNumber: z.string().trim().min(3).max(60),
  amountFen: z.number().int().positive().max(100_000_000_00),
  decidedOn: isoDate,
});

export const roomKinds = [
  'bedroom',
  'living_room',
  'kitchen',
  'bathroom',
  'balcony',
  'basement',
  'storage',
  'partitioned_space',
] as const;
export type RoomKind = (typeof roomKinds)[number];

export const inspectionRoom = z.strictObject({
  name: z.string().trim().min(1).max(40),
  kind: z.enum(roomKinds),
  /** m², at most two decimals */
  area: z.string().regex(/^\d{1,4}(\.\d{1,2})?$/, { message: 'area' }),
  occupants: z.number().int().min(0).max(100),
  /** every occupant of the room belongs to one family (the two-per-room rule does not apply) */
  familyOnly: z.boolean().default(false),
  /** beds let one by one (按床位出租) */
  letByBed: z.boolean().default(false),
});
export type InspectionRoom = z.infer<typeof inspectionRoom>;

export const groupRentingForm = z.strictObject({
  inspectedOn: isoDate,
  unitId: z.number().int().positive().optional(),
  address: z.string().trim().min(2).max(200),
  rooms: z.array(inspectionRoom).min(1).max(50),
  note: z.string().trim().max(2000).optional(),
});
export type GroupRentingForm = z.infer<typeof groupRentingForm>;

export const groupRentingRules = [
  'partitioned',
  'let_by_bed',
  'non_living_space',
  'room_overcrowded',
  'area_per_person',
] as const;
export type GroupRentingRule = (typeof groupRentingRules)[number];

export const groupRentingViolation = z.object({
  rule: z.enum(groupRentingRules),
  room: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const groupRentingInspection = z.object({
  id: z.number(),
  inspectedOn: z.string(),
  address: z.string(),
  rooms: z.array(inspectionRoom),
  violations: z.array(groupRentingViolation),
  compliant: z.boolean(),
  inspector: z.string(),
  createdAt: z.string(),
});

const callbackOut = z.object({
  id: z.number(),
  at: z.string(),
  by: z.string(),
  outcome: z.enum(callbackOutcomes),
  note: z.string().nullable(),
});

export const caseDetail = caseSummary.extend({
  description: z.string(),
  /** the grid (网格) of the case's community */
  grid: z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable(),
  /** the asset the case is about, when the caller may see it (null otherwise, or when none) */
  asset: z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.string() }).nullable(),
  /** masked (张*, 139****1111) except for the reporter; `canReveal`: POST /cases/{id}/reporter shows them, audited */
  reporter: z.object({
    name: z.string().nullable(),
    phone: z.string().nullable(),
    isMe: z.boolean(),
    canReveal: z.boolean(),
  }),
  rule: z.object({ id: z.number(), ruleKey: z.string(), version: z.number() }),
  routing: z.object({ lead: resolvedUnit, coUnits: z.array(resolvedUnit) }),
  deadlines: z.object({
    stage: z.enum(stages).nullable(),
    startedAt: z.string().nullable(),
    warnAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    /** while suspended: counting time left, in ms */
    remainingMs: z.number().nullable(),
  }),
  suspension: z.object({ reason: z.string(), reviewDate: z.string(), previousState: z.string() }).nullable(),
  followUp: z
    .object({ days: z.number(), dueOn: z.string().nullable(), doneAt: z.string().nullable() })
    .nullable(),
  satisfaction: z.object({ score: z.number(), comment: z.string().nullable(), at: z.string() }).nullable(),
  mergedInto: z.object({ id: z.number(), number: z.string() }).nullable(),
  mergedCases: z.array(z.object({ id: z.number(), number: z.string() })),
  possibleDuplicates: z.array(
    z.object({ id: z.number(), number: z.string(), title: z.string(), distanceM: z.number().nullable() }),
  ),
  tasks: z.array(caseTask),
  timeline: z.array(caseEvent),
  attachments: z.array(attachmentOut.extend({ eventId: z.number() })),
  supervisionOrders: z.array(supervisionOrder),
  penalties: z.array(penalty),
  inspections: z.array(groupRentingInspection),
  callbacks: z.array(callbackOut),
  availableActions: z.array(z.enum(caseActions as [CaseAction, ...CaseAction[]])),
  abilities: z.object({
    recordPenalty: z.boolean(),
    recordInspection: z.boolean(),
    attach: z.boolean(),
    export: z.boolean(),
  }),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const caseIntakeAnswer = caseSummary.extend({
  routing: z.object({
    rule: z.object({ id: z.number(), version: z.number() }),
    lead: resolvedUnit,
    coUnits: z.array(resolvedUnit),
  }),
  possibleDuplicates: z.array(
    z.object({ id: z.number(), number: z.string(), title: z.string(), distanceM: z.number().nullable() }),
  ),
});

export const bulkDispatchBody = z.strictObject({
  items: z
    .array(z.strictObject({ id: z.number().int().positive(), version: z.number().int().nonnegative() }))
    .min(1)
    .max(100),
});

export const bulkDispatchAnswer = z.object({
  results: z.array(
    z.object({
      id: z.number(),
      status: z.number(),
      code: z.string().nullable(),
      version: z.number().nullable(),
    }),
  ),
});

export const supervisionListQuery = z.strictObject({
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  level: z.enum(supervisionLevels).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const supervisionPage = z.object({
  items: z.array(supervisionOrder),
  nextCursor: z.string().nullable(),
});

export const supervisionResponse = z.strictObject({ response: z.string().trim().min(5).max(2000) });

/** `case`: overdue after district supervision; `unit_overdue`: a unit's repeated overdue cases in a month. */
export const accountabilityKinds = ['case', 'unit_overdue'] as const;
export type AccountabilityKind = (typeof accountabilityKinds)[number];

export const accountabilityRecord = z.object({
  id: z.number(),
  kind: z.enum(accountabilityKinds),
  caseId: z.number().nullable(),
  caseNumber: z.string().nullable(),
  streetId: z.number(),
  stage: z.enum(stages).nullable(),
  unit: unitOut.nullable(),
  reason: z.string(),
  /** unit_overdue: the month, YYYY-MM */
  period: z.string().nullable(),
  /** unit_overdue: the overdue cases that make up the record */
  evidence: z.array(z.object({ caseId: z.number(), number: z.string() })),
  createdAt: z.string(),
});

export const accountabilityPage = z.object({
  items: z.array(accountabilityRecord),
  nextCursor: z.string().nullable(),
});

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const attachmentUploadAnswer = z.object({
  fileId: z.number(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  hasThumbnail: z.boolean(),
});

export const caseFileParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  fileId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const sweepAnswer = z.object({ escalated: z.number(), accountability: z.number() });

export const reporterContact = z.object({ name: z.string().nullable(), phone: z.string().nullable() });
