import type { Cadence } from '../../../contracts/inspections';
import { dayFromText, dayText } from '../../platform/calendar/calendar';

/**
 * Cycles, the rounds a plan owes on a day, and coverage — pure functions of dates ('YYYY-MM-DD',
 * Asia/Shanghai calendar days), tested without a database.
 */
export interface Cycle {
  start: string;
  end: string;
}

function monthEnd(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The cycle of `cadence` holding `day`: ISO week (Monday–Sunday), month, quarter or year. */
export function cycleOf(cadence: Exclude<Cadence, 'once'>, day: string): Cycle {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  switch (cadence) {
    case 'weekly': {
      const n = dayFromText(day);
      const weekday = (n + 4) % 7; // 0 = Sunday
      const start = n - ((weekday + 6) % 7);
      return { start: dayText(start), end: dayText(start + 6) };
    }
    case 'monthly':
      return { start: `${day.slice(0, 7)}-01`, end: monthEnd(y, m) };
    case 'quarterly': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { start: `${y}-${String(first).padStart(2, '0')}-01`, end: monthEnd(y, first + 2) };
    }
    case 'yearly':
      return { start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

export interface PlanSchedule {
  cadence: Cadence;
  mixedUseCadence: Cadence | null;
  startsOn: string;
  dueOn: string | null;
  endsOn: string | null;
  active: boolean;
}

export interface Target {
  kind: 'community' | 'building' | 'asset';
  id: number;
  mixedUse: boolean;
}

export interface DueRound {
  target: Target;
  cycleStart: string;
  dueOn: string;
}

/** The cadence that applies to a target: mixed commercial-residential communities may have their own. */
export function cadenceFor(plan: PlanSchedule, target: Pick<Target, 'mixedUse'>): Cadence {
  return target.mixedUse && plan.mixedUseCadence ? plan.mixedUseCadence : plan.cadence;
}

/**
 * The rounds a plan owes on `day`: one per target for the cycle holding the day (a one-off
 * campaign: one per target, due on its due date). Generating them again changes nothing: the
 * (plan, target, cycle start) key is unique.
 */
export function roundsDue(plan: PlanSchedule, targets: Target[], day: string): DueRound[] {
  if (!plan.active || day < plan.startsOn || (plan.endsOn && day > plan.endsOn)) return [];
  return targets.map((target) => {
    const cadence = cadenceFor(plan, target);
    if (cadence === 'once') return { target, cycleStart: plan.startsOn, dueOn: plan.dueOn ?? plan.startsOn };
    const cycle = cycleOf(cadence, day);
    return { target, cycleStart: cycle.start, dueOn: cycle.end };
  });
}

/** The reporting window of a plan around `day`: the cycle of its main cadence. */
export function windowOf(plan: Pick<PlanSchedule, 'cadence' | 'startsOn' | 'dueOn'>, day: string): Cycle {
  return plan.cadence === 'once'
    ? { start: plan.startsOn, end: plan.dueOn ?? plan.startsOn }
    : cycleOf(plan.cadence, day);
}

export interface CoverageRound {
  targetKey: string;
  dueOn: string;
  /** the Shanghai day the round was finished, null while open */
  finishedOn: string | null;
}

export interface Share {
  covered: number;
  total: number;
  rate: number | null;
}

/** Percent with one decimal: 1,234 of 1,268 → 97.3. */
export function percent(covered: number, total: number): number | null {
  return total === 0 ? null : Math.round((covered * 1000) / total) / 10;
}

/**
 * The share of targets inspected on time: a target counts when every round it had in the window
 * was finished by its due date. `pending` targets still have an open round not yet due; `late`
 * ones have a round finished late or open past its due date.
 */
export function coverageOf(
  rounds: CoverageRound[],
  today: string,
): Share & { pending: number; late: number } {
  const byTarget = new Map<string, CoverageRound[]>();
  for (const r of rounds) {
    const list = byTarget.get(r.targetKey) ?? [];
    list.push(r);
    byTarget.set(r.targetKey, list);
  }
  let covered = 0;
  let pending = 0;
  let late = 0;
  for (const list of byTarget.values()) {
    const isLate = list.some((r) => (r.finishedOn ? r.finishedOn > r.dueOn : today > r.dueOn));
    if (isLate) late++;
    else if (list.every((r) => r.finishedOn !== null)) covered++;
    else pending++;
  }
  return { covered, total: byTarget.size, rate: percent(covered, byTarget.size), pending, late };
}
