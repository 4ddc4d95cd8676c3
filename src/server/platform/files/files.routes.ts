import fastifyMultipart from '@fastify/multipart';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import { fileUploadQuery, fileView, MAX_FILE_BYTES } from '../../../contracts/files';
import type { AppContext } from '../../context';
import { actorOf, requirePermission, scopeFilter } from '../access';
import { notFound } from '../errors';
import { fileContent, findFileMeta, presentFile, readUpload, storeFile } from './files';

const tags = ['files'];

/** Upload (multipart, field `file`) and download of files checked by content: JPEG, PNG, WebP, PDF. */
export const filesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } });

  app.post(
    '/files',
    {
      schema: {
        tags,
        summary: 'Upload one file (multipart field `file`): JPEG, PNG, WebP or PDF, at most 10 MB',
        description: 'The type is taken from the bytes, not the name. `communityId` places the file.',
        querystring: fileUploadQuery,
        response: { 200: fileView },
      },
      preHandler: requirePermission('files.upload'),
    },
    async (request) => {
      const actor = actorOf(request);
      let streetId: number | null = null;
      const communityId = request.query.communityId ?? null;
      if (communityId !== null) {
        const visible = await ctx.db.execute<{ street_id: number }>(sql`
          select street_id from community
          where id = ${communityId}
            and ${scopeFilter(actor, 'files.upload', { streetId: sql`street_id`, communityId: sql`id`, committeeId: sql`committee_id` })}`);
        if (!visible.rows[0]) throw notFound('community');
        streetId = visible.rows[0].street_id;
      }
      const upload = await readUpload(request);
      const file = await ctx.db.transaction((tx) =>
        storeFile(tx, actor, { streetId, communityId, name: upload.filename, content: upload.buffer }),
      );
      return presentFile(file);
    },
  );

  app.get(
    '/files/:id',
    { schema: { tags, summary: 'File metadata', params: idParam, response: { 200: fileView } } },
    async (request) => {
      const file = await findFileMeta(ctx.db, actorOf(request), request.params.id);
      if (!file) throw notFound('file');
      return presentFile(file);
    },
  );

  app.get(
    '/files/:id/content',
    { schema: { tags, summary: 'File content, served with its checked content type', params: idParam } },
    async (request, reply) => {
      const file = await fileContent(ctx.db, actorOf(request), request.params.id);
      if (!file) throw notFound('file');
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'private, max-age=300')
        .send(file.content);
    },
  );
};
