import { subscriptionInput } from '@tessera/validation/notifications';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../../trpc';
import { liveChanges } from './service';

export const liveRouter = {
  /**
   * Which of the caller's lists changed (`{ entities: ['applications', 'analytics'] }`), so open
   * tabs invalidate those queries. The first event is `{ entities: [] }` (subscribed: the socket
   * is up). `entities: ['*']` means "refetch everything": the first event of a resumed
   * subscription (the client may have missed changes) and what one that fell too far behind gets.
   */
  onChange: authedProcedure.input(subscriptionInput).subscription(({ ctx, input }) => liveChanges(ctx, input.lastEventId)),
} satisfies TRPCRouterRecord;
