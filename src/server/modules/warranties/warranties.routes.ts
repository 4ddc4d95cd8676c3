import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  assessmentInput,
  buildingWarranties,
  buildingWarrantyInput,
  defectAnswer,
  defectInput,
  warrantyExportQuery,
  warrantyListQuery,
  warrantyPage,
} from '../../../contracts/warranties';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import * as warranties from './warranties.usecases';

const tags = ['warranties'];

/** Warranties of new buildings per component, defects routed to the developer, milestone assessments. */
export const warrantiesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/warranties',
    {
      schema: {
        tags,
        summary: 'Warranties by building and component, with the statutory end and days left',
        querystring: warrantyListQuery,
        response: { 200: warrantyPage },
      },
      preHandler: requirePermission('warranties.read'),
    },
    async (request) => warranties.listWarranties(ctx, actorOf(request), request.query),
  );

  app.get(
    '/warranties/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The filtered warranties as an Excel workbook',
        querystring: warrantyExportQuery,
      },
      preHandler: requirePermission('warranties.read'),
    },
    async (request, reply) => {
      const t = translator(request.query.lang ?? request.lang);
      return sendExcel(reply, {
        filename: `${t('warranties:title')}.xlsx`,
        sheet: t('warranties:title'),
        rows: warranties.iterateWarranties(ctx, actorOf(request), request.query),
        columns: [
          {
            header: t('warranties:field.community'),
            value: (w) => `${w.street.name} ${w.community.name}`,
            width: 24,
          },
          { header: t('warranties:field.building'), value: (w) => w.building.name, width: 8 },
          { header: t('warranties:field.developer'), value: (w) => w.developer?.name ?? '', width: 26 },
          {
            header: t('warranties:field.component'),
            value: (w) => t(`warranties:component.${w.component}`),
            width: 18,
          },
          { header: t('warranties:field.acceptedOn'), value: (w) => w.completionAcceptedOn, width: 12 },
          { header: t('warranties:field.statutoryEndsOn'), value: (w) => w.statutoryEndsOn, width: 12 },
          { header: t('warranties:field.endsOn'), value: (w) => w.endsOn, width: 12 },
          { header: t('warranties:field.defects'), value: (w) => w.defectCount, width: 8 },
        ],
      });
    },
  );

  app.get(
    '/warranties/buildings/:id',
    {
      schema: {
        tags,
        summary: "One building's warranties, defects and milestone assessments",
        params: idParam,
        response: { 200: buildingWarranties },
      },
      preHandler: requirePermission('warranties.read'),
    },
    async (request) => warranties.buildingWarranties(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/warranties/buildings/:id',
    {
      schema: {
        tags,
        summary:
          'Register a new building’s warranties from its completion acceptance (statutory minimum periods)',
        params: idParam,
        body: buildingWarrantyInput,
        response: { 201: buildingWarranties },
      },
      preHandler: requirePermission('warranties.manage'),
    },
    async (request, reply) => {
      const answer = await warranties.registerBuilding(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
      );
      reply.status(201);
      return answer;
    },
  );

  app.post(
    '/warranties/buildings/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Record a warranty milestone quality assessment (保修节点质量评定)',
        params: idParam,
        body: assessmentInput,
        response: { 201: buildingWarranties },
      },
      preHandler: requirePermission('warranties.manage'),
    },
    async (request, reply) => {
      const answer = await warranties.recordAssessment(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
      );
      reply.status(201);
      return answer;
    },
  );

  app.post(
    '/warranties/defects',
    {
      schema: {
        tags,
        summary: 'Report a defect: within warranty a case routed to the developer, otherwise a repair case',
        body: defectInput,
        response: { 201: defectAnswer },
      },
      preHandler: requirePermission('warranties.report'),
    },
    async (request, reply) => {
      const answer = await warranties.reportDefect(ctx, actorOf(request), request.body);
      reply.status(201);
      return answer;
    },
  );
};
