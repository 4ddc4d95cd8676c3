import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { one, safetyCounts } from '../../../../test/safety';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { addDays } from '../assets/assets.rules';

const t = setupTestApp();
const today = shanghaiDate(new Date());

describe('fire safety', () => {
  it('the intact rate of fire facilities counts intact among checked ones, per community and in total', async () => {
    const admin = await t.login('district_admin');
    const rates = (await admin.get('/api/v1/firesafety/intact-rates')).json();
    const expected = await one<{ intact: number; defective: number; unchecked: number }>(
      t,
      `select count(*) filter (where condition = 'intact')::int as intact, count(*) filter (where condition = 'defective')::int as defective,
              count(*) filter (where condition = 'unknown')::int as unchecked
       from asset where kind in ('fire_hydrant', 'fire_extinguisher', 'fire_alarm', 'fire_sprinkler', 'smoke_control') and status <> 'retired'`,
    );
    expect(rates.total).toMatchObject(expected);
    expect(rates.total.rate).toBe(
      Math.round((expected.intact * 1000) / (expected.intact + expected.defective)) / 10,
    );
    // one community: mark a hydrant defective, the rate follows
    const c = rates.byCommunity.find((x: { intact: number }) => x.intact >= 2);
    await t.ctx.database.pool.query(
      `update asset set condition = 'defective' where id = (select id from asset where community_id = $1 and condition = 'intact'
                  and kind in ('fire_hydrant', 'fire_extinguisher', 'fire_alarm') order by id limit 1)`,
      [c.community.id],
    );
    const after = (await admin.get(`/api/v1/firesafety/intact-rates?communityId=${c.community.id}`)).json();
    expect(after.byCommunity).toHaveLength(1);
    expect(after.byCommunity[0]).toMatchObject({ intact: c.intact - 1, defective: c.defective + 1 });
    expect(after.byCommunity[0].rate).toBe(
      Math.round(((c.intact - 1) * 1000) / (c.intact + c.defective)) / 10,
    );
    // place: the street officer sees only their street
    const street = await t.login('street');
    const mine = (await street.get('/api/v1/firesafety/intact-rates')).json();
    expect(new Set(mine.byCommunity.map((x: { street: { name: string } }) => x.street.name))).toEqual(
      new Set(['五里桥街道']),
    );
  });

  it('a consultation asks the owners of every unit of the buildings and records who agreed', async () => {
    const committee = await t.login('committee');
    const committeeId = (
      await one<{ committee_id: number }>(
        t,
        `select r.committee_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'committee'`,
      )
    ).committee_id;
    const community = await one<{ id: number }>(
      t,
      'select id from community where committee_id = $1 order by id desc limit 1',
      [committeeId],
    );
    const building = await one<{ id: number; units: number }>(
      t,
      'select b.id, (select count(*)::int from unit u where u.building_id = b.id) as units from building b where b.community_id = $1 order by b.id limit 1',
      [community.id],
    );
    const before = await safetyCounts(t);
    const bad = await committee.post('/api/v1/firesafety/consultations', {
      communityId: community.id,
      title: '更换消火栓',
      description: '更换老旧消火栓箱',
      buildingIds: [999999],
      closesOn: addDays(today, -1),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.closesOn');
    expect(await safetyCounts(t)).toEqual(before);
    const opened = await committee.post('/api/v1/firesafety/consultations', {
      communityId: community.id,
      title: '更换消火栓',
      description: '更换老旧消火栓箱',
      buildingIds: [building.id],
      closesOn: addDays(today, 10),
    });
    expect(opened.statusCode).toBe(201);
    const c = opened.json();
    expect(c.tally).toMatchObject({ asked: building.units, pending: building.units, agree: 0 });
    const [u1, u2, u3] = c.responses;
    const answered = await committee.put(`/api/v1/firesafety/consultations/${c.id}/responses`, {
      version: c.version,
      responses: [
        { unitId: u1.unitId, answer: 'agree', respondent: '张伟' },
        { unitId: u2.unitId, answer: 'agree' },
        { unitId: u3.unitId, answer: 'disagree' },
      ],
    });
    expect(answered.json().tally).toMatchObject({
      asked: building.units,
      agree: 2,
      disagree: 1,
      pending: building.units - 3,
    });
    const area = (Number(u1.area) + Number(u2.area)).toFixed(2);
    expect(answered.json().tally.agreeArea).toBe(area);
    expect(answered.json().responses.find((r: { unitId: number }) => r.unitId === u1.unitId)).toMatchObject({
      answer: 'agree',
      respondent: '张伟',
      recordedBy: expect.any(String),
    });
    const unknownUnit = await committee.put(`/api/v1/firesafety/consultations/${c.id}/responses`, {
      version: answered.json().version,
      responses: [{ unitId: 1, answer: 'agree' }],
    });
    expect(unknownUnit.json().errors[0]).toMatchObject({
      path: 'body.responses.0.unitId',
      code: 'unknown_unit',
    });
    const closed = await committee.post(`/api/v1/firesafety/consultations/${c.id}/close`, {
      version: answered.json().version,
    });
    expect(closed.json()).toMatchObject({ status: 'closed', abilities: { record: false } });
    const late = await committee.put(`/api/v1/firesafety/consultations/${c.id}/responses`, {
      version: closed.json().version,
      responses: [{ unitId: u1.unitId, answer: 'disagree' }],
    });
    expect(late.statusCode).toBe(409);
    // 外滩 does not see it; residents may not consult
    expect(
      (await (await t.login('street2')).get(`/api/v1/firesafety/consultations/${c.id}`)).statusCode,
    ).toBe(404);
    expect((await (await t.login('resident')).get('/api/v1/firesafety/consultations')).statusCode).toBe(403);
  });
});
