import { z } from 'zod';

/**
 * 考核 assessment (seed 三(四)): key performance indicators as data. Each KPI has a stable code, a
 * definition in both languages (the locale namespace `assessment`, keys `kpi.<code>.*`), the
 * levels it applies to, its source and how its value is computed from rollup counters.
 */
export const kpiLevels = ['street', 'department', 'committee', 'community', 'property'] as const;
export type KpiLevel = (typeof kpiLevels)[number];

/** The counters the case rollup keeps per day × place × unit × category. */
export const kpiCounters = [
  'reported',
  'registered',
  'registered_on_time',
  'dispatched',
  'returned',
  'handled',
  'handled_on_time',
  'handling_timed',
  'handling_minutes',
  /** histogram of handling time: one row per bucket (bucket = working hours, rounded up) */
  'handling_hist',
  'rework',
  'closed',
  'closed_on_time',
  'supervised',
  'supervision_answered_on_time',
  'rated',
  'rating_sum',
  'rated_good',
] as const;
export type KpiCounter = (typeof kpiCounters)[number];

export const kpiUnits = ['cases', 'orders', 'percent', 'hours', 'points'] as const;
export const kpiDirections = ['higher', 'lower'] as const;

/**
 * How a value comes from counters: `count` = numerator; `ratio` = (numerator − minus) / denominator
 * (× 100 for percent); `minutes_avg` = numerator minutes / denominator, in hours; `p90` = the 90th
 * percentile of the handling-time histogram.
 */
export type KpiFormula =
  | { kind: 'count'; numerator: KpiCounter }
  | { kind: 'ratio'; numerator: KpiCounter; minus?: KpiCounter; denominator: KpiCounter }
  | { kind: 'minutes_avg'; numerator: KpiCounter; denominator: KpiCounter }
  | { kind: 'p90'; histogram: KpiCounter; denominator: KpiCounter };

export interface KpiDefinition {
  code: string;
  unit: (typeof kpiUnits)[number];
  direction: (typeof kpiDirections)[number];
  levels: readonly KpiLevel[];
  source: 'cases';
  formula: KpiFormula;
}

const places: readonly KpiLevel[] = ['street', 'committee', 'community'];
const allLevels: readonly KpiLevel[] = ['street', 'department', 'committee', 'community', 'property'];

/** The catalogue, after GB/T 30428 digital urban management practice. */
export const kpiCatalogue: readonly KpiDefinition[] = [
  {
    code: 'case.reported',
    unit: 'cases',
    direction: 'higher',
    levels: places,
    source: 'cases',
    formula: { kind: 'count', numerator: 'reported' },
  },
  {
    code: 'case.registered',
    unit: 'cases',
    direction: 'higher',
    levels: places,
    source: 'cases',
    formula: { kind: 'count', numerator: 'registered' },
  },
  {
    code: 'case.registered_on_time_rate',
    unit: 'percent',
    direction: 'higher',
    levels: places,
    source: 'cases',
    formula: { kind: 'ratio', numerator: 'registered_on_time', denominator: 'registered' },
  },
  {
    code: 'case.dispatched',
    unit: 'cases',
    direction: 'higher',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'count', numerator: 'dispatched' },
  },
  {
    code: 'case.dispatch_accuracy_rate',
    unit: 'percent',
    direction: 'higher',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'ratio', numerator: 'dispatched', minus: 'returned', denominator: 'dispatched' },
  },
  {
    code: 'case.handled_on_time_rate',
    unit: 'percent',
    direction: 'higher',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'ratio', numerator: 'handled_on_time', denominator: 'handled' },
  },
  {
    code: 'case.closed',
    unit: 'cases',
    direction: 'higher',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'count', numerator: 'closed' },
  },
  {
    code: 'case.closed_on_time_rate',
    unit: 'percent',
    direction: 'higher',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'ratio', numerator: 'closed_on_time', denominator: 'closed' },
  },
  {
    code: 'case.rework_rate',
    unit: 'percent',
    direction: 'lower',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'ratio', numerator: 'rework', denominator: 'handled' },
  },
  {
    code: 'case.handling_hours_avg',
    unit: 'hours',
    direction: 'lower',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'minutes_avg', numerator: 'handling_minutes', denominator: 'handling_timed' },
  },
  {
    code: 'case.handling_hours_p90',
    unit: 'hours',
    direction: 'lower',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'p90', histogram: 'handling_hist', denominator: 'handling_timed' },
  },
  {
    code: 'case.supervision_received',
    unit: 'orders',
    direction: 'lower',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'count', numerator: 'supervised' },
  },
  {
    code: 'case.supervision_answered_on_time_rate',
    unit: 'percent',
    direction: 'higher',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'ratio', numerator: 'supervision_answered_on_time', denominator: 'supervised' },
  },
  {
    code: 'case.satisfaction_avg',
    unit: 'points',
    direction: 'higher',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'ratio', numerator: 'rating_sum', denominator: 'rated' },
  },
  {
    code: 'case.satisfaction_good_rate',
    unit: 'percent',
    direction: 'higher',
    levels: allLevels,
    source: 'cases',
    formula: { kind: 'ratio', numerator: 'rated_good', denominator: 'rated' },
  },
];

export const assessmentGrants = {
  'kpis.read': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    department: 'place',
    committee: 'place',
    property: 'place',
  },
} as const;

/** YYYY-MM (a month), YYYY-Qn (a quarter) or YYYY (a year). */
export const kpiPeriod = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, { message: 'period' })
  .refine((p) => Number(p.slice(0, 4)) >= 2000, { message: 'period' });

export const kpiValuesQuery = z.strictObject({
  level: z.enum(kpiLevels),
  period: kpiPeriod,
});

const texts = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

export const kpiDefinitionOut = z.object({
  code: z.string(),
  name: texts,
  definition: texts,
  numerator: texts,
  denominator: texts,
  unit: z.enum(kpiUnits),
  direction: z.enum(kpiDirections),
  levels: z.array(z.enum(kpiLevels)),
  source: z.string(),
});
export type KpiDefinitionOut = z.infer<typeof kpiDefinitionOut>;
export const kpiCatalogueOut = z.object({ items: z.array(kpiDefinitionOut) });

export const kpiCell = z.object({
  /** null when the denominator is 0: nothing to measure in the period */
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number().nullable(),
});
export type KpiCell = z.infer<typeof kpiCell>;

export const kpiValuesOut = z.object({
  level: z.enum(kpiLevels),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  /** rollups are up to this instant (the last case event folded in), null before the first run */
  asOf: z.string().nullable(),
  kpis: z.array(z.string()),
  rows: z.array(
    z.object({
      unit: z.object({ id: z.number(), name: z.string(), streetName: z.string().nullable() }),
      values: z.record(z.string(), kpiCell),
    }),
  ),
});
export type KpiValuesOut = z.infer<typeof kpiValuesOut>;

/** The first and the day after the last day of a period ('YYYY-MM-DD'). */
export function periodRange(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = (y: number, m: number) => (m > 12 ? `${y + 1}-01-01` : `${y}-${pad(m)}-01`);
  if (period.length === 4) return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  if (period[5] === 'Q') {
    const q = Number(period[6]);
    return { from: day(year, q * 3 - 2), to: day(year, q * 3 + 1) };
  }
  const m = Number(period.slice(5, 7));
  return { from: day(year, m), to: day(year, m + 1) };
}
