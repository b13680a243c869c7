import {
  listNotificationsInput,
  notificationIdInput,
  notificationIdsInput,
  pushSubscribeInput,
  pushUnsubscribeInput,
  subscriptionInput,
  updatePreferencesInput,
} from '@tessera/validation/notifications';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../../trpc';
import * as notifications from './service';

export const notificationsRouter = {
  /** Newest first; `unreadOnly` and `type` filter; `cursor` from the previous page's `nextCursor`. */
  list: authedProcedure.input(listNotificationsInput).query(({ ctx, input }) => notifications.list(ctx, input)),
  unreadCount: authedProcedure.query(({ ctx }) => notifications.unreadCount(ctx)),
  markRead: authedProcedure.input(notificationIdInput).mutation(({ ctx, input }) => notifications.markRead(ctx, input)),
  markUnread: authedProcedure.input(notificationIdInput).mutation(({ ctx, input }) => notifications.markUnread(ctx, input)),
  markAllRead: authedProcedure.mutation(({ ctx }) => notifications.markAllRead(ctx)),
  delete: authedProcedure.input(notificationIdInput).mutation(({ ctx, input }) => notifications.remove(ctx, input)),
  /** All or nothing: an id that is not the caller's fails the request (NOT_FOUND) and deletes none. */
  bulkDelete: authedProcedure.input(notificationIdsInput).mutation(({ ctx, input }) => notifications.bulkRemove(ctx, input)),
  preferences: {
    /** Every type × channel (inApp, email, push), defaults filled in, plus push and email status. */
    get: authedProcedure.query(({ ctx }) => notifications.getPreferences(ctx)),
    update: authedProcedure.input(updatePreferencesInput).mutation(({ ctx, input }) => notifications.updatePreferences(ctx, input)),
  },
  push: {
    /** The VAPID public key for `pushManager.subscribe({ applicationServerKey })`. */
    publicKey: authedProcedure.query(({ ctx }) => notifications.pushPublicKey(ctx)),
    /** The browser's `PushSubscription.toJSON()`. */
    subscribe: authedProcedure.input(pushSubscribeInput).mutation(({ ctx, input }) => notifications.subscribePush(ctx, input)),
    unsubscribe: authedProcedure.input(pushUnsubscribeInput).mutation(({ ctx, input }) => notifications.unsubscribePush(ctx, input)),
  },
  /**
   * New notifications as they arrive, each `tracked(id, notification)`. A reconnecting client
   * (wsLink sends `lastEventId`) first receives the ones created since.
   */
  onNotification: authedProcedure
    .input(subscriptionInput)
    .subscription(({ ctx, input }) => notifications.notificationStream(ctx, input.lastEventId)),
} satisfies TRPCRouterRecord;
