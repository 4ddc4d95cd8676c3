import type { JobDefinition } from '../../platform/jobs';
import { generateRounds } from './inspections.usecases';

export const inspectionsJobs: JobDefinition[] = [
  // hourly: a plan created or a target added during the day gets its rounds without waiting a day
  { name: 'inspections-generate-rounds', cron: '3 * * * *', run: (ctx) => generateRounds(ctx) },
];
