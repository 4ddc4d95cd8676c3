import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnAnju } from '../../../test/cli';
import { createTestDatabase } from '../../../test/db';
import type { Database } from '../db/client';

let database: Database & { drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('anju audit verify', () => {
  it('passes on an untouched log and reports what it checked', async () => {
    // a few more rows on chains of their own
    const created = await runCli(database, [
      'user',
      'create',
      '--username',
      'auditor',
      '--name',
      '审计',
      '--role',
      'district_leader',
      '--password',
      'Audit-Trail-2026',
    ]);
    expect(created.code).toBe(0);
    const rows = (await database.pool.query('select count(*)::int as n from audit_log')).rows[0].n;
    const r = await runCli(database, ['audit', 'verify']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Audit log intact: ${rows} rows in`);
  });

  it('fails with exit code 1 and names the first broken link after a row is altered with SQL', async () => {
    const target = await database.pool.query(
      "select chain, seq from audit_log where action = 'user.created' order by chain, seq limit 1 offset 2",
    );
    const { chain, seq } = target.rows[0];
    await database.pool.query('alter table audit_log disable trigger audit_log_no_update_delete');
    await database.pool.query(
      "update audit_log set after = jsonb_set(after, '{displayName}', '\"someone else\"') where chain = $1 and seq = $2",
      [chain, seq],
    );
    await database.pool.query('alter table audit_log enable trigger audit_log_no_update_delete');

    const r = await runCli(database, ['audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Audit log BROKEN');
    expect(r.stdout).toContain(`First broken link: chain ${chain}, seq ${seq}, reason hash_mismatch`);

    // the same through a real process: its exit code is what scripts and monitoring see
    const spawned = await spawnAnju(['audit', 'verify'], { DATABASE_URL: database.url });
    expect(spawned.code).toBe(1);
    expect(spawned.stdout).toContain(`First broken link: chain ${chain}, seq ${seq}, reason hash_mismatch`);
  });
});
