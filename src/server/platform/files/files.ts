import { createHash } from 'node:crypto';
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import {
  type FileContentType,
  type FileView,
  type FileVisibility,
  MAX_FILE_BYTES,
} from '../../../contracts/files';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../access';
import { recordAudit } from '../audit/audit';
import { AppError, fieldError } from '../errors';
import { files } from './files.table';

declare module '../audit/audit' {
  interface AuditEvents {
    'file.uploaded': { after: FileView };
  }
}

export { MAX_FILE_BYTES };
export type FileRow = typeof files.$inferSelect;

/** The type of a file from its first bytes; null for anything that is not JPEG, PNG, WebP or PDF. */
export function sniffMime(buf: Buffer): FileContentType | null {
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
export const fileTypeRefused = () => fieldError('body.file', 'file_type');
export const fileCorrupt = () => fieldError('body.file', 'file_corrupt');
export const fileMissing = () => fieldError('body.file', 'file_required');

const THUMB_WIDTH = 320;

/** A 320-pixel-wide WebP preview; refuses an image that does not decode. */
async function thumbnailOf(content: Buffer): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  try {
    return await sharp(content, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
  } catch {
    throw fileCorrupt();
  }
}

export interface CheckedFile {
  name: string;
  mime: FileContentType;
  size: number;
  sha256: string;
  content: Buffer;
  thumbnail: Buffer | null;
}

/** Checks an upload by content and size, and makes its thumbnail. Nothing is written. */
export async function checkUpload(name: string, content: Buffer): Promise<CheckedFile> {
  if (content.length === 0) throw fileMissing();
  if (content.length > MAX_FILE_BYTES) throw fileTooLarge();
  const mime = sniffMime(content);
  if (!mime) throw fileTypeRefused();
  const thumbnail = mime === 'application/pdf' ? null : await thumbnailOf(content);
  return {
    name: name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'file',
    mime,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
    thumbnail,
  };
}

/**
 * Reads the one file of a multipart request into memory, refusing anything over `maxBytes`.
 * The route's plugin must have registered @fastify/multipart.
 */
export async function readUpload(
  request: FastifyRequest,
  maxBytes = MAX_FILE_BYTES,
): Promise<{ filename: string; buffer: Buffer }> {
  if (!request.isMultipart()) throw new AppError('request.unsupported_media_type', 415);
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    throw fileMissing();
  }
  if (!part) throw fileMissing();
  try {
    return { filename: part.filename || 'file', buffer: await part.toBuffer() };
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
  mime: files.mime,
  size: files.size,
  sha256: files.sha256,
  visibility: files.visibility,
  createdBy: files.createdBy,
  createdAt: files.createdAt,
  hasThumbnail: sql<boolean>`${files.thumbnail} is not null`,
};
export interface FileMeta {
  id: number;
  streetId: number | null;
  communityId: number | null;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  visibility: string;
  createdBy: number | null;
  createdAt: Date;
  hasThumbnail: boolean;
}

export function presentFile(row: Omit<FileMeta, 'createdBy' | 'streetId'>): FileView {
  return {
    fileId: row.id,
    name: row.name,
    mime: row.mime as FileContentType,
    size: row.size,
    sha256: row.sha256,
    hasThumbnail: row.hasThumbnail,
    communityId: row.communityId,
    visibility: row.visibility as FileVisibility,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Stores a checked file; the caller audits it with the record it belongs to, or uses `storeUpload`. */
export async function storeFile(
  db: Executor,
  f: CheckedFile,
  createdBy: number | null,
  streetId: number | null,
  place: { communityId?: number | null; visibility?: FileVisibility } = {},
): Promise<number> {
  const rows = await db
    .insert(files)
    .values({
      ...f,
      createdBy,
      streetId,
      communityId: place.communityId ?? null,
      visibility: place.visibility ?? 'staff',
    })
    .returning({ id: files.id });
  return rows[0]!.id;
}

/** Stores an upload and audits it (without its bytes), in the caller's transaction. */
export async function storeUpload(
  tx: Executor,
  actor: Actor,
  f: CheckedFile,
  place: { streetId: number | null; communityId: number | null },
): Promise<FileView> {
  const id = await storeFile(tx, f, actor.userId, place.streetId, { communityId: place.communityId });
  const meta = (await tx.select(metaColumns).from(files).where(eq(files.id, id)))[0]!;
  const view = presentFile(meta);
  await recordAudit(tx, actor.audit, {
    action: 'file.uploaded',
    entityType: 'file',
    entityId: id,
    streetId: place.streetId,
    after: view,
  });
  return view;
}

/** Files the actor may read: staff of the place, residents for files published to them, the uploader. */
export function fileScope(actor: Actor): SQL {
  const cols = { streetId: files.streetId, communityId: files.communityId };
  return or(
    scopeFilter(actor, 'files.read', cols),
    and(scopeFilter(actor, 'files.read_public', cols), eq(files.visibility, 'community')),
    eq(files.createdBy, actor.userId),
  )!;
}

export async function findFileMeta(db: Executor, actor: Actor, id: number): Promise<FileMeta | undefined> {
  const rows = await db
    .select(metaColumns)
    .from(files)
    .where(and(eq(files.id, id), fileScope(actor)));
  return rows[0];
}

/** The bytes (or thumbnail) of a file, without access checks: callers check the record it belongs to. */
export function fileContent(db: Executor, id: number, thumbnail = false) {
  return db
    .select({ mime: files.mime, name: files.name, content: thumbnail ? files.thumbnail : files.content })
    .from(files)
    .where(eq(files.id, id))
    .then((r) => r[0] ?? null);
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
  if (!file || (file.communityId !== null && file.communityId !== communityId))
    throw fieldError(path, 'unknown_file');
  return file;
}

/**
 * Publishes files to the residents of their community (e.g. attachments of a disclosure). Files
 * uploaded without a place take the record's, so the residents of that community can read them.
 */
export async function publishFiles(
  tx: Executor,
  ids: readonly number[],
  place?: { streetId: number; communityId: number },
): Promise<void> {
  if (!ids.length) return;
  await tx
    .update(files)
    .set({
      visibility: 'community',
      ...(place
        ? {
            streetId: sql`coalesce(${files.streetId}, ${place.streetId})`,
            communityId: sql`coalesce(${files.communityId}, ${place.communityId})`,
          }
        : {}),
    })
    .where(inArray(files.id, [...ids]));
}

/** Sets the place of files once they are attached to a record of that street. */
export async function placeFiles(db: Executor, ids: number[], streetId: number) {
  if (ids.length) await db.update(files).set({ streetId }).where(inArray(files.id, ids));
}
