import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Database } from '../src/server/db/client';
import { TEMPLATE_DB } from './cluster';

let counter = 0;

async function admin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test file: a copy of the migrated template with the demo district
 * (黄浦区, 70 communities, one account per role). Dropped by `drop()`.
 */
export async function createTestDatabase(
  opts: { template?: string } = {},
): Promise<Database & { drop(): Promise<void> }> {
  const serverUrl = inject('pgServerUrl');
  const name = `test_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  await admin(serverUrl, async (c) => {
    // a template may not be copied while another copy is being made from it (55006): wait for
    // that one, for up to a minute however busy the machine is
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await c.query(`create database ${name} template ${opts.template ?? TEMPLATE_DB}`);
        return;
      } catch (err) {
        if (Date.now() > deadline || (err as { code?: string }).code !== '55006') throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = connect(url.toString(), 10);
  return {
    ...database,
    drop: async () => {
      await database.close();
      await admin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** An empty database with no tables at all, for tests of migrations, seeding and restore. */
export async function createEmptyDatabase(): Promise<Database & { drop(): Promise<void> }> {
  return createTestDatabase({ template: 'template0' });
}
