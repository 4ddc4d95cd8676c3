import type { TestProject } from 'vitest/node';
import { startSupervised } from './supervised';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

/**
 * One throwaway PostgreSQL for the whole run, with a template database that is migrated and
 * seeded with the demo district once; each test file clones it (test/db.ts). It runs in a
 * process of its own (test/supervisor.ts), which goes down with the run however the run ends.
 */
export default async function setup(project: TestProject) {
  const cluster = await startSupervised('cluster');
  project.provide('pgServerUrl', cluster.pgServerUrl);
  return () => cluster.stop();
}
