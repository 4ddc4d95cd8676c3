import { assessmentJobs } from './modules/assessment/assessment.jobs';
import { assetsJobs } from './modules/assets/assets.jobs';
import { authJobs } from './modules/auth/auth.jobs';
import { casesJobs } from './modules/cases/cases.jobs';
import { emergencyJobs } from './modules/emergency/emergency.jobs';
import { fundsJobs } from './modules/funds/funds.jobs';
import { inspectionsJobs } from './modules/inspections/inspections.jobs';
import { integrationsJobs } from './modules/integrations/integrations.jobs';
import { notificationsJobs } from './modules/notifications/notifications.jobs';
import { ownersJobs } from './modules/owners/owners.jobs';
import { votesJobs } from './modules/votes/votes.jobs';
import type { JobDefinition } from './platform/jobs';

/** Every background job of every module, in one list (like the routes in app.ts). */
export const allJobs: JobDefinition[] = [
  ...authJobs,
  ...casesJobs,
  ...ownersJobs,
  ...votesJobs,
  ...fundsJobs,
  ...notificationsJobs,
  ...integrationsJobs,
  ...inspectionsJobs,
  ...emergencyJobs,
  ...assetsJobs,
  ...assessmentJobs,
];
