import { z } from 'zod';

/** A day that differs from the Monday–Friday rule: an official holiday, or a make-up workday (调休). */
export const dayKinds = ['holiday', 'makeup'] as const;
export type DayKind = (typeof dayKinds)[number];

/** Festivals of the State Council schedule (the name shown for a holiday or make-up day). */
export const festivals = [
  'new_year',
  'spring_festival',
  'qingming',
  'labour_day',
  'dragon_boat',
  'mid_autumn',
  'national_day',
  'other',
] as const;
export type Festival = (typeof festivals)[number];

/** How a time limit is counted (SPEC 5.2, 5.3). */
export const limitUnits = ['working_days', 'working_hours', 'clock_hours', 'clock_minutes'] as const;
export type LimitUnit = (typeof limitUnits)[number];

export const timeLimit = z.strictObject({
  unit: z.enum(limitUnits),
  amount: z.number().int().min(1).max(10000),
});
export type TimeLimit = z.infer<typeof timeLimit>;

export const calendarGrants = {
  'calendar.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'district',
    committee: 'district',
    property: 'district',
    owners_committee: 'district',
    resident: 'district',
    inspector: 'district',
    emergency: 'district',
    mediator: 'district',
  },
  'calendar.manage': { district_admin: 'district' },
} as const;

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'date',
    },
  );

/** An instant in ISO 8601 with a zone or offset; a date alone means 00:00 in Asia/Shanghai. */
export const isoInstant = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s), {
    message: 'instant',
  })
  .refine((s) => !Number.isNaN(parseInstant(s).getTime()), { message: 'instant' });

/** Parses ISO 8601; without a zone the wall time is taken as Asia/Shanghai (UTC+8). */
export function parseInstant(s: string): Date {
  const text = s.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00+08:00`);
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(text)) return new Date(text);
  return new Date(`${text}+08:00`);
}

export const deadlineQuery = z
  .strictObject({
    from: isoInstant,
    workingDays: z.coerce.number().int().min(0).max(3650).optional(),
    workingHours: z.coerce.number().int().min(0).max(10000).optional(),
    clockHours: z.coerce.number().int().min(0).max(100000).optional(),
  })
  .refine((q) => [q.workingDays, q.workingHours, q.clockHours].filter((v) => v !== undefined).length === 1, {
    message: 'one_limit',
    path: ['workingDays'],
  });

export const deadlineAnswer = z.object({
  from: z.string(),
  unit: z.enum(['working_days', 'working_hours', 'clock_hours']),
  amount: z.number(),
  /** the instant the limit runs out, ISO 8601 with the +08:00 offset */
  deadline: z.string(),
  /** the Asia/Shanghai calendar day of the deadline */
  deadlineDate: z.string(),
  /** days off (weekends and holidays) passed over between `from` and the deadline */
  daysOff: z.array(z.string()),
});

export const calendarDay = z.object({
  date: z.string(),
  kind: z.enum(dayKinds),
  festival: z.enum(festivals),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type CalendarDay = z.infer<typeof calendarDay>;

export const calendarDaysQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
});

export const calendarYear = z.object({
  year: z.number(),
  days: z.array(calendarDay),
  workingDays: z.number(),
  workStart: z.string(),
  workEnd: z.string(),
  abilities: z.object({ edit: z.boolean() }),
});

export const dateParam = z.strictObject({ date: isoDate });

export const calendarDayPut = z.strictObject({
  kind: z.enum(dayKinds),
  festival: z.enum(festivals).default('other'),
  note: z.string().trim().max(100).nullable().optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });
export const workingHoursPut = z
  .strictObject({ workStart: hhmm, workEnd: hhmm })
  .refine((v) => v.workStart < v.workEnd, { message: 'time_order', path: ['workEnd'] });
