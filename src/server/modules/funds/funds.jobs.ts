import type { JobDefinition } from '../../platform/jobs';
import { superviseEmergencyDisclosures } from './fund-use.usecases';
import { checkDepletion } from './funds.usecases';

export const fundsJobs: JobDefinition[] = [
  // every morning: raise depletion alerts (below 30% of the first deposit) and resolve recovered ones
  { name: 'funds-depletion-check', cron: '30 6 * * *', run: (ctx) => checkDepletion(ctx) },
  // every morning: remind of emergency uses due for disclosure, escalate missed ones to the bureau
  {
    name: 'funds-emergency-disclosures',
    cron: '0 8 * * *',
    run: (ctx) => superviseEmergencyDisclosures(ctx),
  },
];
