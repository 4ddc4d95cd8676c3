import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from '../../../../test/app';
import { one, rows } from '../../../../test/safety';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { remindReelections } from '../owners/owners.usecases';
import { sweepAssetBreaches } from './assets.breaches';
import { addDays, addYears } from './assets.rules';

const t = setupTestApp();
const now = new Date();
const today = shanghaiDate(now);
const DAY = 86_400_000;
const later = (days: number) => new Date(+now + days * DAY);

let home: { id: number; street_id: number; committee_id: number; property_org_id: number };
let other: number; // another community of the same street
let waitan: number; // a community of 外滩街道
let seq = 0;
let key = 0;

beforeAll(async () => {
  home = await one(
    t,
    `select c.id, c.street_id, c.committee_id, c.property_org_id from community c
     join role_assignment r on r.community_id = c.id join user_account u on u.id = r.user_id
     where u.username = 'owners_committee'`,
  );
  other = (
    await one<{ id: number }>(
      t,
      'select id from community where street_id = $1 and id <> $2 order by id limit 1',
      [home.street_id, home.id],
    )
  ).id;
  waitan = (
    await one<{ id: number }>(
      t,
      `select c.id from community c join street s on s.id = c.street_id where s.name = '外滩街道' order by c.id limit 1`,
    )
  ).id;
});

async function elevator(
  c: Client,
  dates: { installedOn?: string; lastMaintenanceOn?: string; lastStatutoryInspectionOn?: string },
  communityId = home.id,
) {
  seq++;
  const res = await c.post('/api/v1/assets', {
    communityId,
    kind: 'elevator',
    code: `BR${process.pid % 1000}${seq}`,
    name: `违规测试电梯${seq}`,
    ownership: 'owners_common',
    registrationCode: `BRT${process.pid}${seq}`.padEnd(12, '0').slice(0, 20),
    installedOn: addYears(today, -5),
    lastStatutoryInspectionOn: addDays(today, -30),
    lastMaintenanceOn: addDays(today, -3),
    ...dates,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; code: string; name: string };
}

const userId = async (username: string) =>
  (await one<{ id: number }>(t, 'select id from user_account where username = $1', [username])).id;

/** The notifications about one asset (by its code) or one committee, per user. */
async function told(kind: string, number: string) {
  return rows<{ user_id: string }>(
    t,
    `select user_id from notification where kind = $1 and params->>'number' = $2 order by user_id`,
    [kind, number],
  );
}

describe('asset rule breaches become work', () => {
  it('a maintenance breach is one task for the property company, told once, however often the sweep runs', async () => {
    const street = await t.login('street');
    const a = await elevator(street, { lastMaintenanceOn: addDays(today, -20) });
    await sweepAssetBreaches(t.ctx, { now });
    await sweepAssetBreaches(t.ctx, { now });
    const breaches = await rows<{
      rule: string;
      status: string;
      maintainer_org_id: number;
      escalate_on: string;
    }>(
      t,
      `select rule, status, maintainer_org_id, to_char(escalate_on, 'YYYY-MM-DD') as escalate_on
       from asset_breach where asset_id = $1`,
      [a.id],
    );
    expect(breaches).toEqual([
      {
        rule: 'maintenance_overdue',
        status: 'open',
        maintainer_org_id: home.property_org_id,
        escalate_on: addDays(today, t.ctx.config.ASSET_BREACH_GRACE_DAYS),
      },
    ]);
    const property = await userId('property');
    expect((await told('asset_breach_opened', a.code)).map((r) => Number(r.user_id))).toEqual([property]);

    // the maintainer sees it in its list, with the asset, and in its notification centre with a link
    const company = await t.login('property');
    const list = (await company.get(`/api/v1/asset-breaches?assetId=${a.id}&status=open`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      rule: 'maintenance_overdue',
      asset: { id: a.id, code: a.code },
      maintainer: { kind: 'property_company' },
      case: null,
      renewalPath: false,
    });
    const notes = (await company.get('/api/v1/notifications?limit=100')).json().items;
    expect(notes.find((n: { link: string }) => n.link === `/assets/${a.id}`)).toMatchObject({
      kind: 'asset_breach_opened',
      caseId: null,
    });
    // an audit row per street and run that opened something
    const audit = await rows(
      t,
      `select 1 from audit_log where action = 'asset.breaches_opened' and after->'breaches' @> $1::jsonb`,
      [JSON.stringify([{ assetId: a.id }])],
    );
    expect(audit).toHaveLength(1);
  });

  it('after the grace period one case, routed by the responsibility list and naming the asset; a second run files none', async () => {
    const street = await t.login('street');
    const a = await elevator(street, { lastMaintenanceOn: addDays(today, -20) });
    await sweepAssetBreaches(t.ctx, { now });
    // other breaches of the demo district are not this test's business: keep them within grace
    await t.ctx.database.pool.query(
      `update asset_breach set escalate_on = escalate_on + 365 where asset_id <> $1 and case_id is null`,
      [a.id],
    );
    const grace = t.ctx.config.ASSET_BREACH_GRACE_DAYS;
    expect((await sweepAssetBreaches(t.ctx, { now: later(grace - 1) })).filed).toBe(0);
    const run = await sweepAssetBreaches(t.ctx, { now: later(grace) });
    expect(run.filed).toBe(1);
    expect((await sweepAssetBreaches(t.ctx, { now: later(grace + 1) })).filed).toBe(0);

    const cases = await rows<{
      id: number;
      category_code: string;
      channel: string;
      lead: string;
      rule_key: string;
    }>(
      t,
      `select c.id, c.category_code, c.channel, c.routing->'lead'->>'resolver' as lead, r.rule_key
       from case_record c join duty_rule r on r.id = c.rule_id where c.asset_id = $1`,
      [a.id],
    );
    expect(cases).toHaveLength(1);
    const c = cases[0]!;
    expect(c).toMatchObject({
      category_code: 'equipment.elevator_fault',
      channel: 'asset_rule',
      lead: 'community_property_company',
    });
    const breach = await one<{ case_id: string }>(t, 'select case_id from asset_breach where asset_id = $1', [
      a.id,
    ]);
    expect(Number(breach.case_id)).toBe(Number(c.id));

    // the case page names the asset; the asset page's list of cases has the case
    const detail = (await street.get(`/api/v1/cases/${c.id}`)).json();
    expect(detail.asset).toEqual({ id: a.id, code: a.code, name: a.name, kind: 'elevator' });
    expect(detail.assetId).toBe(a.id);
    const ofAsset = (await street.get(`/api/v1/cases?assetId=${a.id}`)).json();
    expect(ofAsset.items.map((x: { id: number }) => x.id)).toEqual([Number(c.id)]);
    const list = (await street.get(`/api/v1/asset-breaches?assetId=${a.id}`)).json();
    expect(list.items[0].case).toEqual({ id: Number(c.id), number: detail.number });
    // the maintainer is told the task became a case
    expect(await told('asset_breach_case_filed', detail.number)).toHaveLength(1);
  });

  it('a cured breach clears its task; a new breach later is a new task', async () => {
    const street = await t.login('street');
    const a = await elevator(street, { lastMaintenanceOn: addDays(today, -16) });
    await sweepAssetBreaches(t.ctx, { now });
    const maintained = await street.post(`/api/v1/assets/${a.id}/maintenance`, { doneOn: today });
    expect(maintained.statusCode, maintained.body).toBe(201);
    const run = await sweepAssetBreaches(t.ctx, { now });
    expect(run.cured).toBeGreaterThanOrEqual(1);
    const b = await rows<{ status: string; cured_on: string }>(
      t,
      `select status, to_char(cured_on, 'YYYY-MM-DD') as cured_on from asset_breach where asset_id = $1`,
      [a.id],
    );
    expect(b).toEqual([{ status: 'cured', cured_on: today }]);
    const open = (await street.get(`/api/v1/asset-breaches?assetId=${a.id}&status=open`)).json();
    expect(open.items).toEqual([]);
    // sixteen days on, maintenance is overdue again: a second task
    await sweepAssetBreaches(t.ctx, { now: later(16) });
    const again = await rows(t, `select status from asset_breach where asset_id = $1 order by id`, [a.id]);
    expect(again).toEqual([{ status: 'cured' }, { status: 'open' }]);
  });

  it("an elevator past 15 years without a risk assessment is on the owners' committee's list with the renewal path", async () => {
    const street = await t.login('street');
    const a = await elevator(street, { installedOn: addYears(today, -16) });
    await sweepAssetBreaches(t.ctx, { now });
    const oc = await t.login('owners_committee');
    const list = (await oc.get('/api/v1/asset-breaches?status=open&rule=risk_assessment_required')).json();
    const mine = list.items.find((x: { asset: { id: number } }) => x.asset.id === a.id);
    expect(mine).toMatchObject({
      rule: 'risk_assessment_required',
      renewalPath: true,
      community: { id: home.id },
    });
    // only their own community's
    expect(list.items.every((x: { community: { id: number } }) => x.community.id === home.id)).toBe(true);
    const toldUsers = (await told('asset_breach_opened', a.code)).map((r) => Number(r.user_id));
    expect(toldUsers.sort()).toEqual([await userId('property'), await userId('owners_committee')].sort());
    // recording the assessment cures it
    const assessed = await street.post(`/api/v1/assets/${a.id}/risk-assessments`, {
      assessedOn: today,
      agency: '上海市特种设备监督检验技术研究院',
      result: 'renovate',
      findings: '曳引机磨损，建议改造',
    });
    expect(assessed.statusCode, assessed.body).toBe(201);
    await sweepAssetBreaches(t.ctx, { now });
    const after = await rows(t, `select status from asset_breach where asset_id = $1`, [a.id]);
    expect(after).toEqual([{ status: 'cured' }]);
  });

  it('bad list queries name the field', async () => {
    const street = await t.login('street');
    for (const [query, path] of [
      ['status=closed', 'query.status'],
      ['rule=renewal_plan_required', 'query.rule'],
      ['assetId=abc', 'query.assetId'],
      ['limit=0', 'query.limit'],
    ] as const) {
      const res = await street.get(`/api/v1/asset-breaches?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const nobody = await t.login('resident');
    expect((await nobody.get('/api/v1/asset-breaches')).statusCode).toBe(403);
  });
});

describe('cases name their asset', () => {
  const report = (c: Client, body: Record<string, unknown>) =>
    c.post(
      '/api/v1/cases',
      {
        categoryCode: 'equipment.elevator_fault',
        communityId: home.id,
        title: '电梯异响',
        description: '3号电梯运行时有异响',
        ...body,
      },
      { 'idempotency-key': `asset-case-${process.pid}-${++key}-${Date.now()}` },
    );
  const caseCount = async () =>
    Number((await one<{ n: string }>(t, 'select count(*) as n from case_record')).n);

  it('a case about an elevator names it, and the asset lists the case', async () => {
    const street = await t.login('street');
    const a = await elevator(street, {});
    const res = await report(street, { assetId: a.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().assetId).toBe(a.id);
    const detail = (await street.get(`/api/v1/cases/${res.json().id}`)).json();
    expect(detail.asset).toMatchObject({ id: a.id, code: a.code });
    const listed = (await street.get(`/api/v1/cases?assetId=${a.id}`)).json();
    expect(listed.items.map((x: { id: number }) => x.id)).toEqual([res.json().id]);
    expect(listed.items[0].assetId).toBe(a.id);
    // a case without an asset says so
    const plain = await report(street, {});
    expect((await street.get(`/api/v1/cases/${plain.json().id}`)).json().asset).toBeNull();
  });

  it('an unknown asset, one of another community or one the caller may not see is refused naming body.assetId; nothing is written', async () => {
    const street = await t.login('street');
    const elsewhere = await elevator(street, {}, other);
    const admin = await t.login('district_admin');
    const inWaitan = await elevator(admin, {}, waitan);
    const before = await caseCount();
    for (const [body, code] of [
      [{ assetId: 999_999_999 }, 'unknown_asset'],
      [{ assetId: elsewhere.id }, 'asset_of_other_community'],
      [{ assetId: 'lift' }, 'invalid_type'],
      [{ assetId: -1 }, 'too_small'],
    ] as const) {
      const res = await report(street, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0]).toMatchObject({ path: 'body.assetId', code });
    }
    // 外滩's elevator for a 外滩 case, reported by the 五里桥 officer: the community is refused first;
    // the 外滩 officer may not name a 五里桥 asset: it does not exist for them
    const street2 = await t.login('street2');
    const hidden = await report(street2, { communityId: waitan, assetId: elsewhere.id });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors[0]).toMatchObject({ path: 'body.assetId', code: 'unknown_asset' });
    const fine = await report(street2, { communityId: waitan, assetId: inWaitan.id });
    expect(fine.statusCode, fine.body).toBe(201);
    expect(await caseCount()).toBe(before + 1);
    const badQuery = await street.get('/api/v1/cases?assetId=x');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().errors[0].path).toBe('query.assetId');
  });
});

describe('re-election reminders', () => {
  it("reach the owners' committee, the residents' committee and the street, once per milestone, nobody else", async () => {
    const c = await one<{ id: number; name: string }>(
      t,
      `select id, name from owners_committee where community_id = $1 and status = 'active' order by id limit 1`,
      [home.id],
    );
    expect(c).toBeTruthy();
    // the term ends in 80 days: the 90-day milestone
    await t.ctx.database.pool.query(
      `update owners_committee set term_end = $2::date, term_start = $2::date - interval '4 years' where id = $1`,
      [c.id, addDays(today, 80)],
    );
    await t.ctx.database.pool.query('delete from owners_committee_reminder where committee_id = $1', [c.id]);
    await remindReelections(t.ctx, today);
    await remindReelections(t.ctx, today);
    const expected = (
      await rows<{ user_id: string }>(
        t,
        `select distinct r.user_id from role_assignment r join user_account u on u.id = r.user_id
         where u.status = 'active' and (
           (r.role = 'owners_committee' and r.community_id = $1)
           or (r.role = 'committee' and r.committee_id = $2)
           or (r.role = 'street' and r.street_id = $3 and r.committee_id is null and r.community_id is null))
         order by r.user_id`,
        [home.id, home.committee_id, home.street_id],
      )
    ).map((r) => Number(r.user_id));
    // the demo accounts are among them, and nobody else (not 外滩's officer, the property company, residents)
    expect(expected).toEqual(
      expect.arrayContaining([
        await userId('owners_committee'),
        await userId('committee'),
        await userId('street'),
      ]),
    );
    const sent = await rows<{ user_id: string; params: { milestone: string; date: string; link: string } }>(
      t,
      `select user_id, params from notification where kind = 'reelection_due' and params->>'link' = $1 order by user_id`,
      [`/owners-committees/${c.id}`],
    );
    expect(sent.map((r) => Number(r.user_id))).toEqual(expected);
    expect(sent[0]!.params).toMatchObject({ milestone: '90d', date: addDays(today, 80) });
    // the next milestone (30 days) is a second notice, once
    await remindReelections(t.ctx, addDays(today, 55));
    await remindReelections(t.ctx, addDays(today, 55));
    const all = await rows(
      t,
      `select 1 from notification where kind = 'reelection_due' and params->>'link' = $1`,
      [`/owners-committees/${c.id}`],
    );
    expect(all).toHaveLength(expected.length * 2);
    // the committee member reads it in their language with the committee's name
    const oc = await t.login('owners_committee');
    const items = (await oc.get('/api/v1/notifications?limit=50')).json().items;
    const note = items.find((n: { kind: string }) => n.kind === 'reelection_due');
    expect(note.title).toContain(c.name);
    expect(note.link).toBe(`/owners-committees/${c.id}`);
  });
});
