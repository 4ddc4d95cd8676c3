import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { DEMO_RESIDENT_PHONE } from '../../../contracts/auth';

const t = setupTestApp();

describe('resident sign-in with a phone code', () => {
  it('sends a code (shown in demo mode) and signs the resident in with it, once', async () => {
    const sent = await t.anonymous().post('/api/v1/auth/code', { phone: `+86 ${DEMO_RESIDENT_PHONE}` });
    expect(sent.statusCode).toBe(200);
    const { demoCode } = sent.json();
    expect(demoCode).toMatch(/^\d{6}$/);
    const stored = await t.ctx.database.pool.query('select code_hash from login_code');
    expect(stored.rows.map((r) => r.code_hash)).not.toContain(demoCode);

    const wrong = await t.anonymous().post('/api/v1/auth/code/login', {
      phone: DEMO_RESIDENT_PHONE,
      code: demoCode === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.invalid_code');
    const ok = await t
      .anonymous()
      .post('/api/v1/auth/code/login', { phone: DEMO_RESIDENT_PHONE, code: demoCode });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles[0].role).toBe('resident');
    const again = await t
      .anonymous()
      .post('/api/v1/auth/code/login', { phone: DEMO_RESIDENT_PHONE, code: demoCode });
    expect(again.statusCode).toBe(401);
  });

  it('refuses a second code within a minute, and bad numbers by field', async () => {
    const first = await t.anonymous().post('/api/v1/auth/code', { phone: '13912345678' });
    expect(first.statusCode).toBe(200);
    const second = await t.anonymous().post('/api/v1/auth/code', { phone: '13912345678' });
    expect(second.statusCode).toBe(429);
    expect(second.json().code).toBe('auth.code_too_soon');
    const bad = await t.anonymous().post('/api/v1/auth/code', { phone: '12345678901' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.phone');
  });

  it('does not reveal whether a number is registered, and never signs in a stranger', async () => {
    const res = await t.anonymous().post('/api/v1/auth/code', { phone: '13700001111' });
    expect(res.statusCode).toBe(200);
    const login = await t
      .anonymous()
      .post('/api/v1/auth/code/login', { phone: '13700001111', code: res.json().demoCode });
    expect(login.statusCode).toBe(401);
  });

  it('gives up on a code after 5 wrong attempts', async () => {
    await t.ctx.database.pool.query('delete from login_code');
    const { demoCode } = (
      await t.anonymous().post('/api/v1/auth/code', { phone: DEMO_RESIDENT_PHONE })
    ).json();
    const wrongCode = demoCode === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++)
      await t.anonymous().post('/api/v1/auth/code/login', { phone: DEMO_RESIDENT_PHONE, code: wrongCode });
    const right = await t
      .anonymous()
      .post('/api/v1/auth/code/login', { phone: DEMO_RESIDENT_PHONE, code: demoCode });
    expect(right.statusCode).toBe(401);
  });

  it('never hands the code out in production', async () => {
    // production without a gateway cannot send at all, so it answers 503 and reveals nothing
    const prod = { ...t.ctx, config: { ...t.ctx.config, production: true } };
    const { requestLoginCode } = await import('./auth.usecases');
    await t.ctx.database.pool.query('delete from login_code');
    await expect(requestLoginCode(prod, DEMO_RESIDENT_PHONE, null, 'zh-CN')).rejects.toMatchObject({
      code: 'sms.not_configured',
    });
  });

  it('sends through a configured SMS gateway and then does not show the code', async () => {
    const received: { to: string; text: string; auth?: string }[] = [];
    const gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ ...JSON.parse(body), auth: req.headers.authorization });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const port = (gateway.address() as { port: number }).port;
    const withGateway = {
      ...t.ctx,
      config: {
        ...t.ctx.config,
        SMS_GATEWAY_URL: `http://127.0.0.1:${port}/send`,
        SMS_GATEWAY_TOKEN: 'secret-token',
      },
    };
    const { requestLoginCode } = await import('./auth.usecases');
    await t.ctx.database.pool.query('delete from login_code');
    const result = await requestLoginCode(withGateway, DEMO_RESIDENT_PHONE, null, 'zh-CN');
    gateway.close();
    expect(result.demoCode).toBeUndefined();
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toBe(DEMO_RESIDENT_PHONE);
    expect(received[0]!.auth).toBe('Bearer secret-token');
    expect(received[0]!.text).toMatch(/验证码为 \d{6}/);
  });
});
