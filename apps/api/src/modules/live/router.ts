import { subscriptionInput } from '@tessera/validation/notifications';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../../trpc';
import { liveChanges } from './service';

export const liveRouter = {
  /**
   * Which of the caller's lists changed (`{ entities: ['applications', 'analytics'] }`), so open
   * tabs invalidate those queries. `entities: ['*']` means "refetch everything": sent to a
   * reconnecting client (it may have missed changes) and to one that fell too far behind.
   */
  onChange: authedProcedure.input(subscriptionInput).subscription(({ ctx, input, signal }) => liveChanges(ctx, input.lastEventId, signal)),
} satisfies TRPCRouterRecord;
