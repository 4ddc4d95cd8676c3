import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  createUserBody,
  setPasswordBody,
  updateUserBody,
  userListQuery,
  userPage,
  userView,
} from '../../../contracts/users';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import * as users from './users.usecases';

const tags = ['users'];
const guard = requirePermission('users.manage');

export const usersRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Accounts of the district',
        querystring: userListQuery,
        response: { 200: userPage },
      },
      preHandler: guard,
    },
    async (request) => users.listUsers(ctx, actorOf(request), request.query),
  );
  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create an account with its roles and places',
        body: createUserBody,
        response: { 200: userView },
      },
      preHandler: guard,
    },
    async (request) => users.createUserByAdmin(ctx, actorOf(request), request.body),
  );
  app.get(
    '/users/:id',
    {
      schema: { tags, summary: 'One account', params: idParam, response: { 200: userView } },
      preHandler: guard,
    },
    async (request) => users.getUser(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Rename, disable/enable, or replace the roles (ends the sessions)',
        params: idParam,
        body: updateUserBody,
        response: { 200: userView },
      },
      preHandler: guard,
    },
    async (request) => users.updateUser(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/users/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Lift a lockout after failed sign-ins',
        params: idParam,
        response: { 200: userView },
      },
      preHandler: guard,
    },
    async (request) => users.unlockUser(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/users/:id/reset-totp',
    {
      schema: {
        tags,
        summary: 'Turn off the second factor so the user enrols again',
        params: idParam,
        response: { 200: userView },
      },
      preHandler: guard,
    },
    async (request) => users.resetTotp(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/users/:id/password',
    {
      schema: {
        tags,
        summary: 'Set a new password (ends the sessions)',
        params: idParam,
        body: setPasswordBody,
        response: { 200: userView },
      },
      preHandler: guard,
    },
    async (request) => users.setPassword(ctx, actorOf(request), request.params.id, request.body.password),
  );
};
