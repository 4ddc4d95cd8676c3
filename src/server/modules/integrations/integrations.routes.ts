import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  apiClient,
  apiClientCallbackAnswer,
  apiClientCallbackBody,
  apiClientCreate,
  apiClientCreated,
  apiClientList,
  deliveryLogPage,
  deliveryLogQuery,
} from '../../../contracts/integrations';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import * as integrations from './integrations.usecases';

const tags = ['integrations'];

/** Configuration of hotline and Open311 clients (district_admin): keys, callback URLs, delivery log. */
export const integrationsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const guard = { preHandler: requirePermission('integrations.manage') };

  app.get(
    '/integrations/api-clients',
    {
      schema: { tags, summary: 'API clients (hotlines, Open311)', response: { 200: apiClientList } },
      ...guard,
    },
    async (request) => integrations.listApiClients(ctx, actorOf(request)),
  );

  app.post(
    '/integrations/api-clients',
    {
      schema: {
        tags,
        summary: 'Register a client: its API key (and callback secret) are answered once',
        body: apiClientCreate,
        response: { 201: apiClientCreated },
      },
      ...guard,
    },
    async (request, reply) => {
      reply.status(201);
      return integrations.createApiClient(ctx, actorOf(request).audit, request.body);
    },
  );

  app.post(
    '/integrations/api-clients/:id/revoke',
    {
      schema: { tags, summary: 'Revoke a client key', params: idParam, response: { 200: apiClient } },
      ...guard,
    },
    async (request) => integrations.revokeApiClient(ctx, actorOf(request).audit, request.params.id),
  );

  app.put(
    '/integrations/api-clients/:id/callback',
    {
      schema: {
        tags,
        summary: 'Set the callback URL of state changes (a new secret is answered once)',
        params: idParam,
        body: apiClientCallbackBody,
        response: { 200: apiClientCallbackAnswer },
      },
      ...guard,
    },
    async (request) =>
      integrations.setApiClientCallback(ctx, actorOf(request).audit, request.params.id, request.body),
  );

  app.get(
    '/integrations/deliveries',
    {
      schema: {
        tags,
        summary: 'Delivery log of callbacks, SMS and e-mail, newest first, with every attempt',
        querystring: deliveryLogQuery,
        response: { 200: deliveryLogPage },
      },
      ...guard,
    },
    async (request) => integrations.listDeliveries(ctx, actorOf(request), request.query),
  );
};
