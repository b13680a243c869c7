import type { DomainEvent } from '../../platform/events';
import type { Context } from '../../trpc';

/** A signed-in caller: every tracker service takes one. */
export type TrackerContext = Context & { auth: NonNullable<Context['auth']> };
export type TrackerEntity = 'jobs' | 'applications' | 'analytics' | 'skills';

/**
 * Analytics results per user, per server (keyed by the database handle so test servers in one
 * process never share entries). Every tracker write drops the writer's entries.
 */
const analyticsCaches = new WeakMap<object, Map<string, Map<string, unknown>>>();

export function analyticsCacheOf(ctx: Pick<Context, 'database'>, userId: string): Map<string, unknown> {
  let perServer = analyticsCaches.get(ctx.database);
  if (!perServer) {
    perServer = new Map();
    analyticsCaches.set(ctx.database, perServer);
  }
  let perUser = perServer.get(userId);
  if (!perUser) {
    perUser = new Map();
    perServer.set(userId, perUser);
  }
  return perUser;
}

export function invalidateAnalytics(ctx: Pick<Context, 'database'>, userId: string): void {
  analyticsCaches.get(ctx.database)?.delete(userId);
}

/**
 * Call after a write has committed: drops the analytics cache, then publishes the domain events
 * and one `tracker.changed` so open screens refetch. Events never fire for rolled-back writes
 * because this runs after `transaction()` resolved.
 */
export async function afterWrite(ctx: TrackerContext, entities: TrackerEntity[], events: DomainEvent[] = []): Promise<void> {
  invalidateAnalytics(ctx, ctx.auth.user.id);
  for (const event of events) await ctx.events.publish(event);
  const all = new Set<TrackerEntity>([...entities, 'analytics']);
  await ctx.events.publish({ type: 'tracker.changed', userId: ctx.auth.user.id, entities: [...all], at: ctx.clock() });
}

/** Split an array into chunks (multi-row inserts stay under Postgres' 65,535 parameters). */
export function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
