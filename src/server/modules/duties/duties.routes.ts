import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  category,
  categoryCreate,
  categoryPatch,
  categoryTree,
  codeParam,
  dutyRule,
  dutyRuleInput,
  dutyRuleList,
  dutyRuleListQuery,
  dutyRuleUpdate,
  routingPreview,
  routingPreviewBody,
} from '../../../contracts/duties';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import * as duties from './duties.usecases';

const tags = ['duties'];

export const dutiesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/case-categories',
    {
      schema: {
        tags,
        summary: 'The two-level problem taxonomy (stable codes)',
        response: { 200: categoryTree },
      },
      preHandler: requirePermission('duties.read'),
    },
    async (request) => duties.categoryTree(ctx, actorOf(request)),
  );

  app.post(
    '/case-categories',
    {
      schema: {
        tags,
        summary: 'Add a category (district_admin); a second-level code starts with its parent code',
        body: categoryCreate,
        response: { 201: category },
      },
      preHandler: requirePermission('duties.manage'),
    },
    async (request, reply) => {
      reply.status(201);
      return duties.createCategory(ctx, actorOf(request), request.body);
    },
  );

  app.patch(
    '/case-categories/:code',
    {
      schema: {
        tags,
        summary: 'Rename, reorder or deactivate a category (the code never changes)',
        params: codeParam,
        body: categoryPatch,
        response: { 200: category },
      },
      preHandler: requirePermission('duties.manage'),
    },
    async (request) => duties.updateCategory(ctx, actorOf(request), request.params.code, request.body),
  );

  app.get(
    '/duty-rules',
    {
      schema: {
        tags,
        summary: 'The responsibility list (责任清单): current rules, or every version with includeHistory',
        querystring: dutyRuleListQuery,
        response: { 200: dutyRuleList },
      },
      preHandler: requirePermission('duties.read'),
    },
    async (request) => duties.listRules(ctx, actorOf(request), request.query),
  );

  app.get(
    '/duty-rules/:id',
    {
      schema: { tags, summary: 'One version of a rule', params: idParam, response: { 200: dutyRule } },
      preHandler: requirePermission('duties.read'),
    },
    async (request) => duties.getRule(ctx, request.params.id),
  );

  app.post(
    '/duty-rules',
    {
      schema: {
        tags,
        summary: 'Add a rule for a category (optionally for one housing type) that has none',
        body: dutyRuleInput,
        response: { 201: dutyRule },
      },
      preHandler: requirePermission('duties.manage'),
    },
    async (request, reply) => {
      reply.status(201);
      return duties.createRule(ctx, actorOf(request), request.body);
    },
  );

  app.put(
    '/duty-rules/:id',
    {
      schema: {
        tags,
        summary: 'Edit a rule: writes its next version; open cases keep the version they were routed with',
        description: 'Send the `version` you edited; 409 `conflict.version` when someone saved a newer one.',
        params: idParam,
        body: dutyRuleUpdate,
        response: { 200: dutyRule },
      },
      preHandler: requirePermission('duties.manage'),
    },
    async (request) => duties.updateRule(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/duty-rules/preview',
    {
      schema: {
        tags,
        summary: 'This case would go to X with deadlines Y (for the current rule or an edited one)',
        body: routingPreviewBody,
        response: { 200: routingPreview },
      },
      preHandler: requirePermission('duties.read'),
    },
    async (request) => duties.previewRouting(ctx, actorOf(request), request.body),
  );
};
