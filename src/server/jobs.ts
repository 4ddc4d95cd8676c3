import { authJobs } from './modules/auth/auth.jobs';
import { casesJobs } from './modules/cases/cases.jobs';
import { emergencyJobs } from './modules/emergency/emergency.jobs';
import { inspectionsJobs } from './modules/inspections/inspections.jobs';
import type { JobDefinition } from './platform/jobs';

/** Every background job of every module, in one list (like the routes in app.ts). */
export const allJobs: JobDefinition[] = [...authJobs, ...casesJobs, ...inspectionsJobs, ...emergencyJobs];
