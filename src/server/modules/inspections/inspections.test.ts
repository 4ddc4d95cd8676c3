import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { demoActor } from '../../../../test/cases';
import { demoStreets, one, rows, safetyCounts, uploadPhoto } from '../../../../test/safety';
import { dayFromText, dayText, shanghaiDate } from '../../platform/calendar/calendar';
import * as repo from './inspections.repository';
import { createPlan, generateRounds, generateRoundsForPlan } from './inspections.usecases';

const t = setupTestApp();

const checklist = [
  {
    key: 'fire_lane',
    text: '消防车通道畅通',
    categoryCode: 'fire_safety.blocked_fire_lane',
    createsCase: true,
    grade: 'significant' as const,
  },
  {
    key: 'hydrant',
    text: '消火栓有水',
    categoryCode: 'fire_safety.facility_failure',
    createsCase: false,
    grade: 'general' as const,
    assetKind: 'fire_hydrant' as const,
  },
  {
    key: 'evacuation',
    text: '疏散通道畅通',
    categoryCode: 'fire_safety.blocked_evacuation',
    createsCase: false,
    grade: 'general' as const,
  },
];

/** A pending fire-patrol round of the inspector's team in 五里桥街道 (demo data). */
async function pendingFireRound() {
  const { wuliqiao } = await demoStreets(t);
  return one<{ id: number; community_id: number; version: number }>(
    t,
    `select r.id, r.community_id, r.version from inspection_round r join inspection_plan p on p.id = r.plan_id
     where p.type = 'fire_patrol' and r.status = 'pending' and r.street_id = $1 and r.due_on >= current_date
     order by r.id limit 1`,
    [wuliqiao],
  );
}

describe('the scheduler', () => {
  it('generates the right rounds across a quarter: monthly for ordinary communities, weekly for mixed-use ones; again, nothing', async () => {
    const admin = await demoActor(t, 'district_admin');
    const { wuliqiao } = await demoStreets(t);
    const team = await one<{ id: number }>(
      t,
      `select id from safety_team where kind = 'inspection' order by id limit 1`,
    );
    const plan = await createPlan(
      t.ctx,
      admin,
      {
        name: '2030年三季度消防巡查',
        type: 'fire_patrol',
        targetKind: 'community',
        filter: { streetIds: [wuliqiao] },
        cadence: 'monthly',
        startsOn: '2030-07-01',
        endsOn: '2030-09-30',
        teamId: team.id,
        checklist,
      },
      { now: new Date('2030-06-20T02:00:00Z') },
    );
    expect(plan.mixedUseCadence).toBe('weekly'); // the default for fire patrols
    expect(plan.targetCount).toBeGreaterThan(0);
    const counts = await one<{ ordinary: number; mixed: number }>(
      t,
      `select count(*) filter (where not is_mixed_use)::int as ordinary, count(*) filter (where is_mixed_use)::int as mixed
       from community where street_id = $1`,
      [wuliqiao],
    );
    expect(counts.mixed).toBeGreaterThan(0);
    const row = (await repo.planById(t.ctx.db, plan.id))!;
    let created = 0;
    for (let n = dayFromText('2030-06-25'); n <= dayFromText('2030-10-05'); n++)
      created += await generateRoundsForPlan(t.ctx, row, dayText(n));
    // 3 months for ordinary communities; for mixed ones the 14 weeks from Monday 2030-07-01 to the one of 2030-09-30
    expect(created).toBe(counts.ordinary * 3 + counts.mixed * 14);
    const rounds = await rows<{ cycle_start: string; due_on: string; mixed: boolean }>(
      t,
      `select r.cycle_start, r.due_on, c.is_mixed_use as mixed from inspection_round r join community c on c.id = r.community_id
       where r.plan_id = $1 order by r.cycle_start`,
      [plan.id],
    );
    expect(new Set(rounds.filter((r) => !r.mixed).map((r) => `${r.cycle_start}..${r.due_on}`))).toEqual(
      new Set(['2030-07-01..2030-07-31', '2030-08-01..2030-08-31', '2030-09-01..2030-09-30']),
    );
    const weeks = [...new Set(rounds.filter((r) => r.mixed).map((r) => r.cycle_start))];
    expect(weeks[0]).toBe('2030-07-01');
    expect(weeks).toHaveLength(14);
    expect(weeks.at(-1)).toBe('2030-09-30');
    expect(weeks.every((w) => (dayFromText(w) + 4) % 7 === 1)).toBe(true); // Mondays
    // the job itself, again for a day of the quarter: nothing new
    const before = rounds.length;
    await generateRounds(t.ctx, { now: new Date('2030-08-15T02:00:00Z') });
    expect(
      (
        await one<{ n: number }>(t, 'select count(*)::int as n from inspection_round where plan_id = $1', [
          plan.id,
        ])
      ).n,
    ).toBe(before);
  });

  it('creating a plan through the API generates the current cycle at once; bad input names the field and writes nothing', async () => {
    const admin = await t.login('district_admin');
    const team = await one<{ id: number }>(
      t,
      `select id from safety_team where kind = 'inspection' order by id limit 1`,
    );
    const before = await one<{ n: number }>(t, 'select count(*)::int as n from inspection_plan');
    const bad = await admin.post('/api/v1/inspections/plans', {
      name: '专项检查',
      type: 'flood_campaign',
      targetKind: 'community',
      cadence: 'once',
      startsOn: '2026-05-01',
      teamId: team.id,
      checklist: [{ key: 'gullies', text: '雨水口畅通', categoryCode: 'environment.waterlogging' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.dueOn']);
    const badCategory = await admin.post('/api/v1/inspections/plans', {
      name: '专项检查',
      type: 'greening',
      targetKind: 'community',
      cadence: 'monthly',
      startsOn: '2026-05-01',
      teamId: team.id,
      checklist: [{ key: 'trees', text: '树木安全', categoryCode: 'environment' }],
    });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json().errors[0].path).toBe('body.checklist.0.categoryCode');
    expect((await one<{ n: number }>(t, 'select count(*)::int as n from inspection_plan')).n).toBe(before.n);

    const today = shanghaiDate(new Date());
    const ok = await admin.post('/api/v1/inspections/plans', {
      name: '商住楼消防专项',
      type: 'fire_patrol',
      targetKind: 'community',
      filter: { mixedUseOnly: true },
      cadence: 'quarterly',
      startsOn: today,
      teamId: team.id,
      checklist,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().mixedUseCadence).toBe('monthly');
    const generated = await one<{ n: number }>(
      t,
      'select count(*)::int as n from inspection_round where plan_id = $1',
      [ok.json().id],
    );
    expect(generated.n).toBe(ok.json().targetCount);
    // a street officer may not plan outside their street
    const street = await t.login('street');
    const { waitan } = await demoStreets(t);
    const outside = await street.post('/api/v1/inspections/plans', {
      name: '外滩巡查',
      type: 'fire_patrol',
      targetKind: 'community',
      filter: { streetIds: [waitan] },
      cadence: 'monthly',
      startsOn: today,
      teamId: team.id,
      checklist,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].path).toBe('body.filter.streetIds.0');
  });
});

describe('the phone form', () => {
  it('an inspector fails the fire-lane item with a photo: the round is done, a hazard and a case routed by the responsibility list appear', async () => {
    const inspector = await t.login('inspector');
    const round = await pendingFireRound();
    const detail = (await inspector.get(`/api/v1/inspections/rounds/${round.id}`)).json();
    expect(detail.abilities.perform).toBe(true);
    const photo = await uploadPhoto(inspector);
    // a draft first: one item
    const draft = await inspector.put(`/api/v1/inspections/rounds/${round.id}/answers`, {
      version: detail.version,
      items: [{ key: 'fire_lane', result: 'fail', note: '三辆私家车占用消防车通道', photos: [photo] }],
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json().status).toBe('in_progress');
    // then the rest, finishing
    const items = detail.items
      .filter((i: { key: string }) => i.key !== 'fire_lane')
      .map((i: { key: string }) => ({ key: i.key, result: i.key === 'alarm' ? 'na' : 'pass' }));
    const done = await inspector.put(`/api/v1/inspections/rounds/${round.id}/answers`, {
      version: draft.json().version,
      items,
      finish: true,
    });
    expect(done.statusCode).toBe(200);
    const finished = done.json();
    expect(finished.status).toBe('done');
    expect(finished.failedCount).toBe(1);
    expect(finished.onTime).toBe(true);
    expect(finished.items.find((i: { key: string }) => i.key === 'fire_lane')).toMatchObject({
      result: 'fail',
      note: '三辆私家车占用消防车通道',
      photos: [{ fileId: photo }],
    });
    expect(finished.hazards).toHaveLength(1);
    const hazard = finished.hazards[0];
    expect(hazard).toMatchObject({ grade: 'significant', status: 'open' });
    expect(hazard.case).not.toBeNull();

    const c = await one<{
      channel: string;
      category_code: string;
      routing: { lead: { kind: string; id: number } };
    }>(t, 'select channel, category_code, routing from case_record where id = $1', [hazard.case.id]);
    expect(c.channel).toBe('inspection');
    expect(c.category_code).toBe('fire_safety.blocked_fire_lane');
    const community = await one<{ property_org_id: number | null }>(
      t,
      'select property_org_id from community where id = $1',
      [round.community_id],
    );
    if (community.property_org_id)
      expect(c.routing.lead).toMatchObject({ kind: 'organization', id: community.property_org_id });
    const attached = await one<{ n: number }>(
      t,
      'select count(*)::int as n from case_attachment where case_id = $1 and file_id = $2',
      [hazard.case.id, photo],
    );
    expect(attached.n).toBe(1);
    const h = (await inspector.get(`/api/v1/hazards/${hazard.id}`)).json();
    expect(h.foundByTeam).not.toBeNull();
    expect(h.photos).toEqual([expect.objectContaining({ fileId: photo, stage: 'found' })]);
    expect(h.responsibleUnit.name).not.toBe('');
    // the photo is served through the round and the hazard
    expect(
      (await inspector.get(`/api/v1/inspections/rounds/${round.id}/files/${photo}?thumbnail=true`))
        .statusCode,
    ).toBe(200);
    // fire facilities of the community were found intact (hydrant passed)
    const hydrants = await rows<{ condition: string }>(
      t,
      `select condition from asset where community_id = $1 and kind = 'fire_hydrant'`,
      [round.community_id],
    );
    expect(hydrants.every((a) => a.condition === 'intact')).toBe(true);
    // a finished round cannot be changed
    const again = await inspector.put(`/api/v1/inspections/rounds/${round.id}/answers`, {
      version: finished.version,
      items: [{ key: 'fire_lane', result: 'pass' }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('inspection.round_done');
  });

  it('bad answers name the field and write nothing', async () => {
    const inspector = await t.login('inspector');
    const round = await pendingFireRound();
    const other = await uploadPhoto(await t.login('street'));
    const before = await safetyCounts(t);
    const put = (body: unknown) => inspector.put(`/api/v1/inspections/rounds/${round.id}/answers`, body);
    const noNote = await put({ version: round.version, items: [{ key: 'fire_lane', result: 'fail' }] });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors).toEqual([
      expect.objectContaining({ path: 'body.items.0.note', code: 'note_required_for_fail' }),
    ]);
    const unknown = await put({ version: round.version, items: [{ key: 'nope', result: 'pass' }] });
    expect(unknown.json().errors[0]).toMatchObject({ path: 'body.items.0.key', code: 'unknown_item' });
    const badResult = await put({ version: round.version, items: [{ key: 'fire_lane', result: 'maybe' }] });
    expect(badResult.statusCode).toBe(400);
    expect(badResult.json().errors[0].path).toBe('body.items.0.result');
    const missing = await put({
      version: round.version,
      items: [{ key: 'fire_lane', result: 'pass' }],
      finish: true,
    });
    expect(missing.json().errors[0]).toMatchObject({ path: 'body.items', code: 'items_missing' });
    // a photo uploaded by someone else
    const foreign = await put({
      version: round.version,
      items: [{ key: 'fire_lane', result: 'pass', photos: [other] }],
    });
    expect(foreign.json().errors[0]).toMatchObject({ path: 'body.items.0.photos.0', code: 'unknown_file' });
    const stale = await put({ version: round.version + 5, items: [{ key: 'fire_lane', result: 'pass' }] });
    expect(stale.statusCode).toBe(409);
    expect(await safetyCounts(t)).toEqual(before);
  });

  it('checks role and place: 403 for who may not fill it in, 404 for a round outside the caller’s places', async () => {
    const round = await pendingFireRound();
    const body = { version: round.version, items: [{ key: 'fire_lane', result: 'pass' }] };
    // the street officer sees it but is not on the round's team
    const street = await t.login('street');
    expect((await street.get(`/api/v1/inspections/rounds/${round.id}`)).json().abilities.perform).toBe(false);
    const notMember = await street.put(`/api/v1/inspections/rounds/${round.id}/answers`, body);
    expect(notMember.statusCode).toBe(403);
    expect(notMember.json().code).toBe('inspection.not_team_member');
    // residents have no inspection permission at all
    const resident = await t.login('resident');
    expect((await resident.get('/api/v1/inspections/rounds')).statusCode).toBe(403);
    expect((await resident.put(`/api/v1/inspections/rounds/${round.id}/answers`, body)).statusCode).toBe(403);
    // 外滩街道 does not see 五里桥's rounds
    const street2 = await t.login('street2');
    expect((await street2.get(`/api/v1/inspections/rounds/${round.id}`)).statusCode).toBe(404);
    expect((await street2.put(`/api/v1/inspections/rounds/${round.id}/answers`, body)).statusCode).toBe(404);
    const list = (await street2.get('/api/v1/inspections/rounds?limit=200')).json();
    const { wuliqiao } = await demoStreets(t);
    expect(list.items.every((r: { street: { id: number } }) => r.street.id !== wuliqiao)).toBe(true);
  });

  it('the inspector’s own rounds are listed by due date', async () => {
    const inspector = await t.login('inspector');
    const res = (await inspector.get('/api/v1/inspections/rounds?mine=true&status=open&limit=20')).json();
    expect(res.total).toBeGreaterThan(0);
    const due = res.items.map((r: { dueOn: string }) => r.dueOn);
    expect(due).toEqual([...due].sort());
    expect(res.items.every((r: { status: string }) => r.status !== 'done')).toBe(true);
  });
});

describe('coverage', () => {
  it('per plan and cycle, by street and community, adds up to the rounds on record', async () => {
    const admin = await t.login('district_admin');
    const plan = await one<{ id: number }>(
      t,
      `select id from inspection_plan where type = 'old_housing' order by id limit 1`,
    );
    const lastQuarter = await one<{ day: string }>(
      t,
      `select to_char(date_trunc('quarter', now() at time zone 'Asia/Shanghai') - interval '1 day', 'YYYY-MM-DD') as day`,
    );
    const res = await admin.get(`/api/v1/inspections/coverage?planId=${plan.id}&on=${lastQuarter.day}`);
    expect(res.statusCode).toBe(200);
    const cov = res.json();
    const expected = await one<{ covered: number; total: number }>(
      t,
      `select count(*) filter (where status = 'done' and (finished_at at time zone 'Asia/Shanghai')::date <= due_on)::int as covered,
              count(*)::int as total
       from inspection_round where plan_id = $1 and cycle_start between $2 and $3`,
      [plan.id, cov.cycle.start, cov.cycle.end],
    );
    expect(cov.total).toMatchObject({ covered: expected.covered, total: expected.total });
    expect(cov.total.rate).toBe(Math.round((expected.covered * 1000) / expected.total) / 10);
    expect(cov.total.rate).toBeGreaterThan(90);
    expect(cov.byStreet.reduce((n: number, s: { total: number }) => n + s.total, 0)).toBe(expected.total);
    expect(cov.byCommunity.reduce((n: number, s: { covered: number }) => n + s.covered, 0)).toBe(
      expected.covered,
    );
    // a street officer sees only their street
    const street = await t.login('street');
    const mine = (
      await street.get(`/api/v1/inspections/coverage?planId=${plan.id}&on=${lastQuarter.day}`)
    ).json();
    expect(mine.byStreet).toHaveLength(1);
    expect(mine.byStreet[0].street.name).toBe('五里桥街道');
  });
});
