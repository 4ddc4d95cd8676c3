import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { parseInstant } from '../../../contracts/calendar';
import { shanghaiDate, shanghaiIso, WorkCalendar } from './calendar';
import { officialSchedule } from './calendar.schedules';

const cal = new WorkCalendar(officialSchedule().map((d) => [d.date, d.kind] as const));
const at = (s: string) => parseInstant(s);

describe('working-day calendar (pure)', () => {
  it('holds the SPEC example: 3 working days from Wed 2026-09-30 end at the end of Sat 2026-10-10', () => {
    const due = cal.addWorkingDays(at('2026-09-30T10:00:00+08:00'), 3);
    expect(shanghaiIso(due)).toBe('2026-10-10T23:59:59+08:00');
    expect(cal.daysOffBetween(at('2026-09-30T10:00'), due)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
  });

  it('knows every 2026 holiday and make-up day of SPEC 5.3', () => {
    const holidays = [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ];
    for (const [from, to] of holidays) {
      for (
        let d = new Date(`${from}T00:00:00Z`);
        d <= new Date(`${to}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + 1)
      )
        expect(cal.isWorkingDay(d.toISOString().slice(0, 10)), d.toISOString()).toBe(false);
    }
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
      expect(cal.isWorkingDay(d), d).toBe(true);
    // ordinary weekdays and weekends
    expect(cal.isWorkingDay('2026-03-04')).toBe(true); // Wednesday
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // Saturday
  });

  it('counts across the Spring Festival and its make-up Saturdays', () => {
    // Fri 2026-02-13 → Sat 02-14 (make-up) is the 1st working day, then 02-24 Tue, 02-25 ...
    expect(shanghaiDate(cal.addWorkingDays(at('2026-02-13T09:00'), 1))).toBe('2026-02-14');
    expect(shanghaiDate(cal.addWorkingDays(at('2026-02-13T09:00'), 2))).toBe('2026-02-24');
    expect(shanghaiDate(cal.addWorkingDays(at('2026-02-13T09:00'), 5))).toBe('2026-02-27');
    expect(shanghaiDate(cal.addWorkingDays(at('2026-02-13T09:00'), 6))).toBe('2026-02-28');
    // Labour Day: Thu 04-30 + 1 → Wed 05-06; 05-09 (Saturday) works
    expect(shanghaiDate(cal.addWorkingDays(at('2026-04-30T16:00'), 1))).toBe('2026-05-06');
    expect(shanghaiDate(cal.addWorkingDays(at('2026-04-30T16:00'), 4))).toBe('2026-05-09');
    // starting on a day off counts from the next working day
    expect(shanghaiDate(cal.addWorkingDays(at('2026-10-03T12:00'), 1))).toBe('2026-10-08');
    expect(shanghaiIso(cal.addWorkingDays(at('2026-03-04T12:00'), 0))).toBe('2026-03-04T23:59:59+08:00');
  });

  it('2025: the National Day week and the make-up Saturday 10-11', () => {
    expect(shanghaiDate(cal.addWorkingDays(at('2025-09-30T10:00'), 1))).toBe('2025-10-09');
    expect(shanghaiDate(cal.addWorkingDays(at('2025-09-30T10:00'), 3))).toBe('2025-10-11');
    expect(cal.isWorkingDay('2025-09-28')).toBe(true);
  });

  it('working hours run 09:00–17:00 on working days only', () => {
    expect(shanghaiIso(cal.addWorkingHours(at('2026-03-04T10:00'), 4))).toBe('2026-03-04T14:00:00+08:00');
    expect(shanghaiIso(cal.addWorkingHours(at('2026-03-04T15:00'), 4))).toBe('2026-03-05T11:00:00+08:00');
    expect(shanghaiIso(cal.addWorkingHours(at('2026-03-04T15:00'), 2))).toBe('2026-03-04T17:00:00+08:00');
    expect(shanghaiIso(cal.addWorkingHours(at('2026-03-04T20:00'), 1))).toBe('2026-03-05T10:00:00+08:00');
    expect(shanghaiIso(cal.addWorkingHours(at('2026-03-04T07:00'), 1))).toBe('2026-03-04T10:00:00+08:00');
    // Fri 16:00 + 2h → Mon 10:00; before the Spring Festival: Fri 02-13 16:00 + 2h → Sat 02-14 10:00 (make-up)
    expect(shanghaiIso(cal.addWorkingHours(at('2026-03-06T16:00'), 2))).toBe('2026-03-09T10:00:00+08:00');
    expect(shanghaiIso(cal.addWorkingHours(at('2026-02-13T16:00'), 2))).toBe('2026-02-14T10:00:00+08:00');
    expect(shanghaiIso(cal.addWorkingHours(at('2026-02-14T16:00'), 2))).toBe('2026-02-24T10:00:00+08:00');
  });

  it('clock hours and minutes ignore the calendar (emergencies)', () => {
    const from = at('2026-10-01T23:40:00+08:00');
    expect(shanghaiIso(cal.deadline(from, { unit: 'clock_minutes', amount: 30 }))).toBe(
      '2026-10-02T00:10:00+08:00',
    );
    expect(shanghaiIso(cal.deadline(from, { unit: 'clock_hours', amount: 4 }))).toBe(
      '2026-10-02T03:40:00+08:00',
    );
  });

  it('elapsed and advance are inverse, and the warning comes at 80% of the counting time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 40 * 3600_000 }),
        fc.constantFrom('day', 'hours', 'clock'),
        (start, ms, mode) => {
          const end = cal.advance(mode as 'day', start, ms);
          expect(cal.elapsed(mode as 'day', start, end)).toBe(ms);
        },
      ),
      { numRuns: 300 },
    );
    const start = at('2026-09-30T10:00');
    const due = cal.addWorkingDays(start, 3);
    const warn = cal.warnAt('day', start, due);
    const total = cal.elapsed('day', start, due);
    expect(cal.elapsed('day', start, warn)).toBe(Math.floor(total * 0.8));
    expect(shanghaiDate(warn)).toBe('2026-10-10'); // 80% of the working time falls on the make-up Saturday
  });
});

const t = setupTestApp();

describe('calendar API', () => {
  it('answers the deadline for the SPEC example, without a session', async () => {
    const res = await t
      .anonymous()
      .get('/api/v1/calendar/deadline?from=2026-09-30T09:30:00%2B08:00&workingDays=3');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      unit: 'working_days',
      amount: 3,
      deadline: '2026-10-10T23:59:59+08:00',
      deadlineDate: '2026-10-10',
    });
    const utc = await t.anonymous().get('/api/v1/calendar/deadline?from=2026-09-30T02:00:00Z&workingDays=3');
    expect(utc.json().deadlineDate).toBe('2026-10-10');
    const hours = await t
      .anonymous()
      .get('/api/v1/calendar/deadline?from=2026-09-30T16:00:00%2B08:00&workingHours=2');
    expect(hours.json().deadline).toBe('2026-10-08T10:00:00+08:00');
    const clock = await t
      .anonymous()
      .get('/api/v1/calendar/deadline?from=2026-09-30T16:00:00%2B08:00&clockHours=2');
    expect(clock.json().deadline).toBe('2026-09-30T18:00:00+08:00');
  });

  it('bad input names the field', async () => {
    const a = await t.anonymous().get('/api/v1/calendar/deadline?from=yesterday&workingDays=3');
    expect(a.statusCode).toBe(400);
    expect(a.json().errors.map((e: { path: string }) => e.path)).toContain('query.from');
    const b = await t.anonymous().get('/api/v1/calendar/deadline?from=2026-09-30&workingDays=-1');
    expect(b.json().errors.map((e: { path: string }) => e.path)).toContain('query.workingDays');
    const c = await t.anonymous().get('/api/v1/calendar/deadline?from=2026-09-30');
    expect(c.statusCode).toBe(400);
  });

  it('district_admin edits a day (audited), others may not; the deadline follows at once', async () => {
    const admin = await t.login('district_admin');
    const year = (await admin.get('/api/v1/calendar/days?year=2026')).json();
    expect(year.days.filter((d: { kind: string }) => d.kind === 'makeup')).toHaveLength(6);
    expect(year.workStart).toBe('09:00');
    expect(year.abilities.edit).toBe(true);
    const street = await t.login('street');
    expect((await street.put('/api/v1/calendar/days/2026-10-08', { kind: 'holiday' })).statusCode).toBe(403);
    expect((await street.get('/api/v1/calendar/days?year=2026')).json().abilities.edit).toBe(false);

    const put = await admin.put('/api/v1/calendar/days/2026-10-08', {
      kind: 'holiday',
      festival: 'other',
      note: '台风',
    });
    expect(put.statusCode).toBe(200);
    const after = await t
      .anonymous()
      .get('/api/v1/calendar/deadline?from=2026-09-30T10:00:00%2B08:00&workingDays=3');
    expect(after.json().deadlineDate).toBe('2026-10-12');
    const audit = await t.ctx.database.pool.query(
      "select count(*)::int as n from audit_log where action = 'calendar.day_set' and entity_id = '2026-10-08'",
    );
    expect(audit.rows[0].n).toBe(1);
    expect((await admin.delete('/api/v1/calendar/days/2026-10-08')).statusCode).toBe(200);
    const back = await t
      .anonymous()
      .get('/api/v1/calendar/deadline?from=2026-09-30T10:00:00%2B08:00&workingDays=3');
    expect(back.json().deadlineDate).toBe('2026-10-10');
    expect(
      (await admin.put('/api/v1/calendar/days/2026-13-40', { kind: 'holiday' })).json().errors[0].path,
    ).toBe('params.date');
    const hours = await admin.put('/api/v1/calendar/working-hours', { workStart: '17:00', workEnd: '09:00' });
    expect(hours.json().errors[0].path).toBe('body.workEnd');
  });
});
