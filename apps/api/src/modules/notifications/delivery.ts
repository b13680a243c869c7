import { schema } from '@tessera/db';
import { notificationTypeSchema } from '@tessera/validation/notifications';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { EventOf } from '../../platform/events';
import { defineJob } from '../../platform/queue';
import type { AppDeps } from '../../trpc';
import { notificationColumns, preferencesOf } from './service';

/**
 * From domain events to notifications. Event handlers only enqueue (one insert, inside the
 * publisher's request); the workers write the notification, then email and push it in jobs of
 * their own, so a slow mail server or push service retries without repeating the other channels.
 */

const draftSchema = z.object({
  userId: z.uuid(),
  type: notificationTypeSchema,
  title: z.string().min(1).max(200),
  body: z.string().max(2000),
  link: z.string().startsWith('/').max(500).nullable(),
  /** The same event delivered twice writes one notification. */
  dedupeKey: z.string().min(1).max(300),
});
export type NotificationDraft = z.infer<typeof draftSchema>;

export const createNotificationJob = defineJob('notifications.create', draftSchema, { retryLimit: 5, retryDelaySeconds: 2 });
export const emailNotificationJob = defineJob('notifications.email', z.object({ notificationId: z.uuid() }), {
  retryLimit: 6,
  retryDelaySeconds: 30,
});
export const pushNotificationJob = defineJob('notifications.push', z.object({ notificationId: z.uuid() }), {
  retryLimit: 6,
  retryDelaySeconds: 30,
});

const reminderLeads = { day: 24 * 60 * 60 * 1000, hour: 60 * 60 * 1000 } as const;
type ReminderLead = keyof typeof reminderLeads;

export const interviewReminderJob = defineJob(
  'notifications.interview_reminder',
  z.object({
    userId: z.uuid(),
    applicationId: z.uuid(),
    jobTitle: z.string(),
    company: z.string(),
    interviewAt: z.iso.datetime(),
    lead: z.enum(['day', 'hour']),
  }),
  { retryLimit: 5, retryDelaySeconds: 5 },
);

export const notificationJobs = [createNotificationJob, emailNotificationJob, pushNotificationJob, interviewReminderJob];

const applicationLink = (id: string) => `/tracker/applications/${id}`;
const statusLabel = (status: string) => status.replace(/_/g, ' ');
const formatWhen = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

// Drafts: what each event says, in the product's words.
export function statusChangedDraft(event: EventOf<'tracker.application.status_changed'>): NotificationDraft {
  return {
    userId: event.userId,
    type: 'application_status_changed',
    title: `${event.jobTitle} at ${event.company}: ${statusLabel(event.to)}`,
    body: event.from
      ? `Your application moved from ${statusLabel(event.from)} to ${statusLabel(event.to)}.`
      : `Your application is now ${statusLabel(event.to)}.`,
    link: applicationLink(event.applicationId),
    dedupeKey: `status:${event.applicationId}:${event.to}:${event.at.toISOString()}`,
  };
}

/** One notification per saved search and batch of new jobs, however many jobs matched. */
export function savedSearchDraft(event: EventOf<'tracker.saved_search.matched'>): NotificationDraft {
  const named = event.jobs.map((job) => `${job.title} at ${job.company}`);
  const more = event.count - named.length;
  const list = more > 0 ? `${named.join(', ')} and ${more} more` : named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? '');
  return {
    userId: event.userId,
    type: 'saved_search_match',
    title: event.count === 1 ? `New match for "${event.searchName}"` : `${event.count} new matches for "${event.searchName}"`,
    body: `${list} ${event.count === 1 ? 'matches' : 'match'} your saved search.`.slice(0, 2000),
    // The jobs list resolves `saved` to the search's filters (dates in the person's own time zone).
    link: `/tracker/jobs?saved=${event.savedSearchId}`,
    // The first matching job is new only once, so it names the batch: a retried match job writes nothing twice.
    dedupeKey: `saved-search:${event.savedSearchId}:${event.jobs[0]?.id ?? event.at.toISOString()}`,
  };
}

export function newDeviceDraft(event: EventOf<'auth.new_device_sign_in'>): NotificationDraft {
  return {
    userId: event.userId,
    type: 'new_device_sign_in',
    title: `New sign-in from ${event.device}`,
    body: `Your account was signed in from ${event.device}${event.ip ? ` (${event.ip})` : ''} at ${formatWhen(event.at)}. If this was not you, sign out everywhere and change your password.`,
    link: '/settings/sessions',
    dedupeKey: `sign-in:${event.device}:${event.at.toISOString()}`,
  };
}

function reminderDraft(payload: z.infer<typeof interviewReminderJob.payload>): NotificationDraft {
  const at = new Date(payload.interviewAt);
  return {
    userId: payload.userId,
    type: 'interview_reminder',
    title: `Interview ${payload.lead === 'day' ? 'tomorrow' : 'in an hour'}: ${payload.jobTitle} at ${payload.company}`,
    body: `Your interview for ${payload.jobTitle} at ${payload.company} starts at ${formatWhen(at)}.`,
    link: applicationLink(payload.applicationId),
    dedupeKey: `interview:${payload.applicationId}:${payload.interviewAt}:${payload.lead}`,
  };
}

/**
 * Write the notification (once), queue its email and push in the same transaction, then tell the
 * person's open tabs. Channels the person turned off are skipped; with every channel off nothing
 * is written.
 */
export async function deliverNotification(deps: AppDeps, draft: NotificationDraft) {
  const { db } = deps.database;
  const channels = (await preferencesOf(db, draft.userId))[draft.type];
  if (!channels.inApp && !channels.email && !channels.push) return null;
  const [subscriptions] = channels.push
    ? await db.select({ id: schema.pushSubscriptions.id }).from(schema.pushSubscriptions).where(eq(schema.pushSubscriptions.userId, draft.userId)).limit(1)
    : [];
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.notifications)
      .values({ ...draft, visible: channels.inApp, createdAt: deps.clock() })
      .onConflictDoNothing({ target: [schema.notifications.userId, schema.notifications.dedupeKey] })
      .returning(notificationColumns);
    if (!row) return null;
    if (channels.email) await deps.queue.send(emailNotificationJob, { notificationId: row.id }, { tx });
    if (channels.push && subscriptions) await deps.queue.send(pushNotificationJob, { notificationId: row.id }, { tx });
    return row;
  });
  if (created && channels.inApp) {
    await deps.realtime.publish(draft.userId, {
      topic: 'notification',
      id: created.id,
      notification: {
        id: created.id,
        type: created.type,
        title: created.title,
        body: created.body,
        link: created.link,
        createdAt: created.createdAt.toISOString(),
      },
    });
  }
  return created;
}

/** Email through the platform mailer: outbox row + emailedAt in one transaction, SMTP after commit. */
async function emailNotification(deps: AppDeps, notificationId: string) {
  const { db } = deps.database;
  const mailId = await db.transaction(async (tx) => {
    // Claiming the row first makes a retried job send nothing twice.
    const [claimed] = await tx
      .update(schema.notifications)
      .set({ emailedAt: deps.clock() })
      .where(and(eq(schema.notifications.id, notificationId), isNull(schema.notifications.emailedAt)))
      .returning({ userId: schema.notifications.userId, type: schema.notifications.type, title: schema.notifications.title, body: schema.notifications.body, link: schema.notifications.link });
    if (!claimed) return null;
    const [user] = await tx
      .select({ email: schema.users.email, name: schema.users.name, verified: schema.users.emailVerifiedAt, deactivated: schema.users.deactivatedAt })
      .from(schema.users)
      .where(eq(schema.users.id, claimed.userId));
    // Unverified addresses get no notification mail: nobody can aim our mail at someone else's inbox.
    if (!user?.verified || user.deactivated) return null;
    const base = deps.config.publicUrl;
    const text = [
      `Hi ${user.name},`,
      '',
      claimed.body,
      ...(claimed.link ? ['', `Open it: ${base}${claimed.link}`] : []),
      '',
      `Choose which emails you get: ${base}/settings/notifications`,
    ].join('\n');
    return deps.mailer.enqueue(tx, { to: user.email, subject: claimed.title, text, kind: `notification.${claimed.type}` });
  });
  if (mailId) await deps.mailer.deliver(db, [mailId]);
}

async function pushNotification(deps: AppDeps, notificationId: string) {
  const { db } = deps.database;
  const [notification] = await db
    .select({ ...notificationColumns, userId: schema.notifications.userId, pushedAt: schema.notifications.pushedAt })
    .from(schema.notifications)
    .where(eq(schema.notifications.id, notificationId));
  if (!notification || notification.pushedAt) return;
  const targets = await db
    .select({ id: schema.pushSubscriptions.id, endpoint: schema.pushSubscriptions.endpoint, p256dh: schema.pushSubscriptions.p256dh, auth: schema.pushSubscriptions.auth })
    .from(schema.pushSubscriptions)
    .where(eq(schema.pushSubscriptions.userId, notification.userId));
  const payload = { id: notification.id, type: notification.type, title: notification.title, body: notification.body, link: notification.link };
  const outcomes = await Promise.all(targets.map(async (target) => ({ target, outcome: await deps.push.send(target, payload) })));
  const now = deps.clock();
  let delivered = 0;
  const transient: string[] = [];
  for (const { target, outcome } of outcomes) {
    if (outcome.ok) {
      delivered++;
      await db.update(schema.pushSubscriptions).set({ lastSuccessAt: now }).where(eq(schema.pushSubscriptions.id, target.id));
    } else if (outcome.gone) {
      await db.delete(schema.pushSubscriptions).where(eq(schema.pushSubscriptions.id, target.id));
    } else {
      transient.push(`${new URL(target.endpoint).host}: ${outcome.error}`);
    }
  }
  // Retry only while nothing got through: a partial success is not repeated to the browsers that
  // already showed it.
  if (delivered === 0 && transient.length > 0) throw new Error(`push failed: ${transient.join('; ')}`);
  await db.update(schema.notifications).set({ pushedAt: now }).where(eq(schema.notifications.id, notificationId));
}

/** Reminders 24 h and 1 h before the interview; a new date replaces them, a cleared one cancels them. */
export async function scheduleInterviewReminders(deps: AppDeps, event: EventOf<'tracker.application.interview_changed'>) {
  const now = deps.clock().getTime();
  await deps.database.db.transaction(async (tx) => {
    for (const lead of Object.keys(reminderLeads) as ReminderLead[]) {
      const remindAt = event.nextInterviewAt ? event.nextInterviewAt.getTime() - reminderLeads[lead] : null;
      const due = remindAt !== null && remindAt > now;
      await deps.queue.reschedule(
        interviewReminderJob,
        `interview:${event.applicationId}:${lead}`,
        due && event.nextInterviewAt
          ? {
              userId: event.userId,
              applicationId: event.applicationId,
              jobTitle: event.jobTitle,
              company: event.company,
              interviewAt: event.nextInterviewAt.toISOString(),
              lead,
            }
          : null,
        // pg-boss waits by the real clock: the lead is measured on the app's clock (tests inject
        // one) and carried over as an offset from now, which is the same thing in production.
        { tx, startAfter: remindAt !== null ? new Date(Date.now() + (remindAt - now)) : undefined },
      );
    }
  });
}

/** Wire events to jobs and jobs to workers. Called once per process, before the queue starts. */
export function registerNotificationDelivery(deps: AppDeps) {
  const { events, queue } = deps;
  queue.register(createNotificationJob, async (draft) => {
    await deliverNotification(deps, draft);
  });
  queue.register(emailNotificationJob, ({ notificationId }) => emailNotification(deps, notificationId));
  queue.register(pushNotificationJob, ({ notificationId }) => pushNotification(deps, notificationId));
  queue.register(interviewReminderJob, async (payload) => {
    await deliverNotification(deps, reminderDraft(payload));
  });

  events.subscribe('tracker.application.status_changed', async (event) => {
    await queue.send(createNotificationJob, statusChangedDraft(event));
  });
  events.subscribe('tracker.saved_search.matched', async (event) => {
    await queue.send(createNotificationJob, savedSearchDraft(event));
  });
  events.subscribe('auth.new_device_sign_in', async (event) => {
    await queue.send(createNotificationJob, newDeviceDraft(event));
  });
  events.subscribe('tracker.application.interview_changed', (event) => scheduleInterviewReminders(deps, event));
}
