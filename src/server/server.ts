import { type BuildOptions, buildApp } from './app';
import { type Config, ConfigError } from './config';
import type { AppContext } from './context';
import { applyMigrations } from './db/migrate';
import { openDatabase } from './db/open';
import { seedDemo } from './demo/seed';
import { allJobs } from './jobs';
import { countDemoUsers } from './modules/auth/auth.repository';
import { isDatabaseEmpty } from './modules/org/org.repository';
import { startJobs } from './platform/jobs';
import { keysFrom } from './platform/keys';

export interface RunningAnju {
  address: string;
  ctx: AppContext;
  embedded: boolean;
  seeded: boolean;
  demoAccounts: number;
  stop(): Promise<void>;
}

/**
 * Config → database (embedded or DATABASE_URL) → migrations → demo seed when empty → production
 * checks → jobs → app → listen. Everything started is stopped again by `stop()`, in reverse.
 */
export async function startAnju(
  config: Config,
  log: (line: string) => void = () => {},
  extend?: BuildOptions['extend'],
): Promise<RunningAnju> {
  const opened = await openDatabase(config);
  log(opened.embedded ? `Embedded PostgreSQL: data in ${config.dataDir}/pg` : 'Using DATABASE_URL');
  const stops: (() => Promise<void>)[] = [() => opened.close()];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => console.error(err));
    stops.length = 0;
  };
  try {
    await applyMigrations(opened.database);
    const ctx: AppContext = {
      config,
      database: opened.database,
      db: opened.database.db,
      ...keysFrom(config),
    };
    let seeded = false;
    if (!config.production && config.ANJU_SEED === 'demo' && (await isDatabaseEmpty(ctx.db))) {
      log('Empty database: seeding the demo district 黄浦区 ...');
      await seedDemo(ctx, { password: config.ANJU_DEMO_PASSWORD });
      seeded = true;
    }
    const demoAccounts = await countDemoUsers(ctx.db);
    if (config.production && demoAccounts > 0) {
      throw new ConfigError(
        `ANJU_MODE=production refuses to start while ${demoAccounts} demo accounts exist. ` +
          'Remove them with `npm run anju -- user remove-demo`, or use a database without demo data.',
      );
    }
    if (config.ANJU_JOBS) {
      const jobs = await startJobs(ctx, allJobs);
      stops.push(() => jobs.stop());
    }
    const app = await buildApp(ctx, {
      logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
      extend,
    });
    stops.push(() => app.close());
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    return { address, ctx, embedded: opened.embedded, seeded, demoAccounts, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
