import type { DayKind, LimitUnit, TimeLimit } from '../../../contracts/calendar';

/**
 * The working-day calendar as pure arithmetic (SPEC 5.3). Asia/Shanghai has kept UTC+8 without
 * daylight saving since 1991, so wall time is the instant shifted by eight hours.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const MAX_DAYS = 3 * 3660; // a limit never runs longer than this; protects against a calendar of only days off

/** How time counts towards a limit: every hour of working days, working hours only, or every hour. */
export type ClockMode = 'day' | 'hours' | 'clock';

export function modeOf(unit: LimitUnit): ClockMode {
  return unit === 'working_days' ? 'day' : unit === 'working_hours' ? 'hours' : 'clock';
}

/** Days since 1970-01-01 of the Asia/Shanghai calendar day holding `instant`. */
export function dayNumber(instant: Date | number): number {
  return Math.floor((+instant + OFFSET_MS) / DAY_MS);
}

export function dayText(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function dayFromText(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** 00:00 Asia/Shanghai of day `n` as an instant (ms). */
export function dayStartMs(n: number): number {
  return n * DAY_MS - OFFSET_MS;
}

/** The Asia/Shanghai calendar day of an instant, 'YYYY-MM-DD'. */
export function shanghaiDate(instant: Date | number): string {
  return dayText(dayNumber(instant));
}

/** ISO 8601 with the +08:00 offset, seconds precision: 2026-10-10T23:59:59+08:00. */
export function shanghaiIso(instant: Date | number): string {
  return `${new Date(+instant + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

export interface WorkingHours {
  /** minutes after midnight */
  start: number;
  end: number;
}

export const DEFAULT_HOURS: WorkingHours = { start: 9 * 60, end: 17 * 60 };

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function hhmmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export class WorkCalendar {
  private readonly kinds: Map<number, DayKind>;

  constructor(
    overrides: Iterable<readonly [string, DayKind]>,
    readonly hours: WorkingHours = DEFAULT_HOURS,
  ) {
    this.kinds = new Map([...overrides].map(([day, kind]) => [dayFromText(day), kind]));
  }

  /** Monday–Friday, unless the day is a holiday; a make-up day (调休) works even on a weekend. */
  isWorkingDayNumber(n: number): boolean {
    const kind = this.kinds.get(n);
    if (kind === 'holiday') return false;
    if (kind === 'makeup') return true;
    const weekday = (n + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return weekday !== 0 && weekday !== 6;
  }

  isWorkingDay(day: string): boolean {
    return this.isWorkingDayNumber(dayFromText(day));
  }

  /**
   * The end (23:59:59 Asia/Shanghai) of the n-th working day after the day of `from`; the day the
   * limit starts is not counted. n = 0 is the end of the starting day itself.
   */
  addWorkingDays(from: Date, n: number): Date {
    let day = dayNumber(from);
    for (let counted = 0, steps = 0; counted < n; steps++) {
      if (steps > MAX_DAYS) throw new Error('calendar: no working day in range');
      day++;
      if (this.isWorkingDayNumber(day)) counted++;
    }
    return new Date(dayStartMs(day + 1) - 1000);
  }

  /** The window of counting time on day n, in ms since the epoch, or null on a day off. */
  private window(mode: ClockMode, n: number): [number, number] | null {
    if (mode === 'clock') return [dayStartMs(n), dayStartMs(n + 1)];
    if (!this.isWorkingDayNumber(n)) return null;
    if (mode === 'day') return [dayStartMs(n), dayStartMs(n + 1)];
    return [dayStartMs(n) + this.hours.start * 60_000, dayStartMs(n) + this.hours.end * 60_000];
  }

  /** Counting time (ms) between two instants: only working days, or only working hours, or all. */
  elapsed(mode: ClockMode, a: Date | number, b: Date | number): number {
    const from = +a;
    const to = +b;
    if (to <= from) return 0;
    if (mode === 'clock') return to - from;
    let total = 0;
    for (let n = dayNumber(from), last = dayNumber(to); n <= last; n++) {
      const w = this.window(mode, n);
      if (!w) continue;
      const s = Math.max(w[0], from);
      const e = Math.min(w[1], to);
      if (e > s) total += e - s;
    }
    return total;
  }

  /** The instant at which `ms` of counting time has passed after `from`. */
  advance(mode: ClockMode, from: Date | number, ms: number): Date {
    const start = +from;
    if (mode === 'clock') return new Date(start + ms);
    let left = Math.max(0, Math.round(ms));
    for (let n = dayNumber(start), steps = 0; ; n++, steps++) {
      if (steps > MAX_DAYS) throw new Error('calendar: no working time in range');
      const w = this.window(mode, n);
      if (!w || w[1] <= start) continue;
      const s = Math.max(w[0], start);
      if (left <= w[1] - s) return new Date(s + left);
      left -= w[1] - s;
    }
  }

  addWorkingHours(from: Date, hours: number): Date {
    return this.advance('hours', from, hours * 3600_000);
  }

  /** The deadline of a time limit starting at `from`. */
  deadline(from: Date, limit: TimeLimit): Date {
    switch (limit.unit) {
      case 'working_days':
        return this.addWorkingDays(from, limit.amount);
      case 'working_hours':
        return this.addWorkingHours(from, limit.amount);
      case 'clock_hours':
        return new Date(+from + limit.amount * 3600_000);
      case 'clock_minutes':
        return new Date(+from + limit.amount * 60_000);
    }
  }

  /** When 80% of the limit from `start` to `due` is used (SPEC 5.4 warning). */
  warnAt(mode: ClockMode, start: Date, due: Date): Date {
    return this.advance(mode, start, Math.floor(this.elapsed(mode, start, due) * 0.8));
  }

  /** Days off (weekends and holidays) strictly between the days of `from` and `to`, inclusive of `to`. */
  daysOffBetween(from: Date, to: Date): string[] {
    const out: string[] = [];
    for (let n = dayNumber(from) + 1, last = dayNumber(to); n <= last; n++) {
      if (!this.isWorkingDayNumber(n)) out.push(dayText(n));
    }
    return out;
  }
}

export type SlaState = 'on_time' | 'warning' | 'overdue';

/** SPEC 5.4: on-time, warning when at least 80% of the limit is used, overdue after the deadline. */
export function slaState(now: Date | number, warnAt: Date | null, dueAt: Date | null): SlaState | null {
  if (!dueAt) return null;
  if (+now > +dueAt) return 'overdue';
  if (warnAt && +now >= +warnAt) return 'warning';
  return 'on_time';
}
