import { bigint, boolean, index, integer, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** A natural person. Phone and ID numbers are SM4-encrypted at rest; phone_index is a keyed SM3 hash for lookup. */
export const persons = pgTable(
  'person',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    phoneEnc: text(),
    phoneIndex: text(),
    idNumberEnc: text(),
    idNumberIndex: text(), // keyed SM3 hash of the ID number: finds the same owner on import
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.phoneIndex), index().on(t.idNumberIndex)],
);

export const users = pgTable('user_account', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  username: text().notNull().unique(),
  personId: bigint({ mode: 'number' }).references(() => persons.id),
  displayName: text().notNull(),
  passwordHash: text().notNull(),
  status: text().notNull().default('active'),
  isDemo: boolean().notNull().default(false),
  failedLogins: smallint().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  totpSecretEnc: text(),
  totpEnabled: boolean().notNull().default(false),
  totpLastStep: bigint({ mode: 'number' }),
  lang: text().notNull().default('zh-CN'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One role at one place. A person may hold several. */
export const roleAssignments = pgTable(
  'role_assignment',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text().notNull(),
    districtId: integer().notNull(),
    streetId: integer(),
    committeeId: integer(),
    communityId: integer(),
    departmentId: integer(),
    organizationId: integer(),
    unitId: bigint({ mode: 'number' }),
  },
  (t) => [index().on(t.userId)],
);

/** Server-side sessions; the cookie holds a random token, the table only its SM3 hash. */
export const sessions = pgTable(
  'session',
  {
    tokenHash: text().primaryKey(),
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    stage: text().notNull(), // active | totp_required | totp_setup_required
    csrfToken: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt)],
);

/** One-time sign-in codes sent by SMS to residents; only a keyed hash of the code is kept. */
export const loginCodes = pgTable(
  'login_code',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    phoneIndex: text().notNull(),
    codeHash: text().notNull(),
    attempts: smallint().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.phoneIndex, t.createdAt)],
);
