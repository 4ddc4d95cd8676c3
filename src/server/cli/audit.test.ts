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
    expect(r.stdout).toContain(`Audit log intact: ${rows.toLocaleString('en-US')} rows in`);
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

  // each on an untouched copy of the demo database, so the tampering is the first break there is
  for (const [what, sql, reason] of [
    [
      'two rows are swapped',
      'update audit_log set seq = case seq when 5 then 6 else 5 end where chain = $1 and seq in (5, 6)',
      'link_mismatch',
    ],
    ['a row is deleted', 'delete from audit_log where chain = $1 and seq = 5', 'gap'],
  ] as const) {
    it(`fails with exit code 1 and names seq 5 when ${what}`, async () => {
      const copy = await createTestDatabase();
      try {
        const chain = (
          await copy.pool.query('select chain from audit_chain where seq >= 10 order by chain limit 1')
        ).rows[0].chain as number;
        await copy.pool.query('alter table audit_log disable trigger audit_log_no_update_delete');
        // swapping two keys in one statement needs the primary key checked at the end of it
        await copy.pool.query('alter table audit_log drop constraint audit_log_chain_seq_pk');
        await copy.pool.query(sql, [chain]);
        await copy.pool.query('alter table audit_log enable trigger audit_log_no_update_delete');
        const r = await runCli(copy, ['audit', 'verify']);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain(`First broken link: chain ${chain}, seq 5, reason ${reason}`);
      } finally {
        await copy.drop();
      }
    });
  }
});
