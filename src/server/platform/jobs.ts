import PgBoss from 'pg-boss';
import type { AppContext } from '../context';

/**
 * A background job run by pg-boss on the same PostgreSQL, so any number of app instances can run
 * side by side and each scheduled run happens once.
 */
export interface JobDefinition {
  name: string;
  /** cron in Asia/Shanghai; absent for jobs that are only sent */
  cron?: string;
  /**
   * Run again this many seconds after each run ends, on whichever instance is free (at most one
   * queued and one running at a time); a once-a-minute schedule restarts the chain if it breaks.
   */
  everySeconds?: number;
  run: (ctx: AppContext, data: unknown) => Promise<unknown>;
}

export interface Jobs {
  boss: PgBoss;
  send(name: string, data?: object, options?: PgBoss.SendOptions): Promise<string | null>;
  stop(): Promise<void>;
}

export async function startJobs(
  ctx: AppContext,
  definitions: JobDefinition[],
  opts: { work?: boolean } = {},
): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: ctx.database.url,
    schema: 'pgboss',
    max: 4,
    application_name: 'anju-jobs',
  });
  boss.on('error', (err) => {
    // PostgreSQL shutting down (57P01): Ctrl-C reaches the embedded server too, while we stop
    if ((err as { code?: string }).code === '57P01') return;
    console.error('[jobs]', err.message);
  });
  await boss.start();
  for (const def of definitions) {
    const every = def.everySeconds;
    await boss.createQueue(
      def.name,
      every ? { name: def.name, policy: 'stately', retryLimit: 0 } : undefined,
    );
    const cron = def.cron ?? (every ? '* * * * *' : undefined);
    if (cron) await boss.schedule(def.name, cron, {}, { tz: 'Asia/Shanghai' });
    if (opts.work ?? true) {
      await boss.work(
        def.name,
        every ? { pollingIntervalSeconds: Math.max(0.5, every / 2) } : {},
        async (jobs) => {
          try {
            for (const job of jobs) await def.run(ctx, job.data);
          } finally {
            if (every) await boss.send(def.name, {}, { startAfter: every }).catch(() => null);
          }
        },
      );
      if (every) await boss.send(def.name, {}).catch(() => null);
    }
  }
  return {
    boss,
    send: (name, data = {}, options = {}) => boss.send(name, data, options),
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
