import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';

const t = setupTestApp();

describe('audit log API', () => {
  it('lists changes newest first with before and after, filtered, for district readers only', async () => {
    const street = await t.login('street');
    const [{ id }] = (
      await t.ctx.database.pool.query(
        "select c.id from community c join street s on s.id = c.street_id where s.name = '五里桥街道' limit 1",
      )
    ).rows;
    const { version } = (await street.get(`/api/v1/communities/${id}`)).json();
    await street.patch(`/api/v1/communities/${id}`, { version, households: 77 });

    expect((await street.get('/api/v1/audit')).statusCode).toBe(403);
    const leader = await t.login('district_leader');
    const res = await leader.get(`/api/v1/audit?entityType=community&entityId=${id}`);
    expect(res.statusCode).toBe(200);
    const [entry] = res.json().items;
    expect(entry).toMatchObject({
      action: 'community.updated',
      actor: 'street',
      street: { name: '五里桥街道' },
    });
    expect((entry.after as { households: number }).households).toBe(77);

    const all = await leader.get('/api/v1/audit?limit=5');
    const page1 = all.json();
    expect(page1.items).toHaveLength(5);
    const times = page1.items.map((i: { at: string }) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    const page2 = (await leader.get(`/api/v1/audit?limit=5&cursor=${page1.nextCursor}`)).json();
    expect(page2.items[0].at <= times[4]).toBe(true);
    const keys = new Set(
      [...page1.items, ...page2.items].map((i: { chain: number; seq: number }) => `${i.chain}/${i.seq}`),
    );
    expect(keys.size).toBe(10);
  });

  it('verifies the chain on request (administrator only)', async () => {
    const leader = await t.login('district_leader');
    expect((await leader.get('/api/v1/audit/verify')).statusCode).toBe(403);
    const admin = await t.login('district_admin');
    const res = await admin.get('/api/v1/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true });
    expect(res.json().rows).toBeGreaterThan(0);
  });
});
