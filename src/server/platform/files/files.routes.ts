import fastifyMultipart from '@fastify/multipart';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import { fileContentQuery, fileUploadQuery, fileView, MAX_FILE_BYTES } from '../../../contracts/files';
import type { AppContext } from '../../context';
import { actorOf, requirePermission, scopeFilter } from '../access';
import { notFound } from '../errors';
import { checkUpload, fileContent, findFileMeta, presentFile, readUpload, storeUpload } from './files';

const tags = ['files'];

/** Upload (multipart, field `file`) and download of files checked by content: JPEG, PNG, WebP, PDF. */
export const filesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 1000 },
    throwFileSizeLimit: true,
  });

  app.post(
    '/files',
    {
      schema: {
        tags,
        summary: 'Upload one file (multipart field `file`): JPEG, PNG, WebP or PDF by content, 10 MB at most',
        description:
          'The type is taken from the bytes, not the name; images get a 320 px WebP thumbnail. `communityId` ' +
          'places the file in a community the caller can see; otherwise it stays the uploader’s until a record attaches it.',
        consumes: ['multipart/form-data'],
        querystring: fileUploadQuery,
        response: { 201: fileView },
      },
      preHandler: requirePermission('files.upload'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      let streetId: number | null = null;
      const communityId = request.query.communityId ?? null;
      if (communityId !== null) {
        const visible = await ctx.db.execute<{ street_id: number }>(sql`
          select street_id from community
          where id = ${communityId}
            and ${scopeFilter(actor, 'org.read', { streetId: sql`street_id`, communityId: sql`id`, committeeId: sql`committee_id` }, { organization: (org) => sql`property_org_id = ${org}` })}`);
        if (!visible.rows[0]) throw notFound('community');
        streetId = visible.rows[0].street_id;
      }
      const upload = await readUpload(request);
      const checked = await checkUpload(upload.filename, upload.buffer);
      const view = await ctx.db.transaction((tx) =>
        storeUpload(tx, actor, checked, { streetId, communityId }),
      );
      reply.status(201);
      return view;
    },
  );

  app.get(
    '/files/:id',
    {
      schema: {
        tags,
        summary: 'File metadata (the uploader, staff of its place, residents when published)',
        params: idParam,
        response: { 200: fileView },
      },
      preHandler: requirePermission('files.upload'),
    },
    async (request) => {
      const file = await findFileMeta(ctx.db, actorOf(request), request.params.id);
      if (!file) throw notFound('file');
      return presentFile(file);
    },
  );

  app.get(
    '/files/:id/content',
    {
      schema: {
        tags,
        summary: 'File content with its checked type (`?thumbnail=true` for the preview of an image)',
        params: idParam,
        querystring: fileContentQuery,
      },
      preHandler: requirePermission('files.upload'),
    },
    async (request, reply) => {
      const meta = await findFileMeta(ctx.db, actorOf(request), request.params.id);
      const file = meta ? await fileContent(ctx.db, meta.id, request.query.thumbnail === 'true') : null;
      if (!file?.content) throw notFound('file');
      return reply
        .header('content-type', request.query.thumbnail === 'true' ? 'image/webp' : file.mime)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'private, max-age=300')
        .send(file.content);
    },
  );
};
