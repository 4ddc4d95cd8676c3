import { bigint, index, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Idempotency keys of retried submissions (the `Idempotency-Key` header): the first request with
 * a key stores its answer in the same transaction as its effect; a retry with the same key and
 * body gets that answer again. Kept for 24 hours.
 */
export const idempotencyKeys = pgTable(
  'idempotency_key',
  {
    userId: bigint({ mode: 'number' }).notNull(),
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    status: smallint().notNull(),
    response: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope, t.key] }), index().on(t.createdAt)],
);
