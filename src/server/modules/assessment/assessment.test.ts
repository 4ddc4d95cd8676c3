import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { demoActor, PNG_1x1 } from '../../../../test/cases';
import { runCli } from '../../../../test/cli';
import { kpiCounters } from '../../../contracts/assessment';
import {
  type CaseAction,
  type CaseActionBody,
  caseTransitions,
  type TransitionRule,
} from '../../../contracts/cases';
import { connect } from '../../db/client';
import type { Actor } from '../../platform/access';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { AppError } from '../../platform/errors';
import { checkUpload, storeFile } from '../../platform/files/files';
import { caseById } from '../cases/cases.repository';
import { actOnCase, reportCase, respondSupervision, superviseOverdueCases } from '../cases/cases.usecases';
import { hoursBucket, kpiValue } from './assessment.rollup';
import { rebuildKpiRollups, rollUpCaseEvents } from './assessment.usecases';

const t = setupTestApp();
const q = (text: string, params: unknown[] = []) => t.ctx.database.pool.query(text, params);
const HOUR = 3_600_000;

/** The rollup as it is: key → n (rows of 0 left out). */
async function rollup(): Promise<Map<string, number>> {
  const r = await q(`
    select day::text, street_id, committee_id, community_id, unit_kind, unit_id, category_code, counter, bucket, n
    from kpi_case_rollup where n <> 0`);
  return new Map(r.rows.map((x) => [keyOf(x), Number(x.n)]));
}

const keyOf = (x: Record<string, unknown>) =>
  [
    x.day,
    x.street_id,
    x.committee_id,
    x.community_id,
    x.unit_kind,
    x.unit_id,
    x.category_code,
    x.counter,
    x.bucket,
  ].join('|');

/**
 * The same counters counted the naive way, straight from case_event and case_record with one
 * SQL statement: the lead unit is the last dispatch's, the category the last report's or
 * registration's, on-time is the event's time against the deadline written into it.
 */
async function recount(): Promise<Map<string, number>> {
  const r = await q(`
    with ev as (
      select e.street_id, e.action, e.data, date_trunc('milliseconds', e.at) as at,
             (e.at at time zone 'Asia/Shanghai')::date as day,
             coalesce(c.committee_id, 0) as committee_id, c.community_id,
             (select d.data->'lead' from case_event d
               where d.case_id = e.case_id and d.action = 'dispatch' and (d.tx, d.id) <= (e.tx, e.id)
               order by d.tx desc, d.id desc limit 1) as lead,
             coalesce((select k.data->>'categoryCode' from case_event k
               where k.case_id = e.case_id and k.action in ('report', 'register') and k.data ? 'categoryCode'
                 and (k.tx, k.id) <= (e.tx, e.id)
               order by k.tx desc, k.id desc limit 1), c.category_code) as category
      from case_event e join case_record c on c.id = e.case_id),
    f as (
      select ev.*,
             ev.data->>'stageDueAt' is null or ev.at <= (ev.data->>'stageDueAt')::timestamptz as in_time,
             ev.action = 'handle' and coalesce((ev.data->>'complete')::boolean, false) as handled,
             (ev.data->>'handlingMinutes')::int as minutes
      from ev)
    select x.day::text, street_id, committee_id, community_id,
           coalesce(lead->>'kind', '') as unit_kind, coalesce((lead->>'id')::int, 0) as unit_id,
           category as category_code, x.counter, x.bucket, sum(x.n)::bigint as n
    from f cross join lateral (values
      ('reported', 0, 1, f.day, action = 'report'),
      ('registered', 0, 1, f.day, action = 'register'),
      ('registered_on_time', 0, 1, f.day, action = 'register' and in_time),
      ('dispatched', 0, 1, f.day, action = 'dispatch'),
      ('returned', 0, 1, f.day, action = 'return'),
      ('handled', 0, 1, f.day, handled),
      ('handled_on_time', 0, 1, f.day, handled and in_time),
      ('handling_timed', 0, 1, f.day, handled and minutes is not null),
      ('handling_minutes', 0, coalesce(minutes, 0), f.day, handled and minutes is not null),
      ('handling_hist', least(9999, ceil(coalesce(minutes, 0) / 60.0))::int, 1, f.day, handled and minutes is not null),
      ('rework', 0, 1, f.day, action = 'rework'),
      ('closed', 0, 1, f.day, action = 'close'),
      ('closed_on_time', 0, 1, f.day, action = 'close' and in_time),
      ('supervised', 0, 1, f.day, action = 'supervise' or (action = 'escalated' and (data->>'level')::int in (1, 2))),
      ('supervision_answered_on_time', 0, 1,
        coalesce(((data->>'orderCreatedAt')::timestamptz at time zone 'Asia/Shanghai')::date, f.day),
        action = 'supervision_responded' and data ? 'dueAt' and at <= (data->>'dueAt')::timestamptz),
      ('rated', 0, 1, f.day, action = 'rate'),
      ('rating_sum', 0, coalesce((data->>'score')::int, 0), f.day, action = 'rate'),
      ('rated_good', 0, 1, f.day, action = 'rate' and (data->>'score')::int >= 4)
    ) as x(counter, bucket, n, day, hit)
    where x.hit
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    having sum(x.n) <> 0`);
  return new Map(r.rows.map((x) => [keyOf(x), Number(x.n)]));
}

const actors = new Map<string, Actor>();
const names = ['street', 'property', 'department', 'resident', 'district_leader'] as const;
let home: number;
let propertyOrg: number;

beforeAll(async () => {
  for (const n of names) actors.set(n, await demoActor(t, n));
  home = actors.get('resident')!.assignments[0]!.communityId!;
  propertyOrg = actors.get('property')!.assignments[0]!.organizationId!;
});

async function bodyFor(
  action: CaseAction,
  actor: Actor,
  score: number,
): Promise<Omit<CaseActionBody, 'version'>> {
  switch (action) {
    case 'return':
    case 'rework':
    case 'supervise':
    case 'reject':
      return { reason: '随机测试原因' };
    case 'suspend':
      return { reason: '随机挂账', reviewDate: '2099-12-31' };
    case 'dispatch':
      return { lead: { kind: 'organization', id: propertyOrg } };
    case 'handle': {
      const f = await checkUpload('e.png', PNG_1x1);
      return {
        note: '已处置',
        attachments: [{ fileId: await storeFile(t.ctx.db, f, actor.userId, null), kind: 'after' }],
      };
    }
    case 'rate':
      return { score };
    default:
      return {};
  }
}

const flow: CaseAction[] = [
  'register',
  'dispatch',
  'accept',
  'handle',
  'close',
  'rework',
  'return',
  'rate',
  'supervise',
  'suspend',
  'resume',
  'reject',
];
const by: Record<string, string> = {
  dispatcher: 'street',
  handler: 'property',
  reporter: 'resident',
  supervisor: 'district_leader',
};

describe('KPI rollups from the case event stream', () => {
  it('the catalogue answers every KPI with both languages, and the seed has rolled up the demo cases', async () => {
    const leader = await t.login('district_leader');
    const res = await leader.get('/api/v1/kpis');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      code: string;
      name: Record<string, string>;
      numerator: Record<string, string>;
    }[];
    expect(items.map((i) => i.code)).toContain('case.handling_hours_p90');
    for (const i of items) {
      expect(i.name['zh-CN']).not.toContain('kpi.');
      expect(i.name['en-US']).not.toContain('kpi.');
      expect(i.name['zh-CN']).not.toBe(i.name['en-US']);
    }
    expect((await rollup()).size).toBeGreaterThan(50);
    expect(await rollup()).toEqual(await recount());
  });

  it('for random case event streams the rollup equals a naive recount from the source tables (property)', async () => {
    const step = fc.record({
      pick: fc.nat(),
      hours: fc.integer({ min: 0, max: 120 }),
      score: fc.integer({ min: 1, max: 5 }),
    });
    let base = Date.parse('2026-03-02T01:00:00Z');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 3 }),
        async (cases) => {
          base += 30 * 24 * HOUR;
          for (const steps of cases) {
            let now = base;
            const created = (
              await reportCase(
                t.ctx,
                actors.get('resident')!,
                {
                  categoryCode: 'property_service.repair',
                  communityId: home,
                  title: '随机考核',
                  description: '性质测试',
                  attachments: [],
                },
                undefined,
                { now: new Date(now) },
              )
            ).body as { id: number };
            for (const s of steps) {
              now += s.hours * HOUR;
              const row = (await caseById(t.ctx.db, created.id))!;
              const allowed = flow.filter((a) =>
                (caseTransitions[a] as TransitionRule).from.includes(row.state as never),
              );
              if (!allowed.length) break;
              const action = allowed[s.pick % allowed.length]!;
              const actor = actors.get(by[(caseTransitions[action] as TransitionRule).by] ?? 'street')!;
              try {
                await actOnCase(
                  t.ctx,
                  actor,
                  created.id,
                  action,
                  { version: row.version, ...(await bodyFor(action, actor, s.score)) },
                  { now: new Date(now) },
                );
              } catch (err) {
                if (!(err instanceof AppError) || err.status >= 500) throw err;
              }
            }
            // overdue stages escalate; some orders are answered
            await superviseOverdueCases(t.ctx, { now: new Date(now) });
          }
          const open = await q(
            `select o.id from supervision_order o where o.responded_at is null order by o.id desc limit 2`,
          );
          for (const o of open.rows)
            await respondSupervision(t.ctx, actors.get('street')!, Number(o.id), '已督促整改').catch(
              () => null,
            );
          await rollUpCaseEvents(t.ctx);
          expect(await rollup()).toEqual(await recount());
        },
      ),
      { numRuns: 12, seed: 20261207 },
    );
    // the streams reached every counter, late and on time alike
    const seen = (await q('select distinct counter from kpi_case_rollup where n > 0')).rows.map(
      (r) => r.counter,
    );
    expect(seen.sort()).toEqual([...kpiCounters].sort());
    const late = await q(
      `select sum(n) filter (where counter = 'handled')::int as handled, sum(n) filter (where counter = 'handled_on_time')::int as on_time from kpi_case_rollup`,
    );
    expect(late.rows[0].on_time).toBeLessThanOrEqual(late.rows[0].handled);
  }, 240_000);

  it('running the job again, or on two instances at once, never counts an event twice', async () => {
    await rollUpCaseEvents(t.ctx);
    const before = await rollup();
    expect(await rollUpCaseEvents(t.ctx)).toBe(0);
    expect(await rollup()).toEqual(before);

    for (let i = 0; i < 6; i++)
      await reportCase(
        t.ctx,
        actors.get('resident')!,
        {
          categoryCode: 'property_service.repair',
          communityId: home,
          title: `并发${i}`,
          description: '两实例',
          attachments: [],
        },
        undefined,
      );
    const other = connect(t.ctx.database.url, 2);
    try {
      const [a, b] = await Promise.all([
        rollUpCaseEvents(t.ctx),
        rollUpCaseEvents({ ...t.ctx, database: other, db: other.db }),
      ]);
      expect(a + b).toBe(6);
    } finally {
      await other.close();
    }
    expect(await rollup()).toEqual(await recount());
  });

  it('a rebuild from history equals the incremental rollup, whole or from a day, and is audited', async () => {
    await rollUpCaseEvents(t.ctx);
    const incremental = await rollup();
    const whole = await rebuildKpiRollups(t.ctx, { userId: null, label: 'test' });
    expect(whole.events).toBeGreaterThan(100);
    expect(await rollup()).toEqual(incremental);
    await rebuildKpiRollups(t.ctx, { userId: null, label: 'test' }, { from: '2026-04-01' });
    expect(await rollup()).toEqual(incremental);
    const audit = await q(`select after from audit_log where action = 'kpi.rebuilt' order by seq`);
    expect(audit.rows.map((r) => r.after.from)).toEqual([null, '2026-04-01']);
    // and the job then goes on from where the rebuild ended
    expect(await rollUpCaseEvents(t.ctx)).toBe(0);
  });

  it('p90 and averages come from the mergeable histogram (pure)', () => {
    expect(hoursBucket(0)).toBe(0);
    expect(hoursBucket(60)).toBe(1);
    expect(hoursBucket(61)).toBe(2);
    const def = { code: 'x', unit: 'hours', direction: 'lower', levels: [], source: 'cases' } as const;
    const histogram = new Map([
      [1, 5],
      [3, 4],
      [40, 1],
    ]);
    const s = { counters: { handling_timed: 10, handling_minutes: 600 }, histogram };
    expect(
      kpiValue(
        { ...def, formula: { kind: 'p90', histogram: 'handling_hist', denominator: 'handling_timed' } },
        s,
      ),
    ).toEqual({
      value: 3,
      numerator: 9,
      denominator: 10,
    });
    expect(
      kpiValue(
        {
          ...def,
          formula: { kind: 'minutes_avg', numerator: 'handling_minutes', denominator: 'handling_timed' },
        },
        s,
      ),
    ).toEqual({ value: 1, numerator: 10, denominator: 10 });
  });
});

describe('GET /kpis/values', () => {
  // the demo cases happened in the last 60 days
  const period = shanghaiDate(new Date()).slice(0, 4);

  it('a district leader sees every street, each KPI with its numerator and denominator', async () => {
    const leader = await t.login('district_leader');
    const res = await leader.get(`/api/v1/kpis/values?level=street&period=${period}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rows).toHaveLength(10);
    expect(body.asOf).not.toBeNull();
    const sum = (code: string) =>
      body.rows.reduce(
        (a: number, r: { values: Record<string, { numerator: number }> }) => a + r.values[code]!.numerator,
        0,
      );
    const reported = (
      await q(
        `select count(*)::int as n from case_event where action = 'report' and extract(year from at at time zone 'Asia/Shanghai') = $1`,
        [Number(period)],
      )
    ).rows[0].n;
    expect(sum('case.reported')).toBe(reported);
    const rate = body.rows.find(
      (r: { values: Record<string, { denominator: number | null }> }) =>
        (r.values['case.handled_on_time_rate']!.denominator ?? 0) > 0,
    ).values['case.handled_on_time_rate'];
    expect(rate.value).toBeCloseTo((rate.numerator / rate.denominator) * 100, 1);
  });

  it('a street sees only its own street, its committees and the companies working in it', async () => {
    const street = await t.login('street');
    const own = actors.get('street')!.assignments[0]!.streetId!;
    const res = await street.get(`/api/v1/kpis/values?level=street&period=${period}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows.map((r: { unit: { id: number } }) => r.unit.id)).toEqual([own]);
    const committees = (await street.get(`/api/v1/kpis/values?level=committee&period=${period}`)).json();
    const ownCommittees = (await q('select id from committee where street_id = $1', [own])).rows.map(
      (r) => r.id,
    );
    expect(committees.rows.length).toBeGreaterThan(0);
    for (const r of committees.rows) expect(ownCommittees).toContain(r.unit.id);
    // the property company's row in this street counts only this street's cases
    const companies = (await street.get(`/api/v1/kpis/values?level=property&period=${period}`)).json();
    const other = await t.login('street2');
    const theirs = (await other.get(`/api/v1/kpis/values?level=property&period=${period}`)).json();
    const leader = (
      await (await t.login('district_leader')).get(`/api/v1/kpis/values?level=property&period=${period}`)
    ).json();
    const dispatched = (
      b: { rows: { unit: { id: number }; values: Record<string, { numerator: number }> }[] },
      id: number,
    ) => b.rows.find((r) => r.unit.id === id)?.values['case.dispatched']?.numerator ?? 0;
    expect(dispatched(companies, propertyOrg)).toBeGreaterThan(0);
    expect(dispatched(companies, propertyOrg) + dispatched(theirs, propertyOrg)).toBeLessThanOrEqual(
      dispatched(leader, propertyOrg),
    );
    const inStreet = (
      await q(
        `select coalesce(sum(n), 0)::int as n from kpi_case_rollup where counter = 'dispatched' and unit_kind = 'organization'
         and unit_id = $1 and street_id = $2 and extract(year from day) = $3`,
        [propertyOrg, own, Number(period)],
      )
    ).rows[0].n;
    expect(dispatched(companies, propertyOrg)).toBe(inStreet);
  });

  it('a department sees its own row only; a property company its own; other levels are 403', async () => {
    const dept = await t.login('department');
    const own = actors.get('department')!.assignments[0]!.departmentId!;
    const rows = (await dept.get(`/api/v1/kpis/values?level=department&period=${period}`)).json().rows;
    expect(rows.map((r: { unit: { id: number } }) => r.unit.id)).toEqual([own]);
    const denied = await dept.get(`/api/v1/kpis/values?level=street&period=${period}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    const company = await t.login('property');
    const mine = (await company.get(`/api/v1/kpis/values?level=property&period=${period}`)).json().rows;
    expect(mine.map((r: { unit: { id: number } }) => r.unit.id)).toEqual([propertyOrg]);
    expect((await company.get(`/api/v1/kpis/values?level=community&period=${period}`)).statusCode).toBe(403);
    expect((await (await t.login('resident')).get('/api/v1/kpis')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/v1/kpis')).statusCode).toBe(401);
  });

  it('bad level or period: 400 problem+json naming the field, nothing written', async () => {
    const leader = await t.login('district_leader');
    const audit = (await q('select count(*)::int as n from audit_log')).rows[0].n;
    const rows = await rollup();
    for (const [query, field] of [
      ['level=city&period=2026', 'query.level'],
      ['level=street&period=2026-13', 'query.period'],
      ['level=street&period=2026-Q5', 'query.period'],
      ['level=street&period=26', 'query.period'],
      ['period=2026', 'query.level'],
      ['level=street', 'query.period'],
      ['level=street&period=2026&x=1', 'query.x'],
    ] as const) {
      const res = await leader.get(`/api/v1/kpis/values?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(
        res.json().errors.map((e: { path: string }) => e.path),
        query,
      ).toContain(field);
    }
    const en = await leader.get('/api/v1/kpis/values?level=street&period=2026-13', {
      'accept-language': 'en-US',
    });
    expect(en.json().errors[0].message).toContain('YYYY-Qn');
    expect((await q('select count(*)::int as n from audit_log')).rows[0].n).toBe(audit);
    expect(await rollup()).toEqual(rows);
  });

  it('appears in the OpenAPI document', async () => {
    const doc = (await t.anonymous().get('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/kpis', '/api/v1/kpis/values']));
  });
});

describe('anju kpi rebuild', () => {
  it('rebuilds with a progress bar and exits 0; a bad --from exits 1 naming the option and changes nothing', async () => {
    await rollUpCaseEvents(t.ctx);
    const before = await rollup();
    const ok = await runCli(t.ctx.database, ['kpi', 'rebuild', '--from', '2026-01-01']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/KPI rollups rebuilt from 2026-01-01: [\d,]+ case events in/);
    expect(await rollup()).toEqual(before);
    const audits = (await q(`select count(*)::int as n from audit_log where action = 'kpi.rebuilt'`)).rows[0]
      .n;
    for (const bad of ['2026-02-30', 'yesterday', '2999-01-01']) {
      const r = await runCli(t.ctx.database, ['kpi', 'rebuild', '--from', bad]);
      expect(r.code, bad).toBe(1);
      expect(r.stderr).toContain('--from');
      expect(r.stderr).toContain('YYYY-MM-DD');
    }
    expect((await q(`select count(*)::int as n from audit_log where action = 'kpi.rebuilt'`)).rows[0].n).toBe(
      audits,
    );
    expect(await rollup()).toEqual(before);
  });
});
