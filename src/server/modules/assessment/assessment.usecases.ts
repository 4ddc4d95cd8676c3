import type { z } from 'zod';
import {
  type KpiCell,
  type KpiCounter,
  type KpiDefinitionOut,
  type KpiLevel,
  type KpiValuesOut,
  kpiCatalogue,
  type kpiValuesQuery,
  periodRange,
} from '../../../contracts/assessment';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import type { Actor, Place } from '../../platform/access';
import { type AuditActor, recordAudit } from '../../platform/audit/audit';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { forbidden } from '../../platform/errors';
import { translator } from '../../platform/i18n';
import {
  type CaseStreamEvent,
  cursorPosition,
  drainCaseEvents,
  replayCaseEvents,
} from '../cases/cases.outbox';
import { districtOf } from '../org/org.places';
import { communitiesOfDistrict, departmentsOf, organizationsOfKind, placeTree } from '../org/org.repository';
import { levelNotReached, rebuildFromInvalid } from './assessment.errors';
import * as repo from './assessment.repository';
import { type CounterSums, foldCaseEvent, kpiValue } from './assessment.rollup';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'kpi.rebuilt': { after: { from: string | null; events: number } };
  }
}

/** The rollup's name on the case event stream (its cursor). */
export const KPI_CONSUMER = 'kpi-rollup';

/**
 * Folds a batch of case events into the rollup counters and the per-case states, in the
 * transaction that moves the stream cursor, so each event is counted exactly once. With `from`
 * (a rebuild from that day), events before it update the states but add no counts.
 */
export async function foldCaseEvents(tx: Executor, events: CaseStreamEvent[], from: string | null = null) {
  const states = await repo.caseStatesOf(tx, [...new Set(events.map((e) => e.caseId))]);
  const sums = new Map<string, repo.RollupRow>();
  for (const e of events) {
    const before = states.get(e.caseId) ?? null;
    const { state, increments } = foldCaseEvent(e, before);
    for (const i of increments) {
      if (from && i.day < from) continue;
      const row: repo.RollupRow = {
        day: i.day,
        streetId: e.streetId,
        committeeId: e.case.committeeId ?? 0,
        communityId: e.case.communityId,
        unitKind: before?.unitKind ?? state.unitKind,
        unitId: before?.unitId ?? state.unitId,
        categoryCode: before?.categoryCode ?? state.categoryCode,
        counter: i.counter,
        bucket: i.bucket,
        n: i.n,
      };
      // a dispatch counts for the unit it goes to; everything else for the unit holding the case
      if (e.action === 'dispatch') Object.assign(row, { unitKind: state.unitKind, unitId: state.unitId });
      if (e.action === 'register') row.categoryCode = state.categoryCode;
      const key = [
        row.day,
        row.communityId,
        row.unitKind,
        row.unitId,
        row.categoryCode,
        row.counter,
        row.bucket,
      ].join('|');
      const have = sums.get(key);
      if (have) have.n += row.n;
      else sums.set(key, row);
    }
    states.set(e.caseId, { caseId: e.caseId, streetId: e.streetId, ...state });
  }
  await repo.addCounters(tx, [...sums.values()]);
  await repo.saveCaseStates(tx, [...states.values()]);
}

/** The job: folds every new committed case event into the rollups (several instances: once). */
export async function rollUpCaseEvents(ctx: AppContext): Promise<number> {
  return drainCaseEvents(ctx, KPI_CONSUMER, (tx, events) => foldCaseEvents(tx, events));
}

export interface RebuildProgress {
  start(total: number): void;
  update(done: number): void;
  stop?(): void;
}

/**
 * `anju kpi rebuild [--from DAY]`: recounts the rollups from the whole event history in one
 * transaction (dashboards keep the old numbers until it commits), from DAY on when given; audited.
 */
export async function rebuildKpiRollups(
  ctx: AppContext,
  actor: AuditActor,
  opts: { from?: string | null; progress?: RebuildProgress; now?: Date } = {},
) {
  const from = opts.from ?? null;
  if (from !== null && !validDay(from, shanghaiDate(opts.now ?? new Date()))) throw rebuildFromInvalid();
  const events = await replayCaseEvents(ctx, KPI_CONSUMER, {
    reset: (tx) => repo.clearRollups(tx, from),
    handle: (tx, batch) => foldCaseEvents(tx, batch, from),
    finish: (tx, n) =>
      recordAudit(tx, actor, {
        action: 'kpi.rebuilt',
        entityType: 'kpi_rollup',
        entityId: 0,
        streetId: null,
        after: { from, events: n },
      }),
    progress: opts.progress,
  }).finally(() => opts.progress?.stop?.());
  return { events, from };
}

function validDay(day: string, today: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(+d) && d.toISOString().slice(0, 10) === day && day <= today;
}

/** The catalogue with both languages' texts, straight from the locale files. */
export function kpiCatalogueOut(): KpiDefinitionOut[] {
  const zh = translator('zh-CN');
  const en = translator('en-US');
  const both = (key: string) => ({ 'zh-CN': zh(key), 'en-US': en(key) });
  return kpiCatalogue.map((k) => ({
    code: k.code,
    name: both(`assessment:kpi.${k.code}.name`),
    definition: both(`assessment:kpi.${k.code}.definition`),
    numerator: both(`assessment:kpi.${k.code}.numerator`),
    denominator: both(`assessment:kpi.${k.code}.denominator`),
    unit: k.unit,
    direction: k.direction,
    levels: [...k.levels],
    source: k.source,
  }));
}

/** Levels each kind of place may read: a department its own row, a company its own ... */
const levelsOf: Record<Place['level'], readonly KpiLevel[]> = {
  district: ['street', 'department', 'committee', 'community', 'property'],
  street: ['street', 'department', 'committee', 'community', 'property'],
  committee: ['committee', 'community'],
  community: ['community'],
  department: ['department'],
  organization: ['property'],
};

interface UnitRow {
  id: number;
  name: string;
  streetName: string | null;
  /** whether the unit is listed even without data (its place is within the caller's reach) */
  listed: boolean;
}

async function unitsOf(ctx: AppContext, actor: Actor, level: KpiLevel, places: Place[]): Promise<UnitRow[]> {
  const districtId = await districtOf(ctx.db, actor);
  const wholeDistrict = places.some((p) => p.level === 'district');
  const streetIds = new Set(places.flatMap((p) => (p.level === 'street' ? [p.streetId] : [])));
  const committeeIds = new Set(places.flatMap((p) => (p.level === 'committee' ? [p.committeeId] : [])));
  const communityIds = new Set(places.flatMap((p) => (p.level === 'community' ? [p.communityId] : [])));
  if (level === 'street' || level === 'committee') {
    const tree = await placeTree(ctx.db, districtId);
    const names = new Map(tree.streets.map((s) => [s.id, s.name]));
    if (level === 'street')
      return tree.streets.map((s) => ({
        id: s.id,
        name: s.name,
        streetName: null,
        listed: wholeDistrict || streetIds.has(s.id),
      }));
    return tree.committees.map((c) => ({
      id: c.id,
      name: c.name,
      streetName: names.get(c.streetId) ?? null,
      listed: wholeDistrict || streetIds.has(c.streetId) || committeeIds.has(c.id),
    }));
  }
  if (level === 'community') {
    const rows = await communitiesOfDistrict(ctx.db, districtId);
    return rows.map((c) => ({
      id: c.id,
      name: c.name,
      streetName: c.streetName,
      listed:
        wholeDistrict ||
        streetIds.has(c.streetId) ||
        (c.committeeId !== null && committeeIds.has(c.committeeId)) ||
        communityIds.has(c.id),
    }));
  }
  if (level === 'department') {
    const own = new Set(places.flatMap((p) => (p.level === 'department' ? [p.departmentId] : [])));
    const rows = await departmentsOf(ctx.db, districtId);
    return rows.map((d) => ({
      id: d.id,
      name: d.name,
      streetName: d.streetName,
      listed: wholeDistrict || own.has(d.id) || (d.streetId !== null && streetIds.has(d.streetId)),
    }));
  }
  const own = new Set(places.flatMap((p) => (p.level === 'organization' ? [p.organizationId] : [])));
  const rows = await organizationsOfKind(ctx.db, 'property_company');
  return rows.map((o) => ({
    id: o.id,
    name: o.name,
    streetName: null,
    listed: wholeDistrict || own.has(o.id),
  }));
}

/**
 * `GET /kpis/values`: one row per unit of the level with every applicable KPI's value, numerator
 * and denominator for the period, summed from the rollups (never from the case tables). Units are
 * those the caller's places reach, and units with data in them (a company working in the street).
 */
export async function kpiValues(
  ctx: AppContext,
  actor: Actor,
  q: z.infer<typeof kpiValuesQuery>,
): Promise<KpiValuesOut> {
  const places = actor.reach('kpis.read');
  if (!places.length) throw forbidden();
  if (!places.some((p) => levelsOf[p.level].includes(q.level))) throw levelNotReached(q.level);
  const { from, to } = periodRange(q.period);
  const [sums, units, asOf] = await Promise.all([
    repo.sumCounters(ctx.db, actor, { level: q.level, from, to }),
    unitsOf(ctx, actor, q.level, places),
    cursorPosition(ctx.db, KPI_CONSUMER),
  ]);
  const byUnit = new Map<number, CounterSums>();
  for (const r of sums) {
    let s = byUnit.get(r.unit);
    if (!s) {
      s = { counters: {}, histogram: new Map() };
      byUnit.set(r.unit, s);
    }
    const counter = r.counter as KpiCounter;
    s.counters[counter] = (s.counters[counter] ?? 0) + r.n;
    if (counter === 'handling_hist') s.histogram.set(r.bucket, (s.histogram.get(r.bucket) ?? 0) + r.n);
  }
  const defs = kpiCatalogue.filter((k) => k.levels.includes(q.level));
  const empty: CounterSums = { counters: {}, histogram: new Map() };
  const rows = units
    .filter((u) => u.listed || byUnit.has(u.id))
    .map((u) => {
      const s = byUnit.get(u.id) ?? empty;
      const values: Record<string, KpiCell> = {};
      for (const d of defs) values[d.code] = kpiValue(d, s);
      return { unit: { id: u.id, name: u.name, streetName: u.streetName }, values };
    });
  return {
    level: q.level,
    period: q.period,
    from,
    to,
    asOf: asOf ? asOf.toISOString() : null,
    kpis: defs.map((d) => d.code),
    rows,
  };
}
