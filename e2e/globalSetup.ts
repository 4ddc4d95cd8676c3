import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { webRoot } from '../src/server/app';
import { startSupervised } from '../test/supervised';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}

/**
 * Starts Anju the way `npm start` does (migrations, demo seed, jobs, the built web app) on a
 * throwaway embedded PostgreSQL and a free port, in a process of its own (test/supervisor.ts) that
 * goes down with the run however the run ends. The web app must be built first (`npm test` does).
 */
export default async function setup(project: TestProject) {
  if (!existsSync(join(webRoot, 'index.html')))
    throw new Error('dist/web is missing: run `npx vite build` first');
  const anju = await startSupervised('app');
  project.provide('baseUrl', anju.baseUrl!);
  project.provide('e2eDatabaseUrl', anju.databaseUrl!);
  return () => anju.stop();
}
