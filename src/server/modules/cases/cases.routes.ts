import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountabilityPage,
  actionParams,
  bulkDispatchAnswer,
  bulkDispatchBody,
  caseActionBody,
  caseDetail,
  caseExportQuery,
  caseFileParams,
  caseIntake,
  caseIntakeAnswer,
  caseListQuery,
  casePage,
  caseTransitions,
  groupRentingForm,
  groupRentingInspection,
  idempotencyHeaders,
  pageQuery,
  penalty,
  penaltyInput,
  queueCounts,
  reporterContact,
  supervisionListQuery,
  supervisionOrder,
  supervisionPage,
  supervisionResponse,
} from '../../../contracts/cases';
import { idParam } from '../../../contracts/common';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import { RateWindows } from '../../platform/ratewindow';
import { listenReferenceChanges } from '../../platform/refcache';
import * as cases from './cases.usecases';

const tags = ['cases'];

const actionDoc = Object.entries(caseTransitions)
  .map(
    ([name, r]) =>
      `- \`${name}\`: from ${r.from.join(', ')} → ${r.to ?? '(no change)'}${'partialTo' in r ? ` (or ${r.partialTo})` : ''}; by ${r.by}` +
      (r.requires.length ? `; requires ${r.requires.map((f) => `\`${f}\``).join(', ')}` : ''),
  )
  .join('\n');

export const casesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // other instances' edits of categories, rules and the calendar reach this one's caches
  let stopListening: (() => Promise<void>) | null = null;
  app.addHook('onReady', async () => {
    stopListening = await listenReferenceChanges(ctx.database).catch(() => null);
  });
  app.addHook('onClose', async () => {
    await stopListening?.();
  });

  // residents report from a phone: a runaway client or a flood from one account is refused, staff are not
  const residentReports = new RateWindows<number>(ctx.config.RESIDENT_INTAKE_RATE_LIMIT, 3_600_000);

  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Report a problem: routed by the responsibility list, with its register deadline',
        description:
          'Send an `Idempotency-Key` header (8–100 printable characters, e.g. a UUID per submission): a retry ' +
          'with the same key and body never makes a second case and gets the same answer (header ' +
          '`idempotent-replayed: true`); the same key with another body answers 422. Attach evidence by ' +
          'uploading to `POST /files` first and naming the file ids. A resident account may file ' +
          '`RESIDENT_INTAKE_RATE_LIMIT` reports an hour (429 `rate_limited` after that).',
        headers: idempotencyHeaders.partial(),
        body: caseIntake,
        response: { 201: caseIntakeAnswer },
      },
      preHandler: requirePermission('cases.report'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.roles.every((r) => r === 'resident')) residentReports.hit(actor.userId);
      const outcome = await cases.reportCase(
        ctx,
        actor,
        request.body,
        request.headers['idempotency-key'] as string | undefined,
      );
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      reply.status(201);
      return outcome.body as z.infer<typeof caseIntakeAnswer>;
    },
  );

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Cases the caller may see, by queue and filters, keyset-paginated, with SLA state per row',
        description:
          'Queues: to_register, to_dispatch, my_tasks, to_verify, overdue, warning, supervised, suspended, ' +
          'follow_up_due, reported_by_me. `state` takes a comma-separated list. `sort=due` orders by the ' +
          'current stage deadline. `total` is counted on the first page only (-1 later).',
        querystring: caseListQuery,
        response: { 200: casePage },
      },
    },
    async (request) => cases.listCases(ctx, actorOf(request), request.query),
  );

  app.get(
    '/cases/queues',
    {
      schema: { tags, summary: "The caller's queues with their counts", response: { 200: queueCounts } },
    },
    async (request) => cases.queueCounts(ctx, actorOf(request)),
  );

  app.get(
    '/cases/export.xlsx',
    {
      schema: { tags, summary: 'Any filtered case list as an Excel workbook', querystring: caseExportQuery },
      preHandler: requirePermission('cases.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const en = (request.query.lang ?? request.lang) === 'en-US';
      const time = (iso: string | null) =>
        iso ? new Date(+new Date(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '';
      return sendExcel(reply, {
        filename: `${t('cases:export.filename')}.xlsx`,
        sheet: t('cases:export.sheet'),
        rows: cases.iterateCaseSummaries(ctx, actor, request.query),
        columns: [
          { header: t('cases:field.number'), value: (r) => r.number, width: 22 },
          { header: t('cases:field.title'), value: (r) => r.title, width: 28 },
          {
            header: t('cases:field.category'),
            value: (r) => (en ? r.category.nameEn : r.category.name),
            width: 18,
          },
          { header: t('cases:field.state'), value: (r) => t(`cases:state.${r.state}`), width: 10 },
          { header: t('cases:field.urgency'), value: (r) => t(`cases:urgency.${r.urgency}`), width: 8 },
          { header: t('cases:field.street'), value: (r) => r.street.name, width: 14 },
          { header: t('cases:field.community'), value: (r) => r.community.name, width: 18 },
          { header: t('cases:field.lead'), value: (r) => r.lead?.name ?? '', width: 24 },
          {
            header: t('cases:field.stage'),
            value: (r) => (r.stage ? t(`cases:stage.${r.stage}`) : ''),
            width: 8,
          },
          { header: t('cases:field.dueAt'), value: (r) => time(r.stageDueAt), width: 17 },
          { header: t('cases:field.sla'), value: (r) => (r.sla ? t(`cases:sla.${r.sla}`) : ''), width: 8 },
          { header: t('cases:field.createdAt'), value: (r) => time(r.createdAt), width: 17 },
          { header: t('cases:field.closedAt'), value: (r) => time(r.closedAt), width: 17 },
          { header: t('cases:field.reworkCount'), value: (r) => r.reworkCount, width: 8 },
          { header: t('cases:field.wrongDispatchCount'), value: (r) => r.wrongDispatchCount, width: 8 },
        ],
      });
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary:
          'A case with its tasks, timeline (including cases merged into it), evidence, supervision and the actions the caller may take now',
        params: idParam,
        response: { 200: caseDetail },
      },
    },
    async (request) => cases.getCaseDetail(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/cases/:id/actions/:action',
    {
      schema: {
        tags,
        summary: 'Take one action of the case state table (send the version you read)',
        description:
          'Answers 409 `case.invalid_transition` when the current state does not allow the action, 409 ' +
          '`conflict.version` when the version is stale (nothing changes in either case), 403 when the caller may ' +
          'not take it on this case. The state table (also `caseTransitions` in src/contracts/cases.ts):\n\n' +
          actionDoc,
        params: actionParams,
        body: caseActionBody,
        response: { 200: caseDetail },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await cases.actOnCase(ctx, actor, request.params.id, request.params.action, request.body);
      return cases.getCaseDetail(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/cases/bulk/dispatch',
    {
      schema: {
        tags,
        summary: 'Dispatch several registered cases along their routing; each answers on its own',
        body: bulkDispatchBody,
        response: { 200: bulkDispatchAnswer },
      },
      preHandler: requirePermission('cases.dispatch'),
    },
    async (request) => cases.bulkDispatch(ctx, actorOf(request), request.body.items),
  );

  app.get(
    '/cases/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'An attachment of the case (`?thumbnail=true` for the 320 px WebP preview of an image)',
        params: caseFileParams,
        querystring: z.strictObject({ thumbnail: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request, reply) => {
      const file = await cases.caseFile(
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

  app.post(
    '/cases/:id/reporter',
    {
      schema: {
        tags,
        summary: "The reporter's full name and phone (roles that call back or visit; every view is audited)",
        params: idParam,
        response: { 200: reporterContact },
      },
      preHandler: requirePermission('cases.reporter_contact'),
    },
    async (request) => cases.revealReporter(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/cases/:id/penalties',
    {
      schema: {
        tags,
        summary:
          'Record a penalty decision of an enforcement case (landlord, sub-lessor or agent; amount in fen)',
        params: idParam,
        body: penaltyInput,
        response: { 201: penalty },
      },
      preHandler: requirePermission('cases.enforce'),
    },
    async (request, reply) => {
      reply.status(201);
      return cases.recordPenalty(ctx, actorOf(request), request.params.id, request.body);
    },
  );

  app.post(
    '/cases/:id/group-renting-inspections',
    {
      schema: {
        tags,
        summary: 'Record a group-renting inspection; the answer lists the SPEC 5.8 rules broken',
        params: idParam,
        body: groupRentingForm,
        response: { 201: groupRentingInspection },
      },
      preHandler: requirePermission('cases.enforce'),
    },
    async (request, reply) => {
      reply.status(201);
      return cases.recordGroupRentingInspection(ctx, actorOf(request), request.params.id, request.body);
    },
  );

  app.get(
    '/supervision-orders',
    {
      schema: {
        tags,
        summary: 'Supervision orders (督办) on cases the caller may see, newest first',
        querystring: supervisionListQuery,
        response: { 200: supervisionPage },
      },
    },
    async (request) => cases.listSupervisionOrders(ctx, actorOf(request), request.query),
  );

  app.post(
    '/supervision-orders/:id/response',
    {
      schema: {
        tags,
        summary: 'The written response a supervision order requires (lead unit or street)',
        params: idParam,
        body: supervisionResponse,
        response: { 200: supervisionOrder },
      },
    },
    async (request) =>
      cases.respondSupervision(ctx, actorOf(request), request.params.id, request.body.response),
  );

  app.get(
    '/accountability-records',
    {
      schema: {
        tags,
        summary: 'Accountability records (问责): stages still overdue after district supervision',
        querystring: pageQuery,
        response: { 200: accountabilityPage },
      },
      preHandler: requirePermission('cases.read'),
    },
    async (request) => cases.listAccountability(ctx, actorOf(request), request.query),
  );
};
