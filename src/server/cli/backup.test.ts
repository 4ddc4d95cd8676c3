import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationCount, rowCounts, runCli } from '../../../test/cli';
import { createEmptyDatabase, createTestDatabase } from '../../../test/db';
import { migrationScript } from '../db/backup';
import type { Database } from '../db/client';

type TestDatabase = Database & { drop(): Promise<void> };
let source: TestDatabase;
let target: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'anju-backup-'));
const file = join(dir, 'anju.sql');

beforeAll(async () => {
  source = await createTestDatabase();
  target = await createEmptyDatabase();
});
afterAll(async () => {
  await source.drop();
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A digest of every row of every table, and the position of every sequence. */
async function fingerprint(database: Database) {
  const out: Record<string, string> = {};
  const tables = await database.pool.query(
    `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name, c.relkind from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'S') order by 1`,
  );
  for (const { name, relkind } of tables.rows) {
    const q =
      relkind === 'S'
        ? `select last_value || '/' || is_called as d from ${name}`
        : `select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as d from ${name} t`;
    out[name] = (await database.pool.query(q)).rows[0].d;
  }
  return out;
}

describe('anju backup and restore', () => {
  it('round-trips every table, sequence and the audit chain into an empty database', async () => {
    // something beyond the seed: a user created through the CLI, with its audit row
    const created = await runCli(source, [
      'user',
      'create',
      '--username',
      'backup_officer',
      '--name',
      '备份',
      '--role',
      'committee',
      '--committee',
      '瞿溪居民区',
      '--password',
      'Restore-Drill-2026',
    ]);
    expect(created.code).toBe(0);

    const backup = await runCli(source, ['backup', '--out', file]);
    expect(backup.stderr).not.toMatch(/error/);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(
      new RegExp(`Backup written to .*anju\\.sql: ${migrationCount} migrations, \\d+ tables`),
    );
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^--\n-- PostgreSQL database dump\n/);
    expect(text).toContain('COPY public.audit_log (chain, seq, at,');
    expect(text).toContain("SELECT pg_catalog.setval('public.unit_id_seq'");
    expect(text).not.toContain('statement-breakpoint');
    expect(text).not.toContain('pgboss');

    const restored = await runCli(target, ['restore', file]);
    expect(restored.stderr).not.toMatch(/error/);
    expect(restored.code).toBe(0);
    expect(await rowCounts(target)).toEqual(await rowCounts(source));
    expect(await fingerprint(target)).toEqual(await fingerprint(source));
    const verify = await runCli(target, ['audit', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('Audit log intact');

    // the restored database is usable: migrations are recorded, identities continue
    expect((await runCli(target, ['migrate'])).stdout).toContain(`up to date (${migrationCount} migrations)`);
    const next = await runCli(target, [
      'user',
      'create',
      '--username',
      'after_restore',
      '--name',
      '恢复',
      '--role',
      'inspector',
      '--password',
      'Restore-Drill-2026',
    ]);
    expect(next.code).toBe(0);
    expect((await runCli(target, ['audit', 'verify'])).code).toBe(0);
  });

  it('refuses to restore over data unless --force, then replaces it', async () => {
    const before = await rowCounts(target);
    const refused = await runCli(target, ['restore', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the database is not empty .*--force/);
    expect(await rowCounts(target)).toEqual(before);

    const forced = await runCli(target, ['restore', file, '--force']);
    expect(forced.code).toBe(0);
    expect(await rowCounts(target)).toEqual(await rowCounts(source));
    expect((await runCli(target, ['audit', 'verify'])).code).toBe(0);
  });

  it('removes statement breakpoints and ends every statement', () => {
    expect(
      migrationScript('CREATE TABLE a (x int);\n--> statement-breakpoint\nCREATE INDEX i ON a (x)'),
    ).toBe('CREATE TABLE a (x int);\n\nCREATE INDEX i ON a (x);');
  });
});
