import { describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from './app';
import { type Operation, operationsOf, stateOfTables } from './openapi';

/**
 * Cross-place probes, generated from the OpenAPI document and the demo data: every record of
 * 五里桥 that its street officer can list is, for a user of another place, not found: its detail
 * answers exactly as a record that does not exist does, none of its actions changes anything,
 * and a list filter naming 五里桥 or one of its communities returns nothing.
 */

const t = setupTestApp();
const PASSWORD = 'Foreign-Place-2026';
const MISSING = 999_999_999;

type Item = Record<string, unknown>;

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const rows = (await t.ctx.database.pool.query(sql, params)).rows as T[];
  if (!rows[0]) throw new Error(`no row for ${sql}`);
  return rows[0];
}

/** A user made through the admin API (so the test uses the same path as an administrator). */
async function userWith(admin: Client, username: string, role: Record<string, unknown>): Promise<Client> {
  const res = await admin.post('/api/v1/users', {
    username,
    displayName: username,
    password: PASSWORD,
    roles: [role],
  });
  expect(res.statusCode, res.body).toBe(200);
  return t.login(username, PASSWORD);
}

/** The place of a listed record, as the presenters show it. */
function placeOf(item: Item): { streetId?: number; communityId?: number } {
  const nested = (key: string) => (item[key] as { id?: number } | null | undefined)?.id;
  return {
    streetId: (item.streetId as number | undefined) ?? nested('street'),
    communityId: (item.communityId as number | undefined) ?? nested('community'),
  };
}

function itemsOf(res: { headers: Record<string, unknown>; json(): unknown }): Item[] {
  if (!String(res.headers['content-type']).startsWith('application/json')) return [];
  const body = res.json();
  if (Array.isArray(body)) return body as Item[];
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as Item[]) : [];
}

describe('the records of one place, probed from every other', () => {
  it('are not found, not changed, and not listed by a filter naming the place', async () => {
    const ops = operationsOf((await t.anonymous().get('/api/docs/json')).json()).filter((op) =>
      op.path.startsWith('/api/v1/'),
    );
    const home = await one<{ street_id: number }>(
      `select ra.street_id from role_assignment ra join user_account u on u.id = ra.user_id
        where u.username = 'street'`,
    );
    const homeCommunities = new Set(
      (
        await t.ctx.database.pool.query<{ id: number }>('select id from community where street_id = $1', [
          home.street_id,
        ])
      ).rows.map((r) => r.id),
    );
    const away = await one<{ id: number; unit_id: number }>(
      `select c.id, (select u.id from unit u join building b on b.id = u.building_id
                      where b.community_id = c.id order by u.id limit 1) as unit_id
         from community c where c.street_id <> $1
          and exists (select 1 from building b where b.community_id = c.id) order by c.id limit 1`,
      [home.street_id],
    );
    const otherCompany = await one<{ id: number }>(
      `select o.id from organization o where o.kind = 'property_company'
          and exists (select 1 from community c where c.property_org_id = o.id)
          and not exists (select 1 from community c where c.property_org_id = o.id and c.street_id = $1)
        order by o.id limit 1`,
      [home.street_id],
    );

    const admin = await t.login('district_admin');
    const owner = await t.login('street');
    const foreigners = [
      await t.login('street2'),
      await userWith(admin, 'away_resident', {
        role: 'resident',
        communityId: away.id,
        unitId: away.unit_id,
      }),
      await userWith(admin, 'away_property', { role: 'property', organizationId: otherCompany.id }),
    ];

    // every list the 五里桥 officer reads, and one record of 五里桥 from each
    const records: { list: Operation; detail: string; id: number }[] = [];
    for (const list of ops) {
      if (list.method !== 'GET' || list.parameters.some((p) => p.in === 'path' || p.required)) continue;
      const detail = ops.find(
        (op) =>
          op.method === 'GET' &&
          /^\{[^}]+\}$/.test(op.path.slice(list.path.length + 1)) &&
          op.path.startsWith(`${list.path}/`),
      );
      if (!detail) continue;
      const res = await owner.get(list.path);
      if (res.statusCode !== 200) continue;
      const mine = itemsOf(res).find((item) => {
        const place = placeOf(item);
        return (
          typeof item.id === 'number' &&
          (place.streetId === home.street_id ||
            (place.communityId !== undefined && homeCommunities.has(place.communityId)))
        );
      });
      if (mine) records.push({ list, detail: detail.path, id: mine.id as number });
    }
    expect(records.length).toBeGreaterThanOrEqual(15);

    const before = await stateOfTables(t.ctx);
    const leaks: string[] = [];
    for (const who of foreigners) {
      for (const record of records) {
        const path = (id: number) => record.detail.replace(/\{[^}]+\}$/, String(id));
        const seen = await who.get(path(record.id));
        const missing = await who.get(path(MISSING));
        if (seen.statusCode < 400 || seen.statusCode !== missing.statusCode) {
          leaks.push(
            `GET ${record.detail} #${record.id} as ${who.username}: ${seen.statusCode} (missing: ${missing.statusCode})`,
          );
        }
        // every action on the record
        for (const action of ops) {
          if (action.method === 'GET' || !action.path.startsWith(record.detail)) continue;
          const url = action.path.replace(record.detail, path(record.id)).replace(/\{[^}]+\}/g, '1');
          const res = await who.request({
            method: action.method as 'POST',
            url,
            ...(action.body?.type.startsWith('application/json') ? { payload: {} } : {}),
          });
          if (res.statusCode < 400)
            leaks.push(`${action.method} ${action.path} #${record.id} as ${who.username}: ${res.statusCode}`);
        }
      }
      // list filters naming 五里桥 or one of its communities
      const [community] = homeCommunities;
      for (const list of ops) {
        if (list.method !== 'GET' || list.parameters.some((p) => p.in === 'path' || p.required)) continue;
        for (const [name, value] of [
          ['streetId', home.street_id],
          ['communityId', community],
        ] as const) {
          if (!list.parameters.some((p) => p.in === 'query' && p.name === name)) continue;
          const res = await who.get(`${list.path}?${name}=${value}`);
          if (res.statusCode === 200 && itemsOf(res).length > 0) {
            leaks.push(`GET ${list.path}?${name}=${value} as ${who.username}: ${itemsOf(res).length} rows`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await stateOfTables(t.ctx)).toEqual(before);
  }, 600_000);
});
