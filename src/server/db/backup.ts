import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrationsFolder } from './migrate';

// A backup is plain SQL in the shape of `pg_dump --no-owner` output, so `psql -f` loads it too:
// header SETs, the schema as the applied migration files, one COPY block per table in foreign-key
// order, then the sequence positions. pg-boss's schema (transient jobs) is left out.

export const BACKUP_SCHEMAS = ['public', 'drizzle'] as const;

export interface BackupSummary {
  migrations: number;
  tables: number;
  rows: number;
}

interface Migration {
  tag: string;
  when: number;
  sql: string;
}

/** The journal's migrations that are applied in the database, checked by hash, in journal order. */
async function appliedMigrations(client: pg.PoolClient): Promise<Migration[]> {
  const table = await client.query("select to_regclass('drizzle.__drizzle_migrations') as t");
  if (!table.rows[0].t) throw new BackupError('the database has no migrations applied: nothing to back up');
  const applied = (
    await client.query<{ hash: string; created_at: string }>(
      'select hash, created_at::text from drizzle.__drizzle_migrations order by created_at',
    )
  ).rows;
  const journal: { entries: { tag: string; when: number }[] } = JSON.parse(
    readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  );
  const byWhen = new Map(journal.entries.map((e) => [String(e.when), e]));
  return applied.map((row) => {
    const entry = byWhen.get(row.created_at);
    if (!entry)
      throw new BackupError(
        `the database has a migration (created_at ${row.created_at}) that this version of Anju does not know`,
      );
    const sql = readFileSync(join(migrationsFolder, `${entry.tag}.sql`), 'utf8');
    if (createHash('sha256').update(sql).digest('hex') !== row.hash)
      throw new BackupError(`migration ${entry.tag} differs from the one applied in the database`);
    return { tag: entry.tag, when: entry.when, sql };
  });
}

export class BackupError extends Error {}

/** Statement-breakpoint markers removed; every statement ends with a semicolon. */
export function migrationScript(sql: string): string {
  return sql
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.endsWith(';') ? s : `${s};`))
    .join('\n\n');
}

interface TableInfo {
  schema: string;
  name: string;
  /** schema-qualified, quoted where needed */
  qualified: string;
  columns: string[];
}

/** Tables of the backed-up schemas, parents before the tables whose foreign keys point at them. */
async function tablesInLoadOrder(client: pg.PoolClient): Promise<TableInfo[]> {
  const tables = await client.query<{
    oid: number;
    schema: string;
    name: string;
    qualified: string;
    columns: string[];
  }>(
    `select c.oid::int, n.nspname as schema, c.relname as name,
            quote_ident(n.nspname) || '.' || quote_ident(c.relname) as qualified,
            array(select quote_ident(a.attname) from pg_attribute a
                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                   order by a.attnum) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1) and c.relkind = 'r' and c.relpersistence <> 't'
      order by n.nspname, c.relname`,
    [BACKUP_SCHEMAS],
  );
  const refs = await client.query<{ child: number; parent: number }>(
    `select conrelid::int as child, confrelid::int as parent from pg_constraint
      where contype = 'f' and conrelid <> confrelid`,
  );
  const byOid = new Map(tables.rows.map((t) => [t.oid, t]));
  const parents = new Map<number, Set<number>>();
  for (const r of refs.rows) {
    if (!byOid.has(r.child) || !byOid.has(r.parent)) continue;
    if (!parents.has(r.child)) parents.set(r.child, new Set());
    parents.get(r.child)!.add(r.parent);
  }
  const ordered: TableInfo[] = [];
  const done = new Set<number>();
  const visiting = new Set<number>();
  const visit = (oid: number) => {
    if (done.has(oid)) return;
    if (visiting.has(oid)) {
      throw new BackupError(
        `foreign keys form a cycle through ${byOid.get(oid)!.qualified}: no load order exists`,
      );
    }
    visiting.add(oid);
    for (const p of parents.get(oid) ?? []) visit(p);
    visiting.delete(oid);
    done.add(oid);
    const t = byOid.get(oid)!;
    ordered.push({ schema: t.schema, name: t.name, qualified: t.qualified, columns: t.columns });
  };
  for (const t of tables.rows) visit(t.oid);
  return ordered;
}

function writer(out: Writable) {
  return (chunk: string | Buffer): Promise<void> | undefined => {
    if (out.write(chunk)) return undefined;
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        out.off('drain', onDrain);
        reject(err);
      };
      const onDrain = () => {
        out.off('error', onError);
        resolve();
      };
      out.once('drain', onDrain);
      out.once('error', onError);
    });
  };
}

function countNewlines(chunk: Buffer): number {
  let n = 0;
  let i = chunk.indexOf(10);
  while (i !== -1) {
    n++;
    i = chunk.indexOf(10, i + 1);
  }
  return n;
}

/**
 * Writes a consistent snapshot of the database (one repeatable-read transaction) to `out`.
 * The caller ends `out`.
 */
export async function writeBackup(
  pool: pg.Pool,
  out: Writable,
  opts: { producer: string; onTable?: (table: string, rows: number) => void },
): Promise<BackupSummary> {
  const client = await pool.connect();
  const write = writer(out);
  try {
    await client.query('begin isolation level repeatable read read only');
    const version = (await client.query('show server_version')).rows[0].server_version as string;
    const migrations = await appliedMigrations(client);
    const tables = await tablesInLoadOrder(client);

    await write(
      [
        '--',
        '-- PostgreSQL database dump',
        '--',
        '',
        `-- Dumped from database version ${version}`,
        `-- Dumped by ${opts.producer}`,
        `-- Taken at ${new Date().toISOString()}`,
        '',
        'SET statement_timeout = 0;',
        'SET lock_timeout = 0;',
        'SET idle_in_transaction_session_timeout = 0;',
        "SET client_encoding = 'UTF8';",
        'SET standard_conforming_strings = on;',
        // pg_dump clears the search path and qualifies every name; the migrations name their
        // tables unqualified, so they are created in public
        "SELECT pg_catalog.set_config('search_path', 'public', false);",
        'SET check_function_bodies = false;',
        'SET xmloption = content;',
        'SET client_min_messages = warning;',
        'SET row_security = off;',
        '',
        '--',
        '-- Name: drizzle; Type: SCHEMA',
        '--',
        '',
        'CREATE SCHEMA IF NOT EXISTS drizzle;',
        '',
        'CREATE TABLE drizzle.__drizzle_migrations (',
        '    id SERIAL PRIMARY KEY,',
        '    hash text NOT NULL,',
        '    created_at bigint',
        ');',
        '',
        '',
      ].join('\n'),
    );
    for (const m of migrations) {
      await write(`--\n-- Migration: ${m.tag}\n--\n\n${migrationScript(m.sql)}\n\n\n`);
    }

    let rows = 0;
    for (const t of tables) {
      await write(
        `--\n-- Data for Name: ${t.name}; Type: TABLE DATA; Schema: ${t.schema}\n--\n\n` +
          `COPY ${t.qualified} (${t.columns.join(', ')}) FROM stdin;\n`,
      );
      const stream = client.query(copyTo(`COPY ${t.qualified} (${t.columns.join(', ')}) TO STDOUT`));
      let tableRows = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        tableRows += countNewlines(chunk);
        await write(chunk);
      }
      await write('\\.\n\n\n');
      rows += tableRows;
      opts.onTable?.(`${t.schema}.${t.name}`, tableRows);
    }

    const sequences = await client.query<{ name: string }>(
      `select quote_ident(schemaname) || '.' || quote_ident(sequencename) as name
         from pg_sequences where schemaname = any($1) order by schemaname, sequencename`,
      [BACKUP_SCHEMAS],
    );
    if (sequences.rowCount) await write('--\n-- Sequence positions\n--\n\n');
    for (const { name } of sequences.rows) {
      // pg_sequences shows no value for a sequence set with is_called = false: read it directly
      const position = await client.query<{ last_value: string; is_called: boolean }>(
        `select last_value::text, is_called from ${name}`,
      );
      const { last_value, is_called } = position.rows[0]!;
      await write(
        `SELECT pg_catalog.setval('${name.replaceAll("'", "''")}', ${last_value}, ${is_called});\n`,
      );
    }
    await write('\n--\n-- PostgreSQL database dump complete\n--\n\n');
    await client.query('commit');
    return { migrations: migrations.length, tables: tables.length, rows };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Relations in the schemas a restore writes; a restore refuses to load over any of them. */
export async function relationsInBackupSchemas(pool: pg.Pool | pg.PoolClient): Promise<number> {
  const r = await pool.query(
    `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
    [BACKUP_SCHEMAS],
  );
  return r.rows[0].n;
}

const COPY_LINE = /^COPY\s+(.+)\s+FROM\s+stdin;\s*$/i;
const END_OF_COPY = '\\.';

/**
 * Loads a backup into an empty database in one transaction: all of it or nothing. With `force`,
 * the public and drizzle schemas are dropped and recreated first. SQL between the COPY blocks is
 * sent as it stands; the rows of each COPY block are streamed with COPY FROM STDIN.
 */
export async function restoreBackup(
  pool: pg.Pool,
  input: Readable,
  opts: { force?: boolean; onTable?: (table: string, rows: number) => void } = {},
): Promise<{ tables: number; rows: number }> {
  const client = await pool.connect();
  try {
    const existing = await relationsInBackupSchemas(client);
    if (existing > 0 && !opts.force) {
      throw new BackupError(
        `the database is not empty (${existing} tables, views or sequences in ${BACKUP_SCHEMAS.join(' and ')}); ` +
          'restore into an empty database, or use --force to drop and recreate those schemas',
      );
    }
    await client.query('begin');
    if (opts.force) {
      await client.query('drop schema if exists drizzle cascade; drop schema if exists public cascade');
      await client.query('create schema public');
      // give public back the owner and grants a new database has (PostgreSQL 15+)
      await client.query('savepoint public_owner');
      try {
        await client.query(
          'alter schema public owner to pg_database_owner; grant usage on schema public to public',
        );
      } catch {
        await client.query('rollback to savepoint public_owner');
      }
    }

    let sql: string[] = [];
    let copy: {
      stream: Writable;
      table: string;
      rows: number;
      batch: Buffer[];
      size: number;
      done: Promise<void>;
    } | null = null;
    let tables = 0;
    let rows = 0;
    let pending: Buffer | null = null;

    const flushSql = async () => {
      const text = sql.join('\n');
      sql = [];
      if (text.trim()) await client.query(text);
    };
    const flushBatch = async () => {
      if (!copy || copy.batch.length === 0) return;
      const chunk = Buffer.concat(copy.batch);
      copy.batch = [];
      copy.size = 0;
      await writer(copy.stream)(chunk);
    };
    const line = async (buf: Buffer) => {
      if (copy) {
        if (buf.length === 2 && buf.toString('latin1') === END_OF_COPY) {
          await flushBatch();
          copy.stream.end();
          await copy.done;
          opts.onTable?.(copy.table, copy.rows);
          tables++;
          rows += copy.rows;
          copy = null;
          return;
        }
        copy.batch.push(buf, NEWLINE);
        copy.size += buf.length + 1;
        copy.rows++;
        if (copy.size >= 256 * 1024) await flushBatch();
        return;
      }
      const text = buf.toString('utf8');
      const match = COPY_LINE.exec(text);
      if (match) {
        await flushSql();
        const stream = client.query(copyFrom(text.replace(/;\s*$/, '')));
        const done = new Promise<void>((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
        });
        // an error surfaces on the next write or at the end
        done.catch(() => {});
        copy = { stream, table: match[1]!.split(/\s*\(/)[0]!, rows: 0, batch: [], size: 0, done };
        return;
      }
      sql.push(text);
    };

    for await (const chunk of input as AsyncIterable<Buffer>) {
      let data: Buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
      pending = null;
      let start = 0;
      let nl = data.indexOf(10, start);
      while (nl !== -1) {
        await line(data.subarray(start, nl));
        start = nl + 1;
        nl = data.indexOf(10, start);
      }
      if (start < data.length) pending = Buffer.from(data.subarray(start));
      data = Buffer.alloc(0);
    }
    if (pending) await line(pending);
    if (copy) throw new BackupError(`the file ends inside the data of ${(copy as { table: string }).table}`);
    await flushSql();
    await client.query('commit');
    return { tables, rows };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    // the session's settings (search path ...) were changed by the file: do not reuse it
    client.release(true);
  }
}

const NEWLINE = Buffer.from('\n');
