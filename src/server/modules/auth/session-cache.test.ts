import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';

// with the in-process session cache on, as in production (a long TTL makes the effect visible)
const t = setupTestApp({ ANJU_SESSION_CACHE_MS: '60000' });

describe('session cache', () => {
  it('reuses a resolved session without asking the database again', async () => {
    const c = await t.login('committee');
    expect((await c.get('/api/v1/auth/session')).statusCode).toBe(200);
    // a change made behind the app's back is seen only when the entry expires (bounded by the TTL)
    await t.ctx.database.pool.query(
      "update session set expires_at = now() - interval '1 second' where user_id = (select id from user_account where username = 'committee')",
    );
    expect((await c.get('/api/v1/auth/session')).statusCode).toBe(200);
  });

  it('forgets a session at sign-out, at once', async () => {
    const c = await t.login('inspector');
    expect((await c.get('/api/v1/auth/session')).statusCode).toBe(200);
    await c.post('/api/v1/auth/logout');
    expect((await c.get('/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('forgets the sessions of an account the administrator disables, at once', async () => {
    const victim = await t.login('mediator');
    expect((await victim.get('/api/v1/auth/session')).statusCode).toBe(200);
    const admin = await t.login('district_admin');
    const [{ id }] = (
      await t.ctx.database.pool.query("select id from user_account where username = 'mediator'")
    ).rows;
    expect((await admin.patch(`/api/v1/users/${id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await victim.get('/api/v1/auth/session')).statusCode).toBe(401);
  });
});
