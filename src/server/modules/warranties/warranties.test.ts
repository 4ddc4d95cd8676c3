import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { one, safetyCounts } from '../../../../test/safety';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { addDays, addYears } from '../assets/assets.rules';

const t = setupTestApp();
const today = shanghaiDate(new Date());

/** A building of a community with a developer and no warranty yet. */
async function freshBuilding() {
  return one<{ id: number; community_id: number; developer_org_id: number; property_org_id: number | null }>(
    t,
    `select b.id, b.community_id, c.developer_org_id, c.property_org_id from building b join community c on c.id = b.community_id
     where c.developer_org_id is not null and not exists (select 1 from warranty w where w.building_id = b.id)
     order by b.id limit 1`,
  );
}

describe('warranties of new buildings', () => {
  it('registers every component with its statutory minimum from completion acceptance; shorter agreements are refused', async () => {
    const admin = await t.login('district_admin');
    const b = await freshBuilding();
    const accepted = addDays(addYears(today, -1), 10);
    const before = await safetyCounts(t);
    const short = await admin.post(`/api/v1/warranties/buildings/${b.id}`, {
      completionAcceptedOn: accepted,
      agreedEndsOn: { roofing_waterproofing: addYears(accepted, 3) },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({
      path: 'body.agreedEndsOn.roofing_waterproofing',
      code: 'below_statutory_minimum',
    });
    const future = await admin.post(`/api/v1/warranties/buildings/${b.id}`, {
      completionAcceptedOn: addDays(today, 1),
    });
    expect(future.json().errors[0].path).toBe('body.completionAcceptedOn');
    expect(await safetyCounts(t)).toEqual(before);
    const res = await admin.post(`/api/v1/warranties/buildings/${b.id}`, {
      completionAcceptedOn: accepted,
      designLifeYears: 70,
      agreedEndsOn: { decoration: addYears(accepted, 3) },
    });
    expect(res.statusCode).toBe(201);
    const byComponent = Object.fromEntries(
      res.json().warranties.map((w: { component: string }) => [w.component, w]),
    );
    expect(Object.keys(byComponent)).toHaveLength(7);
    expect(byComponent.foundation_structure.endsOn).toBe(addDays(addYears(accepted, 70), -1));
    expect(byComponent.roofing_waterproofing.endsOn).toBe(addDays(addYears(accepted, 5), -1));
    expect(byComponent.electrical.endsOn).toBe(addDays(addYears(accepted, 2), -1));
    expect(byComponent.decoration).toMatchObject({
      statutoryEndsOn: addDays(addYears(accepted, 2), -1),
      endsOn: addYears(accepted, 3),
    });
    expect(byComponent.electrical.inWarranty).toBe(true);
    const again = await admin.post(`/api/v1/warranties/buildings/${b.id}`, {
      completionAcceptedOn: accepted,
    });
    expect(again.statusCode).toBe(409);
  });

  it('a defect within warranty becomes a case routed to the developer; outside it, an ordinary repair', async () => {
    const admin = await t.login('district_admin');
    const b = await freshBuilding();
    const accepted = addDays(addYears(today, -3), 0); // 3 years ago: roofing in warranty, electrical not
    await admin.post(`/api/v1/warranties/buildings/${b.id}`, { completionAcceptedOn: accepted });
    const within = await admin.post('/api/v1/warranties/defects', {
      buildingId: b.id,
      component: 'roofing_waterproofing',
      title: '屋面渗漏',
      description: '顶层卧室顶棚渗水',
    });
    expect(within.statusCode).toBe(201);
    expect(within.json()).toMatchObject({
      inWarranty: true,
      routedTo: { kind: 'organization', id: b.developer_org_id },
    });
    const c = await one<{ category_code: string }>(t, 'select category_code from case_record where id = $1', [
      within.json().case.id,
    ]);
    expect(c.category_code).toBe('warranty.leak');
    const outside = await admin.post('/api/v1/warranties/defects', {
      buildingId: b.id,
      component: 'electrical',
      title: '楼道灯线路故障',
      description: '三层楼道灯不亮',
    });
    expect(outside.json().inWarranty).toBe(false);
    expect(
      (
        await one<{ category_code: string }>(t, 'select category_code from case_record where id = $1', [
          outside.json().case.id,
        ])
      ).category_code,
    ).toBe('property_service.repair');
    if (b.property_org_id)
      expect(outside.json().routedTo).toMatchObject({ kind: 'organization', id: b.property_org_id });
    const detail = (await admin.get(`/api/v1/warranties/buildings/${b.id}`)).json();
    expect(detail.defects.map((d: { inWarranty: boolean }) => d.inWarranty)).toEqual([false, true]);
  });

  it('records milestone quality assessments once per milestone; place and role are checked', async () => {
    const admin = await t.login('district_admin');
    const w = await one<{ building_id: number; street_id: number }>(
      t,
      'select building_id, street_id from warranty order by id limit 1',
    );
    const existing = (await admin.get(`/api/v1/warranties/buildings/${w.building_id}`))
      .json()
      .assessments.map((a: { milestone: string }) => a.milestone);
    const milestone = ['one_year', 'two_years', 'five_years', 'expiry'].find((m) => !existing.includes(m))!;
    const body = {
      milestone,
      assessedOn: today,
      grade: 'qualified',
      findings: '主体结构未见异常',
      assessor: '区建设工程质量监督站',
    };
    expect(
      (await admin.post(`/api/v1/warranties/buildings/${w.building_id}/assessments`, body)).statusCode,
    ).toBe(201);
    expect(
      (await admin.post(`/api/v1/warranties/buildings/${w.building_id}/assessments`, body)).statusCode,
    ).toBe(409);
    const resident = await t.login('resident');
    expect((await resident.get('/api/v1/warranties')).statusCode).toBe(403);
    const street2 = await t.login('street2');
    const street2Id = await one<{ id: number }>(t, `select id from street where name = '外滩街道'`);
    if (w.street_id !== street2Id.id)
      expect((await street2.get(`/api/v1/warranties/buildings/${w.building_id}`)).statusCode).toBe(404);
    const committee = await t.login('committee');
    expect(
      (await committee.post(`/api/v1/warranties/buildings/${w.building_id}/assessments`, body)).statusCode,
    ).toBe(403);
  });
});
