import type { JobDefinition } from '../../platform/jobs';
import { remindReelections } from './owners.usecases';

export const ownersJobs: JobDefinition[] = [
  // re-election reminders 180, 90 and 30 days before an owners' committee's term ends
  { name: 'owners-reelection-reminders', cron: '0 7 * * *', run: (ctx) => remindReelections(ctx) },
];
