import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentUploadAnswer } from '../../../contracts/cases';
import { idParam } from '../../../contracts/common';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../access';
import { AppError } from '../errors';
import {
  checkUpload,
  fileContent,
  fileMeta,
  fileMissing,
  fileTooLarge,
  MAX_FILE_BYTES,
  storeFile,
} from './files';

const tags = ['files'];
const notFound = () => new AppError('not_found', 404, { entity: 'file' });

/**
 * Uploads: `POST /files` takes one multipart file, checks it by content and answers its id; a
 * record then attaches it (a case action's `attachments`). Until attached, only the uploader
 * reads it here; attached files are read through their record's routes (and its access rules).
 */
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
        consumes: ['multipart/form-data'],
        response: { 201: attachmentUploadAnswer },
      },
      preHandler: requirePermission('files.upload'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) throw new AppError('request.unsupported_media_type', 415);
      let part: Awaited<ReturnType<typeof request.file>>;
      let content: Buffer;
      try {
        part = await request.file();
        if (!part) throw fileMissing();
        content = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
        throw err;
      }
      const checked = await checkUpload(part.filename, content);
      const id = await storeFile(ctx.db, checked, actor.userId, null);
      reply.status(201);
      return {
        fileId: id,
        name: checked.name,
        mime: checked.mime,
        size: checked.size,
        sha256: checked.sha256,
        hasThumbnail: checked.thumbnail !== null,
      };
    },
  );

  app.get(
    '/files/:id',
    {
      schema: { tags, summary: 'An unattached upload, for its uploader', params: idParam },
      preHandler: requirePermission('files.upload'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const meta = await fileMeta(ctx.db, request.params.id);
      if (!meta || meta.createdBy !== actor.userId || meta.streetId !== null) throw notFound();
      const file = await fileContent(ctx.db, meta.id);
      if (!file?.content) throw notFound();
      return reply
        .header('content-type', file.mime)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.content);
    },
  );
};
