import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  point,
  pointExportQuery,
  pointInput,
  pointListQuery,
  pointPage,
  pointPatch,
} from '../../../contracts/waterlogging';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
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

  app.get(
    '/waterlogging-points/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The filtered waterlogging points as an Excel workbook',
        querystring: pointExportQuery,
      },
      preHandler: requirePermission('waterlogging.read'),
    },
    async (request, reply) => {
      const t = translator(request.query.lang ?? request.lang);
      return sendExcel(reply, {
        filename: `${t('waterlogging:title')}.xlsx`,
        sheet: t('waterlogging:title'),
        rows: waterlogging.iteratePoints(ctx, actorOf(request), request.query),
        columns: [
          { header: t('waterlogging:field.name'), value: (p) => p.name, width: 24 },
          {
            header: t('waterlogging:field.community'),
            value: (p) => `${p.street.name} ${p.community.name}`,
            width: 24,
          },
          { header: t('waterlogging:field.location'), value: (p) => p.location, width: 20 },
          {
            header: t('waterlogging:field.cause'),
            value: (p) => t(`waterlogging:cause.${p.cause}`),
            width: 16,
          },
          { header: t('waterlogging:field.maxDepth'), value: (p) => p.maxDepthCm, width: 10 },
          { header: t('waterlogging:field.lastFloodedOn'), value: (p) => p.lastFloodedOn, width: 12 },
          {
            header: t('waterlogging:field.status'),
            value: (p) => t(`waterlogging:status.${p.remediationStatus}`),
            width: 12,
          },
          { header: t('waterlogging:field.measure'), value: (p) => p.measure, width: 24 },
          { header: t('waterlogging:field.doneOn'), value: (p) => p.doneOn ?? p.plannedOn, width: 12 },
        ],
      });
    },
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
