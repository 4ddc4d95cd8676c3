import { z } from 'zod';
import { isoDate } from './calendar';

/**
 * The district plan tracker (seed 四 工作步骤) and the district working group's quarterly meetings
 * (seed 三(一) 每季度召开工作例会). The plan's phases and tasks are data; each task names its
 * responsible units (lead and co-operating departments, streets, enterprise groups), its due phase,
 * the progress each unit reports with evidence, and the working group's acceptance at the end.
 */
export const planPhases = ['launch', 'implementation', 'evaluation'] as const;
export type PlanPhase = (typeof planPhases)[number];
export const unitKinds = ['department', 'street', 'organization'] as const;
export const unitRoles = ['lead', 'co'] as const;
/** stored: open, returned (acceptance refused, back to the units), accepted */
export const taskStatuses = ['open', 'returned', 'accepted'] as const;
/** shown: derived from the stored status and the units' progress */
export const taskStates = ['not_started', 'in_progress', 'completed', 'returned', 'accepted'] as const;
export type TaskState = (typeof taskStates)[number];
export const reviewDecisions = ['accept', 'return'] as const;

export const planGrants = {
  /** district roles see the whole plan; a street or department the tasks it is responsible for */
  'plan.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'place',
    street: 'place',
  },
  /** a unit reports progress on its own tasks; the housing bureau may record it for any unit */
  'plan.progress': { district_admin: 'district', department: 'place', street: 'place' },
  /** acceptance (验收) by the district working group */
  'plan.accept': { district_admin: 'district', district_leader: 'district' },
  /** the working group's meeting records: its members read them, the housing bureau keeps them */
  'plan.meetings.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'district',
  },
  'plan.meetings.manage': { district_admin: 'district' },
} as const;

const note = z.string().trim().min(2).max(2000);

export const planTaskQuery = z.strictObject({
  phase: z.enum(planPhases).optional(),
  state: z.enum(taskStates).optional(),
  departmentId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  streetId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  organizationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

export const planExportQuery = planTaskQuery.extend({ lang: z.enum(['zh-CN', 'en-US']).optional() });

export const progressInput = z.strictObject({
  /** the task's unit reporting; required when the caller reaches every unit (the housing bureau) */
  unitId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  percent: z.number().int().min(0).max(100),
  note,
  reportedOn: isoDate.optional(),
  fileIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(9).default([]),
});

export const reviewInput = z.strictObject({
  version: z.number().int().nonnegative(),
  decision: z.enum(reviewDecisions),
  note,
});

export const evidenceParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  fileId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

const unitRef = z.object({
  kind: z.enum(unitKinds),
  refId: z.number(),
  name: z.string(),
  nameEn: z.string(),
});

export const taskUnit = unitRef.extend({
  id: z.number(),
  role: z.enum(unitRoles),
  percent: z.number(),
  lastReportedOn: z.string().nullable(),
});

export const phaseView = z.object({
  code: z.enum(planPhases),
  startsOn: z.string(),
  endsOn: z.string(),
});

export const taskSummary = z.object({
  id: z.number(),
  code: z.string(),
  clause: z.string(),
  title: z.string(),
  titleEn: z.string(),
  phase: z.enum(planPhases),
  dueOn: z.string(),
  state: z.enum(taskStates),
  /** the mean of the units' latest percentages */
  percent: z.number(),
  /** the due phase has ended and the task is neither completed nor accepted */
  overdue: z.boolean(),
  units: z.array(taskUnit),
  version: z.number(),
});

export const unitProgress = unitRef.extend({
  tasks: z.number(),
  lead: z.number(),
  completed: z.number(),
  accepted: z.number(),
  percent: z.number(),
});

export const planOverview = z.object({
  phases: z.array(phaseView),
  tasks: z.array(taskSummary),
  byUnit: z.array(unitProgress),
  byPhase: z.array(
    z.object({ phase: z.enum(planPhases), tasks: z.number(), accepted: z.number(), percent: z.number() }),
  ),
});

const evidence = z.object({ fileId: z.number(), name: z.string(), mime: z.string(), size: z.number() });

export const progressEntry = z.object({
  id: z.number(),
  unitId: z.number(),
  percent: z.number(),
  note: z.string(),
  reportedOn: z.string(),
  reportedBy: z.string(),
  at: z.string(),
  evidence: z.array(evidence),
});

export const reviewEntry = z.object({
  id: z.number(),
  decision: z.enum(reviewDecisions),
  note: z.string(),
  decidedBy: z.string(),
  at: z.string(),
});

export const taskDetail = taskSummary.extend({
  progress: z.array(progressEntry),
  reviews: z.array(reviewEntry),
  followUps: z.array(
    z.object({
      id: z.number(),
      meetingId: z.number(),
      heldOn: z.string(),
      description: z.string(),
      dueOn: z.string(),
      doneOn: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  abilities: z.object({
    /** the units the caller may report for */
    progressUnits: z.array(z.number()),
    review: z.boolean(),
  }),
});

// ------------------------------------------------------------------------------------- meetings

const owner = z.strictObject({
  kind: z.enum(unitKinds),
  refId: z.number().int().positive().max(2_147_483_647),
});

export const followUpInput = z.strictObject({
  description: z.string().trim().min(2).max(500),
  owner,
  dueOn: isoDate,
  taskId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

export const meetingInput = z.strictObject({
  heldOn: isoDate,
  title: z.string().trim().min(2).max(100),
  location: z.string().trim().min(1).max(100).optional(),
  chair: z.string().trim().min(1).max(50),
  attendees: z.array(z.string().trim().min(1).max(80)).min(1).max(80),
  decisions: z.array(z.string().trim().min(2).max(1000)).min(1).max(50),
  followUps: z.array(followUpInput).max(50).default([]),
});

export const followUpParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  followUpId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const followUpDoneInput = z.strictObject({
  doneOn: isoDate,
  note: z.string().trim().min(2).max(1000),
});

export const meetingQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const followUpView = z.object({
  id: z.number(),
  description: z.string(),
  owner: unitRef,
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  doneNote: z.string().nullable(),
  overdue: z.boolean(),
  task: z.object({ id: z.number(), code: z.string(), title: z.string(), titleEn: z.string() }).nullable(),
});

export const meetingSummary = z.object({
  id: z.number(),
  heldOn: z.string(),
  /** YYYY-Qn in Asia/Shanghai */
  quarter: z.string(),
  title: z.string(),
  chair: z.string(),
  attendees: z.number(),
  decisions: z.number(),
  followUps: z.number(),
  open: z.number(),
  overdue: z.number(),
});

export const meetingDetail = z.object({
  id: z.number(),
  heldOn: z.string(),
  quarter: z.string(),
  title: z.string(),
  location: z.string().nullable(),
  chair: z.string(),
  attendees: z.array(z.string()),
  decisions: z.array(z.string()),
  followUps: z.array(followUpView),
  recordedBy: z.string(),
  abilities: z.object({ manage: z.boolean() }),
});

export const meetingList = z.object({ items: z.array(meetingSummary) });

/** The units a follow-up may be given to: the plan's responsible units of the district. */
export const planUnits = z.object({ items: z.array(unitRef) });
