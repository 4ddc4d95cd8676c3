import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { apiClientCreate, integrationChannels } from '../../contracts/integrations';
import { roles } from '../../contracts/roles';
import { type Config, ConfigError, loadConfig } from '../config';
import type { AppContext } from '../context';
import { BackupError, restoreBackup, writeBackup } from '../db/backup';
import { applyMigrations } from '../db/migrate';
import { openDatabase } from '../db/open';
import { CITY_TOTALS, citySize, seedCity } from '../demo/city';
import { demoAccounts, seedDemo } from '../demo/seed';
import { cityDistricts } from '../demo/shanghai';
import { rebuildKpiRollups } from '../modules/assessment/assessment.usecases';
import { createUser, removeDemoAccounts } from '../modules/auth/auth.usecases';
import {
  findApiClientByName,
  listApiClients as listAllApiClients,
} from '../modules/integrations/integrations.repository';
import { createApiClient, revokeApiClient } from '../modules/integrations/integrations.usecases';
import type { AuditActor } from '../platform/audit/audit';
import { verifyAuditChains } from '../platform/audit/audit.verify';
import { AppError } from '../platform/errors';
import { translator } from '../platform/i18n';
import { keysFrom } from '../platform/keys';
import { version } from '../platform/version';
import { CliError, type CliIo, promptNewPassword } from './io';
import { progressBars, rebuildProgress } from './progress';
import { isRole, type PlaceOptions, resolveRolePlace } from './user';

function cliActor(): AuditActor {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // no passwd entry for this uid (some containers)
  }
  return { userId: null, label: `cli:${who}` };
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('must be a whole number, 1 or more');
  return Number(value);
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number, 0 or more');
  return Number(value);
}

const count = (n: number) => n.toLocaleString('en-US');

/** A database session for one command: DATABASE_URL, or the embedded cluster (attached when running). */
async function withContext<T>(io: CliIo, config: Config, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const opened = await openDatabase(config, () => {}, { attach: true });
  io.stderr.write(
    opened.embedded
      ? opened.attached
        ? `Using the running embedded PostgreSQL (${config.dataDir}/pg)\n`
        : `Embedded PostgreSQL: data in ${config.dataDir}/pg\n`
      : 'Using DATABASE_URL\n',
  );
  try {
    return await fn({ config, database: opened.database, db: opened.database.db, ...keysFrom(config) });
  } finally {
    await opened.close();
  }
}

function appErrorText(err: AppError): string {
  const t = translator('en-US');
  if (err.fieldErrors?.length) {
    return err.fieldErrors
      .map((f) => `--${f.path.replace(/^body\./, '')}: ${t(`errors:${f.messageKey}`, f.params ?? {})}`)
      .join('\n');
  }
  const option = err.code === 'user.username_taken' ? '--username: ' : '';
  return `${option}${t(`errors:${err.code}`, err.params)}`;
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const out = (line = '') => io.stdout.write(`${line}\n`);
  const config = () => loadConfig(io.env);

  const program = new Command()
    .name('anju')
    .description('Anju 安居 command line: database, demo data, users, audit log, backups')
    .version(version)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError('(add --help for the options)');

  program
    .command('migrate')
    .description('apply the database migrations (safe to run again)')
    .action(async () => {
      await withContext(io, config(), async (ctx) => {
        const before = await appliedCount(ctx);
        await applyMigrations(ctx.database);
        const after = await appliedCount(ctx);
        out(
          after > before
            ? `Applied ${after - before} migration(s); ${after} in all.`
            : `The database is up to date (${after} migrations).`,
        );
      });
    });

  program
    .command('seed')
    .description(
      'seed demo data: the 黄浦区 demo district (empty database only), or with --scale city the other ' +
        `15 districts of Shanghai on top (${CITY_TOTALS.streets} streets, ~${count(CITY_TOTALS.committees)} committees, ` +
        `${count(CITY_TOTALS.communities)} communities, millions of units)`,
    )
    .addOption(
      new Option('--scale <scale>', 'demo district only, or the whole city')
        .choices(['demo', 'city'])
        .default('demo'),
    )
    .option('--districts <n>', `city: how many of the ${cityDistricts.length} other districts`, positiveInt)
    .option('--streets <n>', 'city: streets and towns added (default all 206)', positiveInt)
    .option('--committees <n>', 'city: neighbourhood committees added (default in proportion)', positiveInt)
    .option('--communities <n>', 'city: communities added (default 11,930)', wholeNumber)
    .option('--units-per-community <n>', 'city: about this many units per community on average', positiveInt)
    .action(async (opts) => {
      const cfg = config();
      if (cfg.production) throw new CliError('ANJU_MODE=production: demo data is not seeded in production');
      const sizeOptions = ['districts', 'streets', 'committees', 'communities', 'unitsPerCommunity'] as const;
      if (opts.scale === 'demo') {
        const given = sizeOptions.find((k) => opts[k] !== undefined);
        if (given)
          throw new CliError(
            `--${given.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies to --scale city only`,
          );
      }
      // check the sizes before touching the database
      let size: ReturnType<typeof citySize> | null = null;
      if (opts.scale === 'city') {
        try {
          size = citySize({
            districts: opts.districts,
            streets: opts.streets,
            committees: opts.committees,
            communities: opts.communities,
            unitsPerCommunity: opts.unitsPerCommunity,
          });
        } catch (err) {
          throw new CliError(`seed: ${(err as Error).message}`);
        }
      }
      await withContext(io, cfg, async (ctx) => {
        await applyMigrations(ctx.database);
        const districts = (await ctx.database.pool.query('select code, name from district order by id')).rows;
        if (opts.scale === 'demo' && districts.length) {
          throw new CliError(
            `the database is not empty (it holds ${districts.map((d) => d.name).join('、')}): ` +
              '`seed --scale demo` only seeds an empty database',
          );
        }
        if (!districts.length) {
          io.stderr.write('Seeding the demo district 黄浦区 ...\n');
          const counts = await seedDemo(ctx, { password: cfg.ANJU_DEMO_PASSWORD });
          out(`Demo district 黄浦区: ${describeCounts(counts)}`);
          out(
            `Demo accounts (password from ANJU_DEMO_PASSWORD): ${demoAccounts.map((a) => a.username).join(', ')}`,
          );
        }
        if (size) {
          const codes = new Set(districts.map((d) => d.code));
          const present = cityDistricts.slice(0, size.districts).find((d) => codes.has(d.code));
          if (present)
            throw new CliError(`the city data set is already there (${present.name} ${present.code})`);
          io.stderr.write(
            `Seeding ${size.districts} districts: ${count(size.streets)} streets, ${count(size.committees)} committees, ` +
              `${count(size.communities)} communities ...\n`,
          );
          const started = Date.now();
          const counts = await seedCity(ctx, size, progressBars(io));
          const seconds = (Date.now() - started) / 1000;
          out(`City data set added in ${seconds.toFixed(1)} s: ${describeCounts(counts)}`);
        }
      });
    });

  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description(
      'create a user account with one role at one place (the password is asked for when not given)',
    )
    .requiredOption('--username <username>', 'sign-in name (letters, digits, _ . -)')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role key').choices(roles).makeOptionMandatory())
    .option(
      '--district <district>',
      'district name, code or id (district-wide roles; default: the first district)',
    )
    .option('--street <street>', 'street name (e.g. 五里桥街道), code or id')
    .option('--committee <committee>', 'neighbourhood committee name, code or id')
    .option('--community <community>', 'community name, code or id')
    .option('--department <department>', 'department name, code or id')
    .option(
      '--organization <organization>',
      'organization name, credit code or id (property: a property company)',
    )
    .option('--unit <id>', 'unit id (resident)')
    .option('--password <password>', 'password (visible to other users of this machine: prefer the prompt)')
    .action(async (opts) => {
      const cfg = config();
      if (!isRole(opts.role)) throw new CliError(`--role: unknown role "${opts.role}"`);
      await withContext(io, cfg, async (ctx) => {
        const places: PlaceOptions = {
          district: opts.district,
          street: opts.street,
          committee: opts.committee,
          community: opts.community,
          department: opts.department,
          organization: opts.organization,
          unit: opts.unit,
        };
        const { assignment, description } = await resolveRolePlace(ctx.database.pool, opts.role, places);
        const password: string = opts.password ?? (await promptNewPassword(io));
        const created = await createUser(ctx.db, cliActor(), {
          username: opts.username,
          displayName: opts.name,
          password,
          roles: [assignment],
        });
        out(`Created user ${created.username} (id ${created.id}): ${description}`);
      });
    });

  user
    .command('remove-demo')
    .description('delete the demo accounts, so that ANJU_MODE=production may start')
    .action(async () => {
      await withContext(io, config(), async (ctx) => {
        const removed = await removeDemoAccounts(ctx.db, cliActor());
        if (!removed.length) return out('There are no demo accounts.');
        for (const r of removed)
          out(`${r.disabled ? 'Disabled (still referred to)' : 'Deleted'}: ${r.username}`);
        out(`${removed.length} demo account(s) removed.`);
      });
    });

  const apikey = program
    .command('apikey')
    .description('API keys of other systems: Open311 clients, the 12345 and 962121 hotlines');
  apikey
    .command('create')
    .description('register a client; its key (and callback secret) are printed once and stored hashed')
    .requiredOption('--name <name>', 'a name for the client, e.g. 12345-hotline')
    .addOption(
      new Option('--channel <channel>', 'what it files cases as')
        .choices(integrationChannels)
        .default('open311'),
    )
    .option('--callback-url <url>', 'where state changes of its cases are POSTed, signed (HMAC-SHA256)')
    .option('--rate-limit <n>', 'requests per minute (default API_KEY_RATE_LIMIT)', positiveInt)
    .action(async (opts) => {
      const input = apiClientCreate.safeParse({
        name: opts.name,
        channel: opts.channel,
        callbackUrl: opts.callbackUrl ?? null,
        rateLimitPerMinute: opts.rateLimit ?? null,
      });
      if (!input.success)
        throw new CliError(
          input.error.issues
            .map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: invalid`)
            .join('\n'),
        );
      await withContext(io, config(), async (ctx) => {
        const created = await createApiClient(ctx, cliActor(), input.data);
        out(
          `Created API client ${created.client.name} (id ${created.client.id}, ${created.client.channel}).`,
        );
        out(`API key (shown once, keep it secret): ${created.apiKey}`);
        if (created.callbackSecret) out(`Callback signing secret (shown once): ${created.callbackSecret}`);
      });
    });
  apikey
    .command('list')
    .description('list the clients (never their keys)')
    .action(async () => {
      await withContext(io, config(), async (ctx) => {
        const clients = await listAllApiClients(ctx.db);
        if (!clients.length) return out('There are no API clients.');
        for (const c of clients)
          out(
            `${c.id}\t${c.name}\t${c.channel}\t${c.keyPrefix}…\t${c.revokedAt ? 'revoked' : 'active'}\t${c.callbackUrl ?? '-'}`,
          );
      });
    });
  apikey
    .command('revoke')
    .description('revoke a client key at once (every instance)')
    .requiredOption('--name <name>', 'the client name')
    .action(async (opts) => {
      await withContext(io, config(), async (ctx) => {
        const client = await findApiClientByName(ctx.db, opts.name);
        if (!client) throw new CliError(`--name: no API client named "${opts.name}"`);
        await revokeApiClient(ctx, cliActor(), client.id);
        out(`Revoked API client ${client.name}.`);
      });
    });

  const kpi = program.command('kpi').description('assessment KPIs (考核指标)');
  kpi
    .command('rebuild')
    .description(
      'recount the KPI rollups from the case event history (all of it, or from --from on) in one transaction',
    )
    .option('--from <date>', 'first day to recount, YYYY-MM-DD (Asia/Shanghai); earlier days are kept')
    .action(async (opts: { from?: string }) => {
      await withContext(io, config(), async (ctx) => {
        const started = Date.now();
        const result = await rebuildKpiRollups(ctx, cliActor(), {
          from: opts.from ?? null,
          progress: rebuildProgress(io),
        });
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        out(
          `KPI rollups rebuilt${result.from ? ` from ${result.from}` : ''}: ${count(result.events)} case events in ${seconds} s.`,
        );
      });
    });

  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('recompute every chain of the audit log; exit code 1 at the first broken link')
    .action(async () => {
      await withContext(io, config(), async (ctx) => {
        const result = await verifyAuditChains(ctx.database.pool);
        if (result.ok) {
          out(`Audit log intact: ${count(result.rows)} rows in ${count(result.chains)} chains checked.`);
          return;
        }
        const b = result.broken!;
        out(
          `Audit log BROKEN: ${count(result.rows)} rows in ${count(result.chains)} chains checked before the break.`,
        );
        out(`First broken link: chain ${b.chain}, seq ${b.seq}, reason ${b.reason} (${reasons[b.reason]})`);
        setExit(1);
      });
    });

  program
    .command('backup')
    .description('write a pg_dump-compatible plain SQL backup (load it with `anju restore` or `psql -f`)')
    .option('--out <file>', 'file to write; - for standard output (default anju-backup-<time>.sql)')
    .action(async (opts) => {
      const toStdout = opts.out === '-';
      const file = toStdout
        ? null
        : resolve(
            opts.out ?? `anju-backup-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.sql`,
          );
      const say = (line: string) => (toStdout ? io.stderr : io.stdout).write(`${line}\n`);
      await withContext(io, config(), async (ctx) => {
        const partial = file ? `${file}.partial` : null;
        const target = partial ? createWriteStream(partial) : io.stdout;
        try {
          const summary = await writeBackup(ctx.database.pool, target, { producer: `anju ${version}` });
          if (partial) {
            target.end();
            await finished(target);
            renameSync(partial, file!);
          }
          say(
            `Backup${file ? ` written to ${file}` : ''}: ${summary.migrations} migrations, ${summary.tables} tables, ` +
              `${count(summary.rows)} rows${file ? `, ${(statSync(file).size / 1048576).toFixed(1)} MiB` : ''}.`,
          );
        } catch (err) {
          if (partial) {
            target.destroy();
            rmSync(partial, { force: true });
          }
          throw err;
        }
      });
    });

  program
    .command('restore')
    .description('load a backup into an empty database, in one transaction')
    .argument('<file>', 'a file written by `anju backup`')
    .option('--force', 'drop the public and drizzle schemas (all Anju data!) first')
    .action(async (file: string, opts) => {
      try {
        statSync(file);
      } catch {
        throw new CliError(`restore: cannot read ${file}`);
      }
      await withContext(io, config(), async (ctx) => {
        const started = Date.now();
        const result = await restoreBackup(ctx.database.pool, createReadStream(file), { force: opts.force });
        out(
          `Restored ${result.tables} tables, ${count(result.rows)} rows from ${file} in ` +
            `${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
      });
    });

  return program;
}

const reasons = {
  hash_mismatch: "the row's content does not match its stored hash: it was altered",
  link_mismatch: "the row's prev_hash is not the hash of the row before it",
  gap: 'a row is missing',
  head_mismatch: 'the chain head does not match the last row',
};

async function appliedCount(ctx: AppContext): Promise<number> {
  const pool = ctx.database.pool;
  const table = await pool.query("select to_regclass('drizzle.__drizzle_migrations') as t");
  if (!table.rows[0].t) return 0;
  return (await pool.query('select count(*)::int as n from drizzle.__drizzle_migrations')).rows[0].n;
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => `${count(v)} ${k}`)
    .join(', ');
}

/**
 * Runs one `anju` command line (without the program name) and returns its exit code. Output goes
 * to `io`; nothing calls process.exit, so tests run commands in-process.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has printed its message (or the help) already
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version'
        ? 0
        : err.exitCode || 1;
    }
    const message =
      err instanceof CliError ||
      err instanceof ConfigError ||
      err instanceof BackupError ||
      err instanceof RangeError
        ? err.message
        : err instanceof AppError
          ? appErrorText(err)
          : null;
    if (message !== null) io.stderr.write(`error: ${message.trim()}\n`);
    else io.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
