import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { type EmbeddedServer, runningPostmaster, startEmbeddedPostgres } from './embedded';
import { openDatabase } from './open';

const dataDir = mkdtempSync(join(tmpdir(), 'anju-embedded-'));
// as root the server runs as `postgres`, who must be able to enter the directory
chmodSync(dataDir, 0o755);
let first: EmbeddedServer | undefined;

afterAll(async () => {
  await first?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function answers(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 as one')).rows[0].one;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('attaches to the server another process runs on the same data instead of starting a second one', async () => {
    first = await startEmbeddedPostgres({ dir: join(dataDir, 'pg') });
    expect(first.attached).toBe(false);
    const running = runningPostmaster(join(dataDir, 'pg', 'cluster'));
    expect(running?.port).toBe(first.port);

    const config = loadConfig({ ANJU_DATA_DIR: dataDir, ANJU_PG_PORT: String(first.port + 1) });
    const opened = await openDatabase(config, () => {}, { attach: true });
    expect(opened.attached).toBe(true);
    expect(new URL(opened.database.url).port).toBe(String(first.port));
    expect((await opened.database.pool.query('select current_database() as db')).rows[0].db).toBe('anju');
    await opened.close();

    // closing the attached connection leaves the server of the other process running
    expect(await answers(first.url)).toBe(1);
    await first.stop();
    first = undefined;
    expect(runningPostmaster(join(dataDir, 'pg', 'cluster'))).toBeNull();
  });

  it('ignores a stale postmaster.pid whose process is gone or is not PostgreSQL', () => {
    const cluster = join(dataDir, 'stale', 'cluster');
    mkdirSync(cluster, { recursive: true });
    writeFileSync(join(cluster, 'postmaster.pid'), `${2 ** 22 + 12345}\n${cluster}\n1700000000\n5999\n`);
    expect(runningPostmaster(cluster)).toBeNull();
    // a live pid that is not a postmaster (this test process) is a reused pid
    writeFileSync(join(cluster, 'postmaster.pid'), `${process.pid}\n${cluster}\n1700000000\n5999\n`);
    expect(runningPostmaster(cluster)).toBeNull();
    expect(runningPostmaster(join(dataDir, 'none'))).toBeNull();
  });
});
