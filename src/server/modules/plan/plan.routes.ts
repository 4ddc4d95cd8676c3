import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  evidenceParams,
  followUpDoneInput,
  followUpParams,
  meetingDetail,
  meetingInput,
  meetingList,
  meetingQuery,
  planExportQuery,
  planOverview,
  planTaskQuery,
  planUnits,
  progressInput,
  reviewInput,
  taskDetail,
} from '../../../contracts/plan';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import * as plan from './plan.usecases';

const tags = ['plan'];

/** The district plan tracker (seed 四) and the working group's quarterly meetings (seed 三(一)). */
export const planRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/plan/tasks',
    {
      schema: {
        tags,
        summary: 'The plan: phases, tasks with responsible units and progress, progress by unit and phase',
        querystring: planTaskQuery,
        response: { 200: planOverview },
      },
      preHandler: requirePermission('plan.read'),
    },
    async (request) => plan.planOverview(ctx, actorOf(request), request.query),
  );

  app.get(
    '/plan/tasks/export.xlsx',
    {
      schema: { tags, summary: 'The filtered plan tasks as an Excel workbook', querystring: planExportQuery },
      preHandler: requirePermission('plan.read'),
    },
    async (request, reply) => {
      const lang = request.query.lang ?? request.lang;
      const t = translator(lang);
      const en = lang === 'en-US';
      const overview = await plan.planOverview(ctx, actorOf(request), request.query);
      return sendExcel(reply, {
        filename: `${t('plan:title')}.xlsx`,
        sheet: t('plan:title'),
        rows: (async function* () {
          yield* overview.tasks;
        })(),
        columns: [
          { header: t('plan:field.clause'), value: (x) => x.clause, width: 10 },
          { header: t('plan:field.task'), value: (x) => (en ? x.titleEn : x.title), width: 60 },
          { header: t('plan:field.phase'), value: (x) => t(`plan:phase.${x.phase}`), width: 16 },
          { header: t('plan:field.dueOn'), value: (x) => x.dueOn, width: 12 },
          {
            header: t('plan:field.lead'),
            value: (x) =>
              x.units
                .filter((u) => u.role === 'lead')
                .map((u) => (en ? u.nameEn : u.name))
                .join(en ? '; ' : '、'),
            width: 30,
          },
          {
            header: t('plan:field.co'),
            value: (x) =>
              x.units
                .filter((u) => u.role === 'co')
                .map((u) => (en ? u.nameEn : u.name))
                .join(en ? '; ' : '、'),
            width: 40,
          },
          { header: t('plan:field.percentColumn'), value: (x) => x.percent, width: 10 },
          { header: t('plan:field.state'), value: (x) => t(`plan:state.${x.state}`), width: 12 },
        ],
      });
    },
  );

  app.get(
    '/plan/tasks/:id',
    {
      schema: {
        tags,
        summary: 'One plan task with its units, progress history with evidence, reviews and follow-ups',
        params: idParam,
        response: { 200: taskDetail },
      },
      preHandler: requirePermission('plan.read'),
    },
    async (request) => plan.getTask(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/plan/tasks/:id/progress',
    {
      schema: {
        tags,
        summary: 'Report the progress of a responsible unit (100% needs evidence)',
        params: idParam,
        body: progressInput,
        response: { 201: taskDetail },
      },
      preHandler: requirePermission('plan.progress'),
    },
    async (request, reply) => {
      const answer = await plan.reportProgress(ctx, actorOf(request), request.params.id, request.body);
      reply.status(201);
      return answer;
    },
  );

  app.post(
    '/plan/tasks/:id/review',
    {
      schema: {
        tags,
        summary: 'Accept a completed task, or return it to the units, with a note (district working group)',
        params: idParam,
        body: reviewInput,
        response: { 200: taskDetail },
      },
      preHandler: requirePermission('plan.accept'),
    },
    async (request) => plan.reviewTask(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/plan/tasks/:id/evidence/:fileId',
    {
      schema: { tags, summary: 'One evidence file of a progress report of the task', params: evidenceParams },
      preHandler: requirePermission('plan.read'),
    },
    async (request, reply) => {
      const f = await plan.evidenceFile(ctx, actorOf(request), request.params.id, request.params.fileId);
      reply
        .header('content-type', f.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('x-content-type-options', 'nosniff');
      return reply.send(f.content);
    },
  );

  app.get(
    '/plan/units',
    {
      schema: { tags, summary: 'The responsible units of the district plan', response: { 200: planUnits } },
      preHandler: requirePermission('plan.meetings.read'),
    },
    async (request) => plan.planUnits(ctx, actorOf(request)),
  );

  app.get(
    '/plan/meetings',
    {
      schema: {
        tags,
        summary: 'Quarterly working meetings of the district working group, newest first',
        querystring: meetingQuery,
        response: { 200: meetingList },
      },
      preHandler: requirePermission('plan.meetings.read'),
    },
    async (request) => plan.listMeetings(ctx, actorOf(request), request.query),
  );

  app.post(
    '/plan/meetings',
    {
      schema: {
        tags,
        summary: 'Record a meeting: attendees, decisions, follow-up tasks with owners and deadlines',
        body: meetingInput,
        response: { 201: meetingDetail },
      },
      preHandler: requirePermission('plan.meetings.manage'),
    },
    async (request, reply) => {
      const answer = await plan.recordMeeting(ctx, actorOf(request), request.body);
      reply.status(201);
      return answer;
    },
  );

  app.get(
    '/plan/meetings/:id',
    {
      schema: { tags, summary: 'One meeting record', params: idParam, response: { 200: meetingDetail } },
      preHandler: requirePermission('plan.meetings.read'),
    },
    async (request) => plan.getMeeting(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/plan/meetings/:id/follow-ups/:followUpId/done',
    {
      schema: {
        tags,
        summary: 'Mark a follow-up task done, with the date and a note',
        params: followUpParams,
        body: followUpDoneInput,
        response: { 200: meetingDetail },
      },
      preHandler: requirePermission('plan.meetings.manage'),
    },
    async (request) =>
      plan.finishFollowUp(ctx, actorOf(request), request.params.id, request.params.followUpId, request.body),
  );
};
