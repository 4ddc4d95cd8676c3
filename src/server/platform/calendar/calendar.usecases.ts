import type { z } from 'zod';
import { type calendarDayPut, type deadlineQuery, parseInstant } from '../../../contracts/calendar';
import type { AppContext } from '../../context';
import { type Actor, assertCan } from '../access';
import { recordAudit } from '../audit/audit';
import { AppError } from '../errors';
import { notifyReferenceChanged, referenceData } from '../refcache';
import { hhmmOf, minutesOf, shanghaiDate, shanghaiIso, WorkCalendar } from './calendar';
import * as repo from './calendar.repository';

declare module '../audit/audit' {
  interface AuditEvents {
    'calendar.day_set': { before: repo.CalendarDayRow | null; after: repo.CalendarDayRow };
    'calendar.day_removed': { before: repo.CalendarDayRow };
    'calendar.hours_set': { before: repo.CalendarSettingRow; after: repo.CalendarSettingRow };
  }
}

export const calendarCache = referenceData('calendar', async (db) => {
  const { days, settings } = await repo.loadCalendar(db);
  return new WorkCalendar(
    days.map((d) => [d.day, d.kind] as const),
    { start: minutesOf(settings.workStart), end: minutesOf(settings.workEnd) },
  );
});

/** The district's working-day calendar, from memory. */
export function calendarOf(ctx: AppContext): Promise<WorkCalendar> {
  return calendarCache.get(ctx);
}

export async function answerDeadline(ctx: AppContext, q: z.infer<typeof deadlineQuery>) {
  const cal = await calendarOf(ctx);
  const from = parseInstant(q.from);
  let unit: 'working_days' | 'working_hours' | 'clock_hours';
  let amount: number;
  let deadline: Date;
  if (q.workingDays !== undefined) {
    unit = 'working_days';
    amount = q.workingDays;
    deadline = cal.addWorkingDays(from, amount);
  } else if (q.workingHours !== undefined) {
    unit = 'working_hours';
    amount = q.workingHours;
    deadline = cal.addWorkingHours(from, amount);
  } else {
    unit = 'clock_hours';
    amount = q.clockHours ?? 0;
    deadline = new Date(+from + amount * 3600_000);
  }
  return {
    from: shanghaiIso(from),
    unit,
    amount,
    deadline: shanghaiIso(deadline),
    deadlineDate: shanghaiDate(deadline),
    daysOff: cal.daysOffBetween(from, deadline),
  };
}

export async function calendarYear(ctx: AppContext, actor: Actor, year: number) {
  const cal = await calendarOf(ctx);
  const rows = await repo.daysOfYear(ctx.db, year);
  let workingDays = 0;
  for (
    let d = new Date(Date.UTC(year, 0, 1));
    d.getUTCFullYear() === year;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    if (cal.isWorkingDay(d.toISOString().slice(0, 10))) workingDays++;
  }
  return {
    year,
    days: rows.map(presentDay),
    workingDays,
    workStart: hhmmOf(cal.hours.start),
    workEnd: hhmmOf(cal.hours.end),
    abilities: { edit: actor.can('calendar.manage') },
  };
}

export function presentDay(r: repo.CalendarDayRow) {
  return {
    date: r.day,
    kind: r.kind as 'holiday' | 'makeup',
    festival: r.festival as never,
    note: r.note,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Marks a day as holiday or make-up workday. Deadlines already computed do not move. */
export async function setCalendarDay(
  ctx: AppContext,
  actor: Actor,
  day: string,
  input: z.infer<typeof calendarDayPut>,
) {
  assertCan(actor, 'calendar.manage');
  const row = await ctx.db.transaction(async (tx) => {
    const before = await repo.findDay(tx, day);
    const after = await repo.upsertDay(tx, day, {
      kind: input.kind,
      festival: input.festival,
      note: input.note ?? null,
    });
    await notifyReferenceChanged(tx, calendarCache.name);
    await recordAudit(tx, actor.audit, {
      action: 'calendar.day_set',
      entityType: 'calendar_day',
      entityId: day,
      streetId: null,
      before,
      after,
    });
    return after;
  });
  calendarCache.invalidate(ctx);
  return presentDay(row);
}

/** Removes an override: the day follows the Monday–Friday rule again. */
export async function removeCalendarDay(ctx: AppContext, actor: Actor, day: string) {
  assertCan(actor, 'calendar.manage');
  await ctx.db.transaction(async (tx) => {
    const before = await repo.deleteDay(tx, day);
    if (!before) throw new AppError('not_found', 404, { entity: 'calendar_day' });
    await notifyReferenceChanged(tx, calendarCache.name);
    await recordAudit(tx, actor.audit, {
      action: 'calendar.day_removed',
      entityType: 'calendar_day',
      entityId: day,
      streetId: null,
      before,
    });
  });
  calendarCache.invalidate(ctx);
}

export async function setWorkingHours(ctx: AppContext, actor: Actor, workStart: string, workEnd: string) {
  assertCan(actor, 'calendar.manage');
  await calendarOf(ctx); // makes sure the settings row exists
  await ctx.db.transaction(async (tx) => {
    const { settings: before } = await repo.loadCalendar(tx);
    const after = await repo.setWorkingHours(tx, workStart, workEnd);
    await notifyReferenceChanged(tx, calendarCache.name);
    await recordAudit(tx, actor.audit, {
      action: 'calendar.hours_set',
      entityType: 'calendar_setting',
      entityId: 1,
      streetId: null,
      before,
      after,
    });
  });
  calendarCache.invalidate(ctx);
}
