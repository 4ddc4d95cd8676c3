import { bigint, customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Uploaded files (photos, scans, PDFs) kept in PostgreSQL, so a backup of the database is a
 * backup of everything. Checked by content on the way in (the type comes from the magic bytes,
 * never from the name), at most 10 MB, SHA-256 for integrity, a thumbnail for images. Generic:
 * cases, ballots, disclosures, inspections ... refer to a file by id from their own tables.
 */
export const files = pgTable(
  'file',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer(), // the place of what it is attached to; null while unattached or district-wide
    communityId: integer(),
    name: text().notNull(),
    mime: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    visibility: text().notNull().default('staff'),
    content: bytea().notNull(),
    thumbnail: bytea(),
    createdBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.createdBy), index().on(t.sha256), index().on(t.communityId)],
);
