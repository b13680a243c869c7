import { schema } from '@tessera/db';
import {
  defaultNotificationPreferences,
  type ListNotificationsInput,
  type NotificationChannel,
  type NotificationIdsInput,
  type NotificationType,
  notificationTypeLabels,
  notificationTypes,
  type PushSubscribeInput,
  type UpdatePreferencesInput,
} from '@tessera/validation/notifications';
import { tracked, type TrackedEnvelope } from '@trpc/server';
import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { notFound, ownedBy } from '../../platform/ownership';
import { afterCursor, pageOf } from '../../platform/pagination';
import { type PushStream, pushStream } from '../../platform/push-stream';
import type { NotificationMessage } from '../../platform/realtime';
import { type Context, fieldError } from '../../trpc';

type AuthedContext = Context & { auth: NonNullable<Context['auth']> };

const n = schema.notifications;

/** What leaves the server about a notification (no dedupe keys, no delivery bookkeeping). */
export const notificationColumns = {
  id: n.id,
  type: n.type,
  title: n.title,
  body: n.body,
  link: n.link,
  readAt: n.readAt,
  createdAt: n.createdAt,
};

export type NotificationView = {
  id: string;
  type: NotificationType;
  title: string;
  body: string;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
};

/** Tell the person's other tabs that their notification list changed (bell count, center). */
async function announceChange(ctx: AuthedContext) {
  await ctx.realtime.publish(ctx.auth.user.id, { topic: 'live', entities: ['notifications'] });
}

export async function list(ctx: AuthedContext, input: Required<Pick<ListNotificationsInput, 'limit'>> & ListNotificationsInput) {
  const rows = await ctx.db
    .select(notificationColumns)
    .from(n)
    .where(
      and(
        ownedBy(n.userId, ctx.auth),
        eq(n.visible, true),
        input.unreadOnly ? isNull(n.readAt) : undefined,
        input.type ? eq(n.type, input.type) : undefined,
        afterCursor(input.cursor, n.createdAt, n.id),
      ),
    )
    .orderBy(desc(n.createdAt), desc(n.id))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit);
}

export async function unreadCount(ctx: AuthedContext) {
  const [row] = await ctx.db
    .select({ total: count() })
    .from(n)
    .where(and(ownedBy(n.userId, ctx.auth), eq(n.visible, true), isNull(n.readAt)));
  return { count: row?.total ?? 0 };
}

async function setRead(ctx: AuthedContext, id: string, read: boolean) {
  const [row] = await ctx.db
    .update(n)
    .set({ readAt: read ? ctx.clock() : null })
    .where(and(eq(n.id, id), ownedBy(n.userId, ctx.auth), eq(n.visible, true)))
    .returning(notificationColumns);
  if (!row) throw notFound('Notification');
  await announceChange(ctx);
  return row;
}

export const markRead = (ctx: AuthedContext, input: { id: string }) => setRead(ctx, input.id, true);
export const markUnread = (ctx: AuthedContext, input: { id: string }) => setRead(ctx, input.id, false);

export async function markAllRead(ctx: AuthedContext) {
  const rows = await ctx.db
    .update(n)
    .set({ readAt: ctx.clock() })
    .where(and(ownedBy(n.userId, ctx.auth), isNull(n.readAt)))
    .returning({ id: n.id });
  if (rows.length) await announceChange(ctx);
  return { updated: rows.length };
}

export async function remove(ctx: AuthedContext, input: { id: string }) {
  const [row] = await ctx.db
    .delete(n)
    .where(and(eq(n.id, input.id), ownedBy(n.userId, ctx.auth), eq(n.visible, true)))
    .returning({ id: n.id });
  if (!row) throw notFound('Notification');
  await announceChange(ctx);
  return { deleted: 1 };
}

/** All or nothing: one id that is missing or someone else's fails the whole request. */
export async function bulkRemove(ctx: AuthedContext, input: NotificationIdsInput) {
  const ids = [...new Set(input.ids)];
  const deleted = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .delete(n)
      .where(and(inArray(n.id, ids), ownedBy(n.userId, ctx.auth), eq(n.visible, true)))
      .returning({ id: n.id });
    if (rows.length !== ids.length) throw notFound('Notification');
    return rows.length;
  });
  await announceChange(ctx);
  return { deleted };
}

export type ChannelPreferences = Record<NotificationChannel, boolean>;

/** The person's choices merged over the defaults, for every type. */
export async function preferencesOf(db: Context['db'], userId: string): Promise<Record<NotificationType, ChannelPreferences>> {
  const rows = await db
    .select({
      type: schema.notificationPreferences.type,
      inApp: schema.notificationPreferences.inApp,
      email: schema.notificationPreferences.email,
      push: schema.notificationPreferences.push,
    })
    .from(schema.notificationPreferences)
    .where(eq(schema.notificationPreferences.userId, userId));
  const merged = structuredClone(defaultNotificationPreferences);
  for (const row of rows) merged[row.type] = { inApp: row.inApp, email: row.email, push: row.push };
  return merged;
}

export async function getPreferences(ctx: AuthedContext) {
  const [preferences, [subscriptions]] = await Promise.all([
    preferencesOf(ctx.db, ctx.auth.user.id),
    ctx.db
      .select({ total: count() })
      .from(schema.pushSubscriptions)
      .where(ownedBy(schema.pushSubscriptions.userId, ctx.auth)),
  ]);
  return {
    types: notificationTypes.map((type) => ({ type, ...notificationTypeLabels[type], channels: preferences[type] })),
    email: { verified: ctx.auth.user.emailVerifiedAt !== null },
    push: { publicKey: ctx.push.publicKey, subscriptions: subscriptions?.total ?? 0 },
  };
}

export async function updatePreferences(ctx: AuthedContext, input: UpdatePreferencesInput) {
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const current = await preferencesOf(tx, ctx.auth.user.id);
    const touched = new Set<NotificationType>();
    for (const change of input.changes) {
      current[change.type][change.channel] = change.enabled;
      touched.add(change.type);
    }
    await tx
      .insert(schema.notificationPreferences)
      .values([...touched].map((type) => ({ userId: ctx.auth.user.id, type, ...current[type], updatedAt: now })))
      .onConflictDoUpdate({
        target: [schema.notificationPreferences.userId, schema.notificationPreferences.type],
        set: {
          inApp: sqlExcluded('in_app'),
          email: sqlExcluded('email'),
          push: sqlExcluded('push'),
          updatedAt: now,
        },
      });
  });
  return getPreferences(ctx);
}

function sqlExcluded(column: string) {
  return sql.raw(`excluded.${column}`);
}

export function pushPublicKey(ctx: Context) {
  return { publicKey: ctx.push.publicKey };
}

export async function subscribePush(ctx: AuthedContext, input: PushSubscribeInput) {
  if (!ctx.push.allowsEndpoint(input.endpoint)) {
    throw fieldError('endpoint', 'This push service is not supported: use a current Chrome, Firefox, Edge or Safari.');
  }
  const now = ctx.clock();
  // One browser profile, one endpoint: subscribing again (or as another person on a shared
  // browser) moves the subscription to the caller.
  const [row] = await ctx.db
    .insert(schema.pushSubscriptions)
    .values({
      userId: ctx.auth.user.id,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      userAgent: ctx.userAgent?.slice(0, 512) ?? null,
      createdAt: now,
    })
    .onConflictDoUpdate({
      target: schema.pushSubscriptions.endpoint,
      set: { userId: ctx.auth.user.id, p256dh: input.keys.p256dh, auth: input.keys.auth, createdAt: now },
    })
    .returning({ id: schema.pushSubscriptions.id, createdAt: schema.pushSubscriptions.createdAt });
  return { id: row!.id, subscribedAt: row!.createdAt };
}

export async function unsubscribePush(ctx: AuthedContext, input: { endpoint: string }) {
  const rows = await ctx.db
    .delete(schema.pushSubscriptions)
    .where(and(eq(schema.pushSubscriptions.endpoint, input.endpoint), ownedBy(schema.pushSubscriptions.userId, ctx.auth)))
    .returning({ id: schema.pushSubscriptions.id });
  return { removed: rows.length };
}

export function toView(message: NotificationMessage['notification'], readAt: Date | null = null): NotificationView {
  return { ...message, type: message.type as NotificationType, createdAt: new Date(message.createdAt), readAt };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Most notifications a reconnecting tab is sent at once; older ones it reads from the list. */
const maxReplay = 100;

/** Notifications created after the one a reconnecting client saw last, oldest first. */
async function missedSince(ctx: AuthedContext, lastEventId: string): Promise<NotificationView[]> {
  if (!uuidPattern.test(lastEventId)) return [];
  const [last] = await ctx.db
    .select({ createdAt: n.createdAt, id: n.id })
    .from(n)
    .where(and(eq(n.id, lastEventId), ownedBy(n.userId, ctx.auth)));
  if (!last) return [];
  return ctx.db
    .select(notificationColumns)
    .from(n)
    .where(
      and(
        ownedBy(n.userId, ctx.auth),
        eq(n.visible, true),
        or(gt(n.createdAt, last.createdAt), and(eq(n.createdAt, last.createdAt), gt(n.id, last.id))),
      ),
    )
    .orderBy(asc(n.createdAt), asc(n.id))
    .limit(maxReplay);
}

/**
 * The person's new notifications as they arrive, each `tracked()` by its id; a resumed subscription
 * first gets what it missed. Listening starts before the backlog is read, so nothing created in
 * between is lost; duplicates are skipped. A push stream (platform/push-stream.ts).
 */
export function notificationStream(ctx: AuthedContext, lastEventId: string | null | undefined): PushStream<TrackedEnvelope<NotificationView>> {
  return pushStream((observer) => {
    /** Live notifications that arrive while the backlog is read wait here, then follow it. */
    let waiting: NotificationMessage[] | null = lastEventId ? [] : null;
    let replayed: Set<string> | undefined;
    const forward = (message: NotificationMessage) => {
      if (!replayed?.has(message.id)) observer.next(tracked(message.id, toView(message.notification)));
    };
    const listener = ctx.realtime.listen(ctx.auth.user.id, (message) => {
      if (message.topic !== 'notification') return;
      if (waiting) waiting.push(message);
      else forward(message);
    });
    if (lastEventId) {
      listener.ready
        .then(() => missedSince(ctx, lastEventId))
        .then((missed) => {
          replayed = new Set(missed.map((notification) => notification.id));
          for (const notification of missed) observer.next(tracked(notification.id, notification));
          const pending = waiting ?? [];
          waiting = null;
          for (const message of pending) forward(message);
        })
        .catch((error: unknown) => observer.error(error));
    }
    return () => listener.stop();
  });
}
