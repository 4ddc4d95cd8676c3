import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  legacyItem,
  legacyItemInput,
  legacyItemPatch,
  legacyListQuery,
  legacyPage,
  legacyRepairInput,
} from '../../../contracts/legacy';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import * as legacy from './legacy.usecases';

const tags = ['legacy'];

/** Expo-600-days legacy items (世博600天遗留问题): disposition and follow-up repairs. */
export const legacyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/legacy-items',
    {
      schema: {
        tags,
        summary: 'Legacy items with their disposition (demolish, buy back, repair) and repairs',
        querystring: legacyListQuery,
        response: { 200: legacyPage },
      },
      preHandler: requirePermission('legacy.read'),
    },
    async (request) => legacy.listItems(ctx, actorOf(request), request.query),
  );

  app.post(
    '/legacy-items',
    {
      schema: {
        tags,
        summary: 'Register a legacy item',
        body: legacyItemInput,
        response: { 201: legacyItem },
      },
      preHandler: requirePermission('legacy.manage'),
    },
    async (request, reply) => {
      const answer = await legacy.createItem(ctx, actorOf(request), request.body);
      reply.status(201);
      return answer;
    },
  );

  app.patch(
    '/legacy-items/:id',
    {
      schema: {
        tags,
        summary: 'Change the disposition or progress of a legacy item',
        params: idParam,
        body: legacyItemPatch,
        response: { 200: legacyItem },
      },
      preHandler: requirePermission('legacy.manage'),
    },
    async (request) => legacy.updateItem(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/legacy-items/:id/repairs',
    {
      schema: {
        tags,
        summary: 'Record a follow-up repair',
        params: idParam,
        body: legacyRepairInput,
        response: { 201: legacyItem },
      },
      preHandler: requirePermission('legacy.manage'),
    },
    async (request, reply) => {
      const answer = await legacy.recordRepair(ctx, actorOf(request), request.params.id, request.body);
      reply.status(201);
      return answer;
    },
  );
};
