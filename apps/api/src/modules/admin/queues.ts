import { failedJobsInput, retryJobInput } from '@tessera/validation/notifications';
import type { TRPCRouterRecord } from '@trpc/server';
import { notFound } from '../../platform/ownership';
import { adminProcedure, type Context } from '../../trpc';

/** The admin page's view of the job queue: depth per queue, recurring schedules, failed jobs with their error, retry. */

async function listQueues(ctx: Context) {
  const [queues, schedules] = await Promise.all([ctx.queue.overview(), ctx.queue.schedules()]);
  return { queues, schedules };
}

async function listFailed(ctx: Context, input: { queue: string; limit: number }) {
  if (!ctx.queue.queues.includes(input.queue)) throw notFound('Queue');
  return { jobs: await ctx.queue.failedJobs(input.queue, input.limit) };
}

async function retryJob(ctx: Context, input: { queue: string; id: string }) {
  // Only a job that used up its retries can be retried by hand; anything else is "not found".
  if (!(await ctx.queue.retry(input.queue, input.id))) throw notFound('Failed job');
  ctx.logger.info({ queue: input.queue, jobId: input.id, by: ctx.auth?.user.id }, 'failed job retried by an admin');
  return { retried: true as const };
}

export const queuesRouter = {
  list: adminProcedure.query(({ ctx }) => listQueues(ctx)),
  failed: adminProcedure.input(failedJobsInput).query(({ ctx, input }) => listFailed(ctx, input)),
  retry: adminProcedure.input(retryJobInput).mutation(({ ctx, input }) => retryJob(ctx, input)),
} satisfies TRPCRouterRecord;
