import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  advanceBody,
  choiceBody,
  closeSelectionBody,
  eligibleList,
  eligibleQuery,
  fundBudgetBody,
  fundingBody,
  menuItem,
  menuItemInput,
  menuItemPatch,
  menuList,
  menuQuery,
  paperChoiceBody,
  projectDetail,
  projectExportQuery,
  projectListQuery,
  projectPage,
  reportBody,
  selectionDetail,
  selectionInput,
  selectionListQuery,
  selectionPage,
  specialFundDetail,
  specialFundList,
  specialFundQuery,
  taskBody,
  trancheBody,
} from '../../../contracts/projects';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import * as projects from './projects.usecases';

const tags = ['projects'];
const fundTags = ['special-funds'];

/** Public works: the project menu, residents' selections, projects and the special funds. */
export const projectsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/project-menu',
    {
      schema: {
        tags,
        summary: "The year's project menu (实事项目菜单)",
        querystring: menuQuery,
        response: { 200: menuList },
      },
      preHandler: requirePermission('projects.read'),
    },
    async (request) => projects.listMenu(ctx, actorOf(request), request.query),
  );
  app.post(
    '/project-menu',
    {
      schema: {
        tags,
        summary: 'Add an item to a year’s menu',
        body: menuItemInput,
        response: { 201: menuItem },
      },
      preHandler: requirePermission('projects.menu'),
    },
    async (request, reply) => {
      const answer = await projects.createMenuItem(ctx, actorOf(request), request.body);
      reply.status(201);
      return answer;
    },
  );
  app.patch(
    '/project-menu/:id',
    {
      schema: {
        tags,
        summary: 'Change a menu item',
        params: idParam,
        body: menuItemPatch,
        response: { 200: menuItem },
      },
      preHandler: requirePermission('projects.menu'),
    },
    async (request) => projects.updateMenuItem(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/project-menu/eligible',
    {
      schema: {
        tags,
        summary: 'The menu for one community: eligibility and cost from its register',
        querystring: eligibleQuery,
        response: { 200: eligibleList },
      },
      preHandler: requirePermission('projects.manage'),
    },
    async (request) => projects.eligibleItems(ctx, actorOf(request), request.query),
  );

  app.get(
    '/project-selections',
    {
      schema: {
        tags,
        summary: "Residents' selections (居民点单)",
        querystring: selectionListQuery,
        response: { 200: selectionPage },
      },
      preHandler: requirePermission('projects.read'),
    },
    async (request) => projects.listSelections(ctx, actorOf(request), request.query),
  );
  app.post(
    '/project-selections',
    {
      schema: {
        tags,
        summary: 'Open a selection for a community and year',
        body: selectionInput,
        response: { 201: selectionDetail },
      },
      preHandler: requirePermission('projects.manage'),
    },
    async (request, reply) => {
      const answer = await projects.openSelection(ctx, actorOf(request), request.body);
      reply.status(201);
      return answer;
    },
  );
  app.get(
    '/project-selections/:id',
    {
      schema: {
        tags,
        summary: 'A selection with its live tally',
        params: idParam,
        response: { 200: selectionDetail },
      },
      preHandler: requirePermission('projects.read'),
    },
    async (request) => projects.getSelection(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/project-selections/:id/choices',
    {
      schema: {
        tags,
        summary: 'A household chooses items within the cap (online)',
        params: idParam,
        body: choiceBody,
        response: { 200: selectionDetail },
      },
      preHandler: requirePermission('projects.choose'),
    },
    async (request) => projects.choose(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/project-selections/:id/paper-choices',
    {
      schema: {
        tags,
        summary: "Enter a household's paper selection",
        params: idParam,
        body: paperChoiceBody,
        response: { 200: selectionDetail },
      },
      preHandler: requirePermission('projects.paper'),
    },
    async (request) => projects.enterPaperChoice(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/project-selections/:id/close',
    {
      schema: {
        tags,
        summary: 'Close, tally, publish on the notice board and turn the selected items into projects',
        params: idParam,
        body: closeSelectionBody,
        response: { 200: selectionDetail },
      },
      preHandler: requirePermission('projects.manage'),
    },
    async (request) => projects.closeSelection(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Projects, filtered',
        querystring: projectListQuery,
        response: { 200: projectPage },
      },
      preHandler: requirePermission('projects.read'),
    },
    async (request) => projects.listProjects(ctx, actorOf(request), request.query),
  );
  app.get(
    '/projects/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The filtered projects as an Excel workbook',
        querystring: projectExportQuery,
      },
      preHandler: requirePermission('projects.read'),
    },
    async (request, reply) => {
      const t = translator(request.query.lang ?? request.lang);
      const { lang: _lang, ...q } = request.query;
      return sendExcel(reply, {
        filename: `${t('projects:title')}.xlsx`,
        sheet: t('projects:title'),
        rows: projects.iterateProjects(ctx, actorOf(request), q),
        columns: [
          { header: t('projects:field.title'), value: (p) => p.title, width: 24 },
          {
            header: t('projects:field.community'),
            value: (p) => `${p.street.name} ${p.community.name}`,
            width: 24,
          },
          { header: t('projects:field.year'), value: (p) => p.year, width: 8 },
          {
            header: t('projects:field.programme'),
            value: (p) => t(`projects:programme.${p.programme}`),
            width: 16,
          },
          { header: t('projects:field.stage'), value: (p) => t(`projects:stage.${p.stage}`), width: 10 },
          { header: t('projects:field.budgetYuan'), value: (p) => p.budgetFen / 100, width: 14 },
          { header: t('projects:field.progress'), value: (p) => p.progressPct, width: 8 },
          { header: t('projects:field.plannedEnd'), value: (p) => p.plannedEnd, width: 12 },
          {
            header: t('projects:field.delayed'),
            value: (p) => (p.delayed ? t('projects:yes') : t('projects:no')),
            width: 8,
          },
          { header: t('projects:field.contractor'), value: (p) => p.contractor?.name ?? '', width: 24 },
        ],
      });
    },
  );
  app.get(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'A project: stages, progress tree, timeline, money, documents',
        params: idParam,
        response: { 200: projectDetail },
      },
      preHandler: requirePermission('projects.read'),
    },
    async (request) => projects.getProject(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/projects/:id/advance',
    {
      schema: {
        tags,
        summary: 'Complete the current stage and start the next',
        params: idParam,
        body: advanceBody,
        response: { 200: projectDetail },
      },
      preHandler: requirePermission('projects.manage'),
    },
    async (request) => projects.advanceProject(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/projects/:id/reports',
    {
      schema: {
        tags,
        summary: 'A dated progress report with photos',
        params: idParam,
        body: reportBody,
        response: { 200: projectDetail },
      },
      preHandler: requirePermission('projects.manage'),
    },
    async (request) => projects.addReport(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/projects/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Add a sub-item to the progress tree',
        params: idParam,
        body: taskBody,
        response: { 200: projectDetail },
      },
      preHandler: requirePermission('projects.manage'),
    },
    async (request) => projects.addTask(ctx, actorOf(request), request.params.id, request.body),
  );
  app.put(
    '/projects/:id/funding',
    {
      schema: {
        tags,
        summary: 'Set the funding mix (adds up to the budget to the fen)',
        params: idParam,
        body: fundingBody,
        response: { 200: projectDetail },
      },
      preHandler: requirePermission('projects.manage'),
    },
    async (request) => projects.setFunding(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/projects/:id/tranches',
    {
      schema: {
        tags,
        summary: 'Pay a tranche from a special fund against accepted work',
        params: idParam,
        body: trancheBody,
        response: { 200: projectDetail },
      },
      preHandler: requirePermission('special_funds.manage'),
    },
    async (request) => projects.payTranche(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/special-funds',
    {
      schema: {
        tags: fundTags,
        summary: 'Special funds (专项资金) with budget, allocated, disbursed and balance in fen',
        querystring: specialFundQuery,
        response: { 200: specialFundList },
      },
      preHandler: requirePermission('special_funds.read'),
    },
    async (request) => projects.listFunds(ctx, actorOf(request), request.query),
  );
  app.get(
    '/special-funds/:id',
    {
      schema: {
        tags: fundTags,
        summary: 'A special fund with its ledger',
        params: idParam,
        response: { 200: specialFundDetail },
      },
      preHandler: requirePermission('special_funds.read'),
    },
    async (request) => projects.getFund(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/special-funds/:id/budget',
    {
      schema: {
        tags: fundTags,
        summary: 'Add to the budget of a fund',
        params: idParam,
        body: fundBudgetBody,
        response: { 200: specialFundDetail },
      },
      preHandler: requirePermission('special_funds.manage'),
    },
    async (request) => projects.addBudget(ctx, actorOf(request), request.params.id, request.body),
  );
};
