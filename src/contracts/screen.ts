import { z } from 'zod';
import { kpiCatalogue } from './assessment';
import { caseStates } from './cases';

/**
 * The wall screen of the command room (`/screen`, seed 三(四)): the caller's area on its own map
 * coloured by a KPI, the open backlog by state and SLA colour, the last 30 days, the most overdue
 * cases, a ranking and the live case feed. A viewer reaching several districts sees the city.
 */
export const screenGrants = {
  'screen.read': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
  },
} as const;

/** The map's regions: districts for a city-wide viewer, streets for a district, grids for a street. */
export const screenLevels = ['city', 'district', 'street'] as const;
export type ScreenLevel = (typeof screenLevels)[number];

/** KPIs the map and the ranking can be coloured by: those of the case rollups at street level. */
export const screenKpiCodes = kpiCatalogue
  .filter((k) => k.source === 'cases' && k.levels.includes('street'))
  .map((k) => k.code) as [string, ...string[]];
export const DEFAULT_SCREEN_KPI = 'case.handled_on_time_rate';

/** States the backlog counts (everything not finished). */
export const backlogStates = [
  'reported',
  'registered',
  'dispatched',
  'in_progress',
  'handled',
  'reopened',
  'suspended',
] as const;

export const screenQuery = z.strictObject({
  kpi: z.enum(screenKpiCodes).optional(),
});

const name = z.object({ name: z.string(), nameEn: z.string() });

export const screenMap = z.object({
  level: z.enum(screenLevels),
  area: name,
  /** GeoJSON FeatureCollection; each feature's properties carry id, name and nameEn */
  regions: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
  /** grid outlines drawn over a district's streets, as [lng, lat] rings */
  gridLines: z.array(z.array(z.tuple([z.number(), z.number()]))),
  communities: z.array(z.object({ id: z.number(), name: z.string(), lng: z.number(), lat: z.number() })),
});
export type ScreenMap = z.infer<typeof screenMap>;

const valued = z.object({
  id: z.number(),
  name: z.string(),
  nameEn: z.string(),
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number().nullable(),
});

export const screenSummary = z.object({
  level: z.enum(screenLevels),
  kpi: z.string(),
  /** the window of the map, the ranking and the trend: the last 30 days, 'YYYY-MM-DD', `to` exclusive */
  from: z.string(),
  to: z.string(),
  /** rollups are up to this instant; null before the first run */
  asOf: z.string().nullable(),
  generatedAt: z.string(),
  regions: z.array(valued),
  /** streets of a district, districts of the city, committees of a street */
  ranking: z.array(valued.extend({ rank: z.number().nullable() })),
  today: z.object({ reported: z.number(), dispatched: z.number(), handled: z.number(), closed: z.number() }),
  backlog: z.object({
    states: z.array(z.object({ state: z.enum(backlogStates), count: z.number() })),
    sla: z.object({ onTime: z.number(), warning: z.number(), overdue: z.number() }),
  }),
  trend: z.array(
    z.object({ day: z.string(), reported: z.number(), handled: z.number(), closed: z.number() }),
  ),
  overdue: z.array(
    z.object({
      id: z.number(),
      number: z.string(),
      title: z.string(),
      state: z.enum(caseStates),
      streetName: z.string(),
      communityName: z.string(),
      stageDueAt: z.string(),
    }),
  ),
});
export type ScreenSummary = z.infer<typeof screenSummary>;

/** One entry of the live feed (`GET /screen/feed`, server-sent events `case`). */
export const screenFeedItem = z.object({
  eventId: z.number(),
  caseId: z.number(),
  number: z.string(),
  title: z.string(),
  action: z.string(),
  toState: z.enum(caseStates).nullable(),
  at: z.string(),
  streetName: z.string(),
  communityName: z.string(),
  categoryName: z.string(),
  categoryNameEn: z.string(),
  /** who acted; a reporter's name masked as everywhere else */
  actor: z.string(),
});
export type ScreenFeedItem = z.infer<typeof screenFeedItem>;
