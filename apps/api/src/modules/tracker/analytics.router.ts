import { analyticsSummaryInput, analyticsTrendsInput, skillGapInput } from '@tessera/validation/tracker';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../../trpc';
import * as analytics from './analytics.service';

export const analyticsRouter = {
  summary: authedProcedure.input(analyticsSummaryInput).query(({ ctx, input }) => analytics.summary(ctx, input)),
  trends: authedProcedure.input(analyticsTrendsInput).query(({ ctx, input }) => analytics.trends(ctx, input)),
  skillGap: authedProcedure.input(skillGapInput).query(({ ctx, input }) => analytics.skillGap(ctx, input)),
} satisfies TRPCRouterRecord;
