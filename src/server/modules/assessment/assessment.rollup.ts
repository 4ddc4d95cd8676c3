import type { KpiCounter, KpiDefinition } from '../../../contracts/assessment';
import { shanghaiDate } from '../../platform/calendar/calendar';
import type { CaseStreamEvent } from '../cases/cases.outbox';

/** The category and lead unit the rollup remembers per case. */
export interface CaseKpiState {
  categoryCode: string;
  unitKind: string;
  unitId: number;
}

export interface CounterIncrement {
  day: string;
  counter: KpiCounter;
  bucket: number;
  n: number;
}

/** Handling time in working hours, rounded up: bucket b holds (b − 1, b] hours, capped at 9999. */
export function hoursBucket(minutes: number): number {
  return Math.min(9999, Math.max(0, Math.ceil(minutes / 60)));
}

const onTime = (at: Date, due: unknown) => {
  // no deadline recorded (no limit for the stage, or an event written before deadlines were kept)
  if (typeof due !== 'string') return true;
  return +at <= Date.parse(due);
};

/**
 * Pure: what one case event adds to the counters, and the case's state after it. The day is the
 * event's day in Asia/Shanghai; a supervision response counts on the day its order was received,
 * so "answered on time" and "received" describe the same orders.
 */
export function foldCaseEvent(
  e: CaseStreamEvent,
  before: CaseKpiState | null,
): { state: CaseKpiState; increments: CounterIncrement[] } {
  const data = e.data ?? {};
  const state: CaseKpiState = before
    ? { ...before }
    : {
        categoryCode: typeof data.categoryCode === 'string' ? data.categoryCode : e.case.categoryCode,
        unitKind: '',
        unitId: 0,
      };
  const day = shanghaiDate(e.at);
  const inc: CounterIncrement[] = [];
  const add = (counter: KpiCounter, n = 1, bucket = 0, on = day) => inc.push({ day: on, counter, bucket, n });

  switch (e.action) {
    case 'report':
      add('reported');
      break;
    case 'register':
      if (typeof data.categoryCode === 'string') state.categoryCode = data.categoryCode;
      add('registered');
      if (onTime(e.at, data.stageDueAt)) add('registered_on_time');
      break;
    case 'dispatch': {
      const lead = data.lead as { kind?: string; id?: number | null } | undefined;
      state.unitKind = lead?.kind ?? '';
      state.unitId = lead?.id ?? 0;
      add('dispatched');
      break;
    }
    case 'return':
      add('returned');
      break;
    case 'handle':
      if (data.complete !== true) break;
      add('handled');
      if (onTime(e.at, data.stageDueAt)) add('handled_on_time');
      if (typeof data.handlingMinutes === 'number') {
        add('handling_timed');
        add('handling_minutes', data.handlingMinutes);
        add('handling_hist', 1, hoursBucket(data.handlingMinutes));
      }
      break;
    case 'rework':
      add('rework');
      break;
    case 'close':
      add('closed');
      if (onTime(e.at, data.stageDueAt)) add('closed_on_time');
      break;
    case 'escalated':
      // levels 1 and 2 are supervision orders (street, district); 3 is accountability
      if (data.level === 1 || data.level === 2) add('supervised');
      break;
    case 'supervise':
      add('supervised');
      break;
    case 'supervision_responded':
      if (typeof data.dueAt === 'string' && onTime(e.at, data.dueAt)) {
        const received = typeof data.orderCreatedAt === 'string' ? new Date(data.orderCreatedAt) : e.at;
        add('supervision_answered_on_time', 1, 0, shanghaiDate(received));
      }
      break;
    case 'rate': {
      const score = Number(data.score);
      if (!Number.isInteger(score)) break;
      add('rated');
      add('rating_sum', score);
      if (score >= 4) add('rated_good');
      break;
    }
  }
  return { state, increments: inc };
}

/** Summed counters of one unit row: counter → n, and the handling histogram bucket → n. */
export interface CounterSums {
  counters: Partial<Record<KpiCounter, number>>;
  histogram: Map<number, number>;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Pure: a KPI's value, numerator and denominator from summed counters. */
export function kpiValue(def: KpiDefinition, s: CounterSums) {
  const c = (k: KpiCounter) => s.counters[k] ?? 0;
  const f = def.formula;
  switch (f.kind) {
    case 'count':
      return { value: c(f.numerator), numerator: c(f.numerator), denominator: null };
    case 'ratio': {
      const numerator = c(f.numerator) - (f.minus ? c(f.minus) : 0);
      const denominator = c(f.denominator);
      const scale = def.unit === 'percent' ? 100 : 1;
      return {
        value: denominator ? round((numerator / denominator) * scale, 2) : null,
        numerator,
        denominator,
      };
    }
    case 'minutes_avg': {
      const denominator = c(f.denominator);
      const hours = c(f.numerator) / 60;
      return {
        value: denominator ? round(hours / denominator, 1) : null,
        numerator: round(hours, 1),
        denominator,
      };
    }
    case 'p90': {
      const denominator = c(f.denominator);
      if (!denominator) return { value: null, numerator: 0, denominator };
      // the smallest bucket with at least 90% of the cases at or below it
      const need = Math.ceil(denominator * 0.9);
      let seen = 0;
      for (const b of [...s.histogram.keys()].sort((x, y) => x - y)) {
        seen += s.histogram.get(b)!;
        if (seen >= need) return { value: b, numerator: seen, denominator };
      }
      return { value: null, numerator: seen, denominator };
    }
  }
}
