import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type HotlineChannel,
  hotlineBatch,
  hotlineChannels,
  hotlineImportQuery,
  hotlineImportReport,
} from '../../../contracts/integrations';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import { apiKeyWrongChannel } from '../integrations/integrations.errors';
import { authenticateApiKey } from '../integrations/integrations.usecases';
import { checkRate } from '../open311/open311.usecases';
import * as hotline from './hotline.usecases';

const tags = ['hotline'];

export const hotlineRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });

  app.post(
    '/hotline/tickets',
    {
      schema: {
        tags,
        summary: 'Batch intake of hotline tickets (API key of a 12345 / 962121 client in `X-Api-Key`)',
        description:
          'All or nothing: 200 with `ok: true` and a result per ticket (`created`, or `existing` for a ticket ' +
          'number filed before: sending the same tickets again creates nothing new); 400 with `ok: false` and ' +
          'every error by position and field when any ticket is refused (nothing is written then).',
        body: hotlineBatch,
        response: { 200: hotlineImportReport, 400: hotlineImportReport },
      },
    },
    async (request, reply) => {
      const actor = await authenticateApiKey(
        ctx,
        request.headers['x-api-key'] as string | undefined,
        request.ip,
      );
      if (!(hotlineChannels as readonly string[]).includes(actor.client.channel)) throw apiKeyWrongChannel();
      checkRate(actor.client.id, actor.client.rateLimitPerMinute ?? ctx.config.API_KEY_RATE_LIMIT);
      const source = request.body.source ?? (actor.client.channel as HotlineChannel);
      if (source !== actor.client.channel) throw apiKeyWrongChannel();
      const report = await hotline.fileTickets(ctx, actor, source, request.body.tickets, request.lang);
      reply.status(report.ok ? 200 : 400);
      return report;
    },
  );

  app.post(
    '/hotline/import',
    {
      schema: {
        tags,
        summary: 'Import hotline tickets from an Excel workbook (multipart field `file`), all or nothing',
        description:
          'The answer lists every refused row (Excel row number, field, message); with any, nothing is imported. ' +
          'Ticket numbers filed before are reported `existing`: importing the same file twice creates nothing new.',
        consumes: ['multipart/form-data'],
        querystring: hotlineImportQuery,
        response: { 200: hotlineImportReport },
      },
      preHandler: requirePermission('hotline.import'),
    },
    async (request) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) throw new AppError('request.unsupported_media_type', 415);
      const part = await request.file();
      if (!part) throw new AppError('hotline.import_file', 400);
      return hotline.importTicketWorkbook(
        ctx,
        actor,
        request.query.source,
        await part.toBuffer(),
        request.lang,
      );
    },
  );

  app.get(
    '/hotline/import/template.xlsx',
    {
      schema: { tags, summary: 'The Excel template of the ticket import' },
      preHandler: requirePermission('hotline.import'),
    },
    async (request, reply) => {
      const t = translator(request.lang);
      const col = (k: string) => t(`hotline:columns.${k}`);
      type Row = Record<string, string>;
      const example: Row = {
        ticketNumber: '12345-20260315-000001',
        category: 'property_service.repair',
        community: '',
        title: '楼道灯不亮',
        description: '3号楼2单元楼道灯坏了一周',
        address: '3号楼2单元',
        reporterName: '张先生',
        reporterPhone: '13900001111',
        urgency: t('hotline:urgency.normal'),
      };
      async function* rows() {
        yield example;
      }
      return sendExcel<Row>(reply, {
        filename: `${t('hotline:template.filename')}.xlsx`,
        sheet: t('hotline:template.sheet'),
        rows: rows(),
        columns: Object.keys(example).map((k) => ({
          header: col(k),
          value: (r: Row) => r[k] ?? '',
          width: 20,
        })),
      });
    },
  );
};
