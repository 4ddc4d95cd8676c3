import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageQuery } from '../../../contracts/cases';
import { idParam } from '../../../contracts/common';
import { myCaseDetail, myCasePage, residentHome } from '../../../contracts/resident';
import type { AppContext } from '../../context';
import { actorOf } from '../../platform/access';
import * as resident from './resident.usecases';

const tags = ['resident'];

/** The resident pages' reads: anyone signed in sees only their own homes and reports. */
export const residentRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/resident/home',
    { schema: { tags, summary: "The caller's homes with their buildings", response: { 200: residentHome } } },
    async (request) => resident.residentHome(ctx, actorOf(request)),
  );

  app.get(
    '/resident/cases',
    {
      schema: {
        tags,
        summary: "The caller's own reports, newest first, with the expected completion time",
        querystring: pageQuery,
        response: { 200: myCasePage },
      },
    },
    async (request) => resident.myCases(ctx, actorOf(request), request.lang, request.query),
  );

  app.get(
    '/resident/cases/:id',
    {
      schema: {
        tags,
        summary: "One of the caller's reports: progress in plain words, photos, rating",
        params: idParam,
        response: { 200: myCaseDetail },
      },
    },
    async (request) => resident.myCase(ctx, actorOf(request), request.lang, request.params.id),
  );
};
