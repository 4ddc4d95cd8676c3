import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type FileContentType, type FileVisibility, MAX_FILE_BYTES } from '../../../contracts/files';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../access';
import { recordAudit } from '../audit/audit';
import { sm3 } from '../crypto';
import { AppError, fieldError } from '../errors';
import { files } from './files.table';

declare module '../audit/audit' {
  interface AuditEvents {
    'file.uploaded': { after: Omit<FileRow, 'content'> };
  }
}

export type FileRow = typeof files.$inferSelect;
export type FileMeta = Omit<FileRow, 'content'>;

/** The content type a file really has, from its first bytes; null when it is none Anju accepts. */
export function sniffContentType(buf: Buffer): FileContentType | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  if (buf.length >= 5 && buf.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

export const fileTooLarge = () => new AppError('file.too_large', 413, { limit: '10 MB' });
export const fileMissing = () => fieldError('body.file', 'file_required');
export const fileTypeRefused = () => fieldError('body.file', 'file_type');

/**
 * Reads the one file of a multipart request into memory, refusing anything over `maxBytes`.
 * The route's plugin must have registered @fastify/multipart.
 */
export async function readUpload(
  request: FastifyRequest,
  maxBytes = MAX_FILE_BYTES,
): Promise<{ filename: string; buffer: Buffer }> {
  if (!request.isMultipart()) throw fileMissing();
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch {
    throw fileMissing();
  }
  if (!part) throw fileMissing();
  try {
    const buffer = await part.toBuffer();
    return { filename: part.filename || 'file', buffer };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    throw err;
  }
}

const metaColumns = {
  id: files.id,
  streetId: files.streetId,
  communityId: files.communityId,
  name: files.name,
  contentType: files.contentType,
  size: files.size,
  sm3: files.sm3,
  visibility: files.visibility,
  uploadedBy: files.uploadedBy,
  createdAt: files.createdAt,
};

/** Stores an accepted file and audits the upload (without its bytes), in the caller's transaction. */
export async function storeFile(
  tx: Executor,
  actor: Actor,
  input: {
    streetId: number | null;
    communityId: number | null;
    name: string;
    content: Buffer;
    visibility?: FileVisibility;
  },
): Promise<FileMeta> {
  if (input.content.length > MAX_FILE_BYTES) throw fileTooLarge();
  const contentType = sniffContentType(input.content);
  if (!contentType) throw fileTypeRefused();
  const [row] = await tx
    .insert(files)
    .values({
      streetId: input.streetId,
      communityId: input.communityId,
      name: input.name.slice(0, 200),
      contentType,
      size: input.content.length,
      sm3: sm3(input.content),
      visibility: input.visibility ?? 'staff',
      content: input.content,
      uploadedBy: actor.userId,
    })
    .returning(metaColumns);
  await recordAudit(tx, actor.audit, {
    action: 'file.uploaded',
    entityType: 'file',
    entityId: row!.id,
    streetId: row!.streetId,
    after: row!,
  });
  return row!;
}

/** Files the actor may read: staff of the place, residents for files published to them, the uploader. */
export function fileScope(actor: Actor): SQL {
  const cols = { streetId: files.streetId, communityId: files.communityId };
  return or(
    scopeFilter(actor, 'files.read', cols),
    and(scopeFilter(actor, 'files.read_public', cols), eq(files.visibility, 'community')),
    eq(files.uploadedBy, actor.userId),
  )!;
}

export async function findFileMeta(db: Executor, actor: Actor, id: number): Promise<FileMeta | undefined> {
  const rows = await db
    .select(metaColumns)
    .from(files)
    .where(and(eq(files.id, id), fileScope(actor)));
  return rows[0];
}

export async function fileContent(db: Executor, actor: Actor, id: number): Promise<FileRow | undefined> {
  const rows = await db
    .select()
    .from(files)
    .where(and(eq(files.id, id), fileScope(actor)));
  return rows[0];
}

/**
 * A file a record of `communityId` may refer to: it must exist, be visible to the actor and belong
 * to that community (or have been uploaded by the actor without a place). Otherwise 400 on `path`.
 */
export async function attachableFile(
  db: Executor,
  actor: Actor,
  id: number,
  communityId: number,
  path: string,
): Promise<FileMeta> {
  const file = await findFileMeta(db, actor, id);
  if (!file || (file.communityId !== null && file.communityId !== communityId)) {
    throw fieldError(path, 'unknown_file');
  }
  return file;
}

/** Publishes files to the residents of their community (e.g. attachments of a disclosure). */
export async function publishFiles(tx: Executor, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(files)
    .set({ visibility: 'community' })
    .where(
      sql`${files.id} in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
}

export function presentFile(row: FileMeta) {
  return {
    id: row.id,
    name: row.name,
    contentType: row.contentType as FileContentType,
    size: row.size,
    sm3: row.sm3,
    communityId: row.communityId,
    visibility: row.visibility as FileVisibility,
    createdAt: row.createdAt.toISOString(),
  };
}
