import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  coverage,
  coverageQuery,
  generateAnswer,
  plan,
  planInput,
  planList,
  planPatch,
  roundAnswers,
  roundDetail,
  roundExportQuery,
  roundFileParams,
  roundListQuery,
  roundPage,
} from '../../../contracts/inspections';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import * as inspections from './inspections.usecases';

const tags = ['inspections'];

/** Inspection plans, the rounds the scheduler generates from them, the phone form, and coverage. */
export const inspectionsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/inspections/plans',
    {
      schema: { tags, summary: 'Inspection plans the caller may see', response: { 200: planList } },
      preHandler: requirePermission('inspections.read'),
    },
    async (request) => inspections.listPlans(ctx, actorOf(request)),
  );

  app.post(
    '/inspections/plans',
    {
      schema: {
        tags,
        summary:
          'Create a plan (targets by filter, cadence or due date, checklist, team); rounds of the current cycle are generated at once. ' +
          'Fire patrols give mixed commercial-residential communities one step more frequent rounds unless `mixedUseCadence` says otherwise.',
        body: planInput,
        response: { 201: plan },
      },
      preHandler: requirePermission('inspections.plan'),
    },
    async (request, reply) => {
      const answer = await inspections.createPlan(ctx, actorOf(request), request.body);
      reply.status(201);
      return answer;
    },
  );

  app.get(
    '/inspections/plans/:id',
    {
      schema: { tags, summary: 'One plan', params: idParam, response: { 200: plan } },
      preHandler: requirePermission('inspections.read'),
    },
    async (request) => inspections.getPlan(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/inspections/plans/:id',
    {
      schema: {
        tags,
        summary: 'Edit a plan; rounds already generated keep their checklist',
        params: idParam,
        body: planPatch,
        response: { 200: plan },
      },
      preHandler: requirePermission('inspections.plan'),
    },
    async (request) => inspections.updatePlan(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/inspections/plans/:id/generate',
    {
      schema: {
        tags,
        summary: "Generate the plan's rounds for the current cycle now (idempotent)",
        params: idParam,
        response: { 200: generateAnswer },
      },
      preHandler: requirePermission('inspections.plan'),
    },
    async (request) => inspections.generateNow(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/inspections/coverage',
    {
      schema: {
        tags,
        summary: 'Share of targets inspected on time in one cycle of a plan, by street and community',
        querystring: coverageQuery,
        response: { 200: coverage },
      },
      preHandler: requirePermission('inspections.read'),
    },
    async (request) => inspections.coverage(ctx, actorOf(request), request.query.planId, request.query.on),
  );

  app.get(
    '/inspections/rounds',
    {
      schema: {
        tags,
        summary: 'Rounds by due date; `mine=true` for the rounds of the caller’s teams',
        querystring: roundListQuery,
        response: { 200: roundPage },
      },
      preHandler: requirePermission('inspections.read'),
    },
    async (request) => inspections.listRounds(ctx, actorOf(request), request.query),
  );

  app.get(
    '/inspections/rounds/export.xlsx',
    {
      schema: { tags, summary: 'The filtered rounds as an Excel workbook', querystring: roundExportQuery },
      preHandler: requirePermission('inspections.read'),
    },
    async (request, reply) => {
      const t = translator(request.query.lang ?? request.lang);
      return sendExcel(reply, {
        filename: `${t('inspections:export.filename')}.xlsx`,
        sheet: t('inspections:export.sheet'),
        rows: inspections.iterateRounds(ctx, actorOf(request), request.query),
        columns: [
          { header: t('inspections:round.plan'), value: (r) => r.plan.name, width: 24 },
          {
            header: t('inspections:round.type'),
            value: (r) => t(`inspections:planType.${r.plan.type}`),
            width: 14,
          },
          { header: t('inspections:round.target'), value: (r) => r.target.name, width: 28 },
          { header: t('inspections:round.street'), value: (r) => r.street.name, width: 14 },
          { header: t('inspections:round.team'), value: (r) => r.team.name, width: 20 },
          { header: t('inspections:round.due'), value: (r) => r.dueOn, width: 12 },
          {
            header: t('inspections:round.status'),
            value: (r) => t(`inspections:roundStatus.${r.status}`),
            width: 10,
          },
          {
            header: t('inspections:round.finished'),
            value: (r) => r.finishedAt?.slice(0, 10) ?? '',
            width: 12,
          },
          {
            header: t('inspections:round.onTimeColumn'),
            value: (r) => (r.onTime === null ? '' : r.onTime ? t('common:yes') : t('common:no')),
            width: 8,
          },
          { header: t('inspections:round.failed'), value: (r) => r.failedCount, width: 8 },
        ],
      });
    },
  );

  app.get(
    '/inspections/rounds/:id',
    {
      schema: {
        tags,
        summary: 'One round with its checklist, answers, photos and the hazards it found',
        params: idParam,
        response: { 200: roundDetail },
      },
      preHandler: requirePermission('inspections.read'),
    },
    async (request) => inspections.getRound(ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/inspections/rounds/:id/answers',
    {
      schema: {
        tags,
        summary:
          'Save answers (pass / fail / not applicable, note, photos uploaded to POST /files); `finish: true` closes the round: ' +
          'failed items become hazards, and cases when the item says so',
        params: idParam,
        body: roundAnswers,
        response: { 200: roundDetail },
      },
      preHandler: requirePermission('inspections.perform'),
    },
    async (request) => inspections.answerRound(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/inspections/rounds/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'A photo of the round (`?thumbnail=true` for the preview)',
        params: roundFileParams,
        querystring: z.strictObject({ thumbnail: z.enum(['true', 'false']).optional() }),
      },
      preHandler: requirePermission('inspections.read'),
    },
    async (request, reply) => {
      const file = await inspections.roundFile(
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
