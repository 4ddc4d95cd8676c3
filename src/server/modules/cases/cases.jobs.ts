import type { JobDefinition } from '../../platform/jobs';
import { deleteOldIdempotencyKeys } from './cases.repository';
import { remindSuspensionReviews, superviseOverdueCases } from './cases.usecases';

export const casesJobs: JobDefinition[] = [
  { name: 'cases-sla-sweep', cron: '*/5 * * * *', run: (ctx) => superviseOverdueCases(ctx) },
  { name: 'cases-suspension-reviews', cron: '0 8 * * *', run: (ctx) => remindSuspensionReviews(ctx) },
  { name: 'cases-idempotency-cleanup', cron: '17 * * * *', run: (ctx) => deleteOldIdempotencyKeys(ctx.db) },
];
