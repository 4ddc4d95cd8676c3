import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';

const t = setupTestApp();
const q = async (sql: string, params: unknown[] = []) => (await t.ctx.database.pool.query(sql, params)).rows;
const auditCount = async () => (await q('select count(*)::int as n from audit_log'))[0].n as number;

describe('user administration', () => {
  it('only the district housing bureau administrator manages accounts', async () => {
    for (const username of ['street', 'district_leader', 'resident']) {
      const c = await t.login(username);
      expect((await c.get('/api/v1/users')).statusCode, username).toBe(403);
    }
    const admin = await t.login('district_admin');
    const list = (await admin.get('/api/v1/users?limit=200')).json();
    expect(list.total).toBeGreaterThanOrEqual(12);
    const street = list.items.find((u: { username: string }) => u.username === 'street');
    expect(street.roles[0]).toMatchObject({ role: 'street', place: { level: 'street', name: '五里桥街道' } });
    const resident = list.items.find((u: { username: string }) => u.username === 'resident');
    expect(resident.phone).toMatch(/^138\*{4}8000$/);
  });

  it('creates a committee officer whose street comes from the committee, who can then sign in', async () => {
    const admin = await t.login('district_admin');
    const [committee] = await q("select id, street_id from committee where name = '北京东路居民区'");
    const res = await admin.post('/api/v1/users', {
      username: 'wang.committee',
      displayName: '王主任',
      password: 'Strong-Pass-2026',
      phone: '13611112222',
      roles: [{ role: 'committee', committeeId: committee.id }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles[0].assignment).toEqual({
      role: 'committee',
      committeeId: committee.id,
      streetId: committee.street_id,
    });
    const c = await t.login('wang.committee', 'Strong-Pass-2026');
    const seen = (await c.get('/api/v1/communities?limit=200')).json();
    expect(seen.items.length).toBeGreaterThan(0);
    expect(seen.items.every((x: { committee: { id: number } }) => x.committee.id === committee.id)).toBe(
      true,
    );
  });

  it('refuses a role without its place, an unknown place, a weak password, and writes nothing', async () => {
    const admin = await t.login('district_admin');
    const before = await auditCount();
    const cases: [unknown, string][] = [
      [
        { username: 'x1', displayName: 'X', password: 'Strong-Pass-2026', roles: [{ role: 'street' }] },
        'body.roles.0.streetId',
      ],
      [
        {
          username: 'x2',
          displayName: 'X',
          password: 'Strong-Pass-2026',
          roles: [{ role: 'street', streetId: 99999 }],
        },
        'body.roles.0.streetId',
      ],
      [
        {
          username: 'x3',
          displayName: 'X',
          password: 'Strong-Pass-2026',
          roles: [{ role: 'property', organizationId: 1 }],
        },
        'body.roles.0.organizationId',
      ],
      [
        { username: 'x4', displayName: 'X', password: 'weak', roles: [{ role: 'district_leader' }] },
        'body.password',
      ],
      [
        { username: 'x5', displayName: 'X', password: 'Strong-Pass-2026', roles: [{ role: 'king' }] },
        'body.roles.0.role',
      ],
      [
        {
          username: 'x6',
          displayName: 'X',
          password: 'Strong-Pass-2026',
          phone: '123',
          roles: [{ role: 'district_leader' }],
        },
        'body.phone',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post('/api/v1/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(
      (
        await admin.post('/api/v1/users', {
          username: 'street',
          displayName: 'X',
          password: 'Strong-Pass-2026',
          roles: [{ role: 'district_leader' }],
        })
      ).statusCode,
    ).toBe(409);
    expect(await auditCount()).toBe(before);
    expect(await q("select id from user_account where username like 'x_'")).toEqual([]);
  });

  it('disabling an account ends its sessions; unlock, reset TOTP and set password are audited', async () => {
    const admin = await t.login('district_admin');
    const inspector = await t.login('inspector');
    const [{ id }] = await q("select id from user_account where username = 'inspector'");
    const disabled = await admin.patch(`/api/v1/users/${id}`, { status: 'disabled' });
    expect(disabled.json().status).toBe('disabled');
    expect((await inspector.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect(
      (await t.anonymous().post('/api/v1/auth/login', { username: 'inspector', password: 'anju-demo' }))
        .statusCode,
    ).toBe(403);
    await admin.patch(`/api/v1/users/${id}`, { status: 'active' });

    await q("update user_account set locked_until = now() + interval '10 minutes' where id = $1", [id]);
    expect((await admin.post(`/api/v1/users/${id}/unlock`)).json().lockedUntil).toBeNull();
    expect(
      (await admin.post(`/api/v1/users/${id}/password`, { password: 'Another-Pass-77' })).statusCode,
    ).toBe(200);
    await t.login('inspector', 'Another-Pass-77');
    expect((await admin.post(`/api/v1/users/${id}/reset-totp`)).statusCode).toBe(200);
    const actions = (
      await q("select action from audit_log where entity_type = 'user' and entity_id = $1 order by seq", [
        String(id),
      ])
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.updated', 'user.unlocked', 'user.password_set', 'user.totp_reset']),
    );
    const self = (await q("select id from user_account where username = 'district_admin'"))[0].id;
    expect((await admin.patch(`/api/v1/users/${self}`, { status: 'disabled' })).statusCode).toBe(400);
  });

  it('changing roles moves what the user can see at once', async () => {
    const admin = await t.login('district_admin');
    const [{ id }] = await q("select id from user_account where username = 'street2'");
    const [wuliqiao] = await q("select id from street where name = '五里桥街道'");
    const res = await admin.patch(`/api/v1/users/${id}`, {
      roles: [{ role: 'street', streetId: wuliqiao.id }],
    });
    expect(res.statusCode).toBe(200);
    const c = await t.login('street2');
    const seen = (await c.get('/api/v1/communities?limit=200')).json();
    expect(seen.items.every((x: { street: { id: number } }) => x.street.id === wuliqiao.id)).toBe(true);
  });
});
