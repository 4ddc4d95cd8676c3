import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/app';

const t = setupTestApp();

describe('API conventions', () => {
  it('/api/health reports the database and the version', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', mode: 'demo', database: { status: 'up' } });
    expect(res.json().database.serverVersion).toMatch(/^\d+/);
    expect(res.json().database.migrations).toBeGreaterThan(0);
  });

  it('/api/docs/json is an OpenAPI document generated from the schemas', async () => {
    const res = await t.anonymous().get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/communities'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['streetId', 'housingType', 'managementMode', 'limit', 'cursor']),
    );
    expect(
      doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['username', 'password']);
    const ui = await t.anonymous().get('/api/docs');
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('unknown API routes answer a problem, not HTML', async () => {
    const res = await t.anonymous().get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('route_not_found');
  });

  it('login validates its body with field paths', async () => {
    const res = await t.anonymous().post('/api/v1/auth/login', { username: 'x', password: 5, extra: true });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(['body.extra', 'body.password']);
    const en = await t.anonymous().post('/api/v1/auth/login', { username: 'x' }, { 'accept-language': 'en' });
    expect(en.json().errors[0]).toMatchObject({ path: 'body.password' });
    expect(en.json().detail).toMatch(/not valid/);
  });

  it('refuses control characters, text-direction overrides and broken Unicode anywhere, naming the field', async () => {
    const nul = await t.anonymous().post('/api/v1/auth/login', { username: 'a\u0000b', password: 'x' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors).toEqual([
      expect.objectContaining({ path: 'body.username', code: 'control_character' }),
    ]);
    const en = await t.anonymous().get('/api/v1/communities?q=%E2%80%AEabc', { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.json().errors[0]).toMatchObject({
      path: 'query.q',
      message: expect.stringMatching(/text-direction/),
    });
    const fine = await t.anonymous().post('/api/v1/auth/login', { username: '张三\t😀', password: 'x' });
    expect(fine.statusCode).toBe(401);
  });

  it('a route that declares no query parameters refuses an unknown one', async () => {
    const res = await t.anonymous().post('/api/v1/auth/login?debug=1', { username: 'x', password: 'y' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'query.debug', code: 'unknown_field' });
  });

  it('sets security headers', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
