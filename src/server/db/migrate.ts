import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client';

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies the committed SQL migrations; an advisory lock keeps two starting instances from racing. */
export async function applyMigrations(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(7263001)');
    await migrate(database.db, { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7263001)').catch(() => {});
    client.release();
  }
}
