import { schema } from '@tessera/db';
import { and, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../trpc';
import { defineJob } from './queue';

/**
 * The platform's own upkeep, as recurring jobs on the queue (platform/queue.ts `schedule`).
 *
 * `platform.cleanup` deletes rows that are dead by the app's own rules and that nothing deletes
 * otherwise. User content (notifications, audit events, the mail outbox, AI usage) is not touched:
 * no retention rule exists for it.
 *
 * `platform.vacuum` runs only on embedded PGlite, which has no autovacuum.
 */

export const cleanupJob = defineJob('platform.cleanup', z.object({}), {
  retryLimit: 3,
  retryDelaySeconds: 60,
  concurrency: 1,
});
/** Daily at 03:17 UTC: off the hour, when few people are signed in. Run once at start if a day was missed. */
export const cleanupCron = '17 3 * * *';

export const vacuumJob = defineJob('platform.vacuum', z.object({}), {
  retryLimit: 1,
  retryDelaySeconds: 5 * 60,
  expireInSeconds: 30 * 60,
  concurrency: 1,
});
/** Hourly, at minute 41 (away from the cleanup's 17). */
export const vacuumCron = '41 * * * *';

type MaintenanceDeps = Pick<
  AppDeps,
  'config' | 'database' | 'logger' | 'clock' | 'sessions' | 'queue'
>;

export interface CleanupCounts {
  sessions: number;
  emailTokens: number;
  signInThrottles: number;
  revokedTokens: number;
}

/** Delete what has expired by the app's own rules. Each statement stands alone: a retry repeats none of the work. */
export async function cleanUp(deps: MaintenanceDeps): Promise<CleanupCounts> {
  const { db } = deps.database;
  const now = deps.clock();
  // Expired, idle too long, past their lifetime, or of a deactivated user: the rule of sessions.ts.
  const sessions = await deps.sessions.deleteExpired();
  // Verification and reset links: single-use, and refused once expired (auth/service.ts consumeEmailToken).
  const emailTokens = await db
    .delete(schema.emailTokens)
    .where(or(isNotNull(schema.emailTokens.usedAt), lte(schema.emailTokens.expiresAt, now)))
    .returning({ id: schema.emailTokens.id });
  // A throttle whose window has passed and whose lock (if any) ended counts as no throttle at all
  // (auth/service.ts recordFailure and signIn).
  const windowStartedBefore = new Date(now.getTime() - deps.config.auth.lockout.windowMs);
  const signInThrottles = await db
    .delete(schema.signInThrottles)
    .where(
      and(
        lte(schema.signInThrottles.windowStartedAt, windowStartedBefore),
        or(
          isNull(schema.signInThrottles.lockedUntil),
          lte(schema.signInThrottles.lockedUntil, now),
        ),
      ),
    )
    .returning({ email: schema.signInThrottles.email });
  // Revoked personal access tokens open nothing and are listed nowhere. Expired ones stay: their
  // owner still sees them, marked expired.
  const revokedTokens = await db
    .delete(schema.personalAccessTokens)
    .where(isNotNull(schema.personalAccessTokens.revokedAt))
    .returning({ id: schema.personalAccessTokens.id });
  return {
    sessions,
    emailTokens: emailTokens.length,
    signInThrottles: signInThrottles.length,
    revokedTokens: revokedTokens.length,
  };
}

/**
 * PGlite runs no autovacuum: dead rows left by updates and deletes (sessions' last-seen writes, the
 * queue's own job rows) are never reclaimed and the visibility map is never set, so tables and
 * index-only scans degrade. VACUUM cannot run inside a transaction block; PGlite's one connection
 * runs a transaction exclusively, so this plain statement runs between them, never inside one.
 */
export async function vacuum(deps: Pick<MaintenanceDeps, 'database'>): Promise<void> {
  const { pglite } = deps.database;
  if (!pglite) throw new Error('platform.vacuum is for the embedded database only.');
  await pglite.query('vacuum (analyze)');
}

/** Register and schedule the maintenance jobs. Called once per process, before the queue starts. */
export function registerPlatformMaintenance(deps: MaintenanceDeps) {
  deps.queue.register(cleanupJob, async () => {
    const started = performance.now();
    const counts = await cleanUp(deps);
    deps.logger.info(
      { ...counts, durationMs: Math.round(performance.now() - started) },
      'platform cleanup done',
    );
  });
  deps.queue.schedule(cleanupJob, cleanupCron, {}, { missed: 'once' });

  // On Postgres, autovacuum does this (and the app's role may not own every table): not scheduled.
  if (deps.database.mode === 'embedded') {
    deps.queue.register(vacuumJob, async () => {
      const started = performance.now();
      await vacuum(deps);
      deps.logger.info(
        { durationMs: Math.round(performance.now() - started) },
        'embedded database vacuumed',
      );
    });
    deps.queue.schedule(vacuumJob, vacuumCron, {});
  }
}
