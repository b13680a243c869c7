import { z } from 'zod';
import { idSchema } from './common';

/**
 * What a person can be notified about. The web's preferences grid is these × `notificationChannels`;
 * adding a type here (and a default below) adds a row there.
 */
export const notificationTypes = [
  'application_status_changed',
  'interview_reminder',
  'saved_search_match',
  'new_device_sign_in',
] as const;
export const notificationTypeSchema = z.enum(notificationTypes);
export type NotificationType = z.infer<typeof notificationTypeSchema>;

export const notificationChannels = ['inApp', 'email', 'push'] as const;
export const notificationChannelSchema = z.enum(notificationChannels);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/** Labels the web shows in the grid and the center's filter. */
export const notificationTypeLabels: Record<NotificationType, { label: string; description: string }> = {
  application_status_changed: { label: 'Application status', description: 'An application moves to another stage.' },
  interview_reminder: { label: 'Interview reminders', description: '24 hours and 1 hour before an interview.' },
  saved_search_match: { label: 'Saved search matches', description: 'A new job matches one of your saved searches.' },
  new_device_sign_in: { label: 'New device sign-in', description: 'Someone signs in to your account from a new device.' },
};

/** Channel defaults when a person has not chosen: in-app always, email for what is time-critical or security-relevant. */
export const defaultNotificationPreferences: Record<NotificationType, Record<NotificationChannel, boolean>> = {
  application_status_changed: { inApp: true, email: false, push: true },
  interview_reminder: { inApp: true, email: true, push: true },
  saved_search_match: { inApp: true, email: false, push: false },
  new_device_sign_in: { inApp: true, email: true, push: true },
};

export const listNotificationsInput = z.object({
  unreadOnly: z.boolean().default(false),
  type: notificationTypeSchema.optional(),
  cursor: z.string().max(512).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type ListNotificationsInput = z.input<typeof listNotificationsInput>;

export const notificationIdInput = z.object({ id: idSchema });

export const notificationIdsInput = z.object({
  ids: z.array(idSchema).min(1, 'Choose at least one notification').max(200, 'At most 200 at a time'),
});
export type NotificationIdsInput = z.infer<typeof notificationIdsInput>;

export const updatePreferencesInput = z.object({
  changes: z
    .array(z.object({ type: notificationTypeSchema, channel: notificationChannelSchema, enabled: z.boolean() }))
    .min(1, 'Nothing to change')
    .max(notificationTypes.length * notificationChannels.length),
});
export type UpdatePreferencesInput = z.infer<typeof updatePreferencesInput>;

const base64url = (field: string, min: number, max: number) =>
  z
    .string()
    .min(min, `${field} is too short`)
    .max(max, `${field} is too long`)
    .regex(/^[A-Za-z0-9_-]+=*$/, `${field} must be base64url`);

/** The browser's `PushSubscription.toJSON()`, as the Push API produces it. */
export const pushSubscribeInput = z.object({
  endpoint: z.url({ protocol: /^https?$/, message: 'Must be the push service URL' }).max(2048),
  expirationTime: z.number().nullish(),
  keys: z.object({
    // An uncompressed P-256 point (65 bytes → 87 characters) and a 16-byte secret (22 characters).
    p256dh: base64url('p256dh', 80, 100),
    auth: base64url('auth', 16, 32),
  }),
});
export type PushSubscribeInput = z.infer<typeof pushSubscribeInput>;

export const pushUnsubscribeInput = z.object({ endpoint: z.string().max(2048) });

/**
 * Subscriptions resume from `lastEventId` (tRPC's wsLink sends the last `tracked()` id it saw when
 * it reconnects), so a tab that lost its socket receives what it missed.
 */
export const subscriptionInput = z
  .object({ lastEventId: z.string().max(200).nullish() })
  .default({});

/** Admin queue page (admin.queues.*). */
export const queueNameSchema = z.string().regex(/^[a-z][a-z0-9_.-]{2,80}$/, 'Not a queue name');
export const failedJobsInput = z.object({ queue: queueNameSchema, limit: z.number().int().min(1).max(200).default(50) });
export const retryJobInput = z.object({ queue: queueNameSchema, id: idSchema });
