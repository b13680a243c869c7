import { type DatabaseHandle, schema } from '@tessera/db';
import { createTestDatabase } from '@tessera/db/testing';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createNotificationJob } from '../src/modules/notifications/delivery';
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
