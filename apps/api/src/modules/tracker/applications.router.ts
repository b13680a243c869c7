import { byIdInput } from '@tessera/validation/common';
import {
  bulkCreateApplicationsInput,
  bulkIdsInput,
  bulkUpdateApplicationsInput,
  createApplicationInput,
  listApplicationsInput,
  setApplicationStatusInput,
  upcomingInterviewsInput,
  updateApplicationInput,
} from '@tessera/validation/tracker';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../../trpc';
import * as applications from './applications.service';

export const applicationsRouter = {
  list: authedProcedure.input(listApplicationsInput).query(({ ctx, input }) => applications.listApplications(ctx, input)),
  get: authedProcedure.input(byIdInput).query(({ ctx, input }) => applications.getApplication(ctx, input)),
  upcomingInterviews: authedProcedure.input(upcomingInterviewsInput).query(({ ctx, input }) => applications.upcomingInterviews(ctx, input)),
  create: authedProcedure.input(createApplicationInput).mutation(({ ctx, input }) => applications.createApplication(ctx, input)),
  update: authedProcedure.input(updateApplicationInput).mutation(({ ctx, input }) => applications.updateApplication(ctx, input)),
  setStatus: authedProcedure.input(setApplicationStatusInput).mutation(({ ctx, input }) => applications.setApplicationStatus(ctx, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => applications.deleteApplication(ctx, input)),
  bulkCreate: authedProcedure.input(bulkCreateApplicationsInput).mutation(({ ctx, input }) => applications.bulkCreateApplications(ctx, input)),
  bulkUpdate: authedProcedure.input(bulkUpdateApplicationsInput).mutation(({ ctx, input }) => applications.bulkUpdateApplications(ctx, input)),
  bulkDelete: authedProcedure.input(bulkIdsInput).mutation(({ ctx, input }) => applications.bulkDeleteApplications(ctx, input)),
} satisfies TRPCRouterRecord;
