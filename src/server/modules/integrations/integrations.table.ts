import { integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const tz = () => timestamp({ withTimezone: true });

/**
 * Another system that files and follows cases (a hotline, an Open311 client). Only a SHA-256 of
 * its API key is kept (the key is random and shown once); the callback secret is SM4-encrypted
 * because every callback is signed with it.
 */
export const apiClients = pgTable(
  'api_client',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    /** hotline_12345 | hotline_962121 | open311: the discovery channel of what it files */
    channel: text().notNull(),
    districtId: integer().notNull(),
    keyPrefix: text().notNull(),
    keyHash: text().notNull(),
    callbackUrl: text(),
    callbackSecretEnc: text(),
    rateLimitPerMinute: integer(),
    createdAt: tz().notNull().defaultNow(),
    lastUsedAt: tz(),
    revokedAt: tz(),
  },
  (t) => [uniqueIndex().on(t.name), uniqueIndex().on(t.keyHash)],
);
