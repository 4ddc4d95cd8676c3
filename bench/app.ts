// The app process of `npm run bench`: the full Anju app and, on another port, a bare Fastify
// instance with each case's baseline route. Started by bench/index.ts with fork(); it reports the
// prepared requests over IPC and stops when told to.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../src/server/config';
import type { Executor } from '../src/server/db/client';
import * as authRepo from '../src/server/modules/auth/auth.repository';
import { createUser } from '../src/server/modules/auth/auth.usecases';
import { Actor } from '../src/server/platform/access';
import { startAnju } from '../src/server/server';
import type { BenchCase, BenchEnv, BenchRequest, PreparedCase, TimedCase, TimedResult } from './case';

export const BENCH_PASSWORD = 'Bench-Load-2026!';
const here = dirname(fileURLToPath(import.meta.url));

async function loadCases(only: string | undefined): Promise<{ http: BenchCase[]; timed: TimedCase[] }> {
  const http: BenchCase[] = [];
  const timed: TimedCase[] = [];
  for (const file of readdirSync(join(here, 'cases')).sort()) {
    if (!file.endsWith('.ts')) continue;
    const mod = (await import(join(here, 'cases', file))) as {
      default: BenchCase | TimedCase | (BenchCase | TimedCase)[];
    };
    for (const c of [mod.default].flat()) {
      if (only && !c.name.includes(only)) continue;
      if ('kind' in c && c.kind === 'timed') timed.push(c);
      else http.push(c as BenchCase);
    }
  }
  return { http, timed };
}

function send(message: unknown): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send!(message, (err: Error | null) => (err ? reject(err) : resolve())),
  );
}

async function main() {
  const config = loadConfig();
  // same-stack baselines: one route on the full app that dispatches to what the cases register later
  const sameStack = new Map<string, (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>>();
  const anju = await startAnju(
    config,
    () => {},
    (app) => {
      app.all('/bench-bare/*', async (request, reply) => {
        const handler = sameStack.get(`${request.method} ${request.url.split('?')[0]}`);
        if (!handler) return reply.status(404).send({});
        return handler(request, reply);
      });
    },
  );
  const { ctx } = anju;
  const url = anju.address;

  const env: BenchEnv = {
    ctx,
    url,
    async signInAs(role, place) {
      const username = `bench_${role}_${place.streetId ?? place.communityId ?? place.organizationId ?? place.departmentId ?? place.districtId ?? 0}`;
      let user = await authRepo.findUserByUsername(ctx.db, username);
      if (!user) {
        const districtId =
          place.districtId ??
          (await ctx.database.pool.query('select min(id) as id from district')).rows[0].id;
        user = await createUser(
          ctx.db,
          { userId: null, label: 'bench' },
          {
            username,
            displayName: username,
            password: BENCH_PASSWORD,
            roles: [
              {
                role,
                districtId,
                streetId: place.streetId ?? null,
                committeeId: place.committeeId ?? null,
                communityId: place.communityId ?? null,
                departmentId: place.departmentId ?? null,
                organizationId: place.organizationId ?? null,
                unitId: place.unitId ?? null,
              },
            ],
          },
        );
      }
      const res = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: BENCH_PASSWORD }),
      });
      if (!res.ok) throw new Error(`bench sign-in as ${username}: ${res.status} ${await res.text()}`);
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const roles = await authRepo.roleAssignmentsOf(ctx.db, user.id);
      return {
        actor: new Actor(user.id, user.username, user.displayName, roles),
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      };
    },
    async busiestCityStreet() {
      const r = await ctx.database.pool.query(
        `select s.id, s.district_id as "districtId", s.name, count(c.id)::int as communities
           from street s join district d on d.id = s.district_id join community c on c.street_id = s.id
          where d.code <> '310101' group by s.id order by communities desc, s.id limit 1`,
      );
      if (!r.rowCount) throw new Error('no city data: the bench database has only the demo district');
      return r.rows[0];
    },
    async captureSql(fn) {
      const statements: { text: string; params: unknown[] }[] = [];
      const db = drizzle({
        client: ctx.database.pool,
        casing: 'snake_case',
        logger: { logQuery: (text, params) => statements.push({ text, params }) },
      });
      await fn(db as unknown as Executor);
      return statements;
    },
  };

  const { http: cases, timed } = await loadCases(process.env.ANJU_BENCH_ONLY || undefined);
  const states: unknown[] = [];
  for (const c of cases) states.push(await c.setup(env));

  // the baseline: Fastify with no plugins, a plain pool of the app's size, the same SQL
  const bare = Fastify({ logger: false });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: ctx.database.pool.options.max });
  pool.on('error', () => {});
  // the app's stack uses the app's own pool, as its real routes do
  const onApp = {
    get: (path: string, h: never) => sameStack.set(`GET ${path}`, h),
    post: (path: string, h: never) => sameStack.set(`POST ${path}`, h),
  } as unknown as FastifyInstance;
  cases.forEach((c, i) => {
    if (c.bare.stack === 'app') c.bare.route(onApp, ctx.database.pool, states[i]);
    else c.bare.route(bare, pool, states[i]);
  });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  // both paths must answer 200 with the same data before their speed means anything
  for (const [i, c] of cases.entries()) {
    const answer = async (base: string, r: BenchRequest) => {
      const res = await fetch(`${base}${r.path}`, {
        method: r.method ?? 'GET',
        headers: {
          ...r.headers,
          ...(r.uniqueHeader ? { [r.uniqueHeader]: `bench-check-${Date.now()}` } : {}),
        },
        body: r.body ?? r.bodies?.[0],
      });
      if (!res.ok) throw new Error(`${c.name}: ${base}${r.path} answered ${res.status} ${await res.text()}`);
      return res.json();
    };
    const full = await answer(url, c.full(states[i]));
    const bareAnswer = await answer(c.bare.stack === 'app' ? url : bareUrl, c.bare.request(states[i]));
    const difference = c.compare?.(full, bareAnswer);
    if (difference) throw new Error(`${c.name}: the full and the bare answers differ: ${difference}`);
  }

  const prepared: PreparedCase[] = cases.map((c, i) => ({
    name: c.name,
    full: c.full(states[i]),
    bare: c.bare.request(states[i]),
    bareOnApp: c.bare.stack === 'app',
  }));
  process.on('message', async (m: { type?: string }) => {
    if (m?.type === 'timed') {
      const results: (TimedResult & { name: string })[] = [];
      for (const c of timed) results.push({ name: c.name, ...(await c.run(env)) });
      await send({ type: 'timed-results', results });
      return;
    }
    if (m?.type !== 'stop') return;
    await bare.close();
    await pool.end();
    await anju.stop();
    process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
  await send({ type: 'ready', fullUrl: url, bareUrl, cases: prepared });
}

main().catch(async (err) => {
  console.error(err);
  await send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }).catch(() => {});
  process.exit(1);
});
