import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const tz = () => timestamp({ withTimezone: true });

/**
 * Messages to the outside world (SMS, e-mail, signed webhook callbacks), written in the same
 * transaction as what caused them and sent by the `outbound-send` job with retries and backoff.
 * Targets (phone numbers, e-mail addresses) are SM4-encrypted; the attempts are the delivery log.
 */
export const outboundMessages = pgTable(
  'outbound_message',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** sms | email | webhook */
    kind: text().notNull(),
    /** the place of what caused it (null: district-wide) */
    streetId: integer(),
    /** what it is about, for the log: case.dispatched, case.state_changed ... */
    topic: text().notNull(),
    caseId: bigint({ mode: 'number' }),
    /** webhook: the API client whose callback URL it goes to */
    apiClientId: integer(),
    userId: bigint({ mode: 'number' }),
    /** phone, e-mail address or URL (SM4 for phone and e-mail) */
    targetEnc: text().notNull(),
    subject: text(),
    body: text().notNull(),
    /** messages with the same key are delivered in id order (a case's callbacks to one client) */
    orderingKey: text(),
    /** pending | sent | failed */
    status: text().notNull().default('pending'),
    attempts: smallint().notNull().default(0),
    nextAttemptAt: tz().notNull().defaultNow(),
    lockedUntil: tz(),
    sentAt: tz(),
    lastError: text(),
    createdAt: tz().notNull().defaultNow(),
  },
  (t) => [
    index('outbound_message_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index().on(t.orderingKey, t.id),
    index().on(t.apiClientId, t.id),
    index().on(t.caseId),
  ],
);

/** One try at sending a message: the delivery log. */
export const outboundAttempts = pgTable(
  'outbound_attempt',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: bigint({ mode: 'number' }).notNull(),
    at: tz().notNull().defaultNow(),
    ok: boolean().notNull(),
    /** HTTP status of a webhook or gateway answer */
    statusCode: integer(),
    error: text(),
    durationMs: integer().notNull(),
  },
  (t) => [index().on(t.messageId, t.id)],
);
