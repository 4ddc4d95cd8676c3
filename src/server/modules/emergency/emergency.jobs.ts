import type { JobDefinition } from '../../platform/jobs';
import { dispatchEmergencyCases } from './emergency.usecases';

export const emergencyJobs: JobDefinition[] = [
  { name: 'emergency-dispatch-sweep', cron: '* * * * *', run: (ctx) => dispatchEmergencyCases(ctx) },
];
