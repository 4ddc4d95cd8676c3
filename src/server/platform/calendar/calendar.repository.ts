import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { DayKind, Festival } from '../../../contracts/calendar';
import type { Executor } from '../../db/client';
import { officialSchedule } from './calendar.schedules';
import { calendarDays, calendarSettings } from './calendar.table';

export type CalendarDayRow = typeof calendarDays.$inferSelect;
export type CalendarSettingRow = typeof calendarSettings.$inferSelect;

/**
 * The first time a database is used, the official schedules and the default working hours are
 * written (the settings row marks that this happened, so days an administrator removed stay removed).
 */
export async function ensureCalendarSeeded(db: Executor): Promise<void> {
  const existing = await db.select({ id: calendarSettings.id }).from(calendarSettings).limit(1);
  if (existing.length) return;
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(calendarSettings)
      .values({ id: 1 })
      .onConflictDoNothing()
      .returning({ id: calendarSettings.id });
    if (!inserted.length) return;
    await tx
      .insert(calendarDays)
      .values(officialSchedule().map((d) => ({ day: d.date, kind: d.kind, festival: d.festival })))
      .onConflictDoNothing();
  });
}

export async function loadCalendar(db: Executor) {
  await ensureCalendarSeeded(db);
  const [days, settings] = await Promise.all([
    db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays),
    db.select().from(calendarSettings).where(eq(calendarSettings.id, 1)),
  ]);
  return { days: days as { day: string; kind: DayKind }[], settings: settings[0]! };
}

export function daysOfYear(db: Executor, year: number) {
  return db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`)))
    .orderBy(asc(calendarDays.day));
}

export function findDay(db: Executor, day: string) {
  return db
    .select()
    .from(calendarDays)
    .where(eq(calendarDays.day, day))
    .then((r) => r[0] ?? null);
}

export function upsertDay(
  db: Executor,
  day: string,
  v: { kind: DayKind; festival: Festival; note: string | null },
) {
  return db
    .insert(calendarDays)
    .values({ day, ...v })
    .onConflictDoUpdate({ target: calendarDays.day, set: { ...v, updatedAt: sql`now()` } })
    .returning()
    .then((r) => r[0]!);
}

export function deleteDay(db: Executor, day: string) {
  return db
    .delete(calendarDays)
    .where(eq(calendarDays.day, day))
    .returning()
    .then((r) => r[0] ?? null);
}

export function setWorkingHours(db: Executor, workStart: string, workEnd: string) {
  return db
    .update(calendarSettings)
    .set({ workStart, workEnd, updatedAt: sql`now()` })
    .where(eq(calendarSettings.id, 1))
    .returning()
    .then((r) => r[0]!);
}
