import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidUscc } from '../../../src/contracts/uscc';
import { migrationCount, runCli } from '../../../test/cli';
import { testConfig } from '../../../test/cluster';
import { createEmptyDatabase } from '../../../test/db';
import type { Database } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { apportion, citySize, seedCity } from '../demo/city';
import { cityDistricts } from '../demo/shanghai';
import { keysFrom } from '../platform/keys';

type TestDatabase = Database & { drop(): Promise<void> };
let database: TestDatabase;
let twin: TestDatabase;
beforeAll(async () => {
  database = await createEmptyDatabase();
  twin = await createEmptyDatabase();
});
afterAll(async () => {
  await database.drop();
  await twin.drop();
});

const cityCodes = ['310104', '310105'];

async function cityCount(db: Database, sql: string): Promise<number> {
  const r = await db.pool.query(`select count(*)::int as n from (${sql}) x where x.district_code = any($1)`, [
    cityCodes,
  ]);
  return r.rows[0].n;
}

describe('anju migrate and seed', () => {
  it('migrates an empty database, and running migrate again is harmless', async () => {
    const first = await runCli(database, ['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Applied ${migrationCount} migration(s); ${migrationCount} in all.`);
    const second = await runCli(database, ['migrate']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`The database is up to date (${migrationCount} migrations).`);
    const tables = await database.pool.query(
      "select count(*)::int as n from pg_tables where schemaname = 'public'",
    );
    expect(tables.rows[0].n).toBeGreaterThan(10);
  });

  // the demo seed runs about a thousand use-case transactions: on a busy 2-core machine that has
  // taken over a minute, so this test gets the time of the slowest honest run
  it('seeds the demo district, then the city set on top with tiny sizes', { timeout: 240_000 }, async () => {
    const demo = await runCli(database, ['seed']);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Demo district 黄浦区');
    const again = await runCli(database, ['seed', '--scale', 'demo']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty .*only seeds an empty database/);

    const city = await runCli(database, [
      'seed',
      '--scale',
      'city',
      '--districts',
      '2',
      '--streets',
      '3',
      '--communities',
      '10',
    ]);
    expect(city.stderr).not.toMatch(/error/);
    expect(city.code).toBe(0);
    expect(city.stdout).toMatch(/City data set added in [\d.]+ s: 2 district, 3 street/);

    const districts = await database.pool.query('select code, name from district order by code');
    expect(districts.rows).toEqual([
      { code: '310101', name: '黄浦区' },
      { code: '310104', name: '徐汇区' },
      { code: '310105', name: '长宁区' },
    ]);
    const streets = await database.pool.query(
      `select s.name, s.code from street s join district d on d.id = s.district_id
        where d.code = any($1) order by s.code`,
      [cityCodes],
    );
    // 3 streets split as the real counts are (13 in 徐汇, 10 in 长宁), in list order
    expect(streets.rows).toEqual([
      { name: '天平路街道', code: '310104001' },
      { name: '湖南路街道', code: '310104002' },
      { name: '华阳路街道', code: '310105001' },
    ]);
    const withDistrict = (table: string) =>
      `select d.code as district_code from ${table} t join street s on s.id = t.street_id join district d on d.id = s.district_id`;
    expect(await cityCount(database, withDistrict('community'))).toBe(10);
    // committees follow communities at the city's ratio, at least one per street
    expect(await cityCount(database, withDistrict('committee'))).toBe(4);
    expect(await cityCount(database, withDistrict('grid'))).toBe(3);
    expect(
      await cityCount(
        database,
        'select d.code as district_code from department t join district d on d.id = t.district_id',
      ),
    ).toBe(2 * 13 + 3 * 3);

    // every community has buildings and units, and its household count is its residential units
    const trees = await database.pool.query(
      `select c.id, c.households, c.property_org_id, c.management_mode,
              (select count(*)::int from building b where b.community_id = c.id) as buildings,
              (select count(*)::int from unit u where u.community_id = c.id and u.use = 'residential') as homes
         from community c join street s on s.id = c.street_id join district d on d.id = s.district_id
        where d.code = any($1)`,
      [cityCodes],
    );
    for (const c of trees.rows) {
      expect(c.buildings).toBeGreaterThan(0);
      expect(c.homes).toBe(c.households);
      if (c.management_mode !== 'none') expect(c.property_org_id).not.toBeNull();
    }
    // per district: one enterprise group, two property companies, one developer
    const orgs = await database.pool.query(
      "select kind, count(*)::int as n from organization where name like '上海徐汇%' or name like '上海长宁%' group by kind order by kind",
    );
    expect(orgs.rows).toEqual([
      { kind: 'developer', n: 2 },
      { kind: 'enterprise_group', n: 2 },
      { kind: 'property_company', n: 4 },
    ]);
    const all = await database.pool.query('select uscc from organization');
    for (const o of all.rows) expect(isValidUscc(o.uscc), o.uscc).toBe(true);

    // identities continue after the explicit ids
    const next = await database.pool.query(
      "insert into committee (street_id, code, name) values (1, 'X-1', 'x') returning id",
    );
    const max = await database.pool.query("select max(id)::int as m from committee where code <> 'X-1'");
    expect(next.rows[0].id).toBe(max.rows[0].m + 1);
    await database.pool.query("delete from committee where code = 'X-1'");

    const verify = await runCli(database, ['audit', 'verify']);
    expect(verify.code).toBe(0);
    const twice = await runCli(database, ['seed', '--scale', 'city', '--districts', '2', '--streets', '3']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('the city data set is already there (徐汇区 310104)');
  });

  it('is deterministic: the same sizes give the same rows', async () => {
    await applyMigrations(twin);
    const config = testConfig();
    const ctx = { config, database: twin, db: twin.db, ...keysFrom(config) };
    // without the demo district first, ids differ, so compare the content that does not hold ids
    const counts = await seedCity(ctx, { districts: 2, streets: 3, communities: 10 });
    expect(counts).toMatchObject({ district: 2, street: 3, community: 10, committee: 4 });
    const digest = async (db: Database) =>
      (
        await db.pool.query(
          `select md5(string_agg(c.code || c.name || c.address || c.households || c.floor_area || u.number || u.exclusive_area,
                                 ',' order by c.code, u.building_id, u.number)) as d
             from community c join unit u on u.community_id = c.id
             join street s on s.id = c.street_id join district d on d.id = s.district_id where d.code = any($1)`,
          [cityCodes],
        )
      ).rows[0].d;
    // the database seeded by the test before: if that one failed, say so rather than compare with nothing
    const seeded = await digest(database);
    expect(seeded, 'the city set of the test before is missing: see its failure').not.toBeNull();
    expect(await digest(twin)).toBe(seeded);
    expect(counts.unit).toBe((await twin.pool.query('select count(*)::int as n from unit')).rows[0].n);
  });

  it('scales the buildings to about the asked number of units per community', async () => {
    const small = await createEmptyDatabase();
    try {
      await applyMigrations(small);
      const config = testConfig();
      const ctx = { config, database: small, db: small.db, ...keysFrom(config) };
      const counts = await seedCity(ctx, {
        districts: 1,
        streets: 2,
        communities: 40,
        unitsPerCommunity: 60,
      });
      const average = counts.unit! / counts.community!;
      // one building is the least a community gets, so small targets come out somewhat above
      expect(average).toBeGreaterThan(20);
      expect(average).toBeLessThan(150);
    } finally {
      await small.drop();
    }
  });

  it('refuses sizes that do not fit before touching the database', async () => {
    const r = await runCli(database, ['seed', '--scale', 'city', '--districts', '2', '--streets', '40']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/streets must be 2\.\.23 for 2 districts/);
    const demoOnly = await runCli(database, ['seed', '--streets', '3']);
    expect(demoOnly.code).toBe(1);
    expect(demoOnly.stderr).toMatch(/--streets applies to --scale city only/);
    const bad = await runCli(database, ['seed', '--scale', 'city', '--communities', 'many']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--communities/);
  });
});

describe('city sizes', () => {
  it('adds up to the city: 216 streets, about 5,025 committees and 12,000 communities with 黄浦区', () => {
    const full = citySize();
    expect(cityDistricts).toHaveLength(15);
    expect(full.streets + 10).toBe(216);
    expect(full.communities + 70).toBe(12000);
    expect(full.committees).toBe(5000);
    expect(new Set(cityDistricts.flatMap((d) => d.streets.map((s) => `${d.code}${s[0]}`))).size).toBe(206);
  });

  it('apportions exactly, within the minimum and the caps', () => {
    expect(apportion(3, [13, 10], 1, [13, 10])).toEqual([2, 1]);
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(5, [100, 1], 0, [3, 10])).toEqual([3, 2]);
    const parts = apportion(
      11930,
      Array.from({ length: 206 }, (_, i) => 1 + (i % 7)),
    );
    expect(parts.reduce((a, b) => a + b, 0)).toBe(11930);
  });
});
