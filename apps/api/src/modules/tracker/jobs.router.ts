import { byIdInput } from '@tessera/validation/common';
import {
  bulkCreateJobsInput,
  bulkDeleteJobsInput,
  bulkUpdateJobsInput,
  createJobInput,
  deleteJobInput,
  findJobsByUrlInput,
  listJobsInput,
  updateJobInput,
} from '@tessera/validation/tracker';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../../trpc';
import * as jobs from './jobs.service';

export const jobsRouter = {
  list: authedProcedure.input(listJobsInput).query(({ ctx, input }) => jobs.listJobs(ctx, input)),
  get: authedProcedure.input(byIdInput).query(({ ctx, input }) => jobs.getJob(ctx, input)),
  /** Live jobs at the same posting as `url` (tracking parameters, `www.`, scheme, trailing slash aside). */
  findByUrl: authedProcedure.input(findJobsByUrlInput).query(({ ctx, input }) => jobs.findJobsByUrl(ctx, input)),
  create: authedProcedure.input(createJobInput).mutation(({ ctx, input }) => jobs.createJob(ctx, input)),
  update: authedProcedure.input(updateJobInput).mutation(({ ctx, input }) => jobs.updateJob(ctx, input)),
  /** Soft delete; `{ id, restore: true }` brings the job back. */
  delete: authedProcedure.input(deleteJobInput).mutation(({ ctx, input }) => jobs.deleteJob(ctx, input)),
  bulkCreate: authedProcedure.input(bulkCreateJobsInput).mutation(({ ctx, input }) => jobs.bulkCreateJobs(ctx, input)),
  bulkUpdate: authedProcedure.input(bulkUpdateJobsInput).mutation(({ ctx, input }) => jobs.bulkUpdateJobs(ctx, input)),
  bulkDelete: authedProcedure.input(bulkDeleteJobsInput).mutation(({ ctx, input }) => jobs.bulkDeleteJobs(ctx, input)),
  /** Same as `delete` with `restore: true`, named for the bin's "Restore" button. */
  restore: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => jobs.deleteJob(ctx, { id: input.id, restore: true })),
} satisfies TRPCRouterRecord;
