import { bigint, customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A stored upload: checked by content (the type comes from its magic bytes, never from its name
 * or header), at most 10 MB, with a SHA-256 for deduplication and integrity, and a
 * thumbnail for images. Generic: cases, ballots, disclosures ... link to files from their own tables.
 */
export const files = pgTable(
  'file',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer(), // the place of what it is attached to; null while unattached or district-wide
    sha256: text().notNull(),
    mime: text().notNull(),
    size: integer().notNull(),
    name: text().notNull(),
    content: bytea().notNull(),
    thumbnail: bytea(),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.createdBy), index().on(t.sha256)],
);
