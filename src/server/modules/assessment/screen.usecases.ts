import type { z } from 'zod';
import { type KpiCounter, kpiCatalogue } from '../../../contracts/assessment';
import {
  DEFAULT_SCREEN_KPI,
  type ScreenFeedItem,
  type ScreenMap,
  type ScreenSummary,
  type screenQuery,
} from '../../../contracts/screen';
import type { AppContext } from '../../context';
import type { Actor } from '../../platform/access';
import { addDays, shanghaiDate } from '../../platform/dates';
import { forbidden } from '../../platform/errors';
import { cursorPosition } from '../cases/cases.outbox';
import { caseFeed, mostOverdue, openBacklog } from '../cases/cases.screen';
import { screenGeography } from '../org/org.screen';
import { type CounterSums, kpiValue } from './assessment.rollup';
import { KPI_CONSUMER } from './assessment.usecases';
import * as repo from './screen.repository';

/** How many days the map, the ranking and the trend look back (today included). */
export const SCREEN_DAYS = 30;
const OVERDUE_SHOWN = 8;

function places(actor: Actor) {
  if (!actor.reach('screen.read').length) throw forbidden();
}

/** `GET /screen/map`: the caller's area as GeoJSON regions, grid outlines and community points. */
export async function screenMap(ctx: AppContext, actor: Actor): Promise<ScreenMap> {
  places(actor);
  const geo = await screenGeography(ctx.db, actor);
  return {
    level: geo.level,
    area: geo.area,
    regions: {
      type: 'FeatureCollection',
      features: geo.regions.map((r) => ({
        type: 'Feature',
        id: r.id,
        properties: { id: r.id, name: r.name, nameEn: r.nameEn },
        geometry: r.geometry,
      })),
    },
    gridLines: geo.gridLines,
    communities: geo.communities,
  };
}

function sumsInto(
  target: Map<number, CounterSums>,
  rows: { unit: number; counter: string; bucket: number; n: number }[],
  regionOf: (unit: number) => number | undefined,
) {
  for (const r of rows) {
    const id = regionOf(r.unit);
    if (id === undefined) continue;
    let s = target.get(id);
    if (!s) {
      s = { counters: {}, histogram: new Map() };
      target.set(id, s);
    }
    const counter = r.counter as KpiCounter;
    s.counters[counter] = (s.counters[counter] ?? 0) + r.n;
    if (counter === 'handling_hist') s.histogram.set(r.bucket, (s.histogram.get(r.bucket) ?? 0) + r.n);
  }
  return target;
}

/**
 * `GET /screen`: everything the wall screen shows but the map's shapes and the live feed, from the
 * rollups (the KPI per region, the ranking, the last 30 days, today) and two indexed reads of the
 * open backlog (counts by state and SLA colour, the most overdue cases).
 */
export async function screenSummary(
  ctx: AppContext,
  actor: Actor,
  q: z.infer<typeof screenQuery>,
  now = new Date(),
): Promise<ScreenSummary> {
  places(actor);
  const code = q.kpi ?? DEFAULT_SCREEN_KPI;
  const def = kpiCatalogue.find((k) => k.code === code)!;
  const today = shanghaiDate(now);
  const from = addDays(today, 1 - SCREEN_DAYS);
  const to = addDays(today, 1);
  const geo = await screenGeography(ctx.db, actor);
  const byStreet = geo.level !== 'street';
  const [regionRows, committeeRows, flow, backlog, overdue, asOf] = await Promise.all([
    repo.countersBy(ctx.db, actor, { by: byStreet ? 'street' : 'community', from, to }),
    byStreet ? Promise.resolve([]) : repo.countersBy(ctx.db, actor, { by: 'committee', from, to }),
    repo.dailyFlow(ctx.db, actor, { from, to }),
    openBacklog(ctx.db, actor),
    mostOverdue(ctx.db, actor, OVERDUE_SHOWN),
    cursorPosition(ctx.db, KPI_CONSUMER),
  ]);

  const regionSums = sumsInto(new Map(), regionRows, (unit) =>
    byStreet ? geo.streetRegion.get(unit) : geo.communityRegion.get(unit),
  );
  const empty: CounterSums = { counters: {}, histogram: new Map() };
  const regions = geo.regions.map((r) => ({
    id: r.id,
    name: r.name,
    nameEn: r.nameEn,
    ...kpiValue(def, regionSums.get(r.id) ?? empty),
  }));
  const units = byStreet
    ? regions
    : (() => {
        const sums = sumsInto(new Map(), committeeRows, (unit) => unit);
        return geo.committeeUnits.map((c) => ({ ...c, ...kpiValue(def, sums.get(c.id) ?? empty) }));
      })();
  const better = def.direction === 'higher' ? -1 : 1;
  const ordered = [...units].sort((a, b) =>
    a.value === null || b.value === null
      ? (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0)
      : (a.value - b.value) * better || a.name.localeCompare(b.name),
  );
  // equal values share a rank (1, 2, 2, 4); units without data are not ranked
  const ranking = ordered.map((u) => ({
    ...u,
    rank: u.value === null ? null : ordered.findIndex((o) => o.value === u.value) + 1,
  }));

  const days = Array.from({ length: SCREEN_DAYS }, (_, i) => addDays(from, i));
  const perDay = new Map(days.map((d) => [d, { day: d, reported: 0, handled: 0, closed: 0, dispatched: 0 }]));
  for (const f of flow) {
    const d = perDay.get(f.day);
    if (d && f.counter in d) d[f.counter as 'reported' | 'handled' | 'closed' | 'dispatched'] += f.n;
  }
  const { dispatched: _d, ...lastDay } = perDay.get(today)!;
  return {
    level: geo.level,
    kpi: code,
    from,
    to,
    asOf: asOf ? asOf.toISOString() : null,
    generatedAt: now.toISOString(),
    regions,
    ranking,
    today: {
      reported: lastDay.reported,
      dispatched: perDay.get(today)!.dispatched,
      handled: lastDay.handled,
      closed: lastDay.closed,
    },
    backlog,
    trend: days.map((d) => {
      const { dispatched: _x, ...rest } = perDay.get(d)!;
      return rest;
    }),
    overdue: overdue as ScreenSummary['overdue'],
  };
}

/** The live feed: case events within the caller's places after `afterId` (the newest few when null). */
export function screenFeed(
  ctx: AppContext,
  actor: Actor,
  afterId: number | null,
  limit = 50,
): Promise<ScreenFeedItem[]> {
  places(actor);
  return caseFeed(ctx, actor, afterId, limit);
}
