import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  consultation,
  consultationClose,
  consultationDetail,
  consultationInput,
  consultationListQuery,
  consultationResponses,
  intactRateQuery,
  intactRates,
} from '../../../contracts/firesafety';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import * as fire from './firesafety.usecases';

const tags = ['firesafety'];

/** Fire safety: intact rate of fire facilities, owner consultations on renovations. */
export const firesafetyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/firesafety/intact-rates',
    {
      schema: {
        tags,
        summary:
          'Intact rate (完好率) of fire facilities from the latest inspections, per community and kind',
        querystring: intactRateQuery,
        response: { 200: intactRates },
      },
      preHandler: requirePermission('firesafety.read'),
    },
    async (request) => fire.intactRates(ctx, actorOf(request), request.query),
  );

  app.get(
    '/firesafety/consultations',
    {
      schema: {
        tags,
        summary: 'Owner consultations on fire-facility renovations',
        querystring: consultationListQuery,
        response: { 200: z.array(consultation) },
      },
      preHandler: requirePermission('firesafety.read'),
    },
    async (request) => fire.listConsultations(ctx, actorOf(request), request.query),
  );

  app.post(
    '/firesafety/consultations',
    {
      schema: {
        tags,
        summary: 'Open a consultation: the owners of every unit of the buildings are asked',
        body: consultationInput,
        response: { 201: consultationDetail },
      },
      preHandler: requirePermission('firesafety.consult'),
    },
    async (request, reply) => {
      const answer = await fire.openConsultation(ctx, actorOf(request), request.body);
      reply.status(201);
      return answer;
    },
  );

  app.get(
    '/firesafety/consultations/:id',
    {
      schema: {
        tags,
        summary: 'One consultation: who was asked, who agreed',
        params: idParam,
        response: { 200: consultationDetail },
      },
      preHandler: requirePermission('firesafety.read'),
    },
    async (request) => fire.getConsultation(ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/firesafety/consultations/:id/responses',
    {
      schema: {
        tags,
        summary: 'Record answers of owners (agree, disagree, abstain)',
        params: idParam,
        body: consultationResponses,
        response: { 200: consultationDetail },
      },
      preHandler: requirePermission('firesafety.consult'),
    },
    async (request) => fire.recordResponses(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/firesafety/consultations/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a consultation',
        params: idParam,
        body: consultationClose,
        response: { 200: consultationDetail },
      },
      preHandler: requirePermission('firesafety.consult'),
    },
    async (request) => fire.closeConsultation(ctx, actorOf(request), request.params.id, request.body.version),
  );
};
