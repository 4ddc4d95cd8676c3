import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  hazardAssign,
  hazardDetail,
  hazardExportQuery,
  hazardFileParams,
  hazardInput,
  hazardListQuery,
  hazardPage,
  hazardPatch,
  hazardReinspect,
  hazardRepair,
  hazardStats,
  hazardStatsQuery,
  hazardVerify,
  reinspectionSettings,
  reinspectionSettingsInput,
} from '../../../contracts/hazards';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { shanghaiIso } from '../../platform/calendar/calendar';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import * as hazards from './hazards.usecases';

const tags = ['hazards'];

/** The hazard register (隐患台账): report, assign, repair, verify, re-inspect. */
export const hazardsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/hazards',
    {
      schema: {
        tags,
        summary: 'Hazards the caller may see (by place, or found by / sent to their teams), newest first',
        querystring: hazardListQuery,
        response: { 200: hazardPage },
      },
      preHandler: requirePermission('hazards.read'),
    },
    async (request) => hazards.listHazards(ctx, actorOf(request), request.query),
  );

  app.get(
    '/hazards/stats',
    {
      schema: {
        tags,
        summary: 'Hazard counts by grade and status, unclosed and due for re-inspection',
        querystring: hazardStatsQuery,
        response: { 200: hazardStats },
      },
      preHandler: requirePermission('hazards.read'),
    },
    async (request) => hazards.hazardStats(ctx, actorOf(request), request.query),
  );

  app.get(
    '/hazards/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The filtered hazard register as an Excel workbook',
        querystring: hazardExportQuery,
      },
      preHandler: requirePermission('hazards.export'),
    },
    async (request, reply) => {
      const t = translator(request.query.lang ?? request.lang);
      const en = (request.query.lang ?? request.lang) === 'en-US';
      return sendExcel(reply, {
        filename: `${t('hazards:export.filename')}.xlsx`,
        sheet: t('hazards:export.sheet'),
        rows: hazards.iterateHazards(ctx, actorOf(request), request.query),
        columns: [
          { header: t('hazards:field.number'), value: (r) => r.number, width: 20 },
          { header: t('hazards:field.title'), value: (r) => r.title, width: 28 },
          { header: t('hazards:field.grade'), value: (r) => t(`hazards:grade.${r.grade}`), width: 8 },
          { header: t('hazards:field.status'), value: (r) => t(`hazards:status.${r.status}`), width: 10 },
          {
            header: t('hazards:field.category'),
            value: (r) => (en ? r.category.nameEn : r.category.name),
            width: 18,
          },
          { header: t('hazards:field.street'), value: (r) => r.street.name, width: 14 },
          { header: t('hazards:field.community'), value: (r) => r.community.name, width: 20 },
          { header: t('hazards:field.responsibleUnit'), value: (r) => r.responsibleUnit.name, width: 24 },
          {
            header: t('hazards:field.responsiblePerson'),
            value: (r) => r.responsiblePerson ?? '',
            width: 12,
          },
          {
            header: t('hazards:field.foundAt'),
            value: (r) => shanghaiIso(new Date(r.foundAt)).slice(0, 16).replace('T', ' '),
            width: 18,
          },
          { header: t('hazards:field.repairTeam'), value: (r) => r.repairTeam?.name ?? '', width: 18 },
          {
            header: t('hazards:field.nextReinspectionOn'),
            value: (r) => r.nextReinspectionOn ?? '',
            width: 12,
          },
          { header: t('hazards:field.case'), value: (r) => r.case?.number ?? '', width: 20 },
        ],
      });
    },
  );

  app.get(
    '/hazards/settings',
    {
      schema: {
        tags,
        summary: 'Re-inspection intervals by grade (days)',
        response: { 200: reinspectionSettings },
      },
      preHandler: requirePermission('hazards.read'),
    },
    async (request) => hazards.getSettings(ctx, actorOf(request)),
  );

  app.put(
    '/hazards/settings',
    {
      schema: {
        tags,
        summary: 'Change the re-inspection intervals (applies from the next re-inspection)',
        body: reinspectionSettingsInput,
        response: { 200: reinspectionSettings },
      },
      preHandler: requirePermission('hazards.configure'),
    },
    async (request) => hazards.updateSettings(ctx, actorOf(request), request.body),
  );

  app.post(
    '/hazards',
    {
      schema: {
        tags,
        summary: 'Register a hazard found outside an inspection round (optionally filing its case)',
        body: hazardInput,
        response: { 201: hazardDetail },
      },
      preHandler: requirePermission('hazards.report'),
    },
    async (request, reply) => {
      const answer = await hazards.createHazard(ctx, actorOf(request), request.body);
      reply.status(201);
      return answer;
    },
  );

  app.get(
    '/hazards/:id',
    {
      schema: {
        tags,
        summary: 'One hazard with its photos, timeline and the caller’s abilities',
        params: idParam,
        response: { 200: hazardDetail },
      },
      preHandler: requirePermission('hazards.read'),
    },
    async (request) => hazards.getHazard(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/hazards/:id',
    {
      schema: {
        tags,
        summary: 'Re-grade, or name the responsible person',
        params: idParam,
        body: hazardPatch,
        response: { 200: hazardDetail },
      },
      preHandler: requirePermission('hazards.manage'),
    },
    async (request) => hazards.updateHazard(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/hazards/:id/assign',
    {
      schema: {
        tags,
        summary:
          "Send to a repair team (today's on-duty team by default); never the team that found it (查抢分离)",
        params: idParam,
        body: hazardAssign,
        response: { 200: hazardDetail },
      },
    },
    async (request) => hazards.assignHazard(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/hazards/:id/repair',
    {
      schema: {
        tags,
        summary: 'Record the repair with photos (the assigned team, or the responsible unit of the place)',
        params: idParam,
        body: hazardRepair,
        response: { 200: hazardDetail },
      },
      preHandler: requirePermission('hazards.repair'),
    },
    async (request) => hazards.repairHazard(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/hazards/:id/verify',
    {
      schema: {
        tags,
        summary:
          'Verify the repair (someone other than the fixer): passed closes the hazard, failed is rework',
        params: idParam,
        body: hazardVerify,
        response: { 200: hazardDetail },
      },
      preHandler: requirePermission('hazards.verify'),
    },
    async (request) => hazards.verifyHazard(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/hazards/:id/reinspect',
    {
      schema: {
        tags,
        summary: 'Record a rolling re-inspection; the next date follows the grade',
        params: idParam,
        body: hazardReinspect,
        response: { 200: hazardDetail },
      },
    },
    async (request) => hazards.reinspectHazard(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/hazards/:id/case',
    {
      schema: {
        tags,
        summary:
          'File the case of a hazard through the intake (routed by the responsibility list; idempotent)',
        params: idParam,
        response: { 200: hazardDetail },
      },
      preHandler: requirePermission('hazards.manage'),
    },
    async (request) => hazards.fileCase(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/hazards/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'A photo of the hazard (`?thumbnail=true` for the preview)',
        params: hazardFileParams,
        querystring: z.strictObject({ thumbnail: z.enum(['true', 'false']).optional() }),
      },
      preHandler: requirePermission('hazards.read'),
    },
    async (request, reply) => {
      const file = await hazards.hazardFile(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.fileId,
        request.query.thumbnail === 'true',
      );
      return reply
        .header('content-type', file.mime)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.content);
    },
  );
};
