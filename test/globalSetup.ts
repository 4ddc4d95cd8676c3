import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestCluster, TEMPLATE_DB } from './cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

/**
 * One throwaway PostgreSQL for the whole run, with a template database that is migrated and
 * seeded with the demo district once; each test file clones it (test/db.ts).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'anju-test-pg-'));
  const cluster = await startTestCluster(dir);
  project.provide('pgServerUrl', cluster.url);
  return async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

export { TEMPLATE_DB };
