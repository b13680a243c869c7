import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Kept in step with `notificationTypes` in @tessera/validation/notifications. */
const notificationType = [
  'application_status_changed',
  'interview_reminder',
  'saved_search_match',
  'new_device_sign_in',
] as const;

/**
 * The in-app notification center. Rows are written by the notifications worker, never in a
 * request; `dedupeKey` makes a retried job (or a re-delivered event) write a notification once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', { enum: notificationType }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A path inside the app (`/tracker/applications/…`), never an outside URL. */
    link: text('link'),
    readAt: timestamptz('read_at'),
    dedupeKey: text('dedupe_key').notNull(),
    /** Set when the email for it went to the outbox; a retried job does not send twice. */
    emailedAt: timestamptz('emailed_at'),
    pushedAt: timestamptz('pushed_at'),
    /** False when the person turned the in-app channel off: the row only carries email/push state. */
    visible: boolean('visible').notNull().default(true),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_user_dedupe_unique').on(t.userId, t.dedupeKey),
    index('notifications_user_created_idx').on(t.userId, t.createdAt, t.id),
    index('notifications_user_unread_idx').on(t.userId, t.createdAt, t.id).where(sql`${t.readAt} is null`),
    index('notifications_user_type_idx').on(t.userId, t.type, t.createdAt),
  ],
);

/** One row per person and type they changed; missing rows mean the defaults in validation. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', { enum: notificationType }).notNull(),
    inApp: boolean('in_app').notNull(),
    email: boolean('email').notNull(),
    push: boolean('push').notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.type] })],
);

/** Browsers that opted in to Web Push (the Push API's subscription, one per browser profile). */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastSuccessAt: timestamptz('last_success_at'),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_unique').on(t.endpoint), index('push_subscriptions_user_idx').on(t.userId)],
);
