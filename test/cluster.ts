import { loadConfig } from '../src/server/config';
import type { AppContext } from '../src/server/context';
import { connect } from '../src/server/db/client';
import { ensureDatabase, startEmbeddedPostgres } from '../src/server/db/embedded';
import { applyMigrations } from '../src/server/db/migrate';
import { seedDemo } from '../src/server/demo/seed';
import { keysFrom } from '../src/server/platform/keys';

export const TEMPLATE_DB = 'anju_template';

/**
 * A test cluster is thrown away after the run, so it need not survive a crash of the machine:
 * no waiting for the disk on every commit (the demo seed alone runs ~1,000 transactions).
 */
export const THROWAWAY_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };
export const DEMO_PASSWORD = 'anju-demo';

export function testConfig(overrides: Record<string, string> = {}) {
  // sessions are not cached in tests: they change session rows behind the app's back
  return loadConfig({
    ANJU_MODE: 'demo',
    ANJU_JOBS: 'false',
    LOG_LEVEL: 'silent',
    ANJU_SESSION_CACHE_MS: '0',
    // test files report many cases as the one demo resident; the limit's own test sets it low
    RESIDENT_INTAKE_RATE_LIMIT: '10000',
    ...overrides,
  });
}

/** Starts a throwaway embedded PostgreSQL and builds the migrated, seeded template database. */
export async function startTestCluster(dir: string) {
  const server = await startEmbeddedPostgres({ dir, persistent: false, settings: THROWAWAY_SETTINGS });
  try {
    const templateUrl = await ensureDatabase(server.url, TEMPLATE_DB);
    const database = connect(templateUrl, 4);
    const config = testConfig();
    const ctx: AppContext = { config, database, db: database.db, ...keysFrom(config) };
    await applyMigrations(database);
    await seedDemo(ctx, { password: DEMO_PASSWORD });
    await database.close();
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { url: server.url, stop: () => server.stop() };
}
