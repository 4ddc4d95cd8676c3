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
  boss.on('error', (err) => console.error('[jobs]', err.message));
  await boss.start();
  for (const def of definitions) {
    await boss.createQueue(def.name);
    if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'Asia/Shanghai' });
    if (opts.work ?? true) {
      await boss.work(def.name, async (jobs) => {
        for (const job of jobs) await def.run(ctx, job.data);
      });
    }
  }
  return {
    boss,
    send: (name, data = {}, options = {}) => boss.send(name, data, options),
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
