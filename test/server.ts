import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * `npm start` as a real process on a data folder: Anju and its embedded PostgreSQL. The process is
 * the leader of its own process group and PostgreSQL (spawned by it) is in that group, so
 * `kill('SIGKILL')` takes both down at the same instant, as a power cut or the OOM killer would.
 */
export interface AnjuProcess {
  baseUrl: string;
  child: ChildProcess;
  /** the postmaster's pid (from postmaster.pid) */
  postmaster: number;
  output(): string;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
}

export async function startAnjuProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<AnjuProcess> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts')], {
    cwd: root,
    detached: true,
    env: {
      ...base,
      ANJU_MODE: 'demo',
      ANJU_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      ANJU_JOBS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => {
    output += c;
  });
  child.stderr!.on('data', (c) => {
    output += c;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Anju did not start in 90 s:\n${output}`)), 90_000);
    const onData = () => {
      const m = /Anju is running at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Anju exited with ${code} before it started:\n${output}`));
    });
  });
  const postmaster = Number(
    readFileSync(join(dataDir, 'pg', 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  return {
    baseUrl,
    child,
    postmaster,
    output: () => output,
    kill: (signal) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group is gone already
      }
    },
    exited,
  };
}

export function isRunning(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
}

/** A connection URL of the embedded cluster in `dataDir` while it runs. */
export function clusterUrl(dataDir: string, database = 'anju'): string {
  const dir = join(dataDir, 'pg');
  const password = readFileSync(join(dir, 'password'), 'utf8').trim();
  const port = Number(readFileSync(join(dir, 'cluster', 'postmaster.pid'), 'utf8').split('\n')[3]);
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

export async function withPool<T>(url: string, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers of many shapes, read by tests
  json(): any;
}

/** One HTTP request over `agent` (which decides how many connections there are). */
export function httpRequest(
  agent: http.Agent,
  url: string,
  opts: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      url,
      {
        agent,
        method: opts.method ?? 'GET',
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(opts.headers ?? {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Signs in with a password over HTTP: the cookie and CSRF header to send with writes. */
export async function signIn(agent: http.Agent, baseUrl: string, username: string, password = 'anju-demo') {
  const res = await httpRequest(agent, `${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    body: { username, password },
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body}`);
  const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  return { cookie, 'x-csrf-token': res.json().csrfToken as string };
}
