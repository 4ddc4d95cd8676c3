import type { JobDefinition } from '../../platform/jobs';
import { deleteExpiredSessions } from './auth.repository';
import { IDLE_MINUTES } from './auth.usecases';

export const authJobs: JobDefinition[] = [
  {
    name: 'auth-expire-sessions',
    cron: '*/10 * * * *',
    run: (ctx) => deleteExpiredSessions(ctx.db, IDLE_MINUTES),
  },
];
