import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const tz = () => timestamp({ withTimezone: true });

/**
 * KPI rollup of the case event stream: one counter per day (Asia/Shanghai) × place × responsible
 * unit × category. Counters are sums, so any period, place or unit is a SUM over rows; the
 * handling-time histogram (`handling_hist`, one row per bucket of working hours) keeps the p90
 * mergeable. Written only by the rollup job and the rebuild (assessment.usecases.ts).
 */
export const kpiCaseRollups = pgTable(
  'kpi_case_rollup',
  {
    day: date().notNull(),
    streetId: integer().notNull(),
    /** 0: the community has no committee */
    committeeId: integer().notNull(),
    communityId: integer().notNull(),
    /** the case's lead unit when the event happened ('' and 0 before it was dispatched) */
    unitKind: text().notNull(),
    unitId: integer().notNull(),
    categoryCode: text().notNull(),
    counter: text().notNull(),
    /** handling_hist: the working-hours bucket (hours rounded up); 0 for every other counter */
    bucket: smallint().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'kpi_case_rollup_pk',
      columns: [t.day, t.streetId, t.communityId, t.unitKind, t.unitId, t.categoryCode, t.counter, t.bucket],
    }),
    index().on(t.streetId, t.day),
    index().on(t.unitKind, t.unitId, t.day),
  ],
);

/**
 * What the rollup must remember of each case between events (its category and its lead unit),
 * so attribution depends on the events alone and a rebuild gives the same numbers.
 */
export const kpiCaseStates = pgTable('kpi_case_state', {
  caseId: bigint({ mode: 'number' }).primaryKey(),
  streetId: integer().notNull(),
  categoryCode: text().notNull(),
  unitKind: text().notNull(),
  unitId: integer().notNull(),
  updatedAt: tz().notNull().defaultNow(),
});
