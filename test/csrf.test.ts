import { describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from './app';
import { type Operation, operationsOf, stateOfTables, urlOf } from './openapi';

/**
 * CSRF on every write, generated from the OpenAPI document: each non-GET operation, sent with a
 * valid session cookie but without the session's CSRF token, with a forged one, with an empty one
 * and with another session's real token, is refused 403 `auth.csrf` as problem+json, and no row
 * of any table changes. With the right token the same request is never refused for CSRF, so the
 * refusals come from the token and not from something else.
 */

const t = setupTestApp();

function requestOf(op: Operation, client: Client, token: string | undefined) {
  // the cookie alone, then the token header as the variant asks; never the client's own default
  const headers: Record<string, string> = { cookie: client.cookie, 'idempotency-key': 'csrf-0001' };
  if (token !== undefined) headers['x-csrf-token'] = token;
  const json = op.body?.type.startsWith('application/json') ?? false;
  return t.app.inject({
    method: op.method as 'POST',
    url: urlOf(op),
    headers,
    ...(json ? { payload: '{}', headers: { ...headers, 'content-type': 'application/json' } } : {}),
  });
}

describe('CSRF on every cookie-authenticated write', () => {
  it('refuses every non-GET operation without the right token, 403 problem+json, writing nothing', async () => {
    const doc = (await t.anonymous().get('/api/docs/json')).json();
    const writes = operationsOf(doc).filter((op) => op.method !== 'GET' && op.path.startsWith('/api/'));
    expect(writes.length).toBeGreaterThan(100);
    const clients = [await t.login('district_admin'), await t.login('resident')];
    const other = await t.login('street');
    const variants: [string, (c: Client) => string | undefined][] = [
      ['no token', () => undefined],
      ['an empty token', () => ''],
      ['a forged token', (c) => `${c.csrfToken.slice(0, -1)}${c.csrfToken.endsWith('A') ? 'B' : 'A'}`],
      ["another session's token", () => other.csrfToken],
    ];
    const before = await stateOfTables(t.ctx);
    const failures: string[] = [];
    let sent = 0;
    for (const client of clients) {
      for (const op of writes) {
        for (const [what, tokenOf] of variants) {
          sent++;
          const res = await requestOf(op, client, tokenOf(client));
          const where = `${op.method} ${op.path} [${what}] as ${client.username}`;
          if (res.statusCode !== 403) failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 120)}`);
          else if (!String(res.headers['content-type']).startsWith('application/problem+json'))
            failures.push(`${where}: 403 as ${res.headers['content-type']}`);
          else if (res.json().code !== 'auth.csrf') failures.push(`${where}: 403 ${res.json().code}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBe(writes.length * clients.length * variants.length);
    expect(await stateOfTables(t.ctx)).toEqual(before);
    // every session still opens: a refused sign-out or password change ended none of them
    for (const client of [...clients, other])
      expect((await client.get('/api/v1/auth/session')).statusCode).toBe(200);

    // control: with the right token no operation is refused for CSRF; an operation with id 1 may end
    // the admin's session (disabling user 1), so a 401 signs in again and sends the request once more
    let admin = clients[0]!;
    const refusedWithToken: string[] = [];
    for (const op of writes.filter((w) => !w.path.endsWith('/logout'))) {
      let res = await requestOf(op, admin, admin.csrfToken);
      if (res.statusCode === 401) {
        await t.ctx.database.pool.query(
          "update user_account set status = 'active', locked_until = null where username = 'district_admin'",
        );
        admin = await t.login('district_admin');
        res = await requestOf(op, admin, admin.csrfToken);
      }
      const code = res.statusCode >= 400 ? res.json().code : null;
      if (code === 'auth.csrf' || res.statusCode === 401)
        refusedWithToken.push(`${op.method} ${op.path}: ${res.statusCode} ${code}`);
    }
    expect(refusedWithToken).toEqual([]);
    console.info(
      `csrf: ${writes.length} write operations, ${sent} requests without the right token, all 403`,
    );
  }, 300_000);

  it('refuses a form post carrying only the cookie (a cross-site form) as well', async () => {
    const c = await t.login('district_admin');
    const before = await stateOfTables(t.ctx);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/auth/preferences',
      headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'lang=en-US',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf');
    expect(await stateOfTables(t.ctx)).toEqual(before);
  });
});
