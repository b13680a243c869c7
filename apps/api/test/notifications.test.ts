import { schema } from '@tessera/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverNotification, interviewReminderJob } from '../src/modules/notifications/delivery';
import { commandLineUserAgent } from '../src/platform/audit';
import { browserClient, errorOf, movableClock, scriptClient, startTestApp, type TestApp } from './harness';
import { signedInUser, sleep, waitFor } from './realtime-helpers';

let app: TestApp;
const clock = movableClock();

beforeAll(async () => {
  app = await startTestApp({ clock, env: { QUEUE_POLL_SECONDS: '0.5' } });
});
afterAll(async () => {
  await app?.close();
});

const rowsOf = (userId: string) =>
  app.database.db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.userId, userId))
    .orderBy(schema.notifications.createdAt);
const mailTo = (to: string) => app.database.db.select().from(schema.mailOutbox).where(eq(schema.mailOutbox.to, to));
const notificationMailTo = async (to: string) => (await mailTo(to)).filter((m) => m.kind.startsWith('notification.'));

function statusChanged(userId: string, to: string, at = new Date(), jobTitle = 'Staff Engineer') {
  return app.deps.events.publish({
    type: 'tracker.application.status_changed',
    userId,
    applicationId: '11111111-1111-4111-8111-111111111111',
    jobId: '22222222-2222-4222-8222-222222222222',
    jobTitle,
    company: 'Acme',
    from: 'applied',
    to,
    at,
  });
}

async function draft(userId: string, index: number) {
  return deliverNotification(app.deps, {
    userId,
    type: index % 2 ? 'application_status_changed' : 'saved_search_match',
    title: `Notice ${index}`,
    body: `Body ${index}`,
    link: `/tracker/jobs/${index}`,
    dedupeKey: `seed:${index}`,
  });
}

describe('notification procedures', () => {
  let alice: Awaited<ReturnType<typeof signedInUser>>;
  let bob: Awaited<ReturnType<typeof signedInUser>>;
  let a: ReturnType<typeof scriptClient>;
  let b: ReturnType<typeof scriptClient>;

  beforeAll(async () => {
    alice = await signedInUser(app, 'alice@example.com');
    bob = await signedInUser(app, 'bob@example.com');
    a = scriptClient(app, alice.token);
    b = scriptClient(app, bob.token);
    for (let i = 1; i <= 12; i++) {
      await draft(alice.userId, i);
      clock.advance(1000);
    }
    await draft(bob.userId, 99);
  });

  it('lists newest first with a cursor and an unread filter, and counts unread', async () => {
    const first = await a.notifications.list.query({ limit: 5 });
    expect(first.items.map((n) => n.title)).toEqual(['Notice 12', 'Notice 11', 'Notice 10', 'Notice 9', 'Notice 8']);
    const second = await a.notifications.list.query({ limit: 5, cursor: first.nextCursor! });
    const third = await a.notifications.list.query({ limit: 5, cursor: second.nextCursor! });
    expect(third.items.map((n) => n.title)).toEqual(['Notice 2', 'Notice 1']);
    expect(third.nextCursor).toBeNull();
    expect(JSON.stringify(first)).not.toMatch(/dedupe|emailedAt|userId/);

    expect(await a.notifications.unreadCount.query()).toEqual({ count: 12 });
    await a.notifications.markRead.mutate({ id: first.items[0]!.id });
    await a.notifications.markRead.mutate({ id: first.items[1]!.id });
    expect(await a.notifications.unreadCount.query()).toEqual({ count: 10 });
    const unread = await a.notifications.list.query({ unreadOnly: true, limit: 50 });
    expect(unread.items).toHaveLength(10);
    expect(unread.items.map((n) => n.title)).not.toContain('Notice 12');
    const unreadMatches = await a.notifications.list.query({ unreadOnly: true, type: 'saved_search_match', limit: 50 });
    expect(unreadMatches.items.every((n) => n.type === 'saved_search_match' && n.readAt === null)).toBe(true);
    expect(unreadMatches.items).toHaveLength(5); // 2,4,6,8,10 (12 was read)

    const back = await a.notifications.markUnread.mutate({ id: first.items[0]!.id });
    expect(back.readAt).toBeNull();
    expect(await a.notifications.unreadCount.query()).toEqual({ count: 11 });
    expect(await a.notifications.markAllRead.mutate()).toEqual({ updated: 11 });
    expect(await a.notifications.unreadCount.query()).toEqual({ count: 0 });
    expect(await b.notifications.unreadCount.query()).toEqual({ count: 1 });
  });

  it("answers NOT_FOUND for someone else's notification and changes nothing", async () => {
    const [bobs] = (await b.notifications.list.query({})).items;
    // Thunks, called one at a time: a call started early could reject before errorOf awaits it.
    for (const call of [
      () => a.notifications.markRead.mutate({ id: bobs!.id }),
      () => a.notifications.markUnread.mutate({ id: bobs!.id }),
      () => a.notifications.delete.mutate({ id: bobs!.id }),
    ]) {
      expect((await errorOf(call())).data.code).toBe('NOT_FOUND');
    }
    const mine = (await a.notifications.list.query({ limit: 2 })).items.map((n) => n.id);
    // Bulk delete is all or nothing: one foreign id and none of the caller's are deleted.
    expect((await errorOf(a.notifications.bulkDelete.mutate({ ids: [...mine, bobs!.id] }))).data.code).toBe('NOT_FOUND');
    expect((await a.notifications.list.query({ limit: 50 })).items).toHaveLength(12);
    expect((await b.notifications.list.query({})).items).toHaveLength(1);
    expect((await b.notifications.unreadCount.query()).count).toBe(1);
  });

  it('deletes one and many', async () => {
    const items = (await a.notifications.list.query({ limit: 50 })).items;
    expect(await a.notifications.delete.mutate({ id: items[0]!.id })).toEqual({ deleted: 1 });
    expect(await a.notifications.bulkDelete.mutate({ ids: items.slice(1, 4).map((n) => n.id) })).toEqual({ deleted: 3 });
    expect((await a.notifications.list.query({ limit: 50 })).items).toHaveLength(8);
    expect((await errorOf(a.notifications.delete.mutate({ id: items[0]!.id }))).data.code).toBe('NOT_FOUND');
  });

  it('rejects bad input with field errors and anonymous callers with UNAUTHORIZED', async () => {
    const badId = await errorOf(a.notifications.markRead.mutate({ id: 'nope' }));
    expect(badId.data.code).toBe('BAD_REQUEST');
    expect(badId.data.fieldErrors?.id).toBeDefined();
    const empty = await errorOf(a.notifications.bulkDelete.mutate({ ids: [] }));
    expect(empty.data.fieldErrors?.ids).toBeDefined();
    const cursor = await errorOf(a.notifications.list.query({ cursor: 'garbage' }));
    expect(cursor.data.fieldErrors?.cursor).toBeDefined();
    const type = await errorOf(a.notifications.preferences.update.mutate({ changes: [{ type: 'weather' as never, channel: 'email', enabled: true }] }));
    expect(type.data.code).toBe('BAD_REQUEST');
    expect((await errorOf(scriptClient(app).notifications.list.query({}))).data.code).toBe('UNAUTHORIZED');
  });
});

describe('generated from events, respecting preferences per channel', () => {
  it('writes a status-change notification (in-app on, email off by default)', async () => {
    const carol = await signedInUser(app, 'carol@example.com', { verified: true });
    await statusChanged(carol.userId, 'interview');
    const [row] = await waitFor(async () => {
      const rows = await rowsOf(carol.userId);
      return rows.length ? rows : null;
    }, 5000, 'notification');
    expect(row).toMatchObject({ type: 'application_status_changed', title: 'Staff Engineer at Acme: interview', link: '/tracker/applications/11111111-1111-4111-8111-111111111111', visible: true });
    await sleep(700);
    expect(await notificationMailTo(carol.email)).toHaveLength(0);
    // The same event again (a redelivery) writes nothing new.
    const at = new Date('2030-01-01T10:00:00Z');
    await statusChanged(carol.userId, 'offer', at);
    await statusChanged(carol.userId, 'offer', at);
    await waitFor(async () => (await rowsOf(carol.userId)).length === 2, 5000, 'second notification');
    await sleep(700);
    expect(await rowsOf(carol.userId)).toHaveLength(2);
  });

  it('notifies about a job whose title is as long as a job title may be (300), its title cut with "…"', async () => {
    const grace = await signedInUser(app, 'grace-long@example.com', { verified: true });
    // Before: "<300 characters> at Acme: Offer" broke the notification's 200-character limit and the notification was lost.
    await statusChanged(grace.userId, 'offer', new Date(), 'Principal '.repeat(30).trim());
    const [row] = await waitFor(async () => {
      const rows = await rowsOf(grace.userId);
      return rows.length ? rows : null;
    }, 5000, 'notification');
    expect(row!.title).toHaveLength(200);
    expect(row!.title).toMatch(/^Principal Principal .*…$/);
    expect(row!.body).toBe('Your application moved from Applied to Offer.');
  });

  it('emails when the person turned email on (to the outbox), and hides in-app when they turned it off', async () => {
    const dave = await signedInUser(app, 'dave@example.com', { verified: true });
    const client = scriptClient(app, dave.token);
    const defaults = await client.notifications.preferences.get.query();
    expect(defaults.types.map((t) => t.type)).toEqual(['application_status_changed', 'interview_reminder', 'saved_search_match', 'new_device_sign_in']);
    expect(defaults.types[0]!.channels).toEqual({ inApp: true, email: false, push: true });
    expect(defaults.push.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);

    const updated = await client.notifications.preferences.update.mutate({
      changes: [
        { type: 'application_status_changed', channel: 'email', enabled: true },
        { type: 'application_status_changed', channel: 'inApp', enabled: false },
      ],
    });
    expect(updated.types[0]!.channels).toEqual({ inApp: false, email: true, push: true });
    expect((await client.notifications.preferences.get.query()).types[1]!.channels).toEqual({ inApp: true, email: true, push: true });

    await statusChanged(dave.userId, 'offer');
    const [mail] = await waitFor(async () => {
      const rows = await notificationMailTo(dave.email);
      return rows.length ? rows : null;
    }, 5000, 'mail');
    expect(mail).toMatchObject({ subject: 'Staff Engineer at Acme: Offer', kind: 'notification.application_status_changed', transport: 'outbox' });
    expect(mail!.text).toContain(`${app.deps.config.publicUrl}/tracker/applications/11111111-1111-4111-8111-111111111111`);
    expect(mail!.text).toContain('/settings/notifications');
    // In-app off: the center and the count do not show it.
    expect((await client.notifications.list.query({})).items).toHaveLength(0);
    expect((await client.notifications.unreadCount.query()).count).toBe(0);

    // Every channel off: nothing at all.
    await client.notifications.preferences.update.mutate({ changes: [{ type: 'application_status_changed', channel: 'email', enabled: false }, { type: 'application_status_changed', channel: 'push', enabled: false }] });
    await statusChanged(dave.userId, 'rejected');
    await sleep(1000);
    expect(await rowsOf(dave.userId)).toHaveLength(1);
    expect(await notificationMailTo(dave.email)).toHaveLength(1);
  });

  it('sends no notification email to an unverified address', async () => {
    const erin = await signedInUser(app, 'erin@example.com');
    await scriptClient(app, erin.token).notifications.preferences.update.mutate({ changes: [{ type: 'application_status_changed', channel: 'email', enabled: true }] });
    await statusChanged(erin.userId, 'offer');
    await waitFor(async () => (await rowsOf(erin.userId))[0]?.emailedAt, 5000, 'email job handled');
    expect(await notificationMailTo(erin.email)).toHaveLength(0);
  });

  it('notifies (and emails) a sign-in from a new device, not from a known one', async () => {
    const frank = await signedInUser(app, 'frank@example.com', { verified: true });
    const password = 'correct horse battery staple';
    // Signed up and in with the script client's user agent: signing in with it again is known.
    await scriptClient(app).auth.signIn.mutate({ email: frank.email, password, transport: 'bearer' });
    const firefox = browserClient(app, { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0' });
    await firefox.client.auth.signIn.mutate({ email: frank.email, password });
    const [row] = await waitFor(async () => {
      const rows = await rowsOf(frank.userId);
      return rows.length ? rows : null;
    }, 5000, 'new-device notification');
    expect(row).toMatchObject({ type: 'new_device_sign_in', title: 'New sign-in from Firefox on macOS', link: '/settings/sessions' });
    await waitFor(async () => (await notificationMailTo(frank.email)).length === 1, 5000, 'security email');
    // Same device family again: nothing new.
    await firefox.client.auth.signIn.mutate({ email: frank.email, password });
    await sleep(1000);
    expect(await rowsOf(frank.userId)).toHaveLength(1);
  });

  it("does not call an account's first device new (an admin made on the command line signing in for the first time)", async () => {
    const grace = await signedInUser(app, 'grace@example.com', { verified: true });
    // As `admin:create` leaves it: a sign-up recorded from the command line, no session.
    await app.database.db.update(schema.auditEvents).set({ userAgent: commandLineUserAgent }).where(eq(schema.auditEvents.targetUserId, grace.userId));
    await app.database.db.delete(schema.sessions).where(eq(schema.sessions.userId, grace.userId));
    const password = 'correct horse battery staple';
    const firefox = browserClient(app, { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0' });
    await firefox.client.auth.signIn.mutate({ email: grace.email, password });
    // The next device is new.
    const chrome = browserClient(app, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' });
    await chrome.client.auth.signIn.mutate({ email: grace.email, password });
    const rows = await waitFor(async () => {
      const found = await rowsOf(grace.userId);
      return found.length ? found : null;
    }, 5000, 'new-device notification');
    await sleep(500);
    expect((await rowsOf(grace.userId)).map((row) => row.title)).toEqual([expect.stringMatching(/^New sign-in from Chrome/)]);
    expect(rows).toHaveLength(1);
  });

  it('notifies a saved-search match', async () => {
    const gina = await signedInUser(app, 'gina@example.com');
    await app.deps.events.publish({
      type: 'tracker.saved_search.matched',
      userId: gina.userId,
      savedSearchId: '33333333-3333-4333-8333-333333333333',
      searchName: 'Remote Rust',
      count: 1,
      jobs: [{ id: '44444444-4444-4444-8444-444444444444', title: 'Rust Engineer', company: 'Ferrous' }],
      at: new Date(),
    });
    const [row] = await waitFor(async () => {
      const rows = await rowsOf(gina.userId);
      return rows.length ? rows : null;
    }, 5000, 'match notification');
    expect(row).toMatchObject({
      type: 'saved_search_match',
      title: 'New match for "Remote Rust"',
      body: 'Rust Engineer at Ferrous matches your saved search.',
      link: '/tracker/jobs?saved=33333333-3333-4333-8333-333333333333',
    });
  });
});

describe('interview reminders', () => {
  const hour = 60 * 60 * 1000;
  const pendingReminders = async () => (await app.deps.queue.overview()).find((q) => q.name === 'notifications.interview_reminder')!;
  const remindersOf = async (userId: string) => (await rowsOf(userId)).filter((row) => row.type === 'interview_reminder');
  /** Reminder jobs of one application (pending only, or every one not cancelled), in send order. */
  const jobsFor = async (applicationId: string, which: 'pending' | 'notCancelled' = 'pending') => {
    const states = which === 'pending' ? ['created', 'retry'] : ['created', 'retry', 'active', 'completed'];
    const result: unknown = await app.database.db.execute(
      sql`select data->>'lead' as lead, start_after from pgboss.job
           where name = 'notifications.interview_reminder' and state::text in (${sql.join(states.map((state) => sql`${state}`), sql`, `)})
             and data->>'applicationId' = ${applicationId}
           order by start_after`,
    );
    return ((result as { rows: { lead: string; start_after: string }[] }).rows).map((r) => ({ lead: r.lead, startAfter: new Date(r.start_after) }));
  };
  const pendingFor = (applicationId: string) => jobsFor(applicationId);

  afterEach(() => clock.set(new Date()));

  /** A real application (the reminder worker checks it still exists, is open and has this date). */
  async function interviewFor(token: string, nextInterviewAt: Date | null, status: 'interviewing' | 'rejected' = 'interviewing') {
    const client = scriptClient(app, token);
    const job = await client.tracker.jobs.create.mutate({ title: 'Platform Lead', company: 'Globex' });
    const application = await client.tracker.applications.create.mutate({ jobId: job.id, status, nextInterviewAt });
    const move = (at: Date | null) => client.tracker.applications.update.mutate({ id: application.id, changes: { nextInterviewAt: at } });
    return { client, id: application.id, jobId: job.id, move };
  }

  it('fires 24 h before, reschedules when the date moves, and cancels when it is cleared', async () => {
    const hank = await signedInUser(app, 'hank@example.com', { verified: true });
    // Tomorrow, plus 1.2 s: the 24-hour reminder is due in 1.2 s, the 1-hour one in ~23 h.
    const sent = Date.now();
    const interview = await interviewFor(hank.token, new Date(clock().getTime() + 24 * hour + 1200));
    expect(await pendingReminders()).toMatchObject({ deferred: 2 });
    await sleep(700);
    expect(await remindersOf(hank.userId)).toHaveLength(0);
    const [day] = await waitFor(async () => {
      const rows = await remindersOf(hank.userId);
      return rows.length ? rows : null;
    }, 5000, 'day reminder');
    expect(Date.now() - sent).toBeGreaterThanOrEqual(1150);
    expect(day).toMatchObject({ type: 'interview_reminder', title: 'Interview tomorrow: Platform Lead at Globex' });
    await waitFor(async () => (await notificationMailTo(hank.email)).filter((m) => m.kind === 'notification.interview_reminder').length === 1, 5000, 'reminder email');
    expect(await pendingReminders()).toMatchObject({ deferred: 1 });

    // Moved to an hour (and a second) from now: the 1-hour reminder replaces the old one, and the
    // passed 24-hour one is not sent late (the 1-hour one follows within seconds).
    await interview.move(new Date(clock().getTime() + hour + 1000));
    expect(await pendingReminders()).toMatchObject({ deferred: 1 });
    const rows = await waitFor(async () => {
      const all = await remindersOf(hank.userId);
      return all.length === 2 ? all : null;
    }, 5000, 'hour reminder');
    expect(rows[1]).toMatchObject({ title: 'Interview in an hour: Platform Lead at Globex' });
    expect(await pendingReminders()).toMatchObject({ deferred: 0 });

    // A new date, then cleared: nothing stays scheduled.
    await interview.move(new Date(clock().getTime() + 3 * 24 * hour));
    expect(await pendingReminders()).toMatchObject({ deferred: 2 });
    await interview.move(null);
    expect(await pendingReminders()).toMatchObject({ deferred: 0 });
    const states: unknown = await app.database.db.execute(
      sql`select state from pgboss.job where name = 'notifications.interview_reminder' and state = 'cancelled'`,
    );
    expect((states as { rows: unknown[] }).rows.length).toBe(3);
    await sleep(300);
    expect(await remindersOf(hank.userId)).toHaveLength(2);
  });

  it('follows the app clock (an injected clock moves the reminder time)', async () => {
    const ivy = await signedInUser(app, 'ivy@example.com');
    const interview = await interviewFor(ivy.token, null);
    // The app clock says it is 10:00; the interview is at 11:00:00.8 by that clock. (Sessions
    // expire by the app clock too, so the date is set and announced without the API.)
    clock.set(new Date('2031-05-05T10:00:00Z'));
    const at = new Date('2031-05-05T11:00:00.800Z');
    await app.database.db.update(schema.applications).set({ nextInterviewAt: at }).where(eq(schema.applications.id, interview.id));
    await app.deps.events.publish({
      type: 'tracker.application.interview_changed',
      userId: ivy.userId,
      applicationId: interview.id,
      jobTitle: 'Platform Lead',
      company: 'Globex',
      nextInterviewAt: at,
      at: clock(),
    });
    const [row] = await waitFor(async () => {
      const all = await remindersOf(ivy.userId);
      return all.length ? all : null;
    }, 5000, 'reminder by the injected clock');
    expect(row!.title).toBe('Interview in an hour: Platform Lead at Globex');
    expect(row!.body).toContain('starts at Mon, May 5, 2031, 11:00 UTC.');
  });

  it('sends the passed 24-hour reminder at once for an interview set 10 hours ahead, and keeps the 1-hour one', async () => {
    const lena = await signedInUser(app, 'lena@example.com');
    const interview = await interviewFor(lena.token, new Date(clock().getTime() + 10 * hour));
    // One prompt reminder (the day lead, due now) and the hour one 9 h from now.
    const queued = await jobsFor(interview.id, 'notCancelled');
    expect(queued.map((p) => p.lead)).toEqual(['day', 'hour']);
    expect(queued[0]!.startAfter.getTime() - Date.now()).toBeLessThan(1000);
    expect(queued[1]!.startAfter.getTime() - Date.now()).toBeGreaterThan(8.9 * hour);
    const [row] = await waitFor(async () => {
      const all = await remindersOf(lena.userId);
      return all.length ? all : null;
    }, 5000, 'prompt reminder');
    expect(row).toMatchObject({ title: 'Interview in 10 hours: Platform Lead at Globex', link: `/tracker/applications/${interview.id}` });
    expect(await pendingFor(interview.id)).toMatchObject([{ lead: 'hour' }]);
    await sleep(700);
    expect(await remindersOf(lena.userId)).toHaveLength(1);
    await interview.move(null);
    expect(await pendingFor(interview.id)).toEqual([]);
  });

  it('sends one reminder, not two, for an interview set 20 minutes ahead; none for one in the past', async () => {
    const max = await signedInUser(app, 'max@example.com');
    const soon = await interviewFor(max.token, new Date(clock().getTime() + 20 * 60 * 1000));
    expect((await jobsFor(soon.id, 'notCancelled')).map((p) => p.lead)).toEqual(['hour']);
    const [row] = await waitFor(async () => {
      const all = await remindersOf(max.userId);
      return all.length ? all : null;
    }, 5000, 'prompt reminder');
    expect(row!.title).toBe('Interview in 20 minutes: Platform Lead at Globex');

    const past = await interviewFor(max.token, new Date(clock().getTime() - hour));
    expect(await jobsFor(past.id, 'notCancelled')).toEqual([]);
    // Moved from the future into the past: the scheduled ones go too.
    await past.move(new Date(clock().getTime() + 48 * hour));
    expect(await pendingFor(past.id)).toHaveLength(2);
    await past.move(new Date(clock().getTime() - 24 * hour));
    expect(await pendingFor(past.id)).toEqual([]);
    await sleep(700);
    expect(await remindersOf(max.userId)).toHaveLength(1);
  });

  it('cancels the reminders of an application that is closed or deleted, and schedules them again when it reopens', async () => {
    const nora = await signedInUser(app, 'nora@example.com');
    const inTwoDays = () => new Date(clock().getTime() + 48 * hour);
    for (const status of ['rejected', 'withdrawn', 'ghosted', 'accepted'] as const) {
      const interview = await interviewFor(nora.token, inTwoDays());
      expect(await pendingFor(interview.id)).toHaveLength(2);
      await interview.client.tracker.applications.setStatus.mutate({ id: interview.id, status });
      expect(await pendingFor(interview.id)).toEqual([]);
      if (status === 'rejected') {
        // Back in the pipeline with its interview still ahead: reminded again.
        await interview.client.tracker.applications.setStatus.mutate({ id: interview.id, status: 'interviewing' });
        expect((await pendingFor(interview.id)).map((p) => p.lead)).toEqual(['day', 'hour']);
        await interview.client.tracker.applications.setStatus.mutate({ id: interview.id, status: 'rejected' });
        expect(await pendingFor(interview.id)).toEqual([]);
      }
    }
    // Created closed: nothing scheduled.
    const closed = await interviewFor(nora.token, inTwoDays(), 'rejected');
    expect(await pendingFor(closed.id)).toEqual([]);

    const deleted = await interviewFor(nora.token, inTwoDays());
    const bulkA = await interviewFor(nora.token, inTwoDays());
    const bulkB = await interviewFor(nora.token, inTwoDays());
    const kept = await interviewFor(nora.token, inTwoDays());
    await deleted.client.tracker.applications.delete.mutate({ id: deleted.id });
    expect(await pendingFor(deleted.id)).toEqual([]);
    await bulkA.client.tracker.applications.bulkDelete.mutate({ ids: [bulkA.id, bulkB.id] });
    expect(await pendingFor(bulkA.id)).toEqual([]);
    expect(await pendingFor(bulkB.id)).toEqual([]);
    expect(await pendingFor(kept.id)).toHaveLength(2);
  });

  it('does not send a reminder whose application closed, moved or went to the bin after it was queued', async () => {
    const olga = await signedInUser(app, 'olga@example.com');
    const interview = await interviewFor(olga.token, new Date(clock().getTime() + 48 * hour));
    const payload = { userId: olga.userId, applicationId: interview.id, jobTitle: 'Platform Lead', company: 'Globex', lead: 'hour' as const };
    const queued = await app.database.db.select().from(schema.applications).where(eq(schema.applications.id, interview.id));
    const interviewAt = queued[0]!.nextInterviewAt!.toISOString();
    // Straight to the queue, as if the cancellation had been missed: the worker checks the facts.
    await app.database.db.update(schema.applications).set({ nextInterviewAt: new Date(clock().getTime() + 72 * hour) }).where(eq(schema.applications.id, interview.id));
    await app.deps.queue.send(interviewReminderJob, { ...payload, interviewAt });
    await interview.client.tracker.jobs.delete.mutate({ id: interview.jobId });
    const moved = queued[0]!.nextInterviewAt!;
    await app.database.db.update(schema.applications).set({ nextInterviewAt: moved }).where(eq(schema.applications.id, interview.id));
    await app.deps.queue.send(interviewReminderJob, { ...payload, interviewAt, lead: 'day' });
    await sleep(1500);
    expect(await pendingReminders()).toMatchObject({ ready: 0, active: 0 });
    expect(await remindersOf(olga.userId)).toHaveLength(0);
    // Out of the bin, the same reminder goes out.
    await interview.client.tracker.jobs.restore.mutate({ id: interview.jobId });
    await app.deps.queue.send(interviewReminderJob, { ...payload, interviewAt });
    const [sent] = await waitFor(async () => {
      const all = await remindersOf(olga.userId);
      return all.length ? all : null;
    }, 5000, 'reminder after restore');
    expect(sent!.title).toBe('Interview in 2 days: Platform Lead at Globex');
    await interview.move(null);
  });
});

describe('push subscriptions', () => {
  it('stores, moves and removes subscriptions; refuses non-https endpoints', async () => {
    const jo = await signedInUser(app, 'jo@example.com');
    const client = scriptClient(app, jo.token);
    const keys = { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) };
    const bad = await errorOf(client.notifications.push.subscribe.mutate({ endpoint: 'http://127.0.0.1:9/push', keys }));
    expect(bad.data.code).toBe('BAD_REQUEST');
    expect(bad.data.fieldErrors?.endpoint).toBeDefined();
    await client.notifications.push.subscribe.mutate({ endpoint: 'https://push.example.test/abc', keys });
    await client.notifications.push.subscribe.mutate({ endpoint: 'https://push.example.test/abc', keys });
    expect((await client.notifications.preferences.get.query()).push.subscriptions).toBe(1);
    expect((await client.notifications.push.publicKey.query()).publicKey).toBe(app.deps.push.publicKey);
    // Someone else cannot remove it.
    const kim = await signedInUser(app, 'kim@example.com');
    expect(await scriptClient(app, kim.token).notifications.push.unsubscribe.mutate({ endpoint: 'https://push.example.test/abc' })).toEqual({ removed: 0 });
    expect(await client.notifications.push.unsubscribe.mutate({ endpoint: 'https://push.example.test/abc' })).toEqual({ removed: 1 });
    const left = await app.database.db.select().from(schema.pushSubscriptions).where(and(eq(schema.pushSubscriptions.userId, jo.userId)));
    expect(left).toHaveLength(0);
  });
});
