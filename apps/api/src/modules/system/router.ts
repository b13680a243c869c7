import type { TRPCRouterRecord } from '@trpc/server';
import { echoInput, heartbeatInput } from '@tessera/validation/system';
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
  /** Ticks with the server time over WebSocket until the client unsubscribes. */
  heartbeat: publicProcedure.input(heartbeatInput).subscription(async function* ({ input, signal }) {
    let sequence = 0;
    while (!signal?.aborted) {
      yield { sequence: sequence++, serverTime: new Date() };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, input.intervalMs);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    }
  }),
} satisfies TRPCRouterRecord;
