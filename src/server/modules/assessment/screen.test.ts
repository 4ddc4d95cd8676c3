import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { demoActor } from '../../../../test/cases';
import type { ScreenFeedItem, ScreenMap, ScreenSummary } from '../../../contracts/screen';
import { seedCity } from '../../demo/city';
import { Actor } from '../../platform/access';
import { addDays, shanghaiDate } from '../../platform/dates';
import { reportCase } from '../cases/cases.usecases';
import { rollUpCaseEvents } from './assessment.usecases';
import { screenFeed, screenSummary } from './screen.usecases';

const t = setupTestApp();
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.ctx.database.pool.query(text, params)).rows as T[];

const today = shanghaiDate();
const from = addDays(today, -29);
const OPEN = `('reported','registered','dispatched','in_progress','handled','reopened','suspended')`;

/** Case events of the window counted straight from case_event, by street. */
async function eventsByStreet(action: string, extra = 'true') {
  const rows = await q<{ street_id: number; n: number }>(
    `select e.street_id, count(*)::int as n from case_event e
     where e.action = $1 and ${extra}
       and (e.at at time zone 'Asia/Shanghai')::date between $2::date and $3::date
     group by 1`,
    [action, from, today],
  );
  return new Map(rows.map((r) => [Number(r.street_id), r.n]));
}

let streetId: number;

beforeAll(async () => {
  // a case of today, so that today's counters and the feed have something new
  const resident = await demoActor(t, 'resident');
  const [home] = await q<{ community_id: number }>(
    `select r.community_id from role_assignment r join user_account u on u.id = r.user_id
     where u.username = 'resident' and r.community_id is not null limit 1`,
  );
  await reportCase(
    t.ctx,
    resident,
    {
      categoryCode: 'property_service.repair',
      communityId: home!.community_id,
      title: '大屏测试：楼道灯不亮',
      description: '三楼楼道灯坏了',
      attachments: [],
    },
    undefined,
  );
  await rollUpCaseEvents(t.ctx);
  const [s] = await q<{ street_id: number }>(
    `select r.street_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'street'`,
  );
  streetId = Number(s!.street_id);
});

describe('the wall screen summary', () => {
  it('a district leader gets every street, and each number equals a recount from the case tables', async () => {
    const leader = await t.login('district_leader');
    const res = await leader.get('/api/v1/screen?kpi=case.reported');
    expect(res.statusCode).toBe(200);
    const s = res.json() as ScreenSummary;
    expect(s.level).toBe('district');
    expect(s.from).toBe(from);
    expect(s.regions).toHaveLength(10);

    const reported = await eventsByStreet('report');
    expect([...reported.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const r of s.regions) expect(r.numerator, r.name).toBe(reported.get(r.id) ?? 0);

    // the ranking is the regions, best first, equal values sharing a rank
    const values = s.ranking.map((r) => r.value ?? -1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(s.ranking[0]!.rank).toBe(1);
    expect(s.ranking[0]!.numerator).toBe(Math.max(...reported.values()));

    // the trend: reports, completed handlings and closings per Shanghai day
    const perDay = await q<{ day: string; action: string; n: number }>(
      `select to_char((e.at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day, e.action, count(*)::int as n
       from case_event e
       where (e.action in ('report', 'close') or (e.action = 'handle' and coalesce((e.data->>'complete')::boolean, false)))
         and (e.at at time zone 'Asia/Shanghai')::date between $1::date and $2::date
       group by 1, 2`,
      [from, today],
    );
    const count = (day: string, action: string) =>
      perDay.find((p) => p.day === day && p.action === action)?.n ?? 0;
    expect(s.trend).toHaveLength(30);
    for (const d of s.trend) {
      expect(d.reported, d.day).toBe(count(d.day, 'report'));
      expect(d.handled, d.day).toBe(count(d.day, 'handle'));
      expect(d.closed, d.day).toBe(count(d.day, 'close'));
    }
    expect(s.today.reported).toBe(count(today, 'report'));
    expect(s.today.reported).toBeGreaterThan(0);

    // the open backlog by state and SLA colour
    const states = await q<{ state: string; n: number }>(
      `select state, count(*)::int as n from case_record where state in ${OPEN} group by 1`,
    );
    for (const st of s.backlog.states)
      expect(st.count, st.state).toBe(states.find((x) => x.state === st.state)?.n ?? 0);
    const [sla] = await q<{ overdue: number; warning: number; on_time: number }>(
      `select count(*) filter (where stage_due_at < now())::int as overdue,
              count(*) filter (where stage_warn_at <= now() and stage_due_at >= now())::int as warning,
              count(*) filter (where stage_due_at >= now() and (stage_warn_at is null or stage_warn_at > now()))::int as on_time
       from case_record where state in ${OPEN} and stage_due_at is not null`,
    );
    expect(s.backlog.sla).toEqual({ onTime: sla!.on_time, warning: sla!.warning, overdue: sla!.overdue });
    expect(sla!.overdue).toBeGreaterThan(0);

    // the most overdue: the open cases with the earliest passed deadline
    const late = await q<{ id: number }>(
      `select id from case_record where state in ${OPEN} and stage_due_at < now() order by stage_due_at, id limit 8`,
    );
    expect(s.overdue.map((o) => o.id)).toEqual(late.map((l) => Number(l.id)));
  });

  it('ratio KPIs: numerator and denominator equal a recount, and the value is their quotient', async () => {
    const leader = await t.login('district_leader');
    const s = (await leader.get('/api/v1/screen?kpi=case.handled_on_time_rate')).json() as ScreenSummary;
    const complete = `coalesce((e.data->>'complete')::boolean, false)`;
    const handled = await eventsByStreet('handle', complete);
    const onTime = await eventsByStreet(
      'handle',
      `${complete} and (e.data->>'stageDueAt' is null or date_trunc('milliseconds', e.at) <= (e.data->>'stageDueAt')::timestamptz)`,
    );
    expect([...handled.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const r of s.regions) {
      const d = handled.get(r.id) ?? 0;
      expect(r.denominator, r.name).toBe(d);
      expect(r.numerator, r.name).toBe(onTime.get(r.id) ?? 0);
      expect(r.value).toBe(d ? Math.round(((onTime.get(r.id) ?? 0) / d) * 10000) / 100 : null);
    }
    // lower is better for rework: the ranking turns round
    const rework = (await leader.get('/api/v1/screen?kpi=case.rework_rate')).json() as ScreenSummary;
    const ranked = rework.ranking.filter((r) => r.value !== null).map((r) => r.value!);
    expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
  });

  it('a street officer sees only their street: its grids on the map, its committees ranked, its own backlog', async () => {
    const street = await t.login('street');
    const s = (await street.get('/api/v1/screen')).json() as ScreenSummary;
    expect(s.level).toBe('street');
    expect(s.kpi).toBe('case.handled_on_time_rate');
    const grids = await q<{ id: number }>('select id from grid where street_id = $1', [streetId]);
    expect(s.regions.map((r) => r.id).sort()).toEqual(grids.map((g) => Number(g.id)).sort());
    const committees = await q<{ id: number }>('select id from committee where street_id = $1', [streetId]);
    expect(s.ranking.map((r) => r.id).sort()).toEqual(committees.map((c) => Number(c.id)).sort());

    const states = await q<{ state: string; n: number }>(
      `select state, count(*)::int as n from case_record where state in ${OPEN} and street_id = $1 group by 1`,
      [streetId],
    );
    for (const st of s.backlog.states)
      expect(st.count, st.state).toBe(states.find((x) => x.state === st.state)?.n ?? 0);
    const mine = await q<{ id: number }>('select id from case_record where street_id = $1', [streetId]);
    const ids = new Set(mine.map((m) => Number(m.id)));
    for (const o of s.overdue) expect(ids.has(o.id)).toBe(true);
    // the street's reports of the window, spread over its grids by community, add up to its own
    const reported = (await street.get('/api/v1/screen?kpi=case.reported')).json() as ScreenSummary;
    const [own] = await q<{ n: number }>(
      `select count(*)::int as n from case_event e join case_record c on c.id = e.case_id
       join community m on m.id = c.community_id
       where e.action = 'report' and e.street_id = $1 and m.grid_id is not null
         and (e.at at time zone 'Asia/Shanghai')::date between $2::date and $3::date`,
      [streetId, from, today],
    );
    expect(reported.regions.reduce((n, r) => n + r.numerator, 0)).toBe(own!.n);

    const map = (await street.get('/api/v1/screen/map')).json() as ScreenMap;
    expect(map.level).toBe('street');
    expect(map.regions.features).toHaveLength(grids.length);
    const [placed] = await q<{ n: number }>(
      'select count(*)::int as n from community where street_id = $1 and lng is not null',
      [streetId],
    );
    expect(map.communities).toHaveLength(placed!.n);
  });

  it('the district map has the streets, the grid outlines and every placed community', async () => {
    const leader = await t.login('district_leader');
    const map = (await leader.get('/api/v1/screen/map')).json() as ScreenMap;
    expect(map.level).toBe('district');
    expect(map.area.name).toBe('黄浦区');
    expect(map.regions.features).toHaveLength(10);
    const [g] = await q<{ n: number }>('select count(*)::int as n from grid');
    expect(map.gridLines.length).toBeGreaterThanOrEqual(g!.n);
    const [c] = await q<{ n: number }>('select count(*)::int as n from community where lng is not null');
    expect(map.communities).toHaveLength(c!.n);
  });

  it('only leaders, administrators and streets may open it; a bad KPI is refused by name', async () => {
    for (const who of ['committee', 'property', 'resident', 'department']) {
      const client = await t.login(who);
      expect((await client.get('/api/v1/screen')).statusCode, who).toBe(403);
      expect((await client.get('/api/v1/screen/map')).statusCode, who).toBe(403);
      expect((await client.get('/api/v1/screen/feed')).statusCode, who).toBe(403);
    }
    expect((await t.anonymous().get('/api/v1/screen')).statusCode).toBe(401);
    const admin = await t.login('district_admin');
    const bad = await admin.get('/api/v1/screen?kpi=case.nothing');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('query.kpi');
  });
});

describe('the live feed', () => {
  it('gives the newest events of the caller’s places, then what comes after; a reporter’s name is masked', async () => {
    const leader = await demoActor(t, 'district_leader');
    const first = await screenFeed(t.ctx, leader, null, 12);
    expect(first).toHaveLength(12);
    const ids = first.map((f) => f.eventId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const [max] = await q<{ id: number }>('select max(id)::int as id from case_event');
    expect(ids.at(-1)).toBe(max!.id);

    const resident = await demoActor(t, 'resident');
    const [home] = await q<{ community_id: number; street_id: number }>(
      `select r.community_id, r.street_id from role_assignment r join user_account u on u.id = r.user_id
       where u.username = 'resident' and r.community_id is not null limit 1`,
    );
    const filedCase = await reportCase(
      t.ctx,
      resident,
      {
        categoryCode: 'property_service.repair',
        communityId: home!.community_id,
        title: '大屏测试：新上报',
        description: '实时动态',
        attachments: [],
      },
      undefined,
    );
    const next = await screenFeed(t.ctx, leader, ids.at(-1)!);
    const report = next.find(
      (n) => n.action === 'report' && n.title === '大屏测试：新上报',
    ) as ScreenFeedItem;
    expect(report).toBeDefined();
    const filed = filedCase.body as { id: number };
    expect(report.caseId).toBe(filed.id);
    const [{ display_name: name }] = (await q<{ display_name: string }>(
      `select display_name from user_account where username = 'resident'`,
    )) as [{ display_name: string }];
    expect(report.actor).not.toBe(name);
    expect(report.actor.startsWith([...name][0]!)).toBe(true);
    expect(report.actor).toContain('*');

    // another street's officer does not see it; its own street's does
    const [other] = await q<{ username: string }>(
      `select u.username from user_account u join role_assignment r on r.user_id = u.id
       where u.username in ('street', 'street2') and r.street_id <> $1 limit 1`,
      [home!.street_id],
    );
    const foreign = await screenFeed(t.ctx, await demoActor(t, other!.username), ids.at(-1)!);
    expect(foreign.find((n) => n.caseId === filed.id)).toBeUndefined();
    for (const f of await screenFeed(t.ctx, await demoActor(t, other!.username), null, 20))
      expect(f.streetName).not.toBe(report.streetName);
  });
});

describe('city-wide', () => {
  it('a viewer reaching several districts gets the city: one region per district', async () => {
    await seedCity(t.ctx, { districts: 2, streets: 3, communities: 10 });
    await rollUpCaseEvents(t.ctx);
    const districts = await q<{ id: number; name: string }>('select id, name from district order by code');
    expect(districts.length).toBe(3);
    const viewer = new Actor(
      0,
      'city',
      'city',
      districts.map((d) => ({
        role: 'district_leader',
        districtId: Number(d.id),
        streetId: null,
        committeeId: null,
        communityId: null,
        departmentId: null,
        organizationId: null,
        unitId: null,
      })),
    );
    const s = await screenSummary(t.ctx, viewer, { kpi: 'case.reported' });
    expect(s.level).toBe('city');
    expect(s.regions.map((r) => r.name).sort()).toEqual(districts.map((d) => d.name).sort());
    const reported = await eventsByStreet('report');
    const huangpu = s.regions.find((r) => r.name === '黄浦区')!;
    expect(huangpu.numerator).toBe([...reported.values()].reduce((a, b) => a + b, 0));
    expect(s.ranking).toHaveLength(3);
  });
});
