import { ConfigError, loadConfig } from './config';
import { demoAccounts } from './demo/seed';
import { startAnju } from './server';

/** Process entry for `npm start`: start, print where and who, stop cleanly on Ctrl-C or SIGTERM. */
async function main() {
  const config = loadConfig();
  console.info(`Anju 安居 starting in ${config.ANJU_MODE} mode`);
  const anju = await startAnju(config, (line) => console.info(line));
  const shown = anju.address.replace('127.0.0.1', 'localhost');
  console.info(`\nAnju is running at ${shown}`);
  console.info(`  staff console  ${shown}/`);
  console.info(`  resident pages ${shown}/m`);
  console.info(`  API docs       ${shown}/api/docs`);
  if (anju.demoAccounts > 0) {
    console.info(`\nDemo accounts (password: ${config.ANJU_DEMO_PASSWORD}):`);
    for (const a of demoAccounts) console.info(`  ${a.username.padEnd(18)} ${a.description}`);
  }
  console.info('\nPress Ctrl-C to stop.');
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.info(`\n${signal}: stopping the web server and the database ...`);
      anju.stop().then(
        () => {
          console.info('Stopped.');
          process.exit(0);
        },
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? `\n${err.message}\n` : err);
  process.exit(1);
});
