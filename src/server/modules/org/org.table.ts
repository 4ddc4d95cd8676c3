import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// The place hierarchy: district → street → committee (居委会) → community (小区) → building → unit.
// Every row that belongs to a place carries street_id, the distribution column (SPEC 3).

export const districts = pgTable('district', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: text().notNull().unique(), // GB/T 2260, e.g. 310101
  name: text().notNull(),
  nameEn: text().notNull(),
});

export const streets = pgTable(
  'street',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    code: text().notNull().unique(),
    name: text().notNull(),
    nameEn: text().notNull(),
    outline: jsonb(), // GeoJSON Polygon
  },
  (t) => [index().on(t.districtId)],
);

export const committees = pgTable(
  'committee',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer()
      .notNull()
      .references(() => streets.id),
    code: text().notNull().unique(),
    name: text().notNull(),
  },
  (t) => [index().on(t.streetId)],
);

export const grids = pgTable(
  'grid',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer()
      .notNull()
      .references(() => streets.id),
    code: text().notNull().unique(),
    name: text().notNull(),
    outline: jsonb().notNull(), // GeoJSON Polygon
  },
  (t) => [index().on(t.streetId)],
);

export const departments = pgTable(
  'department',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    streetId: integer().references(() => streets.id), // null for district departments
    code: text().notNull().unique(),
    kind: text().notNull(),
    name: text().notNull(),
    nameEn: text().notNull(),
  },
  (t) => [index().on(t.streetId)],
);

export const organizations = pgTable(
  'organization',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull(),
    name: text().notNull(),
    uscc: text().notNull().unique(), // 统一社会信用代码, checksum-validated
    parentId: integer(),
    phone: text(),
  },
  (t) => [index().on(t.kind)],
);

export const communities = pgTable(
  'community',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer()
      .notNull()
      .references(() => streets.id),
    committeeId: integer().references(() => committees.id),
    gridId: integer().references(() => grids.id),
    code: text().notNull().unique(),
    name: text().notNull(),
    address: text().notNull(),
    housingType: text().notNull(),
    managementMode: text().notNull(),
    buildYear: smallint(),
    households: integer().notNull().default(0),
    floorArea: numeric({ precision: 12, scale: 2 }).notNull().default('0'),
    propertyOrgId: integer().references(() => organizations.id),
    developerOrgId: integer().references(() => organizations.id),
    isMixedUse: boolean().notNull().default(false), // 商住楼
    isOldHousing: boolean().notNull().default(false),
    lng: doublePrecision(),
    lat: doublePrecision(),
    outline: jsonb(), // GeoJSON Polygon
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.streetId, t.name, t.id),
    index().on(t.committeeId),
    index().on(t.propertyOrgId),
    index('community_name_id_idx').on(t.name, t.id),
  ],
);

export const buildings = pgTable(
  'building',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    name: text().notNull(),
    floors: smallint().notNull(),
    hasElevator: boolean().notNull().default(false),
    structure: text(),
    completedOn: date(),
  },
  (t) => [index().on(t.communityId), uniqueIndex().on(t.communityId, t.name)],
);

export const units = pgTable(
  'unit',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer().notNull(),
    communityId: integer().notNull(),
    buildingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => buildings.id),
    number: text().notNull(), // room number, e.g. 0301
    floor: smallint().notNull(),
    exclusiveArea: numeric({ precision: 12, scale: 2 }).notNull(), // m², from the register
    use: text().notNull().default('residential'),
  },
  (t) => [
    index().on(t.communityId),
    uniqueIndex().on(t.buildingId, t.number),
    check('unit_area_positive', sql`${t.exclusiveArea} > 0`),
  ],
);
