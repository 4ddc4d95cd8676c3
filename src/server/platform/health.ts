import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { version } from './version';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  mode: z.enum(['demo', 'production']),
  database: z.object({
    status: z.enum(['up', 'down']),
    latencyMs: z.number().nullable(),
    serverVersion: z.string().nullable(),
    migrations: z.number().nullable(),
  }),
});

export const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database state',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      try {
        const result = await ctx.database.pool.query<{ v: string; n: number }>(
          `select current_setting('server_version') as v,
                  (select count(*)::int from drizzle.__drizzle_migrations) as n`,
        );
        return {
          status: 'ok' as const,
          version,
          mode: ctx.config.ANJU_MODE,
          database: {
            status: 'up' as const,
            latencyMs: Math.round((performance.now() - started) * 10) / 10,
            serverVersion: result.rows[0]?.v ?? null,
            migrations: result.rows[0]?.n ?? null,
          },
        };
      } catch {
        return reply.status(503).send({
          status: 'degraded' as const,
          version,
          mode: ctx.config.ANJU_MODE,
          database: { status: 'down' as const, latencyMs: null, serverVersion: null, migrations: null },
        });
      }
    },
  );
};
