import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { deliverNotification } from '../src/modules/notifications/delivery';
import { liveBufferSize } from '../src/platform/realtime';
import { sessionEndedCloseCode } from '../src/platform/socket-guard';
import { browserClient, scriptClient, startTestApp, type TestApp } from './harness';
import { type Outputs, signedInUser, sleep, socketClient, waitFor } from './realtime-helpers';

type Yielded<T> = T extends AsyncIterable<infer U> ? U : never;
type Received = Yielded<Outputs['notifications']['onNotification']>;
type LiveChange = Yielded<Outputs['live']['onChange']>;

function collect<T>() {
  const items: T[] = [];
  const errors: unknown[] = [];
  return { items, errors, onData: (item: T) => items.push(item), onError: (error: unknown) => errors.push(error) };
}

const statusEvent = (userId: string, to: string) => ({
  type: 'tracker.application.status_changed' as const,
  userId,
  applicationId: '11111111-1111-4111-8111-111111111111',
  jobId: '22222222-2222-4222-8222-222222222222',
  jobTitle: 'Staff Engineer',
  company: 'Acme',
  from: 'applied',
  to,
  at: new Date(),
});

/** A change to one person's lists, as the modules' event handlers publish it. */
const changed = (app: TestApp, userId: string, entities: string[]) => app.deps.realtime.publish(userId, { topic: 'live', entities });

let counter = 0;
const notify = (app: TestApp, userId: string, title = `Notice ${++counter}`) =>
  deliverNotification(app.deps, { userId, type: 'saved_search_match', title, body: 'b', link: null, dedupeKey: `rt:${title}:${counter}` });

describe('realtime on one API process', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { QUEUE_POLL_SECONDS: '0.5', REALTIME_SESSION_CHECK_MS: '300' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('delivers a notification to a subscriber within a second of the event', async () => {
    const ann = await signedInUser(app, 'ann@example.com');
    const socket = socketClient(app, { token: ann.token });
    const got = collect<Received>();
    const subscription = socket.client.notifications.onNotification.subscribe({}, got);
    await waitFor(() => app.deps.realtime.subscriberCount(ann.userId) === 1, 5000, 'subscription');
    const published = Date.now();
    await app.deps.events.publish(statusEvent(ann.userId, 'offer'));
    await waitFor(() => got.items.length === 1, 1000, 'notification within a second');
    const latency = Date.now() - published;
    expect(latency).toBeLessThan(1000);
    const [first] = got.items;
    expect(first!.data).toMatchObject({ type: 'application_status_changed', title: 'Staff Engineer at Acme: Offer', readAt: null });
    expect(first!.data.createdAt).toBeInstanceOf(Date);
    expect(first!.id).toBe(first!.data.id);
    subscription.unsubscribe();
    await socket.close();
  });

  it('never sends one person’s notifications or changes to another', async () => {
    const ben = await signedInUser(app, 'ben@example.com');
    const cid = await signedInUser(app, 'cid@example.com');
    const bens = socketClient(app, { token: ben.token });
    const cids = socketClient(app, { token: cid.token });
    const benGot = collect<Received>();
    const cidGot = collect<Received>();
    const cidLive = collect<LiveChange>();
    bens.client.notifications.onNotification.subscribe({}, benGot);
    cids.client.notifications.onNotification.subscribe({}, cidGot);
    cids.client.live.onChange.subscribe({}, cidLive);
    await waitFor(() => app.deps.realtime.subscriberCount(ben.userId) === 1 && app.deps.realtime.subscriberCount(cid.userId) === 2, 5000, 'subscriptions');
    const bensNotification = await notify(app, ben.userId, 'for Ben only');
    await app.deps.events.publish({ type: 'tracker.changed', userId: ben.userId, entities: ['applications'], at: new Date() });
    await waitFor(() => benGot.items.length === 1, 2000, 'Ben receives his');
    // Cid resuming "after" Ben's notification id learns nothing either.
    const cidsResume = collect<Received>();
    cids.client.notifications.onNotification.subscribe({ lastEventId: bensNotification!.id }, cidsResume);
    await sleep(500);
    expect(cidGot.items).toHaveLength(0);
    expect(cidLive.items.map((c) => c.data)).toEqual([{ entities: [] }]);
    expect(cidsResume.items).toHaveLength(0);
    await bens.close();
    await cids.close();
  });

  it('replays what a reconnecting client missed, by tracked id', async () => {
    const dot = await signedInUser(app, 'dot@example.com');
    const first = socketClient(app, { token: dot.token });
    const got = collect<Received>();
    first.client.notifications.onNotification.subscribe({}, got);
    await waitFor(() => app.deps.realtime.subscriberCount(dot.userId) === 1, 5000, 'subscription');
    await notify(app, dot.userId, 'seen');
    await waitFor(() => got.items.length === 1, 2000, 'first notification');
    const lastEventId = got.items[0]!.id;
    await first.close();
    // While no socket is open: two more.
    await notify(app, dot.userId, 'missed 1');
    await notify(app, dot.userId, 'missed 2');
    const second = socketClient(app, { token: dot.token });
    const resumed = collect<Received>();
    second.client.notifications.onNotification.subscribe({ lastEventId }, resumed);
    await waitFor(() => resumed.items.length === 2, 3000, 'replay');
    expect(resumed.items.map((n) => n.data.title)).toEqual(['missed 1', 'missed 2']);
    await notify(app, dot.userId, 'live again');
    await waitFor(() => resumed.items.length === 3, 2000, 'live after replay');
    expect(resumed.items[2]!.data.title).toBe('live again');
    await second.close();
  });

  it('reconnects by itself after the server drops the socket and resumes without losing anything', async () => {
    const eve = await signedInUser(app, 'eve@example.com');
    const socket = socketClient(app, { token: eve.token });
    const got = collect<Received>();
    const live = collect<LiveChange>();
    socket.client.notifications.onNotification.subscribe({}, got);
    socket.client.live.onChange.subscribe({}, live);
    await waitFor(() => app.deps.realtime.subscriberCount(eve.userId) === 2 && live.items.length === 1, 5000, 'subscriptions');
    expect(live.items[0]!.data).toEqual({ entities: [] });
    await notify(app, eve.userId, 'before drop');
    await waitFor(() => got.items.length === 1, 2000, 'first');
    for (const client of app.app.websocketServer.clients) client.terminate();
    await notify(app, eve.userId, 'during drop');
    await app.deps.events.publish({ type: 'tracker.changed', userId: eve.userId, entities: ['applications'], at: new Date() });
    await waitFor(() => socket.opens.length >= 2, 5000, 'automatic reconnect');
    await waitFor(() => got.items.some((n) => n.data.title === 'during drop'), 3000, 'missed notification after reconnect');
    expect(got.items.filter((n) => n.data.title === 'during drop')).toHaveLength(1);
    // The live stream resumes from its last id: the change made while it was down, once, no resync.
    await waitFor(() => live.items.some((c) => c.data.entities.includes('applications')), 3000, 'missed live change after reconnect');
    await sleep(200);
    expect(live.items.map((c) => c.data.entities)).toEqual([[], ['applications']]);
    expect(live.items[1]!.id).not.toBe(live.items[0]!.id);
    await socket.close();
  });

  it('replays missed live changes to a client resuming with lastEventId; another person never gets them', async () => {
    const zed = await signedInUser(app, 'zed@example.com');
    const yan = await signedInUser(app, 'yan@example.com');
    const first = socketClient(app, { token: zed.token });
    const fresh = collect<LiveChange>();
    first.client.live.onChange.subscribe({}, fresh);
    await waitFor(() => fresh.items.length === 1, 5000, 'first event');
    const since = fresh.items[0]!.id;
    await first.close();
    await waitFor(() => app.deps.realtime.subscriberCount(zed.userId) === 0, 3000, 'unsubscribed');

    // While Zed is away: three changes for him, one for Yan.
    await changed(app, zed.userId, ['applications']);
    await changed(app, yan.userId, ['jobs']);
    await changed(app, zed.userId, ['jobs', 'analytics']);
    await changed(app, zed.userId, ['characters']);
    const second = socketClient(app, { token: zed.token });
    const resumed = collect<LiveChange>();
    second.client.live.onChange.subscribe({ lastEventId: since }, resumed);
    await waitFor(() => resumed.items.length === 3, 3000, 'replay');
    expect(resumed.items.map((c) => c.data.entities)).toEqual([['applications'], ['jobs', 'analytics'], ['characters']]);
    expect(new Set(resumed.items.map((c) => c.id)).size).toBe(3);
    // …then live, continuing the same ids.
    await changed(app, zed.userId, ['skills']);
    await waitFor(() => resumed.items.length === 4, 2000, 'live after replay');
    expect(resumed.items[3]!.data.entities).toEqual(['skills']);
    // Resuming from the middle replays only what came after that id.
    const middle = socketClient(app, { token: zed.token });
    const fromMiddle = collect<LiveChange>();
    middle.client.live.onChange.subscribe({ lastEventId: resumed.items[1]!.id }, fromMiddle);
    await waitFor(() => fromMiddle.items.length === 2, 3000, 'partial replay');
    expect(fromMiddle.items.map((c) => c.data.entities)).toEqual([['characters'], ['skills']]);
    await middle.close();

    // Yan resuming from Zed's ids learns nothing of Zed's changes: at most "refetch everything".
    const yans = socketClient(app, { token: yan.token });
    const yanResumed = collect<LiveChange>();
    yans.client.live.onChange.subscribe({ lastEventId: resumed.items[2]!.id }, yanResumed);
    await waitFor(() => yanResumed.items.length === 1, 3000, 'Yan resync');
    await sleep(300);
    expect(yanResumed.items.map((c) => c.data.entities)).toEqual([['*']]);
    await yans.close();
    await second.close();
  });

  it('sends one resync instead of a replay when the missed changes are no longer all buffered', async () => {
    const xia = await signedInUser(app, 'xia@example.com');
    const first = socketClient(app, { token: xia.token });
    const fresh = collect<LiveChange>();
    first.client.live.onChange.subscribe({}, fresh);
    await waitFor(() => fresh.items.length === 1, 5000, 'first event');
    await first.close();
    await waitFor(() => app.deps.realtime.subscriberCount(xia.userId) === 0, 3000, 'unsubscribed');
    for (let i = 0; i <= liveBufferSize; i++) await changed(app, xia.userId, [`list-${i}`]);
    const second = socketClient(app, { token: xia.token });
    const resumed = collect<LiveChange>();
    second.client.live.onChange.subscribe({ lastEventId: fresh.items[0]!.id }, resumed);
    await waitFor(() => resumed.items.length === 1, 3000, 'resync');
    // An id that was never issued gets the same answer.
    const unknown = collect<LiveChange>();
    second.client.live.onChange.subscribe({ lastEventId: 'not-an-id' }, unknown);
    await waitFor(() => unknown.items.length === 1, 3000, 'resync for an unknown id');
    await sleep(200);
    expect(resumed.items.map((c) => c.data.entities)).toEqual([['*']]);
    expect(unknown.items.map((c) => c.data.entities)).toEqual([['*']]);
    // From the resync's id on, the stream is live and replayable again.
    await changed(app, xia.userId, ['applications']);
    await waitFor(() => resumed.items.length === 2, 2000, 'live after resync');
    expect(resumed.items[1]!.data.entities).toEqual(['applications']);
    await second.close();
  });

  it('tells open tabs which lists changed (live.onChange), also for notification changes made in another tab', async () => {
    const fay = await signedInUser(app, 'fay@example.com');
    const socket = socketClient(app, { token: fay.token });
    const live = collect<LiveChange>();
    socket.client.live.onChange.subscribe({}, live);
    await waitFor(() => app.deps.realtime.subscriberCount(fay.userId) === 1 && live.items.length === 1, 5000, 'subscription');
    await app.deps.events.publish({ type: 'tracker.changed', userId: fay.userId, entities: ['applications', 'analytics'], at: new Date() });
    await waitFor(() => live.items.length === 2, 1000, 'tracker change');
    expect(live.items.map((c) => c.data)).toEqual([{ entities: [] }, { entities: ['applications', 'analytics'] }]);
    const row = await notify(app, fay.userId, 'to read');
    await scriptClient(app, fay.token).notifications.markRead.mutate({ id: row!.id });
    await waitFor(() => live.items.some((c) => c.data.entities.includes('notifications')), 1000, 'notifications change');
    await socket.close();
  });

  it('closes the open socket of a revoked session within seconds, and of a revoked token', async () => {
    const gus = await signedInUser(app, 'gus@example.com');
    const socket = socketClient(app, { token: gus.token });
    const got = collect<Received>();
    socket.client.notifications.onNotification.subscribe({}, got);
    await waitFor(() => app.deps.realtime.subscriberCount(gus.userId) === 1 && socket.opens.length === 1, 5000, 'subscription');
    const revoked = Date.now();
    await scriptClient(app, gus.token).auth.signOut.mutate();
    await waitFor(() => socket.closes.includes(sessionEndedCloseCode), 3000, 'socket closed');
    expect(Date.now() - revoked).toBeLessThan(2000);
    // The client reconnects, but without a valid session the subscription is refused.
    await waitFor(() => got.errors.length > 0, 5000, 'subscription refused');
    expect(String(got.errors[0])).toMatch(/sign in/i);
    await notify(app, gus.userId, 'after sign-out');
    await sleep(300);
    expect(got.items).toHaveLength(0);
    await socket.close();

    const pat = await signedInUser(app, 'hal@example.com');
    const { secret: personal, id: tokenId } = await scriptClient(app, pat.token).auth.tokens.create.mutate({ name: 'cli' });
    const patSocket = socketClient(app, { token: personal });
    patSocket.client.notifications.onNotification.subscribe({}, collect<Received>());
    await waitFor(() => patSocket.opens.length === 1, 5000, 'token socket');
    await sleep(400); // one sweep passes with the token still valid
    expect(patSocket.closes).toHaveLength(0);
    await scriptClient(app, pat.token).auth.tokens.revoke.mutate({ id: tokenId });
    await waitFor(() => patSocket.closes.includes(sessionEndedCloseCode), 3000, 'token socket closed');
    await patSocket.close();
  });

  it('authenticates with the session cookie on the upgrade and refuses a foreign Origin at the handshake', async () => {
    const browser = browserClient(app);
    await browser.client.auth.signUp.mutate({ email: 'ivy@example.com', password: 'correct horse battery staple', name: 'Ivy' });
    const cookie = `${app.deps.config.auth.cookieName}=${browser.sessionCookie()}`;
    const me = await browser.client.auth.me.query();
    const socket = socketClient(app, { cookie, origin: app.deps.config.publicUrl });
    const got = collect<Received>();
    socket.client.notifications.onNotification.subscribe({}, got);
    await waitFor(() => app.deps.realtime.subscriberCount(me!.user.id) === 1 && socket.opens.length === 1, 5000, 'cookie subscription');
    await notify(app, me!.user.id, 'cookie works');
    await waitFor(() => got.items.length === 1, 2000, 'delivery over cookie auth');
    await socket.close();

    const refused = await new Promise<number | string>((resolve) => {
      const raw = new WebSocket(`${app.url.replace(/^http/, 'ws')}/trpc`, { headers: { origin: 'https://evil.example', cookie } });
      raw.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      raw.on('open', () => resolve('opened'));
      raw.on('error', () => undefined);
    });
    expect(refused).toBe(401);
  });

  it('answers malformed connection params and oversized frames without crashing', async () => {
    const url = `${app.url.replace(/^http/, 'ws')}/trpc?connectionParams=1`;
    const closed = await new Promise<number>((resolve) => {
      const raw = new WebSocket(url);
      raw.on('open', () => raw.send('{"method":"connectionParams","data":"not an object'));
      raw.on('close', (code) => resolve(code));
      raw.on('error', () => undefined);
    });
    expect(closed).toBeGreaterThanOrEqual(1000);
    const tooBig = await new Promise<number>((resolve) => {
      const raw = new WebSocket(`${app.url.replace(/^http/, 'ws')}/trpc`);
      raw.on('open', () => raw.send('x'.repeat(200 * 1024)));
      raw.on('close', (code) => resolve(code));
      raw.on('error', () => undefined);
    });
    expect(tooBig).toBe(1009);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });
});

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

describe.runIf(databaseUrl && redisUrl)('two API processes sharing Postgres and Redis', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}:`, QUEUE_POLL_SECONDS: '0.5' };
    one = await startTestApp({ database, env });
    two = await startTestApp({ database, env });
    for (const app of [one, two]) {
      const redis = app.deps.redis!;
      if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    }
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.close();
  });

  it('a mutation on one reaches a subscriber on the other', async () => {
    expect(one.deps.realtime.mode).toBe('redis');
    const kay = await signedInUser(one, 'kay@example.com');
    const socket = socketClient(two, { token: kay.token });
    const got = collect<Received>();
    const live = collect<LiveChange>();
    socket.client.notifications.onNotification.subscribe({}, got);
    socket.client.live.onChange.subscribe({}, live);
    await waitFor(() => two.deps.realtime.subscriberCount(kay.userId) === 2, 5000, 'subscriptions on two');
    await sleep(200); // the Redis SUBSCRIBE round trip

    // An event on one: its job may run on either process; the socket on two gets it.
    await one.deps.events.publish(statusEvent(kay.userId, 'interview'));
    await waitFor(() => got.items.length === 1, 3000, 'notification across processes');
    // A mutation over HTTP on one: the tab on two is told to refetch notifications.
    await scriptClient(one, kay.token).notifications.markRead.mutate({ id: got.items[0]!.id });
    await waitFor(() => live.items.some((c) => c.data.entities.includes('notifications')), 2000, 'live change across processes');
    expect(one.deps.realtime.subscriberCount()).toBe(0);

    // Live changes of several people published together travel as one Redis message: each tab
    // still gets only its own person's, in order.
    const ned = await signedInUser(one, 'ned@example.com');
    const neds = socketClient(two, { token: ned.token });
    const nedLive = collect<LiveChange>();
    neds.client.live.onChange.subscribe({}, nedLive);
    await waitFor(() => nedLive.items.length === 1, 5000, 'Ned subscribed on two');
    const kaysBefore = live.items.length;
    await Promise.all([changed(one, kay.userId, ['jobs']), changed(one, ned.userId, ['skills']), changed(one, kay.userId, ['analytics'])]);
    await waitFor(() => live.items.length === kaysBefore + 2 && nedLive.items.length === 2, 3000, 'burst across processes');
    await sleep(200);
    expect(live.items.slice(kaysBefore).map((c) => c.data.entities)).toEqual([['jobs'], ['analytics']]);
    expect(nedLive.items.map((c) => c.data.entities)).toEqual([[], ['skills']]);
    await neds.close();
    await socket.close();
  });

  it('replays missed live changes on either process, whichever one the client reconnects to', async () => {
    const lea = await signedInUser(one, 'lea@example.com');
    const max = await signedInUser(one, 'max@example.com');
    const first = socketClient(two, { token: lea.token });
    const fresh = collect<LiveChange>();
    first.client.live.onChange.subscribe({}, fresh);
    await waitFor(() => fresh.items.length === 1, 5000, 'first event on two');
    await first.close();
    await waitFor(() => two.deps.realtime.subscriberCount(lea.userId) === 0, 3000, 'unsubscribed');

    // Made on one (whose process never had a socket of Lea's), while she is away; the first three
    // in one burst (one script call for both people), in order.
    await Promise.all([changed(one, lea.userId, ['applications']), changed(one, max.userId, ['jobs']), changed(one, lea.userId, ['jobs', 'skills'])]);
    await changed(two, lea.userId, ['analytics']);
    for (const [app, label] of [[one, 'one'], [two, 'two']] as const) {
      const socket = socketClient(app, { token: lea.token });
      const resumed = collect<LiveChange>();
      socket.client.live.onChange.subscribe({ lastEventId: fresh.items[0]!.id }, resumed);
      await waitFor(() => resumed.items.length === 3, 3000, `replay on ${label}`);
      await sleep(200);
      expect(resumed.items.map((c) => c.data.entities)).toEqual([['applications'], ['jobs', 'skills'], ['analytics']]);
      await socket.close();
    }
    // The ids are the same on both processes: a live change seen on one resumes on two.
    const live = socketClient(one, { token: lea.token });
    const onOne = collect<LiveChange>();
    live.client.live.onChange.subscribe({}, onOne);
    await waitFor(() => onOne.items.length === 1, 5000, 'fresh on one');
    await sleep(200); // the Redis SUBSCRIBE round trip
    await changed(two, lea.userId, ['skills']);
    await waitFor(() => onOne.items.length === 2, 3000, 'live across processes');
    await live.close();
    await changed(one, lea.userId, ['characters']);
    const onTwo = socketClient(two, { token: lea.token });
    const resumedOnTwo = collect<LiveChange>();
    onTwo.client.live.onChange.subscribe({ lastEventId: onOne.items[1]!.id }, resumedOnTwo);
    await waitFor(() => resumedOnTwo.items.length === 1, 3000, 'replay on two from an id seen on one');
    await sleep(200);
    expect(resumedOnTwo.items.map((c) => c.data.entities)).toEqual([['characters']]);
    await onTwo.close();
    // Max never sees Lea's changes, even resuming from her id.
    const maxs = socketClient(two, { token: max.token });
    const maxResumed = collect<LiveChange>();
    maxs.client.live.onChange.subscribe({ lastEventId: fresh.items[0]!.id }, maxResumed);
    await waitFor(() => maxResumed.items.length === 1, 3000, 'Max resync');
    await sleep(200);
    expect(maxResumed.items.map((c) => c.data.entities)).toEqual([['*']]);
    await maxs.close();
  });
});
