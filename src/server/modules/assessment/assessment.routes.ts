import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { kpiCatalogueOut, kpiValuesOut, kpiValuesQuery } from '../../../contracts/assessment';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import * as assessment from './assessment.usecases';

const tags = ['assessment'];

/** 考核 assessment: the KPI catalogue and KPI values per unit and period, from the rollups. */
export const assessmentRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/kpis',
    {
      schema: {
        tags,
        summary: 'The KPI catalogue: codes, definitions in both languages, units, directions, levels',
        response: { 200: kpiCatalogueOut },
      },
      preHandler: requirePermission('kpis.read'),
    },
    async () => ({ items: assessment.kpiCatalogueOut() }),
  );

  app.get(
    '/kpis/values',
    {
      schema: {
        tags,
        summary: 'KPI values per unit of a level for a period (YYYY-MM, YYYY-Qn or YYYY), from the rollups',
        querystring: kpiValuesQuery,
        response: { 200: kpiValuesOut },
      },
      preHandler: requirePermission('kpis.read'),
    },
    async (request) => assessment.kpiValues(ctx, actorOf(request), request.query),
  );
};
