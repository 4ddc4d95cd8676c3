import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assetChildParams,
  assetDetail,
  assetExportQuery,
  assetInput,
  assetListQuery,
  assetPage,
  assetPatch,
  assetStats,
  assetStatsQuery,
  breachListQuery,
  breachPage,
  importAnswer,
  importColumns,
  maintenanceInput,
  renewalPlanInput,
  renewalPlanPatch,
  riskAssessmentInput,
  statutoryInput,
} from '../../../contracts/assets';
import { idParam } from '../../../contracts/common';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { sendExcel } from '../../platform/excel';
import { MAX_FILE_BYTES } from '../../platform/files/files';
import { translator } from '../../platform/i18n';
import { listBreaches } from './assets.breaches';
import * as assets from './assets.usecases';

const tags = ['assets'];

/** The asset register: elevators, pumps, tanks, power, fire facilities, fire lanes, underground spaces. */
export const assetsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 2, fieldSize: 100 },
    throwFileSizeLimit: true,
  });

  app.get(
    '/assets',
    {
      schema: {
        tags,
        summary:
          'Assets the caller may see, with the SPEC 5.7 rules as badges; `badge=any` lists every breach',
        querystring: assetListQuery,
        response: { 200: assetPage },
      },
      preHandler: requirePermission('assets.read'),
    },
    async (request) => assets.listAssets(ctx, actorOf(request), request.query),
  );

  app.get(
    '/asset-breaches',
    {
      schema: {
        tags,
        summary:
          'Work made of SPEC 5.7 rule breaches (待办): open or cured, with the maintainer and, past the grace period, the case',
        querystring: breachListQuery,
        response: { 200: breachPage },
      },
      preHandler: requirePermission('assets.read'),
    },
    async (request) => listBreaches(ctx, actorOf(request), request.query),
  );

  app.get(
    '/assets/stats',
    {
      schema: {
        tags,
        summary: 'Asset counts by kind and by badge (district, street or one community)',
        querystring: assetStatsQuery,
        response: { 200: assetStats },
      },
      preHandler: requirePermission('assets.read'),
    },
    async (request) => assets.assetStats(ctx, actorOf(request), request.query),
  );

  app.get(
    '/assets/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The filtered asset list as an Excel workbook',
        querystring: assetExportQuery,
      },
      preHandler: requirePermission('assets.export'),
    },
    async (request, reply) => {
      const t = translator(request.query.lang ?? request.lang);
      return sendExcel(reply, {
        filename: `${t('assets:export.filename')}.xlsx`,
        sheet: t('assets:export.sheet'),
        rows: assets.iterateAssets(ctx, actorOf(request), request.query),
        columns: [
          { header: t('assets:field.code'), value: (r) => r.code, width: 14 },
          { header: t('assets:field.kind'), value: (r) => t(`assets:kind.${r.kind}`), width: 14 },
          { header: t('assets:field.name'), value: (r) => r.name, width: 24 },
          { header: t('assets:field.street'), value: (r) => r.street.name, width: 14 },
          { header: t('assets:field.community'), value: (r) => r.community.name, width: 20 },
          { header: t('assets:field.building'), value: (r) => r.building?.name ?? '', width: 10 },
          {
            header: t('assets:field.ownership'),
            value: (r) => t(`assets:ownership.${r.ownership}`),
            width: 14,
          },
          { header: t('assets:field.maintainer'), value: (r) => r.maintainer.name, width: 24 },
          { header: t('assets:field.installedOn'), value: (r) => r.installedOn, width: 12 },
          { header: t('assets:field.lastMaintenanceOn'), value: (r) => r.lastMaintenanceOn, width: 12 },
          {
            header: t('assets:field.lastStatutoryInspectionOn'),
            value: (r) => r.lastStatutoryInspectionOn,
            width: 12,
          },
          {
            header: t('assets:field.badges'),
            value: (r) => r.badges.map((b) => t(`assets:badge.${b}`)).join('、'),
            width: 30,
          },
        ],
      });
    },
  );

  app.get(
    '/assets/import-template.xlsx',
    {
      schema: {
        tags,
        summary: 'An empty import workbook with the expected columns',
        querystring: assetExportQuery.pick({ lang: true }),
      },
      preHandler: requirePermission('assets.manage'),
    },
    async (request, reply) => {
      const t = translator(request.query.lang ?? request.lang);
      return sendExcel(reply, {
        filename: `${t('assets:import.templateName')}.xlsx`,
        sheet: t('assets:export.sheet'),
        rows: (async function* () {})(),
        columns: importColumns.map((c) => ({
          header: t(`assets:import.column.${c}`),
          value: () => null,
          width: 16,
        })),
      });
    },
  );

  app.post(
    '/assets/import',
    {
      schema: {
        tags,
        summary:
          'Import assets from Excel: every row is checked; any error → 400 naming each row and column, nothing written',
        consumes: ['multipart/form-data'],
        response: { 201: importAnswer },
      },
      preHandler: requirePermission('assets.manage'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) throw new AppError('request.unsupported_media_type', 415);
      let content: Buffer;
      try {
        const part = await request.file();
        if (!part) throw new AppError('file.missing', 400);
        content = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('file.too_large', 413, { limit: '10 MB' });
        throw err;
      }
      const answer = await assets.importAssets(ctx, actor, content);
      reply.status(201);
      return answer;
    },
  );

  app.post(
    '/assets',
    {
      schema: { tags, summary: 'Register an asset', body: assetInput, response: { 201: assetDetail } },
      preHandler: requirePermission('assets.manage'),
    },
    async (request, reply) => {
      const answer = await assets.createAsset(ctx, actorOf(request), request.body);
      reply.status(201);
      return answer;
    },
  );

  app.get(
    '/assets/:id',
    {
      schema: {
        tags,
        summary: 'One asset with its maintenance, statutory inspections, risk assessments and renewal plans',
        params: idParam,
        response: { 200: assetDetail },
      },
      preHandler: requirePermission('assets.read'),
    },
    async (request) => assets.getAsset(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/assets/:id',
    {
      schema: {
        tags,
        summary: 'Edit an asset',
        params: idParam,
        body: assetPatch,
        response: { 200: assetDetail },
      },
      preHandler: requirePermission('assets.manage'),
    },
    async (request) => assets.updateAsset(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/assets/:id/maintenance',
    {
      schema: {
        tags,
        summary: 'Record maintenance (elevators: at least every 15 days)',
        params: idParam,
        body: maintenanceInput,
        response: { 201: assetDetail },
      },
      preHandler: requirePermission('assets.manage'),
    },
    async (request, reply) => {
      const answer = await assets.recordMaintenance(ctx, actorOf(request), request.params.id, request.body);
      reply.status(201);
      return answer;
    },
  );

  app.post(
    '/assets/:id/statutory-inspections',
    {
      schema: {
        tags,
        summary: 'Record the annual statutory inspection (定期检验)',
        params: idParam,
        body: statutoryInput,
        response: { 201: assetDetail },
      },
      preHandler: requirePermission('assets.manage'),
    },
    async (request, reply) => {
      const answer = await assets.recordStatutoryInspection(
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
    '/assets/:id/risk-assessments',
    {
      schema: {
        tags,
        summary: 'Record a risk assessment of an elevator (安全评估)',
        params: idParam,
        body: riskAssessmentInput,
        response: { 201: assetDetail },
      },
      preHandler: requirePermission('assets.manage'),
    },
    async (request, reply) => {
      const answer = await assets.recordRiskAssessment(
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
    '/assets/:id/renewal-plans',
    {
      schema: {
        tags,
        summary: 'Record a renewal plan with its cost and funding source',
        params: idParam,
        body: renewalPlanInput,
        response: { 201: assetDetail },
      },
      preHandler: requirePermission('assets.manage'),
    },
    async (request, reply) => {
      const answer = await assets.recordRenewalPlan(ctx, actorOf(request), request.params.id, request.body);
      reply.status(201);
      return answer;
    },
  );

  app.patch(
    '/assets/:id/renewal-plans/:planId',
    {
      schema: {
        tags,
        summary: 'Advance or amend a renewal plan',
        params: assetChildParams,
        body: renewalPlanPatch,
        response: { 200: assetDetail },
      },
      preHandler: requirePermission('assets.manage'),
    },
    async (request) =>
      assets.updateRenewalPlan(ctx, actorOf(request), request.params.id, request.params.planId, request.body),
  );
};
