import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { demoActor } from '../../../../test/cases';
import { one, safetyCounts } from '../../../../test/safety';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { addDays } from '../assets/assets.rules';
import { actOnCase, reportCase } from '../cases/cases.usecases';
import { dispatchEmergencyCases } from './emergency.usecases';

const t = setupTestApp();
const today = shanghaiDate(new Date());

describe('the emergency centre', () => {
  it('knows today’s on-duty team, which the demo emergency account belongs to', async () => {
    const emergency = await t.login('emergency');
    const duty = (await emergency.get('/api/v1/emergency/on-duty')).json();
    expect(duty.date).toBe(today);
    expect(duty.team).toMatchObject({ kind: 'repair', mine: true, onDutyToday: true });
    const roster = (
      await emergency.get(`/api/v1/emergency/roster?from=${today}&to=${addDays(today, 6)}`)
    ).json();
    expect(roster.items).toHaveLength(7);
    expect(roster.abilities.manage).toBe(false);
    expect(
      (await emergency.get(`/api/v1/emergency/roster?from=${today}&to=${addDays(today, 100)}`)).json()
        .errors[0].path,
    ).toBe('query.to');
  });

  it('sends an emergency case to the on-duty team; the team reports arrival and completion', async () => {
    const admin = await demoActor(t, 'district_admin');
    const community = await one<{ id: number }>(
      t,
      `select id from community where housing_type = 'old_public' order by id desc limit 1`,
    );
    const reported = await reportCase(
      t.ctx,
      admin,
      {
        categoryCode: 'housing_safety.old_housing_danger',
        communityId: community.id,
        title: '晒台坍塌险情',
        description: '晒台部分坍塌',
        urgency: 'emergency',
        channel: 'hotline_962121',
        attachments: [],
      },
      undefined,
    );
    const caseId = (reported.body as { id: number }).id;
    const version = async () =>
      (await one<{ version: number }>(t, 'select version from case_record where id = $1', [caseId])).version;
    await actOnCase(t.ctx, admin, caseId, 'register', { version: await version() });
    await actOnCase(t.ctx, admin, caseId, 'dispatch', { version: await version() });
    const swept = await dispatchEmergencyCases(t.ctx);
    expect(swept.dispatched).toBeGreaterThanOrEqual(1);
    expect((await dispatchEmergencyCases(t.ctx)).dispatched).toBe(0); // once only
    const emergency = await t.login('emergency');
    const mine = (await emergency.get('/api/v1/emergency/dispatches?mine=true&open=true')).json();
    const d = mine.items.find((x: { case: { id: number } | null }) => x.case?.id === caseId);
    expect(d).toMatchObject({ status: 'assigned', mine: true });
    // by hand, a second time: refused
    const adminClient = await t.login('district_admin');
    const twice = await adminClient.post('/api/v1/emergency/dispatches', { caseId });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('emergency.already_dispatched');
    // only the team's members report
    const notMember = await adminClient.post(`/api/v1/emergency/dispatches/${d.id}/arrive`, {
      version: d.version,
    });
    expect(notMember.statusCode).toBe(403);
    const arrived = (
      await emergency.post(`/api/v1/emergency/dispatches/${d.id}/arrive`, {
        version: d.version,
        note: '已到场',
      })
    ).json();
    expect(arrived.status).toBe('arrived');
    const done = await emergency.post(`/api/v1/emergency/dispatches/${d.id}/done`, {
      version: arrived.version,
      note: '险情已排除',
    });
    expect(done.json()).toMatchObject({ status: 'done', note: '险情已排除' });
    // an ordinary case is no emergency
    const ordinary = await one<{ id: number }>(
      t,
      `select id from case_record where urgency = 'normal' and state = 'dispatched' limit 1`,
    );
    const refused = await adminClient.post('/api/v1/emergency/dispatches', { caseId: ordinary.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('emergency.not_emergency_case');
  });

  it('keeps stock as movements and never below zero', async () => {
    const emergency = await t.login('emergency');
    const materials = (await emergency.get('/api/v1/emergency/materials')).json();
    expect(materials.abilities.stock).toBe(true);
    const m = materials.items[0];
    const before = await safetyCounts(t);
    const tooMany = await emergency.post(`/api/v1/emergency/materials/${m.id}/movements`, {
      kind: 'out',
      quantity: m.stock + 1,
    });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().code).toBe('material.insufficient_stock');
    const negative = await emergency.post(`/api/v1/emergency/materials/${m.id}/movements`, {
      kind: 'out',
      quantity: -3,
    });
    expect(negative.json().errors[0].path).toBe('body.quantity');
    expect(await safetyCounts(t)).toEqual(before);
    const out = (
      await emergency.post(`/api/v1/emergency/materials/${m.id}/movements`, {
        kind: 'out',
        quantity: 5,
        note: '防汛领用',
      })
    ).json();
    expect(out.stock).toBe(m.stock - 5);
    const counted = (
      await emergency.post(`/api/v1/emergency/materials/${m.id}/movements`, { kind: 'adjust', quantity: 100 })
    ).json();
    expect(counted.stock).toBe(100);
    const history = (await emergency.get(`/api/v1/emergency/materials/${m.id}/movements`)).json().items;
    expect(history.slice(0, 2).map((x: { delta: number; balance: number }) => [x.delta, x.balance])).toEqual([
      [100 - (m.stock - 5), 100],
      [-5, m.stock - 5],
    ]);
    const sum = await one<{ s: number }>(
      t,
      'select sum(delta)::int as s from material_movement where material_id = $1',
      [m.id],
    );
    expect(sum.s).toBe(100);
  });

  it('only the district manages teams and the roster; bad input names the field', async () => {
    const emergency = await t.login('emergency');
    expect(
      (await emergency.post('/api/v1/emergency/teams', { kind: 'repair', name: '新抢险队' })).statusCode,
    ).toBe(403);
    expect((await emergency.put(`/api/v1/emergency/roster/${today}`, { teamId: 1 })).statusCode).toBe(403);
    const street = await t.login('street');
    expect((await street.get('/api/v1/emergency/materials')).statusCode).toBe(200);
    expect((await street.post('/api/v1/emergency/materials', { name: '沙袋', unit: '袋' })).statusCode).toBe(
      403,
    );
    const admin = await t.login('district_admin');
    const before = await safetyCounts(t);
    const bad = await admin.post('/api/v1/emergency/teams', {
      kind: 'repair',
      name: '三队',
      memberUserIds: [987654],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'body.memberUserIds.0', code: 'unknown_user' });
    const inspectionTeam = await one<{ id: number }>(
      t,
      `select id from safety_team where kind = 'inspection' limit 1`,
    );
    const notRepair = await admin.put(`/api/v1/emergency/roster/${addDays(today, 30)}`, {
      teamId: inspectionTeam.id,
    });
    expect(notRepair.json().errors[0]).toMatchObject({ path: 'body.teamId', code: 'not_repair_team' });
    expect(await safetyCounts(t)).toEqual(before);
    const created = await admin.post('/api/v1/emergency/teams', {
      kind: 'repair',
      name: '区应急中心抢险三队',
      phone: '021-63011303',
    });
    expect(created.statusCode).toBe(201);
    const dup = await admin.post('/api/v1/emergency/teams', { kind: 'repair', name: '区应急中心抢险三队' });
    expect(dup.json().errors[0]).toMatchObject({ path: 'body.name', code: 'team_name_taken' });
    const set = await admin.put(`/api/v1/emergency/roster/${addDays(today, 30)}`, {
      teamId: created.json().id,
      note: '国庆值班',
    });
    expect(set.json()).toMatchObject({ team: { id: created.json().id }, note: '国庆值班' });
  });
});
