import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { run } from '../src/server/cli/cli';
import type { Database } from '../src/server/db/client';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(append: (text: string) => void) {
  return new Writable({
    write(chunk, _encoding, done) {
      append(chunk.toString());
      done();
    },
  });
}

const bin = fileURLToPath(new URL('../bin/anju.mjs', import.meta.url));

/**
 * `npx anju <args>` as a real process, as an operator or a script runs it: its exit code is what
 * they see. DATABASE_URL comes only from `env` (without it the CLI starts the embedded server).
 */
export function spawnAnju(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    delete base.DATABASE_URL;
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...base, ANJU_MODE: 'demo', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs `anju <args>` in-process against `database`; `stdin` is what a pipe would hand it. */
export async function runCli(database: Database, args: string[], stdin?: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    stdin: Readable.from(stdin === undefined ? [] : [stdin]),
    env: { DATABASE_URL: database.url, ANJU_MODE: 'demo', LOG_LEVEL: 'silent' },
  });
  return { code, stdout, stderr };
}

/** Row counts of every table of the public and drizzle schemas. */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.pool.query(
    `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('public', 'drizzle') and c.relkind = 'r' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    counts[name] = (await database.pool.query(`select count(*)::int as n from ${name}`)).rows[0].n;
  }
  return counts;
}

/**
 * A checksum of every table of the public and drizzle schemas, computed in SQL (md5 over the rows'
 * text in a stable order), and the position of every sequence: equal fingerprints, equal data.
 */
export async function tableChecksums(pool: pg.Pool): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const tables = await pool.query(
    `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name, c.relkind from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'S') order by 1`,
  );
  for (const { name, relkind } of tables.rows) {
    const q =
      relkind === 'S'
        ? `select last_value || '/' || is_called as d from ${name}`
        : `select count(*) || ':' || md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as d from ${name} t`;
    out[name] = (await pool.query(q)).rows[0].d;
  }
  return out;
}

/** How many migrations the repository holds, so tests do not break when one is added. */
export const migrationCount: number = (
  JSON.parse(
    readFileSync(new URL('../src/server/db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
  ) as {
    entries: unknown[];
  }
).entries.length;
