import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { screenMap, screenQuery, screenSummary } from '../../../contracts/screen';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import * as screen from './screen.usecases';

const tags = ['assessment'];
/** How often an open feed looks for new case events (ms). */
const FEED_POLL_MS = 3000;
const FEED_FIRST = 12;

/** The command room's wall screen (`/screen`): its map, its summary and the live case feed. */
export const screenRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const open = new Set<ServerResponse>();
  // open streams would keep the server from closing: end them first
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
    open.clear();
  });

  app.get(
    '/screen/map',
    {
      schema: {
        tags,
        summary:
          'The wall screen’s map: the caller’s districts, streets or grids as GeoJSON, grid outlines and community points',
        response: { 200: screenMap },
      },
      preHandler: requirePermission('screen.read'),
    },
    async (request) => screen.screenMap(ctx, actorOf(request)),
  );

  app.get(
    '/screen',
    {
      schema: {
        tags,
        summary:
          'The wall screen’s numbers: a KPI per region and the ranking (last 30 days, from the rollups), today’s flow, the open backlog by state and SLA colour, the most overdue cases',
        querystring: screenQuery,
        response: { 200: screenSummary },
      },
      preHandler: requirePermission('screen.read'),
    },
    async (request) => screen.screenSummary(ctx, actorOf(request), request.query),
  );

  app.get(
    '/screen/feed',
    {
      schema: {
        tags,
        summary:
          'Server-sent events `case`: the newest case events in the caller’s places, then each new one as it is committed',
      },
      preHandler: requirePermission('screen.read'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const first = await screen.screenFeed(ctx, actor, null, FEED_FIRST);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 5000\n\n');
      let last = first.at(-1)?.eventId ?? 0;
      const send = (items: typeof first) => {
        for (const item of items)
          res.write(`event: case\nid: ${item.eventId}\ndata: ${JSON.stringify(item)}\n\n`);
        if (items.length) last = items.at(-1)!.eventId;
      };
      send(first);
      let busy = false;
      let beats = 0;
      const timer = setInterval(async () => {
        if (busy) return;
        busy = true;
        try {
          send(await screen.screenFeed(ctx, actor, last));
          if (++beats % 8 === 0) res.write(': keep-alive\n\n');
        } catch {
          // a failed poll (database restarting) is retried at the next tick
        } finally {
          busy = false;
        }
      }, FEED_POLL_MS);
      open.add(res);
      res.on('close', () => {
        clearInterval(timer);
        open.delete(res);
      });
    },
  );
};
