import type { JobDefinition } from '../../platform/jobs';
import { rollUpCaseEvents } from './assessment.usecases';

export const assessmentJobs: JobDefinition[] = [
  { name: 'kpi-rollup', everySeconds: 5, run: (ctx) => rollUpCaseEvents(ctx) },
];
