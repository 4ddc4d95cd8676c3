import { date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The working-day calendar as data (SPEC 5.3): only days that differ from the Monday–Friday rule
 * are stored — official holidays and make-up workdays (调休). Reference data, not place-bound.
 */
export const calendarDays = pgTable('calendar_day', {
  day: date().primaryKey(),
  kind: text().notNull(), // holiday | makeup
  festival: text().notNull().default('other'),
  note: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Working hours of the district (one row, id = 1): 09:00–17:00 by default. */
export const calendarSettings = pgTable('calendar_setting', {
  id: integer().primaryKey(),
  workStart: text().notNull().default('09:00'),
  workEnd: text().notNull().default('17:00'),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
