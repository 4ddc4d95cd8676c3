import { randomBytes } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Executor } from '../../src/server/db/client';
import * as repo from '../../src/server/modules/cases/cases.repository';
import { type PreparedIntake, prepareIntake } from '../../src/server/modules/cases/cases.usecases';
import { caseNumber } from '../../src/server/modules/cases/cases.workflow';
import { ApiClientActor } from '../../src/server/modules/integrations/integrations.actor';
import { createApiClient } from '../../src/server/modules/integrations/integrations.usecases';
import { recordAudit } from '../../src/server/platform/audit/audit';
import { defineCase } from '../case';

// POST /open311/v2/requests.json: an Open311 client files a service request (form body, api_key,
// lat/long) through the full intake path (key, rate limit, service and location lookup, routing,
// deadline, one intake statement with the ticket reference, audit row), against a bare Fastify
// route that parses the same form and runs the same intake statement and audit row.

interface State {
  body: string;
  prepared: PreparedIntake;
  actor: ApiClientActor;
}

export default defineCase<State>({
  name: 'open311 POST requests.json',
  async setup(env) {
    const { ctx } = env;
    const name = `bench-311-${randomBytes(3).toString('hex')}`;
    const created = await createApiClient(
      ctx,
      { userId: null, label: 'bench' },
      { name, channel: 'open311', callbackUrl: null, rateLimitPerMinute: 1_000_000 },
    );
    const c = (
      await ctx.database.pool.query(
        `select c.id, c.lat, c.lng from community c join street s on s.id = c.street_id join district d on d.id = s.district_id
         where d.code = $1 and c.lat is not null order by c.id limit 1`,
        [ctx.config.OPEN311_JURISDICTION_ID],
      )
    ).rows[0];
    const body = new URLSearchParams({
      api_key: created.apiKey,
      service_code: 'property_service.repair',
      lat: String(c.lat),
      long: String(c.lng),
      description: '楼道灯不亮，晚上看不清台阶',
      first_name: '明',
      last_name: '王',
      phone: '13900001111',
    }).toString();
    const client = (await ctx.database.pool.query('select * from api_client where name = $1', [name]))
      .rows[0];
    const actor = new ApiClientActor(
      { id: client.id, name, channel: 'open311', districtId: client.district_id, rateLimitPerMinute: null },
      null,
    );
    const prepared = await prepareIntake(
      ctx,
      actor,
      {
        categoryCode: 'property_service.repair',
        communityId: Number(c.id),
        title: '楼道灯不亮，晚上看不清台阶',
        description: '楼道灯不亮，晚上看不清台阶',
        location: { lat: Number(c.lat), lng: Number(c.lng) },
        reporterName: '王明',
        reporterPhone: '13900001111',
        attachments: [],
      },
      {},
      { source: 'open311', ticket: 'x', apiClientId: client.id },
    );
    return { body, prepared, actor };
  },
  full: (s) => ({
    method: 'POST',
    path: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: s.body,
  }),
  bare: {
    route(app: FastifyInstance, pool: pg.Pool, s: State) {
      app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) =>
        done(null, parseQuery(body as string)),
      );
      app.post('/bare/open311/requests.json', async (request) => {
        const form = request.body as Record<string, string>;
        if (!form.api_key) throw new Error('api_key');
        const now = new Date();
        const row = { ...s.prepared.row, createdAt: now, stageStartedAt: now };
        const client = await pool.connect();
        try {
          await client.query('begin');
          const w = await repo.insertIntake(client, row, null, {
            source: 'open311',
            ticket: `o311-${randomBytes(12).toString('base64url')}`,
            apiClientId: s.actor.client.id,
            mediaUrl: null,
            reporterEmailEnc: null,
          });
          const tx = drizzle({ client, casing: 'snake_case' }) as unknown as Executor;
          await recordAudit(tx, s.actor.audit, {
            action: 'case.reported',
            entityType: 'case',
            entityId: w.id,
            streetId: row.streetId,
            after: { id: w.id, categoryCode: row.categoryCode, communityId: row.communityId },
          });
          await client.query('commit');
          return [{ service_request_id: caseNumber(w.id, now), service_notice: null, account_id: null }];
        } catch (err) {
          await client.query('rollback');
          throw err;
        } finally {
          client.release();
        }
      });
    },
    request: (s) => ({
      method: 'POST',
      path: '/bare/open311/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: s.body,
    }),
  },
  compare(full, bare) {
    const id = (a: unknown) => (a as { service_request_id: string }[])[0]?.service_request_id ?? '';
    const re = /^AJ\d{8}-\d{6,}$/;
    return re.test(id(full)) && re.test(id(bare)) ? null : `${id(full)} vs ${id(bare)}`;
  },
});
