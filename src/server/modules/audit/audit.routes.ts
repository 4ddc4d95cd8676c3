import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditListQuery, auditPage, auditVerifyResult } from '../../../contracts/audit';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { verifyAuditChains } from '../../platform/audit/audit.verify';
import { decodeCursor, page } from '../../platform/pagination';
import { listAudit } from './audit.repository';

const tags = ['audit'];

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'The audit log, newest first, filtered',
        querystring: auditListQuery,
        response: { 200: auditPage },
      },
      preHandler: requirePermission('audit.read'),
    },
    async (request) => {
      const after = decodeCursor<[string, number, number]>(request.query.cursor, [
        'string',
        'number',
        'number',
      ]);
      const rows = await listAudit(ctx.db, actorOf(request), request.query, after);
      const result = page(rows, request.query.limit, (r) => [r.row.at.toISOString(), r.row.chain, r.row.seq]);
      return {
        nextCursor: result.nextCursor,
        items: result.items.map(({ row, streetName }) => ({
          chain: row.chain,
          seq: row.seq,
          at: row.at.toISOString(),
          actor: row.actorLabel,
          actorUserId: row.actorUserId,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          street: row.streetId !== null && streetName ? { id: row.streetId, name: streetName } : null,
          before: row.before,
          after: row.after,
          ip: row.ip,
          hash: row.hash,
        })),
      };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: 'Recompute every SM3 chain and report the first broken link',
        response: { 200: auditVerifyResult },
      },
      preHandler: requirePermission('audit.verify'),
      config: { rateLimit: { max: 6, timeWindow: '1 minute' } },
    },
    async () => ({ ...(await verifyAuditChains(ctx.database.pool)), checkedAt: new Date().toISOString() }),
  );
};
