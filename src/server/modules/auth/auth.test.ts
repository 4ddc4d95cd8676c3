import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { roles } from '../../../contracts/roles';

const t = setupTestApp();

async function auditCount() {
  const r = await t.ctx.database.pool.query('select count(*)::int as n from audit_log');
  return r.rows[0].n as number;
}

describe('sign in and sessions', () => {
  it('every demo role signs in and gets its role back', async () => {
    for (const username of [...roles, 'street2']) {
      const c = await t.login(username === 'street2' ? 'street2' : username);
      const res = await c.get('/api/v1/auth/session');
      expect(res.statusCode).toBe(200);
      expect(res.json().roles[0].role).toBe(username === 'street2' ? 'street' : username);
    }
  });

  it('sets an HttpOnly SameSite=Lax cookie (not Secure in demo mode) and never answers the hash', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'street', password: 'anju-demo' },
    });
    const cookie = res.cookies.find((c) => c.name === 'anju_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const stored = await t.ctx.database.pool.query('select token_hash from session');
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(cookie.value);
  });

  it('answers 401 as problem+json without a session, in the caller language', async () => {
    const zh = await t.anonymous().get('/api/v1/communities');
    expect(zh.statusCode).toBe(401);
    expect(zh.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(zh.json()).toMatchObject({ status: 401, code: 'auth.unauthenticated', detail: '请先登录。' });
    const en = await t.anonymous().get('/api/v1/communities', { 'accept-language': 'en-US' });
    expect(en.json().detail).toBe('Please sign in.');
  });

  it('rejects a wrong password with the same answer as an unknown user', async () => {
    const a = await t.anonymous().post('/api/v1/auth/login', { username: 'street', password: 'wrong' });
    const b = await t.anonymous().post('/api/v1/auth/login', { username: 'nobody', password: 'wrong' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe(b.json().code);
    // a success resets the counter
    await t.login('street');
    const row = await t.ctx.database.pool.query(
      "select failed_logins from user_account where username = 'street'",
    );
    expect(row.rows[0].failed_logins).toBe(0);
  });

  it('locks an account for 15 minutes after 5 failed sign-ins, even with the right password', async () => {
    for (let i = 0; i < 4; i++) {
      expect(
        (await t.anonymous().post('/api/v1/auth/login', { username: 'mediator', password: 'nope' }))
          .statusCode,
      ).toBe(401);
    }
    const fifth = await t.anonymous().post('/api/v1/auth/login', { username: 'mediator', password: 'nope' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('auth.locked');
    const right = await t
      .anonymous()
      .post('/api/v1/auth/login', { username: 'mediator', password: 'anju-demo' });
    expect(right.statusCode).toBe(423);
    const locked = await t.ctx.database.pool.query(
      "select extract(epoch from locked_until - now()) / 60 as minutes from user_account where username = 'mediator'",
    );
    expect(Number(locked.rows[0].minutes)).toBeGreaterThan(14);
    expect(Number(locked.rows[0].minutes)).toBeLessThanOrEqual(15);
    const audit = await t.ctx.database.pool.query(
      "select count(*)::int as n from audit_log where action = 'auth.login_failed'",
    );
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(5);
    // after the lock ends, the right password works again
    await t.ctx.database.pool.query(
      "update user_account set locked_until = now() - interval '1 second' where username = 'mediator'",
    );
    expect(
      (await t.anonymous().post('/api/v1/auth/login', { username: 'mediator', password: 'anju-demo' }))
        .statusCode,
    ).toBe(200);
  });

  it('ends a session after 30 idle minutes and after 12 hours in all', async () => {
    const idle = await t.login('committee');
    await t.ctx.database.pool.query(
      "update session set last_seen_at = now() - interval '31 minutes' where user_id = (select id from user_account where username = 'committee')",
    );
    const res = await idle.get('/api/v1/auth/session');
    expect(res.statusCode).toBe(401);
    const old = await t.login('committee');
    await t.ctx.database.pool.query(
      "update session set expires_at = now() - interval '1 second' where user_id = (select id from user_account where username = 'committee')",
    );
    expect((await old.get('/api/v1/auth/session')).statusCode).toBe(401);
    const fresh = await t.login('committee');
    const expires = await t.ctx.database.pool.query(
      "select extract(epoch from expires_at - created_at) / 3600 as hours from session where user_id = (select id from user_account where username = 'committee') order by created_at desc limit 1",
    );
    expect(Math.round(Number(expires.rows[0].hours))).toBe(12);
    expect((await fresh.get('/api/v1/auth/session')).statusCode).toBe(200);
  });

  it('refuses cookie-authenticated writes without the CSRF token and writes nothing', async () => {
    const c = await t.login('district_admin');
    const before = await auditCount();
    const res = await c.put('/api/v1/auth/preferences', { lang: 'en-US' }, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf');
    expect(await auditCount()).toBe(before);
    const ok = await c.put('/api/v1/auth/preferences', { lang: 'en-US' });
    expect(ok.statusCode).toBe(200);
    expect(await auditCount()).toBe(before + 1);
    await c.put('/api/v1/auth/preferences', { lang: 'zh-CN' });
  });

  it('logs out: the cookie no longer opens a session', async () => {
    const c = await t.login('inspector');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('enforces the password rule and ends other sessions on change', async () => {
    const c = await t.login('emergency');
    const other = await t.login('emergency');
    const weak = await c.post('/api/v1/auth/password', {
      currentPassword: 'anju-demo',
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors.map((e: { path: string }) => e.path)).toContain('body.newPassword');
    const wrong = await c.post('/api/v1/auth/password', {
      currentPassword: 'nope',
      newPassword: 'Much-Better-Pass9',
    });
    expect(wrong.json().errors[0].path).toBe('body.currentPassword');
    const ok = await c.post('/api/v1/auth/password', {
      currentPassword: 'anju-demo',
      newPassword: 'Much-Better-Pass9',
    });
    expect(ok.statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await c.get('/api/v1/auth/session')).statusCode).toBe(200);
    await t.login('emergency', 'Much-Better-Pass9');
  });
});

describe('TOTP second factor', () => {
  it('enrols, then requires a fresh code at every sign-in and refuses a replayed one', async () => {
    const c = await t.login('street2');
    const setup = await c.post('/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, qrDataUrl, uri } = setup.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
    const code = totp.generate();
    expect(
      (await c.post('/api/v1/auth/totp/enable', { code: '000000' === code ? '111111' : '000000' }))
        .statusCode,
    ).toBe(401);
    expect((await c.post('/api/v1/auth/totp/enable', { code })).statusCode).toBe(200);

    const login = await t
      .anonymous()
      .post('/api/v1/auth/login', { username: 'street2', password: 'anju-demo' });
    expect(login.json().stage).toBe('totp_required');
    const cookie = `anju_session=${login.cookies.find((x) => x.name === 'anju_session')!.value}`;
    const headers = { cookie, 'x-csrf-token': login.json().csrfToken };
    // a pending session opens nothing
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/communities', headers });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().code).toBe('auth.second_factor_required');
    // the code used for enrolment cannot be replayed
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/verify',
      headers,
      payload: { code },
    });
    expect(replay.statusCode).toBe(401);
    await t.ctx.database.pool.query(
      "update user_account set totp_last_step = totp_last_step - 2 where username = 'street2'",
    );
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/verify',
      headers,
      payload: { code: totp.generate() },
    });
    expect(fresh.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/communities', headers })).statusCode).toBe(200);
  });
});
