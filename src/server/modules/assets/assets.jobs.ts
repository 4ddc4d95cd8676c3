import type { JobDefinition } from '../../platform/jobs';
import { sweepAssetBreaches } from './assets.breaches';

export const assetsJobs: JobDefinition[] = [
  // SPEC 5.7 rule breaches → tasks, cures, and cases after the grace period
  { name: 'assets-breach-sweep', cron: '30 6 * * *', run: (ctx) => sweepAssetBreaches(ctx) },
];
