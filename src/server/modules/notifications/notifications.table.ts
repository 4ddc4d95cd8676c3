import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const tz = () => timestamp({ withTimezone: true });

/**
 * The in-app notification centre: one row per user and event, written by the case event relay.
 * Texts are rendered from the kind and params in the reader's language.
 */
export const notifications = pgTable(
  'notification',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint({ mode: 'number' }).notNull(),
    /** the place of the case it is about */
    streetId: integer(),
    kind: text().notNull(),
    caseId: bigint({ mode: 'number' }),
    /** the case event that caused it (one notification per kind and event) */
    eventId: bigint({ mode: 'number' }),
    params: jsonb().notNull(),
    createdAt: tz().notNull().defaultNow(),
    readAt: tz(),
  },
  (t) => [index().on(t.userId, t.id), index().on(t.caseId)],
);

/** How a user wants to be told: SMS and e-mail per moment (in the app always). */
export const notificationPreferences = pgTable('notification_preference', {
  userId: bigint({ mode: 'number' }).primaryKey(),
  events: jsonb().notNull(),
  /** SM4 */
  emailEnc: text(),
  updatedAt: tz().notNull().defaultNow(),
});
