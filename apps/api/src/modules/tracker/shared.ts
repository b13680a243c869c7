import type { DomainEvent } from '../../platform/events';
import type { Context } from '../../trpc';

/** A signed-in caller: every tracker service takes one. */
export type TrackerContext = Context & { auth: NonNullable<Context['auth']> };
export type TrackerEntity = 'jobs' | 'applications' | 'analytics' | 'skills';

/**
 * Results derived from a person's tracker data (analytics figures, list totals), per user and per
 * server (keyed by the database handle so test servers in one process never share entries). Every
 * tracker write drops the writer's entries, so a hit is never older than that person's last write.
 */
const derivedCaches = new WeakMap<object, Map<string, Map<string, unknown>>>();
/** Typing a search makes a new total per keystroke: past this many, a person's entries start over. */
const maxEntriesPerUser = 500;

export async function cachedPerUser<T>(ctx: TrackerContext, key: string, compute: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
  let perServer = derivedCaches.get(ctx.database);
  if (!perServer) {
    perServer = new Map();
    derivedCaches.set(ctx.database, perServer);
  }
  let perUser = perServer.get(ctx.auth.user.id);
  if (!perUser) {
    perUser = new Map();
    perServer.set(ctx.auth.user.id, perUser);
  }
  if (perUser.has(key)) return { value: perUser.get(key) as T, cached: true };
  const value = await compute();
  if (perUser.size >= maxEntriesPerUser) perUser.clear();
  perUser.set(key, value);
  return { value, cached: false };
}

export function invalidateDerived(ctx: Pick<Context, 'database'>, userId: string): void {
  derivedCaches.get(ctx.database)?.delete(userId);
}

/**
 * Call after a write has committed: drops the cached analytics and totals, then publishes the domain events
 * and one `tracker.changed` so open screens refetch. Events never fire for rolled-back writes
 * because this runs after `transaction()` resolved.
 */
export async function afterWrite(ctx: TrackerContext, entities: TrackerEntity[], events: DomainEvent[] = []): Promise<void> {
  invalidateDerived(ctx, ctx.auth.user.id);
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
