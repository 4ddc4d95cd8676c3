import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';

// Grids (网格, seed 三(三)): listed and shown within the caller's places, on the map, on cases, as a filter.

const t = setupTestApp();
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.ctx.database.pool.query(text, params)).rows as T[];

describe('grids', () => {
  it('a street sees its own grids with their communities; another street gets 404', async () => {
    const street = await t.login('street');
    const list = (await street.get('/api/v1/grids')).json();
    expect(list.items.length).toBeGreaterThan(0);
    const streetIds = new Set(list.items.map((g: { street: { id: number } }) => g.street.id));
    expect(streetIds.size).toBe(1);
    const [streetId] = [...streetIds] as number[];
    const expected = await q<{ n: number }>('select count(*)::int as n from grid where street_id = $1', [
      streetId,
    ]);
    expect(list.items.length).toBe(expected[0]!.n);
    const g = list.items.find((x: { communityCount: number }) => x.communityCount > 0);
    const detail = (await street.get(`/api/v1/grids/${g.id}`)).json();
    expect(detail.outline.type).toBe('Polygon');
    const members = await q<{ id: number }>('select id from community where grid_id = $1 order by id', [
      g.id,
    ]);
    expect(detail.communities.map((c: { id: number }) => c.id).sort((a: number, b: number) => a - b)).toEqual(
      members.map((m) => m.id),
    );
    expect(detail.communityCount).toBe(members.length);
    const other = await t.login('street2');
    expect((await other.get(`/api/v1/grids/${g.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/grids')).json().items.some((x: { id: number }) => x.id === g.id)).toBe(
      false,
    );
  });

  it('a community-level account sees only the grid of its community', async () => {
    const oc = await t.login('owners_committee');
    const [mine] = await q<{ grid_id: number }>(
      "select c.grid_id from role_assignment r join user_account u on u.id = r.user_id join community c on c.id = r.community_id where u.username = 'owners_committee'",
    );
    const list = (await oc.get('/api/v1/grids')).json();
    expect(list.items.map((g: { id: number }) => g.id)).toEqual([mine!.grid_id]);
    expect(list.items[0].communityCount).toBe(1);
  });

  it('the map has a grid layer; a case shows its grid; the case queue filters by grid', async () => {
    const street = await t.login('street');
    const map = (await street.get('/api/v1/places/map')).json();
    const grids = (await street.get('/api/v1/grids')).json().items;
    expect(map.grids.features.map((f: { id: number }) => f.id).sort()).toEqual(
      grids.map((g: { id: number }) => g.id).sort(),
    );
    const [row] = await q<{ id: number; grid_id: number; name: string }>(
      'select k.id, c.grid_id, g.name from case_record k join community c on c.id = k.community_id join grid g on g.id = c.grid_id where k.street_id = (select street_id from grid where id = $1) order by k.id limit 1',
      [grids[0].id],
    );
    const detail = (await street.get(`/api/v1/cases/${row!.id}`)).json();
    expect(detail.grid).toMatchObject({ id: row!.grid_id, name: row!.name });
    const filtered = (await street.get(`/api/v1/cases?gridId=${row!.grid_id}&limit=200`)).json();
    const inGrid = await q<{ n: number }>(
      'select count(*)::int as n from case_record k join community c on c.id = k.community_id where c.grid_id = $1',
      [row!.grid_id],
    );
    expect(filtered.total).toBe(inGrid[0]!.n);
    expect(filtered.items.length).toBeGreaterThan(0);
    const communities = new Set(
      (await q<{ id: number }>('select id from community where grid_id = $1', [row!.grid_id])).map(
        (c) => c.id,
      ),
    );
    expect(filtered.items.every((c: { community: { id: number } }) => communities.has(c.community.id))).toBe(
      true,
    );
    expect((await street.get('/api/v1/cases?gridId=abc')).json().errors[0].path).toBe('query.gridId');
  });
});
