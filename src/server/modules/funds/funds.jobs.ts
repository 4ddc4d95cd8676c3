import type { JobDefinition } from '../../platform/jobs';
import { checkDepletion } from './funds.usecases';

export const fundsJobs: JobDefinition[] = [
  // every morning: raise depletion alerts (below 30% of the first deposit) and resolve recovered ones
  { name: 'funds-depletion-check', cron: '30 6 * * *', run: (ctx) => checkDepletion(ctx) },
];
