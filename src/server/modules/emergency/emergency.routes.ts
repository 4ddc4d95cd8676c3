import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../../contracts/cases';
import { idParam } from '../../../contracts/common';
import {
  dispatch,
  dispatchInput,
  dispatchListQuery,
  dispatchPage,
  dispatchStep,
  dispatchStepParams,
  material,
  materialInput,
  materialList,
  movementInput,
  movementPage,
  onDuty,
  rosterEntry,
  rosterInput,
  rosterList,
  rosterParams,
  rosterQuery,
  team,
  teamCandidate,
  teamInput,
  teamList,
  teamPatch,
} from '../../../contracts/emergency';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import * as emergency from './emergency.usecases';

const tags = ['emergency'];

/** The district emergency centre: teams, on-duty roster, materials, dispatches (查抢分离). */
export const emergencyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/emergency/teams',
    {
      schema: {
        tags,
        summary: 'Inspection and repair teams with their members',
        response: { 200: teamList },
      },
      preHandler: requirePermission('emergency.read'),
    },
    async (request) => emergency.listTeams(ctx, actorOf(request)),
  );

  app.get(
    '/emergency/team-candidates',
    {
      schema: { tags, summary: 'Staff who may be put on a team', response: { 200: z.array(teamCandidate) } },
      preHandler: requirePermission('emergency.manage'),
    },
    async (request) => emergency.teamCandidates(ctx, actorOf(request)),
  );

  app.post(
    '/emergency/teams',
    {
      schema: { tags, summary: 'Create a team', body: teamInput, response: { 201: team } },
      preHandler: requirePermission('emergency.manage'),
    },
    async (request, reply) => {
      reply.status(201);
      return emergency.createTeam(ctx, actorOf(request), request.body);
    },
  );

  app.patch(
    '/emergency/teams/:id',
    {
      schema: {
        tags,
        summary: 'Rename a team, change its members or retire it',
        params: idParam,
        body: teamPatch,
        response: { 200: team },
      },
      preHandler: requirePermission('emergency.manage'),
    },
    async (request) => emergency.updateTeam(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/emergency/on-duty',
    {
      schema: { tags, summary: "Today's on-duty repair team and its open work", response: { 200: onDuty } },
      preHandler: requirePermission('emergency.read'),
    },
    async (request) => emergency.onDutyToday(ctx, actorOf(request)),
  );

  app.get(
    '/emergency/roster',
    {
      schema: {
        tags,
        summary: 'The on-duty roster between two days (at most 93 days)',
        querystring: rosterQuery,
        response: { 200: rosterList },
      },
      preHandler: requirePermission('emergency.read'),
    },
    async (request) => emergency.roster(ctx, actorOf(request), request.query.from, request.query.to),
  );

  app.put(
    '/emergency/roster/:date',
    {
      schema: {
        tags,
        summary: 'Put a repair team on duty for one day',
        params: rosterParams,
        body: rosterInput,
        response: { 200: rosterEntry },
      },
      preHandler: requirePermission('emergency.manage'),
    },
    async (request) => emergency.setRoster(ctx, actorOf(request), request.params.date, request.body),
  );

  app.get(
    '/emergency/materials',
    {
      schema: { tags, summary: 'Emergency materials with their stock', response: { 200: materialList } },
      preHandler: requirePermission('emergency.read'),
    },
    async (request) => emergency.listMaterials(ctx, actorOf(request)),
  );

  app.post(
    '/emergency/materials',
    {
      schema: { tags, summary: 'Register a material', body: materialInput, response: { 201: material } },
      preHandler: requirePermission('emergency.stock'),
    },
    async (request, reply) => {
      reply.status(201);
      return emergency.createMaterial(ctx, actorOf(request), request.body);
    },
  );

  app.post(
    '/emergency/materials/:id/movements',
    {
      schema: {
        tags,
        summary: 'Stock in, out, or a stocktaking adjustment; the stock never goes negative',
        params: idParam,
        body: movementInput,
        response: { 201: material },
      },
      preHandler: requirePermission('emergency.stock'),
    },
    async (request, reply) => {
      const answer = await emergency.moveMaterial(ctx, actorOf(request), request.params.id, request.body);
      reply.status(201);
      return answer;
    },
  );

  app.get(
    '/emergency/materials/:id/movements',
    {
      schema: {
        tags,
        summary: 'Stock movements of a material, newest first',
        params: idParam,
        querystring: pageQuery,
        response: { 200: movementPage },
      },
      preHandler: requirePermission('emergency.read'),
    },
    async (request) => emergency.listMovements(ctx, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/emergency/dispatches',
    {
      schema: {
        tags,
        summary: 'Work sent to repair teams (emergency cases and hazards), newest first',
        querystring: dispatchListQuery,
        response: { 200: dispatchPage },
      },
      preHandler: requirePermission('emergency.read'),
    },
    async (request) => emergency.listDispatches(ctx, actorOf(request), request.query),
  );

  app.post(
    '/emergency/dispatches',
    {
      schema: {
        tags,
        summary: "Send an emergency case to today's on-duty repair team",
        body: dispatchInput,
        response: { 201: dispatch },
      },
      preHandler: requirePermission('emergency.respond'),
    },
    async (request, reply) => {
      const answer = await emergency.dispatchCase(ctx, actorOf(request), request.body.caseId);
      reply.status(201);
      return answer;
    },
  );

  app.post(
    '/emergency/dispatches/:id/:step',
    {
      schema: {
        tags,
        summary: 'The team reports arrival on site (`arrive`) or completion of an emergency case (`done`)',
        params: dispatchStepParams,
        body: dispatchStep,
        response: { 200: dispatch },
      },
      preHandler: requirePermission('emergency.respond'),
    },
    async (request) =>
      emergency.stepDispatch(ctx, actorOf(request), request.params.id, request.params.step, request.body),
  );
};
