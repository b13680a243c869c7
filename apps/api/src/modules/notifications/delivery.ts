import { schema } from '@tessera/db';
import { notificationTypeSchema } from '@tessera/validation/notifications';
import { type ApplicationStatus, applicationStatusLabels } from '@tessera/validation/tracker';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { EventOf } from '../../platform/events';
import { defineJob } from '../../platform/queue';
import { fitText } from '../../platform/text';
import type { AppDeps } from '../../trpc';
import { notificationColumns, preferencesOf } from './service';

/**
 * From domain events to notifications. Event handlers only enqueue (one insert, inside the
 * publisher's request); the workers write the notification, then email and push it in jobs of
 * their own, so a slow mail server or push service retries without repeating the other channels.
 */

const titleMax = 200;
const bodyMax = 2000;

const draftSchema = z.object({
  userId: z.uuid(),
  type: notificationTypeSchema,
  title: z.string().min(1).max(titleMax),
  body: z.string().max(bodyMax),
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

const hourMs = 60 * 60 * 1000;
const reminderLeads = { day: 24 * hourMs, hour: hourMs } as const;
type ReminderLead = keyof typeof reminderLeads;
/** Statuses where an application has ended: no interview to remind of. */
const closedStatuses: ReadonlySet<string> = new Set(['accepted', 'rejected', 'withdrawn', 'ghosted']);
/**
 * A reminder whose time already passed (interview set less than 24 h or 1 h ahead) is sent at
 * once, unless a scheduled one follows within this long (an interview 61 minutes ahead gets the
 * 1-hour reminder only, not two within a minute).
 */
const missedReminderGraceMs = 30 * 60 * 1000;

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
const statusLabel = (status: string) => applicationStatusLabels[status as ApplicationStatus] ?? status;
// The person's time zone is not known on the server: times are said in UTC, in words ("Tue, Dec 1, 2026, 09:00 UTC").
const whenFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const formatWhen = (at: Date) => `${whenFormat.format(at)} UTC`;

// Drafts: what each event says, in the product's words. Texts are cut to their limits (`fitText`): a job
// title may be 300 characters and a notification's title 200, so "<title> at <company>: offer" would be
// refused and the notification lost.
export function statusChangedDraft(event: EventOf<'tracker.application.status_changed'>): NotificationDraft {
  return {
    userId: event.userId,
    type: 'application_status_changed',
    title: fitText(`${event.jobTitle} at ${event.company}: ${statusLabel(event.to)}`, titleMax),
    body: event.from
      ? `Your application moved from ${statusLabel(event.from)} to ${statusLabel(event.to)}.`
      : // A new application (no previous stage): "is now offer" did not read as English.
        `New application, at the ${statusLabel(event.to)} stage.`,
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
    title: fitText(event.count === 1 ? `New match for "${event.searchName}"` : `${event.count} new matches for "${event.searchName}"`, titleMax),
    body: fitText(`${list} ${event.count === 1 ? 'matches' : 'match'} your saved search.`, bodyMax),
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
    title: fitText(`New sign-in from ${event.device}`, titleMax),
    body: fitText(`Your account was signed in from ${event.device}${event.ip ? ` (${event.ip})` : ''} at ${formatWhen(event.at)}. If this was not you, sign out everywhere and change your password.`, bodyMax),
    link: '/settings/sessions',
    dedupeKey: `sign-in:${event.device}:${event.at.toISOString()}`,
  };
}

/** "tomorrow", "in 10 hours", "in an hour", "in 20 minutes": the time actually left when it is sent (a late or prompt reminder says so). */
export function timeLeftLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms >= 36 * hourMs) return `in ${Math.round(ms / (24 * hourMs))} days`;
  if (ms >= 23 * hourMs) return 'tomorrow';
  if (ms >= 90 * 60_000) return `in ${Math.round(ms / hourMs)} hours`;
  if (ms >= 45 * 60_000) return 'in an hour';
  return minutes <= 1 ? 'in a minute' : `in ${minutes} minutes`;
}

function reminderDraft(payload: z.infer<typeof interviewReminderJob.payload>, now: Date): NotificationDraft {
  const at = new Date(payload.interviewAt);
  return {
    userId: payload.userId,
    type: 'interview_reminder',
    title: fitText(`Interview ${timeLeftLabel(at.getTime() - now.getTime())}: ${payload.jobTitle} at ${payload.company}`, titleMax),
    body: fitText(`Your interview for ${payload.jobTitle} at ${payload.company} starts at ${formatWhen(at)}.`, bodyMax),
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

type ReminderPlan = { lead: ReminderLead; at: number | null }[];

/**
 * When each reminder goes out (app-clock ms; null = none). Upcoming leads at their time; of the
 * leads already passed only the latest one, at once, and only when no scheduled reminder follows
 * soon; nothing for an interview in the past or cleared.
 */
export function planReminders(interviewAt: number | null, now: number): ReminderPlan {
  const leads = (Object.keys(reminderLeads) as ReminderLead[]).sort((a, b) => reminderLeads[b] - reminderLeads[a]);
  if (interviewAt === null || interviewAt <= now) return leads.map((lead) => ({ lead, at: null }));
  const times = leads.map((lead) => ({ lead, remindAt: interviewAt - reminderLeads[lead] }));
  const nextScheduled = times.find((t) => t.remindAt > now)?.remindAt ?? null;
  const missed = times.filter((t) => t.remindAt <= now).at(-1)?.lead ?? null;
  const sendMissed = missed !== null && (nextScheduled === null || nextScheduled - now > missedReminderGraceMs);
  return times.map(({ lead, remindAt }) => ({ lead, at: remindAt > now ? remindAt : sendMissed && lead === missed ? now : null }));
}

/** The application as it stands: reminders are only for open applications (sent only while their job is out of the bin). */
async function applicationState(db: AppDeps['database']['db'], userId: string, applicationId: string) {
  const [row] = await db
    .select({
      status: schema.applications.status,
      nextInterviewAt: schema.applications.nextInterviewAt,
      jobTitle: schema.jobs.title,
      company: schema.jobs.company,
      jobDeletedAt: schema.jobs.deletedAt,
    })
    .from(schema.applications)
    .innerJoin(schema.jobs, eq(schema.jobs.id, schema.applications.jobId))
    .where(and(eq(schema.applications.id, applicationId), eq(schema.applications.userId, userId)));
  return row && { ...row, open: !closedStatuses.has(row.status) };
}

type ReminderTarget = { userId: string; applicationId: string; jobTitle: string; company: string; nextInterviewAt: Date | null };

/**
 * Reminders 24 h and 1 h before the interview; a new date replaces them, a cleared one, a date in
 * the past or a closed application cancels them. A reminder already due is sent promptly (once).
 */
export async function scheduleInterviewReminders(deps: AppDeps, event: ReminderTarget) {
  const now = deps.clock().getTime();
  const state = event.nextInterviewAt ? await applicationState(deps.database.db, event.userId, event.applicationId) : undefined;
  const interviewAt = event.nextInterviewAt && state?.open ? event.nextInterviewAt.getTime() : null;
  await deps.database.db.transaction(async (tx) => {
    for (const { lead, at } of planReminders(interviewAt, now)) {
      await deps.queue.reschedule(
        interviewReminderJob,
        `interview:${event.applicationId}:${lead}`,
        at !== null && event.nextInterviewAt
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
        { tx, startAfter: at !== null ? new Date(Date.now() + (at - now)) : undefined },
      );
    }
  });
}

async function cancelInterviewReminders(deps: AppDeps, applicationId: string) {
  for (const lead of Object.keys(reminderLeads) as ReminderLead[]) {
    await deps.queue.cancelPending(interviewReminderJob, `interview:${applicationId}:${lead}`);
  }
}

/**
 * Reopening a closed application with an interview still ahead schedules its reminders again.
 * (Closing one cancels them through `sweepReminders`, once per write rather than per event.)
 */
async function followStatus(deps: AppDeps, event: EventOf<'tracker.application.status_changed'>) {
  if (closedStatuses.has(event.to) || !event.from || !closedStatuses.has(event.from)) return;
  const state = await applicationState(deps.database.db, event.userId, event.applicationId);
  if (state?.nextInterviewAt) {
    await scheduleInterviewReminders(deps, { userId: event.userId, applicationId: event.applicationId, jobTitle: state.jobTitle, company: state.company, nextInterviewAt: state.nextInterviewAt });
  }
}

/**
 * After any write to a person's applications or jobs, cancel their pending reminders whose
 * application is gone (deleted one by one, in bulk, or by a replacing restore: no per-id event),
 * closed (accepted, rejected, withdrawn, ghosted). One query over that person's pending reminders
 * (a handful), whatever the size of the write. A soft-deleted job keeps them (it can be restored):
 * the send-time check skips them while it is in the bin.
 */
async function sweepReminders(deps: AppDeps, userId: string) {
  const result: unknown = await deps.database.db.execute(sql`
    select distinct r.data->>'applicationId' as "applicationId"
      from pgboss.job r
     where r.name = ${interviewReminderJob.name} and r.state in ('created', 'retry') and r.data->>'userId' = ${userId}
       and not exists (
         select 1 from applications a
          where a.id::text = r.data->>'applicationId' and a.user_id = ${userId}::uuid
            and a.status not in ('accepted', 'rejected', 'withdrawn', 'ghosted'))`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { applicationId: string }[];
  for (const row of rows) await cancelInterviewReminders(deps, row.applicationId);
}

/** At send time the application must still be open, of a live job, with this interview ahead. */
async function sendInterviewReminder(deps: AppDeps, payload: z.infer<typeof interviewReminderJob.payload>) {
  const now = deps.clock();
  const interviewAt = new Date(payload.interviewAt);
  if (interviewAt.getTime() <= now.getTime()) return;
  const state = await applicationState(deps.database.db, payload.userId, payload.applicationId);
  if (!state?.open || state.jobDeletedAt || state.nextInterviewAt?.getTime() !== interviewAt.getTime()) return;
  await deliverNotification(deps, reminderDraft(payload, now));
}

/** Wire events to jobs and jobs to workers. Called once per process, before the queue starts. */
export function registerNotificationDelivery(deps: AppDeps) {
  const { events, queue } = deps;
  queue.register(createNotificationJob, async (draft) => {
    await deliverNotification(deps, draft);
  });
  queue.register(emailNotificationJob, ({ notificationId }) => emailNotification(deps, notificationId));
  queue.register(pushNotificationJob, ({ notificationId }) => pushNotification(deps, notificationId));
  queue.register(interviewReminderJob, (payload) => sendInterviewReminder(deps, payload));

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
  events.subscribe('tracker.application.status_changed', (event) => followStatus(deps, event));
  events.subscribe('tracker.changed', async (event) => {
    if (event.entities.includes('applications')) await sweepReminders(deps, event.userId);
  });
}
