import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { demoStreets, one, safetyCounts, uploadPhoto } from '../../../../test/safety';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { addDays } from '../assets/assets.rules';

const t = setupTestApp();

async function teams() {
  const rows = (await t.ctx.database.pool.query('select id, name, kind from safety_team order by id')).rows;
  const byName = (part: string) => rows.find((r) => r.name.includes(part))!.id as number;
  return { insp1: byName('巡查一队'), rep1: byName('抢险一队'), rep2: byName('抢险二队') };
}

/** A community of 五里桥街道 (the demo street account's street). */
async function wuliqiaoCommunity() {
  const { wuliqiao } = await demoStreets(t);
  return one<{ id: number }>(t, 'select id from community where street_id = $1 order by id limit 1', [
    wuliqiao,
  ]);
}

async function registerHazard(
  as: 'street' | 'inspector' | 'emergency' | 'district_admin',
  grade = 'significant',
) {
  const c = await t.login(as);
  const community = await wuliqiaoCommunity();
  const res = await c.post('/api/v1/hazards', {
    communityId: community.id,
    categoryCode: 'housing_safety.external_wall',
    grade,
    title: '外墙瓷砖空鼓',
    description: '南立面五层外墙瓷砖空鼓，有坠落风险',
    photos: [await uploadPhoto(c)],
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('the hazard lifecycle', () => {
  it('found → sent to the on-duty team → repaired with evidence → verified by another user → closed', async () => {
    const found = await registerHazard('inspector');
    expect(found.status).toBe('open');
    expect(found.foundByTeam).not.toBeNull();
    expect(found.responsibleUnit.name).not.toBe('');
    const emergency = await t.login('emergency');
    const assigned = await emergency.post(`/api/v1/hazards/${found.id}/assign`, { version: found.version });
    expect(assigned.statusCode).toBe(200);
    const { rep1 } = await teams();
    expect(assigned.json()).toMatchObject({ status: 'rectifying', repairTeam: { id: rep1 } });
    const dispatch = await one<{ status: string; team_id: number }>(
      t,
      'select status, team_id from emergency_dispatch where hazard_id = $1',
      [found.id],
    );
    expect(dispatch).toEqual({ status: 'assigned', team_id: rep1 });
    // evidence is required
    const noPhoto = await emergency.post(`/api/v1/hazards/${found.id}/repair`, {
      version: assigned.json().version,
      note: '已清除空鼓瓷砖',
      photos: [],
    });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().errors[0]).toMatchObject({ path: 'body.photos', code: 'evidence_required' });
    const repaired = await emergency.post(`/api/v1/hazards/${found.id}/repair`, {
      version: assigned.json().version,
      note: '已清除空鼓瓷砖并修补',
      photos: [await uploadPhoto(emergency)],
    });
    expect(repaired.statusCode).toBe(200);
    expect(repaired.json()).toMatchObject({ status: 'repaired', repairedBy: expect.any(String) });
    expect(
      (
        await one<{ status: string }>(t, 'select status from emergency_dispatch where hazard_id = $1', [
          found.id,
        ])
      ).status,
    ).toBe('done');
    const inspector = await t.login('inspector');
    const verified = await inspector.post(`/api/v1/hazards/${found.id}/verify`, {
      version: repaired.json().version,
      passed: true,
      note: '复查整改到位',
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      status: 'closed',
      nextReinspectionOn: null,
      reinspectionDue: false,
    });
    expect(verified.json().events.map((e: { action: string }) => e.action)).toEqual([
      'found',
      'assigned',
      'repaired',
      'verified',
    ]);
    expect(verified.json().photos.map((p: { stage: string }) => p.stage)).toEqual(['found', 'repair']);
    const again = await inspector.post(`/api/v1/hazards/${found.id}/verify`, {
      version: verified.json().version,
      passed: true,
      note: '再次',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('hazard.invalid_transition');
  });

  it('a failed verification is rework: back to the same team', async () => {
    const found = await registerHazard('inspector');
    const emergency = await t.login('emergency');
    const a = (await emergency.post(`/api/v1/hazards/${found.id}/assign`, { version: found.version })).json();
    const r = (
      await emergency.post(`/api/v1/hazards/${found.id}/repair`, {
        version: a.version,
        note: '已修补',
        photos: [await uploadPhoto(emergency)],
      })
    ).json();
    const inspector = await t.login('inspector');
    const rejected = await inspector.post(`/api/v1/hazards/${found.id}/verify`, {
      version: r.version,
      passed: false,
      note: '仍有空鼓',
    });
    expect(rejected.json()).toMatchObject({ status: 'rectifying', reworkCount: 1, repairedBy: null });
    const open = await one<{ n: number }>(
      t,
      'select count(*)::int as n from emergency_dispatch where hazard_id = $1 and done_at is null',
      [found.id],
    );
    expect(open.n).toBe(1);
  });
});

describe('查抢分离: inspection and repair kept apart, enforced by the service', () => {
  it('the team that found a hazard may not be sent to repair it', async () => {
    // the repair team found this one itself while on site
    const found = await registerHazard('emergency');
    const { rep1, rep2, insp1 } = await teams();
    expect(found.foundByTeam.id).toBe(rep1);
    const admin = await t.login('district_admin');
    const before = await safetyCounts(t);
    const same = await admin.post(`/api/v1/hazards/${found.id}/assign`, {
      version: found.version,
      teamId: rep1,
    });
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe('hazard.same_team');
    // today's on-duty team is that same team: refused as well
    const onDuty = await admin.post(`/api/v1/hazards/${found.id}/assign`, { version: found.version });
    expect(onDuty.json().code).toBe('hazard.same_team');
    // an inspection team is no repair team
    const inspectionTeam = await admin.post(`/api/v1/hazards/${found.id}/assign`, {
      version: found.version,
      teamId: insp1,
    });
    expect(inspectionTeam.statusCode).toBe(400);
    expect(inspectionTeam.json().errors[0]).toMatchObject({ path: 'body.teamId', code: 'not_repair_team' });
    expect(await safetyCounts(t)).toEqual(before);
    const other = await admin.post(`/api/v1/hazards/${found.id}/assign`, {
      version: found.version,
      teamId: rep2,
    });
    expect(other.statusCode).toBe(200);
    // and the finder, now not on the assigned team, may not record the repair
    const emergency = await t.login('emergency');
    const detail = (await emergency.get(`/api/v1/hazards/${found.id}`)).json();
    expect(detail.abilities.repair).toBe(false);
    const repair = await emergency.post(`/api/v1/hazards/${found.id}/repair`, {
      version: other.json().version,
      note: '自行修复',
      photos: [await uploadPhoto(emergency)],
    });
    expect(repair.statusCode).toBe(403);
    expect(repair.json().code).toBe('hazard.finder_cannot_repair');
  });

  it('a member of the finding team may not record the repair, even when also on the repair team', async () => {
    const { rep1, insp1 } = await teams();
    const admin = await t.login('district_admin');
    const userId = async (u: string) =>
      (await one<{ id: number }>(t, 'select id from user_account where username = $1', [u])).id;
    const [inspectorId, emergencyId] = [await userId('inspector'), await userId('emergency')];
    const teamVersion = async (id: number) =>
      (await admin.get('/api/v1/emergency/teams')).json().items.find((x: { id: number }) => x.id === id)
        .version;
    // the emergency repairer also serves on the inspection team that found the hazard
    const joined = await admin.patch(`/api/v1/emergency/teams/${insp1}`, {
      version: await teamVersion(insp1),
      memberUserIds: [inspectorId, emergencyId],
    });
    expect(joined.statusCode).toBe(200);
    const found = await registerHazard('inspector');
    expect(found.foundByTeam.id).toBe(insp1);
    const a = (
      await admin.post(`/api/v1/hazards/${found.id}/assign`, { version: found.version, teamId: rep1 })
    ).json();
    const emergency = await t.login('emergency');
    expect((await emergency.get(`/api/v1/hazards/${found.id}`)).json().abilities.repair).toBe(false);
    const photo = await uploadPhoto(emergency);
    const before = await safetyCounts(t);
    const refused = await emergency.post(`/api/v1/hazards/${found.id}/repair`, {
      version: a.version,
      note: '已修',
      photos: [photo],
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('hazard.finder_cannot_repair');
    expect(await safetyCounts(t)).toEqual(before);
    // off the inspection team again, the repair is theirs to record
    await admin.patch(`/api/v1/emergency/teams/${insp1}`, {
      version: await teamVersion(insp1),
      memberUserIds: [inspectorId],
    });
    const ok = await emergency.post(`/api/v1/hazards/${found.id}/repair`, {
      version: a.version,
      note: '已修',
      photos: [photo],
    });
    expect(ok.statusCode).toBe(200);
  });

  it('the fixer may not verify their own repair', async () => {
    const found = await registerHazard('district_admin');
    // the street housing office rectifies it itself (no team assigned), then tries to verify
    const street = await t.login('street');
    const repaired = await street.post(`/api/v1/hazards/${found.id}/repair`, {
      version: found.version,
      note: '房管办组织维修完毕',
      photos: [await uploadPhoto(street)],
    });
    expect(repaired.statusCode).toBe(200);
    expect(repaired.json().abilities.verify).toBe(false);
    const self = await street.post(`/api/v1/hazards/${found.id}/verify`, {
      version: repaired.json().version,
      passed: true,
      note: '自查合格',
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('hazard.verifier_is_fixer');
    const inspector = await t.login('inspector');
    const ok = await inspector.post(`/api/v1/hazards/${found.id}/verify`, {
      version: repaired.json().version,
      passed: true,
      note: '核查合格',
    });
    expect(ok.json().status).toBe('closed');
  });
});

describe('rolling re-inspection', () => {
  it('runs every 7 / 15 / 30 days by grade, configurable by the district', async () => {
    const today = shanghaiDate(new Date());
    const major = await registerHazard('street', 'major');
    expect(major.nextReinspectionOn).toBe(addDays(today, 7));
    const general = await registerHazard('street', 'general');
    expect(general.nextReinspectionOn).toBe(addDays(today, 30));

    const admin = await t.login('district_admin');
    const settings = (await admin.get('/api/v1/hazards/settings')).json();
    expect(settings.days).toEqual({ major: 7, significant: 15, general: 30 });
    const bad = await admin.put('/api/v1/hazards/settings', {
      version: settings.version,
      days: { major: 0, significant: 10, general: 20 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.days.major');
    const street = await t.login('street');
    expect(
      (
        await street.put('/api/v1/hazards/settings', {
          version: settings.version,
          days: { major: 3, significant: 10, general: 20 },
        })
      ).statusCode,
    ).toBe(403);
    const saved = await admin.put('/api/v1/hazards/settings', {
      version: settings.version,
      days: { major: 3, significant: 10, general: 20 },
    });
    expect(saved.json().days).toEqual({ major: 3, significant: 10, general: 20 });

    const inspector = await t.login('inspector');
    const re = await inspector.post(`/api/v1/hazards/${general.id}/reinspect`, {
      version: general.version,
      note: '隐患仍在，已加设警示',
      grade: 'significant',
    });
    expect(re.json()).toMatchObject({ grade: 'significant', nextReinspectionOn: addDays(today, 10) });
    expect(re.json().events.at(-1)).toMatchObject({ action: 'reinspected' });
    await admin.put('/api/v1/hazards/settings', {
      version: saved.json().version,
      days: { major: 7, significant: 15, general: 30 },
    });
  });

  it('lists hazards whose re-inspection has come', async () => {
    const admin = await t.login('district_admin');
    const due = (await admin.get('/api/v1/hazards?reinspectionDue=true&limit=100')).json();
    const today = shanghaiDate(new Date());
    expect(
      due.items.every(
        (h: { nextReinspectionOn: string; status: string }) =>
          h.nextReinspectionOn <= today && h.status !== 'closed',
      ),
    ).toBe(true);
  });
});

describe('role and place', () => {
  it('403 without the permission or the relation, 404 outside the caller’s places; bad input writes nothing', async () => {
    const found = await registerHazard('street');
    const committee = await t.login('committee');
    expect(
      (await committee.post(`/api/v1/hazards/${found.id}/assign`, { version: found.version })).statusCode,
    ).toBe(403);
    expect(
      (
        await committee.post(`/api/v1/hazards/${found.id}/verify`, {
          version: found.version,
          passed: true,
          note: '合格',
        })
      ).statusCode,
    ).toBe(403);
    const resident = await t.login('resident');
    expect((await resident.get('/api/v1/hazards')).statusCode).toBe(403);
    const street2 = await t.login('street2');
    expect((await street2.get(`/api/v1/hazards/${found.id}`)).statusCode).toBe(404);
    expect(
      (
        await street2.post(`/api/v1/hazards/${found.id}/reinspect`, {
          version: found.version,
          note: '复查情况',
        })
      ).statusCode,
    ).toBe(404);
    const list = (await street2.get('/api/v1/hazards?limit=200')).json();
    expect(list.items.some((h: { id: number }) => h.id === found.id)).toBe(false);

    const street = await t.login('street');
    const { waitan } = await demoStreets(t);
    const waitanCommunity = await one<{ id: number }>(
      t,
      'select id from community where street_id = $1 limit 1',
      [waitan],
    );
    const before = await safetyCounts(t);
    const outside = await street.post('/api/v1/hazards', {
      communityId: waitanCommunity.id,
      categoryCode: 'housing_safety.external_wall',
      grade: 'general',
      title: '外墙空鼓',
      description: '外墙空鼓',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0]).toMatchObject({ path: 'body.communityId', code: 'unknown_community' });
    const badGrade = await street.post('/api/v1/hazards', {
      communityId: (await wuliqiaoCommunity()).id,
      categoryCode: 'housing_safety.external_wall',
      grade: 'huge',
      title: 'x',
      description: '外墙空鼓',
    });
    expect(
      badGrade
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.grade', 'body.title']);
    expect(await safetyCounts(t)).toEqual(before);
  });

  it('files the case of a hazard once, through the intake', async () => {
    const found = await registerHazard('street');
    expect(found.case).toBeNull();
    const street = await t.login('street');
    const filed = await street.post(`/api/v1/hazards/${found.id}/case`);
    expect(filed.statusCode).toBe(200);
    expect(filed.json().case).toMatchObject({ state: 'reported' });
    const twice = await street.post(`/api/v1/hazards/${found.id}/case`);
    expect(twice.statusCode).toBe(409);
    expect(
      (
        await one<{ channel: string }>(t, 'select channel from case_record where id = $1', [
          filed.json().case.id,
        ])
      ).channel,
    ).toBe('inspection');
  });
});
