import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only audit log, hash-chained with SM3. There is one chain per street (chain = street_id,
 * 0 for rows that belong to no street), so streets never wait on each other and a chain lives on
 * the same shard as the rows it describes. A trigger (migration 0001) refuses UPDATE, DELETE and
 * TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    chain: integer().notNull(),
    seq: bigint({ mode: 'number' }).notNull(),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorUserId: bigint({ mode: 'number' }),
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    streetId: integer(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.chain, t.seq] }), index().on(t.entityType, t.entityId), index().on(t.at)],
);

/** The head of each chain: its last sequence number and hash. Locked per chain while appending. */
export const auditChains = pgTable('audit_chain', {
  chain: integer().primaryKey(),
  seq: bigint({ mode: 'number' }).notNull(),
  hash: text().notNull(),
});
