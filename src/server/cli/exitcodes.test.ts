import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnAnju as anju } from '../../../test/cli';
import { createTestDatabase } from '../../../test/db';
import type { Database } from '../db/client';
import { ensureDatabase, runningPostmaster, startEmbeddedPostgres } from '../db/embedded';

const dir = mkdtempSync(join(tmpdir(), 'anju-cli-exit-'));
// as root the embedded server runs as `postgres`, who must be able to reach its data below here
chmodSync(dir, 0o755);
const garbage = join(dir, 'garbage.sql');
writeFileSync(garbage, 'this is not an Anju backup\n');

let database: Database & { drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('exit codes of a real `anju` process on DATABASE_URL', () => {
  it('an unknown command exits 1', async () => {
    const r = await anju(['frobnicate'], { DATABASE_URL: database.url });
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.code).toBe(1);
  });

  it('restore of a missing file or of a file that is no backup exits 1 and names the file', async () => {
    const missing = await anju(['restore', join(dir, 'missing.sql')], { DATABASE_URL: database.url });
    expect(missing.stderr).toContain(`cannot read ${join(dir, 'missing.sql')}`);
    expect(missing.code).toBe(1);
    const bad = await anju(['restore', garbage, '--force'], { DATABASE_URL: database.url });
    expect(bad.stderr).toMatch(/^error: /m);
    expect(bad.code).toBe(1);
    // nothing was dropped: the demo district is still there
    const communities = await database.pool.query('select count(*)::int as n from community');
    expect(communities.rows[0].n).toBeGreaterThan(0);
  });

  it('user create with an unknown role exits 1 and names the option', async () => {
    const r = await anju(['user', 'create', '--username', 'x1', '--name', 'X', '--role', 'nobody'], {
      DATABASE_URL: database.url,
    });
    expect(r.stderr).toContain('--role');
    expect(r.code).toBe(1);
  });
});

// Without DATABASE_URL the CLI starts the embedded PostgreSQL itself, in its own process: the
// package's exit hook must not turn a failure into exit 0, and the server is stopped every time.
describe('exit codes of a real `anju` process on its own embedded PostgreSQL', { timeout: 120_000 }, () => {
  const dataDir = join(dir, 'data');
  const env = { ANJU_DATA_DIR: dataDir };
  const clusterDir = join(dataDir, 'pg', 'cluster');

  it('migrate exits 0 and leaves no PostgreSQL running', async () => {
    const r = await anju(['migrate'], env);
    expect(r.stderr).toContain(`Embedded PostgreSQL: data in ${dataDir}/pg`);
    expect(r.code).toBe(0);
    expect(runningPostmaster(clusterDir)).toBeNull();
  });

  it('two commands at once on two data folders both start their server and exit 0', async () => {
    // both find the preferred port free; the one that loses the race to bind it moves to another
    const [a, b] = await Promise.all([
      anju(['migrate'], { ANJU_DATA_DIR: join(dir, 'race-a') }),
      anju(['migrate'], { ANJU_DATA_DIR: join(dir, 'race-b') }),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
  });

  it('restore of a file that is no backup exits 1 and leaves no PostgreSQL running', async () => {
    const r = await anju(['restore', garbage], env);
    expect(r.stderr).toContain(`Embedded PostgreSQL: data in ${dataDir}/pg`);
    expect(r.stderr).toMatch(/^error: /m);
    expect(r.code).toBe(1);
    expect(runningPostmaster(clusterDir)).toBeNull();
  });

  it('audit verify exits 0 on an intact log and 1 after a row is altered', async () => {
    // the demo district, moved over by a backup and a restore, both exit 0
    const file = join(dir, 'demo.sql');
    const backup = await anju(['backup', '--out', file], { DATABASE_URL: database.url });
    expect(backup.code, backup.stderr).toBe(0);
    const restored = await anju(['restore', file, '--force'], env);
    expect(restored.stdout).toContain(`from ${file}`);
    expect(restored.code, restored.stderr).toBe(0);
    const intact = await anju(['audit', 'verify'], env);
    expect(intact.stdout).toContain('Audit log intact');
    expect(intact.code).toBe(0);

    const server = await startEmbeddedPostgres({ dir: join(dataDir, 'pg') });
    try {
      const client = new pg.Client({ connectionString: await ensureDatabase(server.url, 'anju') });
      await client.connect();
      await client.query('alter table audit_log disable trigger audit_log_no_update_delete');
      await client.query(
        "update audit_log set after = jsonb_set(after, '{displayName}', '\"someone else\"') where action = 'user.created'",
      );
      await client.query('alter table audit_log enable trigger audit_log_no_update_delete');
      await client.end();
    } finally {
      await server.stop();
    }

    const broken = await anju(['audit', 'verify'], env);
    expect(broken.stdout).toContain('Audit log BROKEN');
    expect(broken.code).toBe(1);
    expect(runningPostmaster(clusterDir)).toBeNull();
  });
});
