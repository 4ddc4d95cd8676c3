import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { AppError } from '../errors';
import { files } from './files.table';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const allowedMimes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AllowedMime = (typeof allowedMimes)[number];

/** The type of a file from its first bytes; null for anything that is not JPEG, PNG, WebP or PDF. */
export function sniffMime(buf: Buffer): AllowedMime | null {
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
export const fileTypeRefused = () => new AppError('file.type_refused', 415);
export const fileCorrupt = () => new AppError('file.corrupt', 400);
export const fileMissing = () => new AppError('file.missing', 400);

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
  mime: AllowedMime;
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

export async function storeFile(
  db: Executor,
  f: CheckedFile,
  createdBy: number | null,
  streetId: number | null,
) {
  const rows = await db
    .insert(files)
    .values({ ...f, createdBy, streetId })
    .returning({ id: files.id });
  return rows[0]!.id;
}

export function fileMeta(db: Executor, id: number) {
  return db
    .select({
      id: files.id,
      streetId: files.streetId,
      name: files.name,
      mime: files.mime,
      size: files.size,
      sha256: files.sha256,
      createdBy: files.createdBy,
      hasThumbnail: sql<boolean>`${files.thumbnail} is not null`,
    })
    .from(files)
    .where(eq(files.id, id))
    .then((r) => r[0] ?? null);
}

export function fileContent(db: Executor, id: number, thumbnail = false) {
  return db
    .select({ mime: files.mime, name: files.name, content: thumbnail ? files.thumbnail : files.content })
    .from(files)
    .where(eq(files.id, id))
    .then((r) => r[0] ?? null);
}

/** Sets the place of files once they are attached to a record of that street. */
export async function placeFiles(db: Executor, ids: number[], streetId: number) {
  if (ids.length) await db.update(files).set({ streetId }).where(inArray(files.id, ids));
}
