import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

let folder: string | undefined;

/** One temporary folder per test process, removed when the process exits. */
function fixtures(): string {
  if (!folder) {
    const made = mkdtempSync(join(tmpdir(), 'anju-e2e-'));
    folder = made;
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return folder;
}

/** A real JPEG photo on disk, for upload fields in browser tests. */
export async function photoFile(name = 'photo.jpg', colour = { r: 200, g: 120, b: 60 }): Promise<string> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
  const path = join(fixtures(), name);
  writeFileSync(path, jpeg);
  return path;
}
