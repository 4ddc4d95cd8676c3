import { defineCase } from '../case';

// POST /api/v1/cases: the whole intake path — session, CSRF, validation, idempotency key,
// responsibility-list routing, deadline on the working-day calendar, duplicate search, and the case,
// its first event and its audit row in one transaction — as an inspection team of a large generated
// district reporting repairs spread over 1,000 of its communities (so over many streets and audit
// chains, as real reports are). The baseline inserts one row through the same HTTP stack: the
// app's own Fastify instance with its plugins and hooks, without a session.

const BODIES = 1000;

interface State {
  headers: Record<string, string>;
  bodies: string[];
}

export default defineCase<State>({
  name: 'case intake',
  async setup(env) {
    const { rows } = await env.ctx.database.pool.query<{ id: number }>(
      `select d.id from district d join street s on s.district_id = d.id
        where d.code <> '310101' group by d.id order by count(*) desc, d.id limit 1`,
    );
    const districtId = rows[0]!.id;
    const { headers } = await env.signInAs('inspector', { districtId });
    const communities = await env.ctx.database.pool.query<{ id: number }>(
      `select c.id from community c join street s on s.id = c.street_id
        where s.district_id = $1 order by md5(c.id::text) limit $2`,
      [districtId, BODIES],
    );
    const bodies = communities.rows.map((c, i) =>
      JSON.stringify({
        categoryCode: 'property_service.repair',
        communityId: c.id,
        title: `楼道灯不亮 ${i}`,
        description: '巡查发现单元楼道感应灯损坏，夜间无照明，请物业尽快修复。',
      }),
    );
    await env.ctx.database.pool.query(
      `create table if not exists bench_intake (
         id bigint generated always as identity primary key,
         community_id integer not null,
         title text not null,
         body jsonb not null,
         created_at timestamptz not null default now())`,
    );
    return { headers, bodies };
  },
  full: (s) => ({
    method: 'POST',
    path: '/api/v1/cases',
    headers: s.headers,
    bodies: s.bodies,
    uniqueHeader: 'idempotency-key',
  }),
  bare: {
    stack: 'app',
    route(app, pool) {
      app.post('/bench-bare/intake', async (request, reply) => {
        const body = request.body as { communityId: number; title: string };
        const r = await pool.query(
          'insert into bench_intake (community_id, title, body) values ($1, $2, $3) returning id',
          [body.communityId, body.title, JSON.stringify(body)],
        );
        reply.status(201);
        return { id: Number(r.rows[0].id) };
      });
    },
    request: (s) => ({
      method: 'POST',
      path: '/bench-bare/intake',
      headers: { 'content-type': 'application/json' },
      bodies: s.bodies,
    }),
  },
});
