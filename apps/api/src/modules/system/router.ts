import type { TRPCRouterRecord } from '@trpc/server';
import { echoInput } from '@tessera/validation/system';
import { publicProcedure } from '../../trpc';
import { systemStatus } from './service';

export const systemRouter = {
  /** Health, version, uptime, database mode and migration level, for the System status page. */
  status: publicProcedure.query(({ ctx }) => systemStatus(ctx)),
  /** Round-trips a message: lets clients check connectivity and see the error shape. */
  echo: publicProcedure.input(echoInput).mutation(({ input, ctx }) => ({
    message: input.message,
    requestId: ctx.requestId,
  })),
} satisfies TRPCRouterRecord;
