import { type DatabaseHandle, type DbOrTx, selectRows } from '@tessera/db';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, fromDrizzle, fromPglite, type JobWithMetadata, PgBoss } from 'pg-boss';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { z } from 'zod';
import type { Metrics } from './metrics';

/**
 * The job queue: pg-boss on the same database as everything else (PGlite in the embedded default,
 * Postgres when scaled). Jobs are declared once with `defineJob` (name, zod payload, retry policy);
 * modules `register` a handler and `send` jobs, inside their transaction when they have one.
 *
 * Failed attempts are retried with exponential backoff; a job that used up its retries stays in
 * pg-boss's `failed` state — the dead-letter state — with its error, where the admin page lists and
 * retries it. Stopping waits for handlers in flight up to a deadline, then pg-boss aborts them
 * (their `signal`) and puts them back in `retry`, so another process picks them up: nothing is lost.
 *
 * Recurring jobs are declared in code with `schedule` (a cron expression and a fixed payload) and
 * stored by `start`; a schedule no longer declared is deleted then, so the code is the list. pg-boss
 * runs one cron pass per deployment (every `cronIntervalSeconds`, whichever process claims it) that
 * creates the jobs of due schedules; any process's workers then run them like any other job.
 */

export interface RetryPolicy {
  /** Attempts after the first. */
  retryLimit: number;
  /** First retry delay; doubled (with jitter) on each further attempt. */
  retryDelaySeconds: number;
  retryDelayMaxSeconds?: number;
  /** How long one attempt may run before pg-boss counts it failed. */
  expireInSeconds: number;
  /** Jobs one process runs at once. */
  concurrency: number;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  policy: RetryPolicy;
}

const defaultPolicy: RetryPolicy = { retryLimit: 5, retryDelaySeconds: 5, retryDelayMaxSeconds: 15 * 60, expireInSeconds: 5 * 60, concurrency: 2 };

/** Queue names are module-scoped (`notifications.deliver_email`); the payload schema is the contract. */
export function defineJob<S extends z.ZodType>(name: string, payload: S, policy: Partial<RetryPolicy> = {}): JobDefinition<S> {
  if (!/^[a-z][a-z0-9_.-]{2,80}$/.test(name)) throw new Error(`Job name "${name}" must be lower-case letters, digits, _ . -`);
  return { name, payload, policy: { ...defaultPolicy, ...policy } };
}

export interface JobContext {
  id: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when the process stops before the handler finished: stop early, the job is retried. */
  signal: AbortSignal;
}

export type JobHandler<S extends z.ZodType> = (payload: z.output<S>, job: JobContext) => Promise<void>;

export interface SendOptions {
  /** Not before this time (reminders). */
  startAfter?: Date;
  /** Groups jobs that stand for the same thing (`interview:<id>:day`), for `cancelPending`/`reschedule`. */
  singletonKey?: string;
  /** Send inside this transaction: the job exists only if the transaction commits. */
  tx?: DbOrTx;
  /** This job's own retry policy instead of its definition's (one-off jobs, tests). */
  retry?: Partial<Pick<RetryPolicy, 'retryLimit' | 'retryDelaySeconds' | 'retryDelayMaxSeconds'>>;
}

export interface ScheduleOptions {
  /** IANA time zone the expression is read in (`Europe/Berlin`); UTC by default. */
  tz?: string;
  /**
   * An occurrence that fell due while no process ran (down, between deploys): `skip` it (default),
   * or run `once` at the next start, for jobs that should not wait a whole period.
   */
  missed?: 'skip' | 'once';
}

export interface ScheduleOverview {
  name: string;
  cron: string;
  timezone: string;
  /** The next occurrence; its job is created by the first cron pass at or after it. */
  nextRunAt: Date | null;
  /** The job the schedule created last: null before its first run. */
  lastJobId: string | null;
  /** That job, while pg-boss still keeps it (completed jobs a day, failed ones two weeks). */
  lastRun: { state: string; createdAt: Date; startedAt: Date | null; completedAt: Date | null } | null;
}

export interface QueueOverview {
  name: string;
  /** Waiting to run now. */
  ready: number;
  /** Scheduled for later (startAfter in the future). */
  deferred: number;
  active: number;
  /** Used up their retries (dead-letter state, still retained). */
  failed: number;
  total: number;
  policy: RetryPolicy;
}

export interface FailedJob {
  id: string;
  queue: string;
  payload: unknown;
  error: string;
  attempts: number;
  createdAt: Date;
  failedAt: Date | null;
}

export interface JobQueue {
  register<S extends z.ZodType>(job: JobDefinition<S>, handler: JobHandler<S>): void;
  /**
   * Run a registered job on a cron expression (5 fields, or 6 with seconds first), with this payload.
   * Declare before `start`, which stores it (and deletes stored schedules no longer declared).
   */
  schedule<S extends z.ZodType>(job: JobDefinition<S>, cron: string, payload: z.input<S>, options?: ScheduleOptions): void;
  start(): Promise<void>;
  /** Finish in-flight jobs within `timeoutMs`, release the rest back to `retry`. */
  stop(timeoutMs?: number): Promise<void>;
  send<S extends z.ZodType>(job: JobDefinition<S>, payload: z.input<S>, options?: SendOptions): Promise<string | null>;
  /** Cancel jobs with this key that have not started yet. Returns how many. */
  cancelPending(job: JobDefinition, singletonKey: string, options?: { tx?: DbOrTx }): Promise<number>;
  /** Replace the pending jobs with this key by one new job (or by none when `payload` is null). */
  reschedule<S extends z.ZodType>(
    job: JobDefinition<S>,
    singletonKey: string,
    payload: z.input<S> | null,
    options?: Omit<SendOptions, 'singletonKey'>,
  ): Promise<string | null>;
  overview(): Promise<QueueOverview[]>;
  /** The stored schedules, with their next occurrence and last job. */
  schedules(): Promise<ScheduleOverview[]>;
  failedJobs(queue: string, limit?: number): Promise<FailedJob[]>;
  retry(queue: string, id: string): Promise<boolean>;
  /** Throws when the queue is not running or its tables do not answer (readiness). */
  ping(): Promise<void>;
  readonly queues: string[];
}

type WorkOptionsUsed = {
  pollingIntervalSeconds: number;
  notifyPollingIntervalSeconds: number;
  localConcurrency: number;
  batchSize: 1;
  includeMetadata: true;
};

export interface QueueOptions {
  database: DatabaseHandle;
  logger: FastifyBaseLogger;
  metrics: Metrics;
  /** Seconds between polls when LISTEN/NOTIFY did not wake a worker (a backstop). */
  pollingIntervalSeconds?: number;
  /** Seconds between cron passes, 1–45 (pg-boss's 30 by default; tests shorten it). */
  cronIntervalSeconds?: number;
}

function rootMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause instanceof Error; depth++) current = current.cause;
  return (current instanceof Error ? current.message : String(current)).slice(0, 2000);
}

function errorText(output: unknown): string {
  if (output && typeof output === 'object') {
    const record = output as Record<string, unknown>;
    if (typeof record.message === 'string') return record.message;
    if (typeof record.value === 'string') return record.value;
  }
  return output === null || output === undefined ? 'unknown error' : JSON.stringify(output).slice(0, 1000);
}

/** pg-boss speaks to the same database: PGlite through its adapter, Postgres through its own small pool. */
function bossFor(database: DatabaseHandle, cronIntervalSeconds: number | undefined): PgBoss {
  const common = {
    schema: 'pgboss',
    useListenNotify: true,
    application_name: 'tessera-queue',
    // The pass that finds due schedules, and the poll that turns what it found into jobs.
    ...(cronIntervalSeconds ? { cronMonitorIntervalSeconds: cronIntervalSeconds, cronWorkerIntervalSeconds: cronIntervalSeconds } : {}),
  } as const;
  if (database.pglite) return new PgBoss({ ...common, backend: 'pglite', db: fromPglite(database.pglite) });
  const connectionString = database.pool?.options.connectionString;
  if (!connectionString) throw new Error('The job queue needs the Postgres connection string of the database pool.');
  return new PgBoss({ ...common, connectionString, max: 4 });
}

export function createJobQueue(options: QueueOptions): JobQueue {
  const { database, logger, metrics } = options;
  const boss = bossFor(database, options.cronIntervalSeconds);
  const definitions = new Map<string, { job: JobDefinition; handler: JobHandler<z.ZodType> }>();
  const declaredSchedules = new Map<string, { cron: string; payload: object; options: ScheduleOptions }>();
  let running = false;
  let stopping = false;

  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  boss.on('warning', (warning) => logger.warn({ warning }, 'job queue warning'));

  const completed = new Counter({
    name: 'tessera_queue_jobs_completed_total',
    help: 'Jobs that finished successfully, by queue',
    labelNames: ['queue'] as const,
    registers: [metrics.registry],
  });
  const failures = new Counter({
    name: 'tessera_queue_job_failures_total',
    help: 'Failed job attempts by queue; final=true when the job used up its retries (dead-letter)',
    labelNames: ['queue', 'final'] as const,
    registers: [metrics.registry],
  });
  const duration = new Histogram({
    name: 'tessera_queue_job_duration_seconds',
    help: 'How long one job attempt ran, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [metrics.registry],
  });

  // Depth is read from the database when Prometheus scrapes, at most every few seconds.
  let cached: { at: number; value: Promise<QueueOverview[]> } | undefined;
  const cachedOverview = () => {
    if (!cached || Date.now() - cached.at > 5000) cached = { at: Date.now(), value: queue.overview() };
    return cached.value;
  };
  new Gauge({
    name: 'tessera_queue_jobs',
    help: 'Jobs stored per queue and state (ready, deferred, active, failed)',
    labelNames: ['queue', 'state'] as const,
    registers: [metrics.registry],
    async collect() {
      if (!running) return;
      const queues = await cachedOverview().catch(() => []);
      for (const q of queues) {
        for (const state of ['ready', 'deferred', 'active', 'failed'] as const) this.set({ queue: q.name, state }, q[state]);
      }
    },
  });

  const viaTx = (tx: DbOrTx | undefined): { db?: Db } =>
    tx ? { db: fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql) } : {};

  async function runJob(entry: { job: JobDefinition; handler: JobHandler<z.ZodType> }, job: JobWithMetadata<unknown>) {
    const { name, payload } = entry.job;
    const started = performance.now();
    try {
      const parsed = payload.safeParse(job.data);
      if (!parsed.success) throw new Error(`Payload does not match the ${name} schema: ${parsed.error.message}`);
      await entry.handler(parsed.data, { id: job.id, retryCount: job.retryCount, signal: job.signal });
      completed.inc({ queue: name });
      duration.observe({ queue: name, outcome: 'completed' }, (performance.now() - started) / 1000);
    } catch (error) {
      const final = job.retryCount >= job.retryLimit;
      failures.inc({ queue: name, final: String(final) });
      duration.observe({ queue: name, outcome: 'failed' }, (performance.now() - started) / 1000);
      logger.warn({ err: error, queue: name, jobId: job.id, attempt: job.retryCount + 1, final }, final ? 'job failed for good' : 'job failed; will retry');
      // The stored error is what the admin page shows: the root cause, not a wrapper's SQL text.
      throw new Error(rootMessage(error), { cause: error });
    }
  }

  /** Counts straight from the job table: pg-boss's own counts are refreshed by its monitor, up to a minute late. */
  async function liveCounts(names: string[]): Promise<Map<string, Omit<QueueOverview, 'name' | 'policy'>>> {
    const { rows } = await boss.getDb().executeSql(
      `select name,
              count(*) filter (where state in ('created', 'retry') and start_after <= now())::int as ready,
              count(*) filter (where state in ('created', 'retry') and start_after > now())::int as deferred,
              count(*) filter (where state = 'active')::int as active,
              count(*) filter (where state = 'failed')::int as failed,
              count(*)::int as total
         from pgboss.job where name = any($1::text[]) group by name`,
      [names],
    );
    return new Map((rows as { name: string; ready: number; deferred: number; active: number; failed: number; total: number }[]).map((r) => [r.name, r]));
  }

  /**
   * Delete stored schedules that are no longer declared before pg-boss starts: its first cron pass
   * runs inside `boss.start()`, so one removed from the code but due in that very minute would
   * otherwise fire one last time. (On a first start pg-boss's tables do not exist yet: nothing to do.)
   */
  async function removeUndeclaredSchedules() {
    const [table] = await selectRows<{ present: boolean }>(database.db, sql`select to_regclass('pgboss.schedule') is not null as present`);
    if (!table?.present) return;
    // Job names are identifiers from the code (`platform.cleanup`), quoted as array elements.
    const declared = `{${[...declaredSchedules.keys()].map((name) => `"${name}"`).join(',')}}`;
    // Every schedule in pg-boss's schema is this app's (one per job, key ''), so one that is no
    // longer declared was removed from the code.
    const removed = await selectRows<{ name: string; key: string }>(
      database.db,
      sql`delete from pgboss.schedule where key <> '' or not (name = any(${declared}::text[])) returning name, key`,
    );
    for (const row of removed) logger.info({ queue: row.name, key: row.key }, 'schedule no longer declared: removed');
  }

  /** Store the declared schedules (new ones, and changed crons or payloads); the others went before start. */
  async function applySchedules() {
    for (const [name, declared] of declaredSchedules) {
      await boss.schedule(name, declared.cron, declared.payload, {
        tz: declared.options.tz ?? 'UTC',
        missed: declared.options.missed ?? 'skip',
      });
    }
  }

  const queue: JobQueue = {
    get queues() {
      return [...definitions.keys()];
    },

    register(job, handler) {
      if (running) throw new Error(`Register the ${job.name} handler before the queue starts.`);
      if (definitions.has(job.name)) throw new Error(`The ${job.name} job has two handlers.`);
      definitions.set(job.name, { job, handler: handler });
    },

    schedule(job, cron, payload, scheduleOptions = {}) {
      if (running) throw new Error(`Schedule ${job.name} before the queue starts.`);
      if (!definitions.has(job.name)) throw new Error(`Register the ${job.name} handler before scheduling it.`);
      if (declaredSchedules.has(job.name)) throw new Error(`The ${job.name} job has two schedules.`);
      // Checked now, so a typo fails at start-up rather than on the first cron pass.
      boss.previewSchedule(cron, { tz: scheduleOptions.tz ?? 'UTC', count: 1 });
      declaredSchedules.set(job.name, { cron, payload: job.payload.parse(payload) as object, options: scheduleOptions });
    },

    async start() {
      await removeUndeclaredSchedules();
      await boss.start();
      for (const [name, entry] of definitions) {
        const { policy } = entry.job;
        const settings = {
          retryLimit: policy.retryLimit,
          retryDelay: policy.retryDelaySeconds,
          retryBackoff: true,
          retryDelayMax: policy.retryDelayMaxSeconds,
          expireInSeconds: policy.expireInSeconds,
          // Failed jobs stay two weeks for the admin page; completed ones a day.
          deleteAfterSeconds: 24 * 60 * 60,
          retentionSeconds: 14 * 24 * 60 * 60,
          notify: true,
        };
        if (await boss.getQueue(name)) await boss.updateQueue(name, settings);
        else await boss.createQueue(name, settings);
        const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
        await boss.work<unknown, unknown, WorkOptionsUsed>(
          name,
          {
            pollingIntervalSeconds,
            // NOTIFY wakes workers for new jobs only; retries and scheduled jobs fall due silently,
            // so the poll stays as frequent as without NOTIFY.
            notifyPollingIntervalSeconds: pollingIntervalSeconds,
            localConcurrency: policy.concurrency,
            batchSize: 1,
            includeMetadata: true,
          },
          async ([job]) => {
            if (job) await runJob(entry, job);
          },
        );
      }
      // After the queues exist: a schedule names its queue (a foreign key).
      await applySchedules();
      running = true;
    },

    async stop(timeoutMs = 10_000) {
      if (!running || stopping) return;
      stopping = true;
      // pg-boss waits for handlers until the timeout, then aborts them and releases their jobs.
      await boss.stop({ graceful: true, timeout: Math.max(100, timeoutMs), close: true });
      running = false;
    },

    async send(job, payload, sendOptions = {}) {
      const data = job.payload.parse(payload) as object;
      return boss.send(job.name, data, {
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.retry?.retryLimit !== undefined ? { retryLimit: sendOptions.retry.retryLimit } : {}),
        ...(sendOptions.retry?.retryDelaySeconds !== undefined ? { retryDelay: sendOptions.retry.retryDelaySeconds } : {}),
        ...(sendOptions.retry?.retryDelayMaxSeconds !== undefined ? { retryDelayMax: sendOptions.retry.retryDelayMaxSeconds } : {}),
        ...viaTx(sendOptions.tx),
      });
    },

    async cancelPending(job, singletonKey, cancelOptions = {}) {
      const pending = await boss.findJobs(job.name, { key: singletonKey, queued: true, ...viaTx(cancelOptions.tx) });
      if (pending.length === 0) return 0;
      await boss.cancel(job.name, pending.map((p) => p.id), viaTx(cancelOptions.tx));
      return pending.length;
    },

    async reschedule(job, singletonKey, payload, sendOptions = {}) {
      await queue.cancelPending(job, singletonKey, { tx: sendOptions.tx });
      if (payload === null) return null;
      return queue.send(job, payload, { ...sendOptions, singletonKey });
    },

    async overview() {
      const names = [...definitions.keys()];
      if (names.length === 0) return [];
      const counts = await liveCounts(names);
      return names.map((name) => ({
        name,
        ready: 0,
        deferred: 0,
        active: 0,
        failed: 0,
        total: 0,
        ...counts.get(name),
        policy: definitions.get(name)!.job.policy,
      }));
    },

    async schedules() {
      const { rows } = await boss.getDb().executeSql(
        `select s.name, s.cron, coalesce(s.timezone, 'UTC') as timezone, s.last_job_id,
                j.state, j.created_on, j.started_on, j.completed_on
           from pgboss.schedule s
           left join pgboss.job j on j.name = s.name and j.id = s.last_job_id
          order by s.name, s.key`,
      );
      type Row = {
        name: string;
        cron: string;
        timezone: string;
        last_job_id: string | null;
        state: string | null;
        created_on: Date | null;
        started_on: Date | null;
        completed_on: Date | null;
      };
      const date = (value: Date | string | null) => (value === null ? null : new Date(value));
      return (rows as Row[]).map((row) => {
        let nextRunAt: Date | null = null;
        try {
          nextRunAt = boss.previewSchedule(row.cron, { tz: row.timezone, count: 1 })[0] ?? null;
        } catch {
          // A row this version cannot read: pg-boss warns about it on every pass already.
        }
        return {
          name: row.name,
          cron: row.cron,
          timezone: row.timezone,
          nextRunAt,
          lastJobId: row.last_job_id,
          lastRun:
            row.state && row.created_on
              ? { state: row.state, createdAt: new Date(row.created_on), startedAt: date(row.started_on), completedAt: date(row.completed_on) }
              : null,
        };
      });
    },

    async failedJobs(name, limit = 50) {
      if (!definitions.has(name)) return [];
      const { rows } = await boss.getDb().executeSql(
        `select id, name, data, output, retry_count, created_on, completed_on
           from pgboss.job where name = $1 and state = 'failed'
          order by completed_on desc nulls last, id limit $2`,
        [name, limit],
      );
      return (rows as { id: string; name: string; data: unknown; output: unknown; retry_count: number; created_on: Date; completed_on: Date | null }[]).map(
        (row) => ({
          id: row.id,
          queue: row.name,
          payload: row.data,
          error: errorText(row.output),
          attempts: row.retry_count + 1,
          createdAt: new Date(row.created_on),
          failedAt: row.completed_on ? new Date(row.completed_on) : null,
        }),
      );
    },

    async retry(name, id) {
      if (!definitions.has(name)) return false;
      const [job] = await boss.findJobs(name, { id });
      if (job?.state !== 'failed') return false;
      const result = await boss.retry(name, id);
      return ((result as { affected?: number }).affected ?? 0) > 0;
    },

    async ping() {
      if (!running) throw new Error(stopping ? 'the job queue is stopped' : 'the job queue is not running');
      await boss.getDb().executeSql('select 1 from pgboss.version limit 1');
    },
  };
  return queue;
}
