import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  legacyExportQuery,
  legacyItem,
  legacyItemInput,
  legacyItemPatch,
  legacyListQuery,
  legacyPage,
  legacyRepairInput,
} from '../../../contracts/legacy';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
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

  app.get(
    '/legacy-items/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The filtered legacy items as an Excel workbook',
        querystring: legacyExportQuery,
      },
      preHandler: requirePermission('legacy.read'),
    },
    async (request, reply) => {
      const t = translator(request.query.lang ?? request.lang);
      return sendExcel(reply, {
        filename: `${t('legacy:title')}.xlsx`,
        sheet: t('legacy:title'),
        rows: legacy.iterateItems(ctx, actorOf(request), request.query),
        columns: [
          { header: t('legacy:field.title'), value: (i) => i.title, width: 24 },
          {
            header: t('legacy:field.community'),
            value: (i) => `${i.street.name} ${i.community.name}`,
            width: 24,
          },
          { header: t('legacy:field.description'), value: (i) => i.description, width: 36 },
          {
            header: t('legacy:field.disposition'),
            value: (i) => t(`legacy:disposition.${i.disposition}`),
            width: 10,
          },
          { header: t('legacy:field.status'), value: (i) => t(`legacy:status.${i.status}`), width: 10 },
          { header: t('legacy:field.decidedOn'), value: (i) => i.decidedOn, width: 12 },
          { header: t('legacy:field.doneOn'), value: (i) => i.doneOn, width: 12 },
          { header: t('legacy:field.repairs'), value: (i) => i.repairs.length, width: 8 },
        ],
      });
    },
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
