import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import { point, pointInput, pointListQuery, pointPage, pointPatch } from '../../../contracts/waterlogging';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import * as waterlogging from './waterlogging.usecases';

const tags = ['waterlogging'];

/** Waterlogging points (积水点): cause and remediation. */
export const waterloggingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/waterlogging-points',
    {
      schema: {
        tags,
        summary: 'Waterlogging points with cause and remediation status',
        querystring: pointListQuery,
        response: { 200: pointPage },
      },
      preHandler: requirePermission('waterlogging.read'),
    },
    async (request) => waterlogging.listPoints(ctx, actorOf(request), request.query),
  );

  app.post(
    '/waterlogging-points',
    {
      schema: { tags, summary: 'Register a waterlogging point', body: pointInput, response: { 201: point } },
      preHandler: requirePermission('waterlogging.manage'),
    },
    async (request, reply) => {
      const answer = await waterlogging.createPoint(ctx, actorOf(request), request.body);
      reply.status(201);
      return answer;
    },
  );

  app.patch(
    '/waterlogging-points/:id',
    {
      schema: {
        tags,
        summary: 'Update the cause or remediation of a waterlogging point',
        params: idParam,
        body: pointPatch,
        response: { 200: point },
      },
      preHandler: requirePermission('waterlogging.manage'),
    },
    async (request) => waterlogging.updatePoint(ctx, actorOf(request), request.params.id, request.body),
  );
};
