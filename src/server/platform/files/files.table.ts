import { bigint, customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Uploaded files (scans, photos, PDFs) kept in PostgreSQL, so a backup of the database is a backup
 * of everything. Content is checked by magic bytes on the way in; `sm3` fingerprints it. Modules
 * refer to a file by id (a paper ballot's scan, evidence of an owners' committee system ...).
 */
export const files = pgTable(
  'file',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer(), // null for district-wide files
    communityId: integer(),
    name: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    sm3: text().notNull(),
    visibility: text().notNull().default('staff'),
    content: bytea().notNull(),
    uploadedBy: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.communityId), index().on(t.uploadedBy)],
);
