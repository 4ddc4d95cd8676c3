import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';

// bigint (int8) as JS number: ids, counts and fen amounts stay far below 2^53 (90 trillion yuan).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// dates (not timestamps) stay 'YYYY-MM-DD' strings: a calendar day has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = NodePgDatabase<Record<string, never>>;
/** The database or a transaction: what repositories take. */
export type Executor = PgDatabase<NodePgQueryResultHKT, Record<string, never>>;

export interface Database {
  pool: pg.Pool;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export function connect(url: string, max = 20): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'anju' });
  // an idle client that loses its server must not crash the process
  pool.on('error', () => {});
  const db = drizzle({ client: pool, casing: 'snake_case' }) as Db;
  return { pool, db, url, close: () => pool.end() };
}
