import { describe, expect, it } from 'vitest';
import { dayFromText, dayText } from '../../platform/calendar/calendar';
import {
  type CoverageRound,
  coverageOf,
  cycleOf,
  type PlanSchedule,
  percent,
  roundsDue,
  windowOf,
} from './inspections.schedule';

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let n = dayFromText(from); n <= dayFromText(to); n++) out.push(dayText(n));
  return out;
};

/** Runs the scheduler once a day over a span and collects the distinct rounds it owes (as the unique key does). */
function generateOver(
  plan: PlanSchedule,
  targets: { kind: 'community'; id: number; mixedUse: boolean }[],
  from: string,
  to: string,
) {
  const rounds = new Map<string, { target: number; cycleStart: string; dueOn: string }>();
  for (const day of days(from, to))
    for (const r of roundsDue(plan, targets, day))
      rounds.set(`${r.target.id}:${r.cycleStart}`, {
        target: r.target.id,
        cycleStart: r.cycleStart,
        dueOn: r.dueOn,
      });
  return [...rounds.values()];
}

describe('cycles', () => {
  it('are ISO weeks, months, quarters and years', () => {
    expect(cycleOf('weekly', '2026-07-01')).toEqual({ start: '2026-06-29', end: '2026-07-05' }); // Wednesday
    expect(cycleOf('weekly', '2026-07-05')).toEqual({ start: '2026-06-29', end: '2026-07-05' }); // Sunday
    expect(cycleOf('weekly', '2026-07-06')).toEqual({ start: '2026-07-06', end: '2026-07-12' }); // Monday
    expect(cycleOf('monthly', '2028-02-10')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(cycleOf('quarterly', '2026-08-15')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(cycleOf('quarterly', '2026-12-31')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(cycleOf('yearly', '2026-03-03')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });
});

describe('the scheduler across a cycle', () => {
  const fire: PlanSchedule = {
    cadence: 'monthly',
    mixedUseCadence: 'weekly',
    startsOn: '2026-07-01',
    dueOn: null,
    endsOn: null,
    active: true,
  };
  const targets = [
    { kind: 'community' as const, id: 1, mixedUse: false },
    { kind: 'community' as const, id: 2, mixedUse: true },
  ];

  it('owes one round per ordinary target per month and one per week for mixed-use ones over a quarter', () => {
    const rounds = generateOver(fire, targets, '2026-07-01', '2026-09-30');
    const ordinary = rounds.filter((r) => r.target === 1);
    expect(ordinary.map((r) => [r.cycleStart, r.dueOn])).toEqual([
      ['2026-07-01', '2026-07-31'],
      ['2026-08-01', '2026-08-31'],
      ['2026-09-01', '2026-09-30'],
    ]);
    const mixed = rounds.filter((r) => r.target === 2);
    // the weeks starting 2026-06-29 ... 2026-09-28: 14 weeks touch the quarter
    expect(mixed).toHaveLength(14);
    expect(mixed[0]).toEqual({ target: 2, cycleStart: '2026-06-29', dueOn: '2026-07-05' });
    expect(mixed.at(-1)).toEqual({ target: 2, cycleStart: '2026-09-28', dueOn: '2026-10-04' });
    expect(new Set(mixed.map((r) => dayFromText(r.cycleStart) % 7)).size).toBe(1); // all Mondays
  });

  it('owes nothing before the start, after the end or while inactive; a one-off campaign once', () => {
    expect(roundsDue(fire, targets, '2026-06-30')).toEqual([]);
    expect(roundsDue({ ...fire, endsOn: '2026-08-15' }, targets, '2026-08-16')).toEqual([]);
    expect(roundsDue({ ...fire, active: false }, targets, '2026-07-10')).toEqual([]);
    const campaign: PlanSchedule = {
      ...fire,
      cadence: 'once',
      mixedUseCadence: null,
      dueOn: '2026-05-31',
      startsOn: '2026-05-01',
    };
    const rounds = generateOver(campaign, targets, '2026-05-01', '2026-07-31');
    expect(rounds).toEqual([
      { target: 1, cycleStart: '2026-05-01', dueOn: '2026-05-31' },
      { target: 2, cycleStart: '2026-05-01', dueOn: '2026-05-31' },
    ]);
  });

  it('the reporting window is the cycle of the main cadence', () => {
    expect(windowOf(fire, '2026-08-20')).toEqual({ start: '2026-08-01', end: '2026-08-31' });
    expect(windowOf({ cadence: 'once', startsOn: '2026-05-01', dueOn: '2026-05-31' }, '2026-09-01')).toEqual({
      start: '2026-05-01',
      end: '2026-05-31',
    });
  });
});

describe('coverage arithmetic', () => {
  it('rounds to one decimal: 1,234 of 1,268 is 97.3%', () => {
    expect(percent(1234, 1268)).toBe(97.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(0, 5)).toBe(0);
    expect(percent(7, 7)).toBe(100);
    expect(percent(0, 0)).toBeNull();
  });

  it('counts a target once, covered only when every round it had was finished by its due date', () => {
    const rounds: CoverageRound[] = [
      // on time
      { targetKey: 'a', dueOn: '2026-07-31', finishedOn: '2026-07-31' },
      // late: finished the day after
      { targetKey: 'b', dueOn: '2026-07-31', finishedOn: '2026-08-01' },
      // missed: open past its due date
      { targetKey: 'c', dueOn: '2026-07-31', finishedOn: null },
      // a weekly target: one week on time, one still open and not yet due
      { targetKey: 'd', dueOn: '2026-08-02', finishedOn: '2026-07-30' },
      { targetKey: 'd', dueOn: '2026-08-09', finishedOn: null },
      // a weekly target with every week on time
      { targetKey: 'e', dueOn: '2026-08-02', finishedOn: '2026-08-01' },
      { targetKey: 'e', dueOn: '2026-08-09', finishedOn: '2026-08-04' },
    ];
    expect(coverageOf(rounds, '2026-08-05')).toEqual({ covered: 2, total: 5, rate: 40, pending: 1, late: 2 });
    expect(coverageOf([], '2026-08-05')).toEqual({ covered: 0, total: 0, rate: null, pending: 0, late: 0 });
  });

  it('1,268 targets of which 34 missed give 97.3%', () => {
    const rounds: CoverageRound[] = Array.from({ length: 1268 }, (_, i) => ({
      targetKey: `t${i}`,
      dueOn: '2026-09-30',
      finishedOn: i < 1234 ? `2026-09-1${i % 10}` : null,
    }));
    expect(coverageOf(rounds, '2026-10-01')).toMatchObject({
      covered: 1234,
      total: 1268,
      rate: 97.3,
      late: 34,
    });
  });
});
