import { type DatabaseHandle, schema, selectRows } from '@tessera/db';
import { createTestDatabase, usingPostgres } from '@tessera/db/testing';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createNotificationJob } from '../src/modules/notifications/delivery';
import { cleanupJob, vacuumJob } from '../src/platform/maintenance';
import { createMetrics } from '../src/platform/metrics';
import { createJobQueue, defineJob, type JobQueue } from '../src/platform/queue';
import { browserClient, errorOf, scriptClient, startTestApp, type TestApp } from './harness';

const logger = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The platform queue on its own database: a job per test, with handlers the tests control. */
describe('job queue (platform)', () => {
  let database: DatabaseHandle;
  let queue: JobQueue;
  const metrics = createMetrics();

  const flaky = defineJob('test.flaky', z.object({ failTimes: z.number() }), { retryLimit: 3, retryDelaySeconds: 1, concurrency: 1 });
  const flakyAttempts: number[] = [];
  const doomed = defineJob('test.doomed', z.object({ label: z.string() }), { retryLimit: 1, retryDelaySeconds: 1 });
  const scheduled = defineJob('test.scheduled', z.object({ label: z.string() }));
  const ranAt = new Map<string, number[]>();

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = createJobQueue({ database, logger, metrics, pollingIntervalSeconds: 0.5 });
    queue.register(flaky, (payload, job) => {
      flakyAttempts.push(Date.now());
      if (job.retryCount < payload.failTimes) return Promise.reject(new Error(`flaky failure #${job.retryCount + 1}`));
      return Promise.resolve();
    });
    queue.register(doomed, (payload) => Promise.reject(new Error(`cannot process ${payload.label}`)));
    queue.register(scheduled, (payload) => {
      ranAt.set(payload.label, [...(ranAt.get(payload.label) ?? []), Date.now()]);
      return Promise.resolve();
    });
    await queue.start();
  });
  afterAll(async () => {
    await queue?.stop(1000);
    await database?.close();
  });

  it('retries a failing job with growing (exponential) delays until it succeeds', async () => {
    await queue.send(flaky, { failTimes: 2 });
    await waitFor(() => flakyAttempts.length >= 3 && (queue.overview().then((q) => q.find((x) => x.name === 'test.flaky')?.active === 0)), 20_000, 'three attempts');
    expect(flakyAttempts).toHaveLength(3);
    const [first, second, third] = flakyAttempts as [number, number, number];
    // retryDelay 1 s with backoff: the 2nd wait is about twice the 1st (pg-boss adds jitter).
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - second).toBeGreaterThan(second - first);
    const text = await metrics.registry.getSingleMetricAsString('tessera_queue_job_failures_total');
    expect(text).toContain('tessera_queue_job_failures_total{queue="test.flaky",final="false"} 2');
    expect(await metrics.registry.getSingleMetricAsString('tessera_queue_jobs_completed_total')).toContain('queue="test.flaky"} 1');
  });

  it('moves a job that used up its retries to the failed (dead-letter) state with its error, and retries it on request', async () => {
    const id = await queue.send(doomed, { label: 'invoice 7' });
    const failed = await waitFor(async () => (await queue.failedJobs('test.doomed')).find((j) => j.id === id), 15_000, 'dead-letter');
    expect(failed.error).toBe('cannot process invoice 7');
    expect(failed.attempts).toBe(2);
    expect(failed.payload).toEqual({ label: 'invoice 7' });
    expect((await queue.overview()).find((q) => q.name === 'test.doomed')).toMatchObject({ failed: 1, ready: 0, active: 0 });
    expect(await metrics.registry.getSingleMetricAsString('tessera_queue_job_failures_total')).toContain('queue="test.doomed",final="true"} 1');

    expect(await queue.retry('test.doomed', id!)).toBe(true);
    expect((await queue.failedJobs('test.doomed')).map((j) => j.id)).not.toContain(id);
    // It runs (and fails) again: back in the failed list.
    await waitFor(async () => (await queue.failedJobs('test.doomed')).some((j) => j.id === id), 15_000, 'failed again');
    // A job that is not failed cannot be "retried".
    const fresh = await queue.send(scheduled, { label: 'later' }, { startAfter: new Date(Date.now() + 60_000) });
    expect(await queue.retry('test.scheduled', fresh!)).toBe(false);
    await expect(queue.send(doomed, { label: 42 } as never)).rejects.toThrow();
  });

  it('runs a scheduled job at its time, not before', async () => {
    const sentAt = Date.now();
    await queue.send(scheduled, { label: 'at-1500' }, { startAfter: new Date(sentAt + 1500) });
    await sleep(1000);
    expect(ranAt.get('at-1500')).toBeUndefined();
    const [at] = await waitFor(() => ranAt.get('at-1500'), 5000, 'scheduled job');
    expect(at! - sentAt).toBeGreaterThanOrEqual(1450);
    expect(at! - sentAt).toBeLessThan(3500);
  });

  it('reschedules (one job per key, at the new time) and cancels', async () => {
    const start = Date.now();
    await queue.reschedule(scheduled, 'meeting:1', { label: 'moved' }, { startAfter: new Date(start + 800) });
    await queue.reschedule(scheduled, 'meeting:1', { label: 'moved' }, { startAfter: new Date(start + 2000) });
    await queue.reschedule(scheduled, 'meeting:2', { label: 'cancelled' }, { startAfter: new Date(start + 800) });
    expect(await queue.cancelPending(scheduled, 'meeting:2')).toBe(1);
    await sleep(1500);
    expect(ranAt.get('moved')).toBeUndefined();
    const runs = await waitFor(() => ranAt.get('moved'), 5000, 'rescheduled job');
    await sleep(800);
    expect(ranAt.get('moved')).toHaveLength(1);
    expect(runs[0]! - start).toBeGreaterThanOrEqual(1950);
    expect(ranAt.get('cancelled')).toBeUndefined();
  });
});

describe('graceful stop', () => {
  it('releases a job interrupted by shutdown, and another process finishes it', async () => {
    const database = await createTestDatabase();
    const slow = defineJob('test.slow', z.object({ n: z.number() }), { retryLimit: 3, retryDelaySeconds: 1 });
    const first = createJobQueue({ database, logger, metrics: createMetrics(), pollingIntervalSeconds: 0.5 });
    let started = 0;
    let aborted = false;
    first.register(slow, (_payload, job) => {
      started++;
      // Never finishes on its own: only the stop deadline ends it.
      return new Promise<void>((resolve) => job.signal.addEventListener('abort', () => ((aborted = true), resolve())));
    });
    await first.start();
    const id = await first.send(slow, { n: 1 });
    await waitFor(() => started === 1, 5000, 'job start');
    const stopStarted = Date.now();
    await first.stop(600);
    expect(Date.now() - stopStarted).toBeLessThan(3000);
    expect(aborted).toBe(true);

    const second = createJobQueue({ database, logger, metrics: createMetrics(), pollingIntervalSeconds: 0.5 });
    const finished: number[] = [];
    second.register(slow, (_payload, job) => {
      finished.push(job.retryCount);
      return Promise.resolve();
    });
    await second.start();
    try {
      await waitFor(() => finished.length === 1, 10_000, 'the released job on the second process');
      expect(finished).toEqual([1]);
      // Completion is written just after the handler returns.
      await waitFor(async () => (await second.overview()).find((q) => q.name === 'test.slow')?.active === 0, 5000, 'completion');
      expect((await second.overview()).find((q) => q.name === 'test.slow')).toMatchObject({ ready: 0, active: 0, failed: 0, deferred: 0 });
      expect(id).toBeTruthy();
    } finally {
      await second.stop(1000);
      await database.close();
    }
  });
});

describe('recurring schedules', () => {
  let database: DatabaseHandle;
  const everyMinute = defineJob('test.every_minute', z.object({ label: z.string() }), { concurrency: 1 });
  const nightly = defineJob('test.nightly', z.object({}));
  // One cron pass a second instead of every 30 s, so a due schedule's job arrives within seconds.
  const queueOn = (db: DatabaseHandle) => createJobQueue({ database: db, logger, metrics: createMetrics(), pollingIntervalSeconds: 0.5, cronIntervalSeconds: 1 });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('creates and runs the job of a due schedule, and lists schedules with their next and last run', async () => {
    const queue = queueOn(database);
    const runs: { label: string; id: string }[] = [];
    queue.register(everyMinute, (payload, job) => {
      runs.push({ label: payload.label, id: job.id });
      return Promise.resolve();
    });
    queue.register(nightly, () => Promise.resolve());
    // Every minute: one occurrence always lies in the last 60 s, the window a cron pass sends, so
    // the first pass after start creates a job (no waiting for a particular time).
    queue.schedule(everyMinute, '* * * * *', { label: 'tick' });
    queue.schedule(nightly, '17 3 * * *', {}, { tz: 'Europe/Berlin', missed: 'once' });
    await queue.start();
    try {
      await waitFor(() => runs.length > 0, 10_000, 'the scheduled job');
      expect(runs[0]!.label).toBe('tick');
      const minute = await waitFor(async () => {
        const found = (await queue.schedules()).find((s) => s.name === 'test.every_minute');
        return found?.lastRun?.state === 'completed' && found;
      }, 5000, 'the last job recorded on the schedule');
      expect(runs.map((r) => r.id)).toContain(minute.lastJobId);
      expect(minute).toMatchObject({ cron: '* * * * *', timezone: 'UTC' });
      expect(minute.nextRunAt!.getTime() - Date.now()).toBeGreaterThan(-1000);
      expect(minute.nextRunAt!.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
      expect(minute.nextRunAt!.getUTCSeconds()).toBe(0);

      const night = (await queue.schedules()).find((s) => s.name === 'test.nightly')!;
      expect(night).toMatchObject({ cron: '17 3 * * *', timezone: 'Europe/Berlin', lastJobId: null, lastRun: null });
      const berlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
      expect(berlin.format(night.nextRunAt!)).toBe('03:17');
      expect(night.nextRunAt!.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600_000);

      expect(() => queue.schedule(nightly, '0 4 * * *', {})).toThrow(/before the queue starts/);
    } finally {
      await queue.stop(1000);
    }
  });

  it('deletes stored schedules that are no longer declared, and updates changed ones, at start', async () => {
    const queue = queueOn(database);
    queue.register(everyMinute, () => Promise.resolve());
    queue.register(nightly, () => Promise.resolve());
    queue.schedule(nightly, '30 4 * * *', {});
    const execute = async <T>(query: SQL) => selectRows<T>(database.db, query);
    // The every-minute schedule of the previous test is still stored and due within the minute.
    const [beforeStart] = await execute<{ now: string }>(sql`select now()::text as now`);
    await queue.start();
    try {
      const stored = await queue.schedules();
      expect(stored.map((s) => [s.name, s.cron, s.timezone])).toEqual([['test.nightly', '30 4 * * *', 'UTC']]);
      // Passes keep running (every second), and none creates an occurrence of the deleted schedule —
      // not even the pass pg-boss runs inside its own start, before the app could apply schedules
      // (so it is deleted before that). Read from pg-boss's tables: a job left over from the
      // previous test may still run here.
      const [started] = await execute<{ now: string }>(sql`select now()::text as now`);
      await waitFor(async () => {
        const [pass] = await execute<{ later: boolean }>(sql`select cron_on > ${started!.now}::timestamptz as later from pgboss.version`);
        return pass?.later;
      }, 10_000, 'a cron pass');
      await sleep(1500);
      const [occurrences] = await execute<{ before: number; after: number }>(
        sql`select count(*) filter (where created_on < ${beforeStart!.now}::timestamptz)::int as before,
                   count(*) filter (where created_on >= ${beforeStart!.now}::timestamptz)::int as after
              from pgboss.job where name = '__pgboss__send-it' and data->>'name' = 'test.every_minute'`,
      );
      // The previous test's occurrences are there (so this query finds them); none came since.
      expect(occurrences).toMatchObject({ after: 0 });
      expect(occurrences!.before).toBeGreaterThan(0);
    } finally {
      await queue.stop(1000);
    }
  });

  it('refuses a schedule that could never run: bad expression or zone, wrong payload, unknown job, twice', () => {
    const queue = queueOn(database);
    queue.register(everyMinute, () => Promise.resolve());
    expect(() => queue.schedule(everyMinute, 'every day', { label: 'x' })).toThrow();
    expect(() => queue.schedule(everyMinute, '0 4 * * *', { label: 'x' }, { tz: 'Mars/Olympus' })).toThrow();
    expect(() => queue.schedule(everyMinute, '0 4 * * *', { label: 42 } as never)).toThrow();
    expect(() => queue.schedule(nightly, '0 4 * * *', {})).toThrow(/Register the test.nightly handler/);
    queue.schedule(everyMinute, '0 4 * * *', { label: 'x' });
    expect(() => queue.schedule(everyMinute, '0 5 * * *', { label: 'y' })).toThrow(/two schedules/);
  });
});

describe('platform maintenance jobs', () => {
  let app: TestApp;
  let admin: ReturnType<typeof browserClient>['client'];

  beforeAll(async () => {
    app = await startTestApp({ env: { QUEUE_POLL_SECONDS: '0.5' } });
    admin = browserClient(app).client;
    await admin.auth.signUp.mutate({ email: 'root@example.com', password: 'correct horse battery staple', name: 'Root' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const doneLine = (msg: string) => () => app.logs.entries.find((e) => e.msg === msg);

  it('schedules the cleanup daily at 03:17 UTC, and the vacuum hourly on embedded PGlite only; the admin page lists them', async () => {
    const { schedules } = await admin.admin.queues.list.query();
    const cleanup = schedules.find((s) => s.name === 'platform.cleanup')!;
    expect(cleanup).toMatchObject({ cron: '17 3 * * *', timezone: 'UTC' });
    expect([cleanup.nextRunAt!.getUTCHours(), cleanup.nextRunAt!.getUTCMinutes()]).toEqual([3, 17]);
    if (usingPostgres) {
      // Autovacuum does it on Postgres.
      expect(schedules.map((s) => s.name)).not.toContain('platform.vacuum');
      expect(app.deps.queue.queues).not.toContain('platform.vacuum');
    } else {
      expect(schedules.find((s) => s.name === 'platform.vacuum')).toMatchObject({ cron: '41 * * * *', timezone: 'UTC' });
    }
  });

  it('platform.cleanup deletes expired sessions, used or expired links, stale throttles and revoked tokens, and keeps live ones', async () => {
    const { db } = app.database;
    const now = Date.now();
    const day = 24 * 3600_000;
    const at = (offsetMs: number) => new Date(now + offsetMs);
    const [person, gone] = await db
      .insert(schema.users)
      .values([
        { email: 'live@example.com', name: 'Live' },
        { email: 'gone@example.com', name: 'Gone', deactivatedAt: at(-day) },
      ])
      .returning({ id: schema.users.id });
    const session = (id: string, userId: string, times: { expires: number; created: number; lastSeen: number }) => ({
      id,
      userId,
      expiresAt: at(times.expires),
      createdAt: at(times.created),
      lastSeenAt: at(times.lastSeen),
    });
    // Defaults: sliding 30 days, idle 14 days, absolute 90 days.
    await db.insert(schema.sessions).values([
      session('s-live', person!.id, { expires: 20 * day, created: -10 * day, lastSeen: -3600_000 }),
      session('s-expired', person!.id, { expires: -60_000, created: -31 * day, lastSeen: -day }),
      session('s-idle', person!.id, { expires: 10 * day, created: -20 * day, lastSeen: -15 * day }),
      session('s-too-old', person!.id, { expires: 25 * day, created: -91 * day, lastSeen: -3600_000 }),
      session('s-deactivated', gone!.id, { expires: 20 * day, created: -day, lastSeen: -3600_000 }),
    ]);
    const link = (tokenHash: string, expires: number, used: boolean) => ({
      userId: person!.id,
      purpose: 'reset_password' as const,
      tokenHash,
      expiresAt: at(expires),
      usedAt: used ? at(-60_000) : null,
    });
    await db.insert(schema.emailTokens).values([link('t-live', 3600_000, false), link('t-used', 3600_000, true), link('t-expired', -60_000, false)]);
    // Lockout window 15 minutes.
    await db.insert(schema.signInThrottles).values([
      { email: 'recent@example.com', failures: 2, windowStartedAt: at(-5 * 60_000) },
      { email: 'stale@example.com', failures: 2, windowStartedAt: at(-16 * 60_000) },
      { email: 'locked@example.com', failures: 5, windowStartedAt: at(-16 * 60_000), lockedUntil: at(5 * 60_000) },
      { email: 'unlocked@example.com', failures: 5, windowStartedAt: at(-3600_000), lockedUntil: at(-30 * 60_000) },
    ]);
    const token = (name: string, extra: { revokedAt?: Date; expiresAt?: Date }) => ({ userId: person!.id, name, tokenHash: `h-${name}`, prefix: 'tsr_pat_x', ...extra });
    await db.insert(schema.personalAccessTokens).values([token('live', {}), token('revoked', { revokedAt: at(-day) }), token('expired', { expiresAt: at(-day) })]);

    await app.deps.queue.send(cleanupJob, {});
    const line = await waitFor(doneLine('platform cleanup done'), 10_000, 'the cleanup job');
    expect(line).toMatchObject({ sessions: 4, emailTokens: 2, signInThrottles: 2, revokedTokens: 1 });

    const sessionIds = (await db.select({ id: schema.sessions.id }).from(schema.sessions)).map((s) => s.id);
    expect(sessionIds).toContain('s-live');
    expect(sessionIds.filter((id) => id.startsWith('s-'))).toEqual(['s-live']);
    // The admin's own session (signed up above) is live.
    expect(sessionIds).toHaveLength(2);
    const hashes = (await db.select({ hash: schema.emailTokens.tokenHash }).from(schema.emailTokens)).map((t) => t.hash);
    expect(hashes).toContain('t-live');
    expect(hashes).not.toContain('t-used');
    expect(hashes).not.toContain('t-expired');
    const throttles = (await db.select({ email: schema.signInThrottles.email }).from(schema.signInThrottles)).map((t) => t.email).sort();
    expect(throttles).toEqual(['locked@example.com', 'recent@example.com']);
    const tokens = (await db.select({ name: schema.personalAccessTokens.name }).from(schema.personalAccessTokens)).map((t) => t.name).sort();
    expect(tokens).toEqual(['expired', 'live']);
    // Users themselves are never touched.
    expect(await db.select({ id: schema.users.id }).from(schema.users)).toHaveLength(3);

    // A second run finds nothing more.
    app.logs.lines.length = 0;
    await app.deps.queue.send(cleanupJob, {});
    expect(await waitFor(doneLine('platform cleanup done'), 10_000, 'the second cleanup')).toMatchObject({ sessions: 0, emailTokens: 0, signInThrottles: 0, revokedTokens: 0 });
  });

  it.skipIf(usingPostgres)('platform.vacuum vacuums and analyzes the embedded database (outside any transaction)', async () => {
    await app.database.db.delete(schema.sessions);
    await app.deps.queue.send(vacuumJob, {});
    await waitFor(doneLine('embedded database vacuumed'), 20_000, 'the vacuum job');
    const { rows } = await app.database.pglite!.query<{ last_vacuum: Date | null; last_analyze: Date | null }>(
      `select last_vacuum, last_analyze from pg_stat_user_tables where relname = 'sessions'`,
    );
    expect(rows[0]?.last_vacuum).toBeTruthy();
    expect(rows[0]?.last_analyze).toBeTruthy();
    expect((await app.deps.queue.overview()).find((q) => q.name === 'platform.vacuum')).toMatchObject({ failed: 0, active: 0 });
  });
});

describe('queue on the API: admin page, /metrics, /health/ready', () => {
  let app: TestApp;
  let admin: ReturnType<typeof browserClient>['client'];
  const missingUserId = '00000000-0000-4000-8000-00000000beef';

  beforeAll(async () => {
    app = await startTestApp({ env: { QUEUE_POLL_SECONDS: '0.5' } });
    const first = browserClient(app);
    await first.client.auth.signUp.mutate({ email: 'root@example.com', password: 'correct horse battery staple', name: 'Root' });
    admin = first.client;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists queues, shows a failed job with its error, and retries it', async () => {
    // A notification for a person who does not exist (yet) fails on the foreign key.
    const id = await app.deps.queue.send(
      createNotificationJob,
      { userId: missingUserId, type: 'new_device_sign_in', title: 'Hello', body: 'Body', link: null, dedupeKey: 'k1' },
      { retry: { retryLimit: 0 } },
    );
    const failed = await waitFor(async () => (await admin.admin.queues.failed.query({ queue: 'notifications.create' })).jobs.find((j) => j.id === id), 10_000, 'failed job');
    expect(failed.error).toMatch(/foreign key|violates/i);
    const { queues } = await admin.admin.queues.list.query();
    expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining(['notifications.create', 'notifications.email', 'notifications.push', 'notifications.interview_reminder']));
    expect(queues.find((q) => q.name === 'notifications.create')).toMatchObject({ failed: 1 });

    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('tessera_queue_jobs{queue="notifications.create",state="failed"} 1');
    expect(metrics).toContain('tessera_queue_job_failures_total{queue="notifications.create",final="true"} 1');

    // The person appears; the retried job now succeeds.
    await app.database.db.insert(schema.users).values({ id: missingUserId, email: 'late@example.com', name: 'Late' });
    expect(await admin.admin.queues.retry.mutate({ queue: 'notifications.create', id: id! })).toEqual({ retried: true });
    await waitFor(async () => (await app.database.db.select().from(schema.notifications)).length === 1, 10_000, 'notification written');
    expect((await admin.admin.queues.failed.query({ queue: 'notifications.create' })).jobs).toHaveLength(0);
    // Retrying again: it is no longer failed.
    expect((await errorOf(admin.admin.queues.retry.mutate({ queue: 'notifications.create', id: id! }))).data.code).toBe('NOT_FOUND');
    expect((await errorOf(admin.admin.queues.failed.query({ queue: 'no.such.queue' }))).data.code).toBe('NOT_FOUND');
  });

  it('is admin-only', async () => {
    const person = scriptClient(app);
    const { token } = await person.auth.signUp.mutate({ email: 'p@example.com', password: 'correct horse battery staple', name: 'P' }).then(async () =>
      scriptClient(app).auth.signIn.mutate({ email: 'p@example.com', password: 'correct horse battery staple', transport: 'bearer' }),
    );
    expect((await errorOf(scriptClient(app, token!).admin.queues.list.query())).data.code).toBe('FORBIDDEN');
  });

  it('reports the queue in /health/ready, and 503 once it stopped', async () => {
    const ready = (await (await fetch(`${app.url}/health/ready`)).json()) as { checks: Record<string, { status: string }> };
    expect(ready.checks.queue?.status).toBe('ok');
    await app.deps.queue.stop(500);
    const response = await fetch(`${app.url}/health/ready`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: Record<string, { status: string; error?: string }> };
    expect(body.checks.queue).toMatchObject({ status: 'error', error: 'the job queue is stopped' });
  });
});
