import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type SupervisorMode = 'cluster' | 'app';

export type SupervisorMessage =
  | { type: 'ready'; pgServerUrl: string; baseUrl?: string; databaseUrl?: string }
  | { type: 'failed'; error: string }
  | { type: 'stop' };

type Ready = Extract<SupervisorMessage, { type: 'ready' }>;

const entry = fileURLToPath(new URL('./supervisor.ts', import.meta.url));

/** How long PostgreSQL and the app get to stop before the supervisor is killed. */
const STOP_GRACE_MS = 60_000;

/**
 * Forks `test/supervisor.ts`, which starts the embedded PostgreSQL (`cluster`: with the seeded
 * template database; `app`: with Anju running on it) in its own process, and waits until it is
 * ready. `stop()` asks it to stop everything and waits for it to exit.
 */
export async function startSupervised(mode: SupervisorMode): Promise<Ready & { stop(): Promise<void> }> {
  const child = fork(entry, [mode], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message: SupervisorMessage) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'failed') reject(new Error(`test database setup failed:\n${message.error}`));
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the test database process exited (${signal ?? code}) before it was ready`)),
    );
  });
  return { ...ready, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send({ type: 'stop' } satisfies SupervisorMessage);
  });
}
