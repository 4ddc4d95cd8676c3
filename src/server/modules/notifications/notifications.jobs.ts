import type { JobDefinition } from '../../platform/jobs';
import { relayNotifications } from './notifications.usecases';

export const notificationsJobs: JobDefinition[] = [
  { name: 'case-events-notify', everySeconds: 2, run: (ctx) => relayNotifications(ctx) },
];
