import { createTRPCRouter } from '../../trpc';
import { analyticsRouter } from './analytics.router';
import { applicationsRouter } from './applications.router';
import { jobsRouter } from './jobs.router';
import { savedSearchesRouter } from './savedSearches.router';
import { skillsRouter } from './skills.router';
import { transferRouter } from './transfer.router';

/** `tracker.*`: one sub-router per area, each a thin layer over its service file. */
export const trackerRouter = createTRPCRouter({
  jobs: jobsRouter,
  applications: applicationsRouter,
  analytics: analyticsRouter,
  transfer: transferRouter,
  skills: skillsRouter,
  savedSearches: savedSearchesRouter,
});
