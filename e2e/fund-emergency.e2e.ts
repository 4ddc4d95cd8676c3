import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resources } from '../src/contracts/locales';
import { chooseOption, settled, setupBrowser } from './helpers';

const e2e = setupBrowser();
const zh = resources['zh-CN'];
let db: pg.Pool;

beforeAll(() => {
  db = new pg.Pool({ connectionString: inject('e2eDatabaseUrl'), max: 2 });
});
afterAll(async () => {
  await db?.end();
});

/** A fire-safety finding (a hazard of a fire category) in a 五里桥 community whose fund is set up. */
async function fireFinding(): Promise<{ id: number; title: string; communityId: number }> {
  const found = await db.query(
    `select h.id, h.title, h.community_id from hazard h join street s on s.id = h.street_id
      where s.name = '五里桥街道' and h.category_code like 'fire_safety.%'
        and exists (select 1 from fund_community f where f.community_id = h.community_id)
      order by h.id limit 1`,
  );
  const r =
    found.rows[0] ??
    (
      await db.query(
        `insert into hazard (street_id, community_id, source, category_code, grade, title, description,
           responsible_unit_kind, responsible_unit_name, found_by_label, found_at)
         select c.street_id, c.id, 'inspection', 'fire_safety.facility_failure', 'major', '3 号楼消火栓无水',
                '消防巡查发现', 'street', '房管办', '巡查队', now()
           from community c join street s on s.id = c.street_id
          where s.name = '五里桥街道' and exists (select 1 from fund_community f where f.community_id = c.id)
          order by c.id limit 1
         returning id, title, community_id`,
      )
    ).rows[0];
  return { id: Number(r.id), title: r.title, communityId: Number(r.community_id) };
}

describe('fire-safety finding → emergency use of the maintenance fund (seed 二(一)2, SPEC 5.6)', () => {
  it('the hazard page button opens the emergency form prefilled with the link; the fund use names the finding and links back', async () => {
    const finding = await fireFinding();
    const street = await e2e.loginAs('street');
    await street.goto(`/hazards/${finding.id}`);
    await street.getByTestId('use-fund').click();
    await street.waitForURL(
      (u) => u.pathname === '/fund-uses' && u.searchParams.get('hazardId') === String(finding.id),
    );
    await settled(street);
    // prefilled: the emergency path, the finding named, the kind from its fire category
    const source = street.getByTestId('fund-use-source');
    await expect.poll(() => source.textContent()).toContain(finding.title);
    expect(await source.textContent()).toContain(zh.funds.link.fromHazard);
    const path = street.getByTestId('fund-use-path');
    expect(await path.locator('.ant-radio-button-wrapper-checked').textContent()).toBe(
      zh.funds.path.emergency,
    );
    expect(await street.getByTestId('fund-use-kind').textContent()).toContain(
      zh.funds.emergencyKind.fire_facility_failed,
    );
    expect(await street.getByTestId('fund-use-evidence').count()).toBe(1);
    await street.getByTestId('fund-use-title').fill('消火栓失效应急更换');
    await street.getByTestId('fund-use-budget').fill('1800');
    await street.getByTestId('fund-use-payee').fill('上海某消防工程公司');
    // the kind can still be changed by hand; pick the same one again through the list
    await chooseOption(
      street,
      street.getByTestId('fund-use-kind'),
      zh.funds.emergencyKind.fire_facility_failed,
    );
    await settled(street);
    const saved = street.waitForResponse(
      (r) => r.url().endsWith('/api/v1/fund-uses') && r.request().method() === 'POST',
    );
    await street.locator('#fund-use-save').click();
    expect((await saved).status()).toBe(200);
    await street.waitForURL(/\/fund-uses\/\d+$/);

    // the fund use shows the finding it came from, with a link back
    const link = street.getByTestId('fund-use-source-hazard');
    await expect.poll(() => link.textContent()).toContain(finding.title);
    expect(await link.textContent()).toMatch(/^YH\d{8}-\d{6} · /);
    const stored = await db.query('select hazard_id, path, emergency_kind from fund_use where title = $1', [
      '消火栓失效应急更换',
    ]);
    expect(stored.rows).toEqual([
      { hazard_id: String(finding.id), path: 'emergency', emergency_kind: 'fire_facility_failed' },
    ]);
    await link.click();
    await street.waitForURL(new RegExp(`/hazards/${finding.id}$`));
    await expect
      .poll(() => street.getByTestId('linked-fund-uses').textContent())
      .toContain('消火栓失效应急更换');
  });
});
