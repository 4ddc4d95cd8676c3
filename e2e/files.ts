import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

/** A real JPEG photo on disk, for upload fields in browser tests. */
export async function photoFile(name = 'photo.jpg', colour = { r: 200, g: 120, b: 60 }): Promise<string> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
  const path = join(tmpdir(), `anju-e2e-${process.pid}-${name}`);
  writeFileSync(path, jpeg);
  return path;
}
