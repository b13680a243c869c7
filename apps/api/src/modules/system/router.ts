import type { TRPCRouterRecord } from '@trpc/server';
import { echoInput } from '@tessera/validation/system';
import { publicProcedure } from '../../trpc';
import { readInstanceId, systemStatus } from './service';

export const systemRouter = {
  /** Health, version, uptime, database mode and migration level, for the System status page. */
  status: publicProcedure.query(({ ctx }) => systemStatus(ctx)),
  /** This installation's id: one indexed row read. */
  instance: publicProcedure.query(async ({ ctx }) => ({ instanceId: await readInstanceId(ctx.db) })),
  /** Round-trips a message: lets clients check connectivity and see the error shape. */
  echo: publicProcedure.input(echoInput).mutation(({ input, ctx }) => ({
    message: input.message,
    requestId: ctx.requestId,
  })),
} satisfies TRPCRouterRecord;
