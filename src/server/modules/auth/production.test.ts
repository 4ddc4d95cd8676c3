import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { ConfigError, loadConfig } from '../../config';

const production = {
  ANJU_MODE: 'production',
  SESSION_SECRET: 'x'.repeat(40),
  ANJU_ENCRYPTION_KEY: 'ab'.repeat(32),
};
const t = setupTestApp(production);

describe('production mode', () => {
  it('refuses to start without SESSION_SECRET or an encryption key', () => {
    expect(() => loadConfig({ ANJU_MODE: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ ANJU_MODE: 'production', ANJU_ENCRYPTION_KEY: 'ab'.repeat(32) })).toThrow(
      /SESSION_SECRET/,
    );
    expect(() => loadConfig(production)).not.toThrow();
  });

  it('marks the session cookie Secure', async () => {
    const res = await t
      .anonymous()
      .post('/api/v1/auth/login', { username: 'resident', password: 'anju-demo' });
    expect(res.cookies.find((c) => c.name === 'anju_session')?.secure).toBe(true);
  });

  it('makes staff enrol a second factor before anything else; residents are not asked', async () => {
    const resident = await t
      .anonymous()
      .post('/api/v1/auth/login', { username: 'resident', password: 'anju-demo' });
    expect(resident.json().stage).toBe('active');

    const res = await t.anonymous().post('/api/v1/auth/login', { username: 'street', password: 'anju-demo' });
    expect(res.json().stage).toBe('totp_setup_required');
    const headers = {
      cookie: `anju_session=${res.cookies.find((c) => c.name === 'anju_session')!.value}`,
      'x-csrf-token': res.json().csrfToken,
    };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/communities', headers })).statusCode).toBe(401);
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers });
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(setup.json().secret),
      digits: 6,
      period: 30,
    });
    const enabled = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers,
      payload: { code: totp.generate() },
    });
    expect(enabled.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/communities', headers })).statusCode).toBe(200);
    // and it cannot be turned off in production
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/disable',
      headers,
      payload: { code: '123456' },
    });
    expect(off.statusCode).toBe(409);
  });
});
