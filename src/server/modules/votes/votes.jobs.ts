import type { JobDefinition } from '../../platform/jobs';
import { closeDueVotes } from './votes.usecases';

export const votesJobs: JobDefinition[] = [
  // votes whose closing time passed are tallied and published (7 days on the disclosure board)
  { name: 'votes-close-due', cron: '*/5 * * * *', run: (ctx) => closeDueVotes(ctx) },
];
