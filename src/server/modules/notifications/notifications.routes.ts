import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  markReadBody,
  notificationListQuery,
  notificationPage,
  notificationPreferences,
  preferencesAnswer,
  unreadAnswer,
} from '../../../contracts/notifications';
import type { AppContext } from '../../context';
import { actorOf } from '../../platform/access';
import { NotificationHub } from './notifications.stream';
import * as notifications from './notifications.usecases';

const tags = ['notifications'];

/** The signed-in user's own notifications; no permission beyond being signed in. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const hub = new NotificationHub();
  app.addHook('onReady', async () => {
    await hub.start(ctx.database).catch(() => undefined);
  });
  // open streams would keep the server from closing: end them first
  app.addHook('preClose', async () => {
    await hub.stop();
  });

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: "The caller's notifications, newest first, with the unread count",
        querystring: notificationListQuery,
        response: { 200: notificationPage },
      },
    },
    async (request) => notifications.listNotifications(ctx, actorOf(request), request.lang, request.query),
  );

  app.post(
    '/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark notifications read (`ids`, or `all`)',
        body: markReadBody,
        response: { 200: unreadAnswer },
      },
    },
    async (request) => notifications.markNotificationsRead(ctx, actorOf(request), request.body),
  );

  app.get(
    '/notifications/stream',
    {
      schema: {
        tags,
        summary:
          'Server-sent events: `notification` whenever a new notification arrives (then fetch the list)',
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 5000\n\n');
      hub.add(actor.userId, res);
    },
  );

  app.get(
    '/notifications/preferences',
    { schema: { tags, summary: 'How the caller wants to be told', response: { 200: preferencesAnswer } } },
    async (request) => notifications.getPreferences(ctx, actorOf(request)),
  );

  app.put(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Choose SMS and e-mail per moment (registration, dispatch, closing, rating request)',
        body: notificationPreferences,
        response: { 200: preferencesAnswer },
      },
    },
    async (request) => notifications.savePreferences(ctx, actorOf(request), request.body),
  );
};
