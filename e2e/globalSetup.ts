import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { webRoot } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { ensureDatabase, startEmbeddedPostgres } from '../src/server/db/embedded';
import { startAnju } from '../src/server/server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}

/**
 * Starts Anju the way `npm start` does (migrations, demo seed, jobs, the built web app) on a
 * throwaway embedded PostgreSQL and a free port. The web app must be built first (`npm test` does).
 */
export default async function setup(project: TestProject) {
  if (!existsSync(join(webRoot, 'index.html')))
    throw new Error('dist/web is missing: run `npx vite build` first');
  const dir = mkdtempSync(join(tmpdir(), 'anju-e2e-pg-'));
  const pg = await startEmbeddedPostgres({ dir, persistent: false });
  const url = await ensureDatabase(pg.url, 'anju_e2e');
  const config = loadConfig({ DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'silent', ANJU_MODE: 'demo' });
  const anju = await startAnju(config);
  project.provide('baseUrl', anju.address);
  project.provide('e2eDatabaseUrl', url);
  return async () => {
    await anju.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
