import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/server/app';
import type { AppContext } from '../src/server/context';
import { keysFrom } from '../src/server/platform/keys';
import { DEMO_PASSWORD, testConfig } from './cluster';
import { createTestDatabase } from './db';

export interface Client {
  username: string;
  csrfToken: string;
  cookie: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** signs in (demo password by default) and returns a client that sends the cookie and CSRF token */
  login(username: string, password?: string): Promise<Client>;
  /** a client with no session */
  anonymous(): Client;
}

function clientFor(app: FastifyInstance, username: string, cookie: string, csrfToken: string): Client {
  const request = (opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(opts.headers ?? {}),
      },
    });
  const withBody =
    (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body?: unknown, headers?: Record<string, string>) =>
      request({ method, url, ...(body === undefined ? {} : { payload: body as object }), headers });
  return {
    username,
    csrfToken,
    cookie,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers }),
    post: withBody('POST'),
    patch: withBody('PATCH'),
    put: withBody('PUT'),
    delete: (url, headers) => request({ method: 'DELETE', url, headers }),
  };
}

/**
 * A new test file's app: its own database cloned from the seeded template, the full Fastify
 * app (no web assets), and helpers to sign in as any demo account.
 *
 *   const t = setupTestApp();
 *   it('...', async () => { const street = await t.login('street'); ... });
 */
export function setupTestApp(overrides: Record<string, string> = {}): TestApp {
  const holder = {} as TestApp & { drop?: () => Promise<void> };
  beforeAll(async () => {
    const database = await createTestDatabase();
    const config = testConfig(overrides);
    const ctx: AppContext = { config, database, db: database.db, ...keysFrom(config) };
    const app = await buildApp(ctx, { web: false });
    await app.ready();
    holder.app = app;
    holder.ctx = ctx;
    holder.drop = database.drop;
    holder.anonymous = () => clientFor(app, '', '', '');
    holder.login = async (username, password = DEMO_PASSWORD) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.cookies.find((c) => c.name === 'anju_session');
      return clientFor(app, username, `anju_session=${setCookie?.value}`, res.json().csrfToken);
    };
  });
  afterAll(async () => {
    await holder.app?.close();
    await holder.drop?.();
  });
  return holder;
}
