import { createTRPCRouter } from '../../trpc';
import { applicationsRouter } from './applications.router';
import { jobsRouter } from './jobs.router';
import { skillsRouter } from './skills.router';

/** `tracker.*`: one sub-router per area, each a thin layer over its service file. */
export const trackerRouter = createTRPCRouter({
  jobs: jobsRouter,
  applications: applicationsRouter,
  skills: skillsRouter,
});
