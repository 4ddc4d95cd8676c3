import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/cluster';
import { createEmptyDatabase, createTestDatabase } from '../../../test/db';
import { housingTypes, managementModes } from '../../contracts/org';
import { roles } from '../../contracts/roles';
import { isValidUscc } from '../../contracts/uscc';
import type { Database } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { keysFrom } from '../platform/keys';
import { demoAccounts, seedDemo } from './seed';

let seeded: Database & { drop(): Promise<void> };
let again: Database & { drop(): Promise<void> };

beforeAll(async () => {
  seeded = await createTestDatabase();
  again = await createEmptyDatabase();
  await applyMigrations(again);
  const config = testConfig();
  await seedDemo({ config, database: again, db: again.db, ...keysFrom(config) }, { password: 'anju-demo' });
});
afterAll(async () => {
  await seeded.drop();
  await again.drop();
});

const q = async (db: Database, sql: string) => (await db.pool.query(sql)).rows;

describe('demo district', () => {
  it('is 黄浦区 with its ten real streets', async () => {
    expect(await q(seeded, 'select code, name from district')).toEqual([{ code: '310101', name: '黄浦区' }]);
    const streets = (await q(seeded, 'select name from street order by code')).map((r) => r.name);
    expect(streets.sort()).toEqual(
      [
        '南京东路街道',
        '外滩街道',
        '半淞园路街道',
        '小东门街道',
        '豫园街道',
        '老西门街道',
        '五里桥街道',
        '打浦桥街道',
        '淮海中路街道',
        '瑞金二路街道',
      ].sort(),
    );
  });

  it('has at least 60 communities covering every housing type and management mode, with buildings and units', async () => {
    const [c] = await q(seeded, 'select count(*)::int as n from community');
    expect(c.n).toBeGreaterThanOrEqual(60);
    const types = (await q(seeded, 'select distinct housing_type as t from community'))
      .map((r) => r.t)
      .sort();
    expect(types).toEqual([...housingTypes].sort());
    const modes = (await q(seeded, 'select distinct management_mode as m from community'))
      .map((r) => r.m)
      .sort();
    expect(modes).toEqual([...managementModes].sort());
    const empty = await q(
      seeded,
      'select id from community c where not exists (select 1 from building b where b.community_id = c.id)',
    );
    expect(empty).toEqual([]);
    const [units] = await q(seeded, 'select count(*)::int as n, min(exclusive_area)::float as min from unit');
    expect(units.n).toBeGreaterThan(10000);
    expect(units.min).toBeGreaterThan(0);
    const inconsistent = await q(
      seeded,
      'select u.id from unit u join building b on b.id = u.building_id where u.community_id <> b.community_id or u.street_id <> b.street_id',
    );
    expect(inconsistent).toEqual([]);
  });

  it('has grids as GeoJSON polygons, the departments of seed 三(一), groups and companies with valid credit codes', async () => {
    const grids = await q(seeded, 'select outline from grid');
    expect(grids.length).toBe(40);
    for (const g of grids) {
      expect(g.outline.type).toBe('Polygon');
      const ring = g.outline.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    const depts = (await q(seeded, "select name from department where kind = 'district_department'")).map(
      (r) => r.name,
    );
    for (const d of [
      '区住房保障房屋管理局',
      '区建设交通委',
      '区城管执法局',
      '区绿化市容局',
      '区市场监管局',
      '区司法局',
      '区民政局',
      '区财政局',
    ])
      expect(depts).toContain(d);
    const orgs = await q(seeded, 'select kind, name, uscc from organization');
    expect(orgs.every((o) => isValidUscc(o.uscc))).toBe(true);
    for (const g of ['永业', '南房', '黄浦置地'])
      expect(orgs.some((o) => o.kind === 'enterprise_group' && o.name.includes(g))).toBe(true);
    expect(orgs.filter((o) => o.kind === 'developer').length).toBeGreaterThan(0);
  });

  it('has one demo account per role, and street2 in 外滩街道', async () => {
    const accounts = await q(
      seeded,
      'select u.username, r.role, s.name as street from user_account u join role_assignment r on r.user_id = u.id left join street s on s.id = r.street_id where u.is_demo',
    );
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(roles));
    expect(accounts.map((a) => a.username).sort()).toEqual(demoAccounts.map((a) => a.username).sort());
    expect(accounts.find((a) => a.username === 'street')!.street).toBe('五里桥街道');
    expect(accounts.find((a) => a.username === 'street2')!.street).toBe('外滩街道');
  });

  it('is deterministic: a second seed gives the same district', async () => {
    const digest = (db: Database) =>
      q(
        db,
        `select md5(string_agg(x, '|' order by x)) as h from (
           select concat_ws(',', id, code, name, address, housing_type, management_mode, build_year, households, floor_area, property_org_id, lng, lat) as x from community
           union all select concat_ws(',', id, community_id, name, floors, completed_on) from building
           union all select concat_ws(',', id, building_id, number, exclusive_area) from unit
           union all select concat_ws(',', id, name, uscc) from organization) t`,
      );
    expect(await digest(again)).toEqual(await digest(seeded));
  });
});
