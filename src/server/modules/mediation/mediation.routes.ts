import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  addMediationCommitteeBody,
  addMediatorBody,
  addSessionBody,
  closeMediationBody,
  createMediationCaseBody,
  extendMediationBody,
  mediationCaseDetail,
  mediationCaseExportQuery,
  mediationCaseListQuery,
  mediationCasePage,
  mediationCommitteeList,
  mediationStats,
  mediationStatsQuery,
} from '../../../contracts/mediation';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import * as mediation from './mediation.usecases';

const tags = ['mediation'];

export const mediationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/mediation/committees',
    {
      schema: {
        tags,
        summary: "People's mediation committees (district and street) and their mediators",
        response: { 200: mediationCommitteeList },
      },
      preHandler: requirePermission('mediation.read'),
    },
    async (request) => mediation.listCommittees(ctx, actorOf(request)),
  );

  app.post(
    '/mediation/committees',
    {
      schema: {
        tags,
        summary: 'Add a mediation committee',
        body: addMediationCommitteeBody,
        response: { 200: mediationCommitteeList },
      },
      preHandler: requirePermission('mediation.admin'),
    },
    async (request) => mediation.addCommittee(ctx, actorOf(request), request.body),
  );

  app.post(
    '/mediation/committees/:id/mediators',
    {
      schema: {
        tags,
        summary: 'Add a mediator to a committee',
        params: idParam,
        body: addMediatorBody,
        response: { 200: mediationCommitteeList },
      },
      preHandler: requirePermission('mediation.admin'),
    },
    async (request) => mediation.addMediator(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/mediation/cases',
    {
      schema: {
        tags,
        summary: 'Disputes under mediation',
        querystring: mediationCaseListQuery,
        response: { 200: mediationCasePage },
      },
      preHandler: requirePermission('mediation.read'),
    },
    async (request) => mediation.listCases(ctx, actorOf(request), request.query),
  );

  app.get(
    '/mediation/cases/export.xlsx',
    {
      schema: { tags, summary: 'Disputes as an Excel workbook', querystring: mediationCaseExportQuery },
      preHandler: requirePermission('mediation.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const { lang: _lang, ...q } = request.query;
      return sendExcel(reply, {
        filename: `${t('mediation:export.filename')}.xlsx`,
        sheet: t('mediation:export.sheet'),
        rows: mediation.iterateCases(ctx, actor, q),
        columns: [
          { header: t('mediation:field.street'), value: (r) => r.street.name, width: 14 },
          { header: t('mediation:field.committee'), value: (r) => r.committee.name, width: 24 },
          { header: t('mediation:field.title'), value: (r) => r.title, width: 30 },
          {
            header: t('mediation:field.disputeType'),
            value: (r) => t(`mediation:disputeType.${r.disputeType}`),
            width: 14,
          },
          { header: t('mediation:field.status'), value: (r) => t(`mediation:status.${r.status}`), width: 10 },
          { header: t('mediation:field.receivedOn'), value: (r) => r.receivedOn, width: 12 },
          { header: t('mediation:field.dueOn'), value: (r) => r.dueOn, width: 12 },
          { header: t('mediation:field.closedOn'), value: (r) => r.closedOn, width: 12 },
          { header: t('mediation:field.mediator'), value: (r) => r.mediator?.name ?? '', width: 12 },
        ],
      });
    },
  );

  app.get(
    '/mediation/stats',
    {
      schema: {
        tags,
        summary: 'Received, open, overdue and the success rate (调解成功率)',
        querystring: mediationStatsQuery,
        response: { 200: mediationStats },
      },
      preHandler: requirePermission('mediation.read'),
    },
    async (request) => mediation.stats(ctx, actorOf(request), request.query),
  );

  app.get(
    '/mediation/cases/:id',
    {
      schema: {
        tags,
        summary: 'A dispute with its sessions and agreement',
        params: idParam,
        response: { 200: mediationCaseDetail },
      },
      preHandler: requirePermission('mediation.read'),
    },
    async (request) => mediation.getCase(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/mediation/cases',
    {
      schema: {
        tags,
        summary: 'Accept a dispute for mediation (30 days by default)',
        body: createMediationCaseBody,
        response: { 200: mediationCaseDetail },
      },
      preHandler: requirePermission('mediation.manage'),
    },
    async (request) => mediation.createCase(ctx, actorOf(request), request.body),
  );

  app.post(
    '/mediation/cases/:id/sessions',
    {
      schema: {
        tags,
        summary: 'Record a mediation session',
        params: idParam,
        body: addSessionBody,
        response: { 200: mediationCaseDetail },
      },
      preHandler: requirePermission('mediation.manage'),
    },
    async (request) => mediation.addSession(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/mediation/cases/:id/extend',
    {
      schema: {
        tags,
        summary: 'Extend the time limit, with a reason',
        params: idParam,
        body: extendMediationBody,
        response: { 200: mediationCaseDetail },
      },
      preHandler: requirePermission('mediation.manage'),
    },
    async (request) => mediation.extendCase(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/mediation/cases/:id/close',
    {
      schema: {
        tags,
        summary: 'Close with an outcome: agreed (with the agreement), failed, withdrawn',
        params: idParam,
        body: closeMediationBody,
        response: { 200: mediationCaseDetail },
      },
      preHandler: requirePermission('mediation.manage'),
    },
    async (request) => mediation.closeCase(ctx, actorOf(request), request.params.id, request.body),
  );
};
