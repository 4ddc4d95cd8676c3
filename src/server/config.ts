import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable Anju reads. The README lists the same ones. */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  ANJU_MODE: z.enum(['demo', 'production']).default('demo'),
  DATABASE_URL: z.string().url().optional(),
  ANJU_DATA_DIR: z.string().default('./data'),
  ANJU_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  SESSION_SECRET: z.string().min(32).optional(),
  ANJU_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  ANJU_DEMO_PASSWORD: z.string().min(1).default('anju-demo'),
  ANJU_SEED: z.enum(['demo', 'none']).default('demo'),
  ANJU_JOBS: bool.default(true),
  TRUST_PROXY: bool.default(false),
  /** how long a resolved session is reused in this process; 0 turns the cache off */
  ANJU_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  /** HTTP SMS gateway: POST {to, text} as JSON; bearer token in SMS_GATEWAY_TOKEN */
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  /** Open311 GeoReport v2: the one jurisdiction served (GB/T 2260 district code); others answer 404 */
  OPEN311_JURISDICTION_ID: z
    .string()
    .regex(/^\d{6}$/)
    .default('310101'),
  /** requests per minute per API key when the key sets none (`apikey create --rate-limit`) */
  API_KEY_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  /** reports (POST /cases) per hour per resident account, counted in each instance */
  RESIDENT_INTAKE_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** public Open311 reads per minute per client address */
  OPEN311_READ_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  /** SMTP for e-mail notifications, e.g. smtp://user:pass@mail.example.gov.cn:587 (none: no e-mail) */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().min(3).default('Anju 安居 <noreply@anju.invalid>'),
  /** outbound messages (SMS, e-mail, callbacks) are tried this often before they are marked failed */
  OUTBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
  CALLBACK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** SMS and e-mail are not sent for case events older than this (catching up after an outage) */
  NOTIFY_MAX_AGE_HOURS: z.coerce.number().int().min(1).default(48),
  /** 问责: a unit with this many overdue cases (street-level supervision) in one street and month */
  ACCOUNTABILITY_OVERDUE_CASES: z.coerce.number().int().min(1).default(3),
  /** days an asset rule breach (SPEC 5.7) stays a task for its maintainer before it becomes a case */
  ASSET_BREACH_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /**
   * Emergency use of the maintenance fund (SPEC 5.6): days after acceptance by which it must be
   * disclosed, and how many days before that the requester is reminded
   */
  FUND_EMERGENCY_DISCLOSURE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  FUND_EMERGENCY_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string; production: boolean };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  const production = config.ANJU_MODE === 'production';
  if (production) {
    const missing = (['SESSION_SECRET', 'ANJU_ENCRYPTION_KEY'] as const).filter((k) => !config[k]);
    if (missing.length)
      throw new ConfigError(`ANJU_MODE=production needs ${missing.join(' and ')} to be set`);
  }
  return { ...config, dataDir: resolve(config.ANJU_DATA_DIR), production };
}
