import { schema } from '@tessera/db';
import { eq, sql } from 'drizzle-orm';
import type { DomainEvent } from '../../platform/events';
import type { Context } from '../../trpc';

const { trackerUserStats } = schema;

/** A signed-in caller: every tracker service takes one. */
export type TrackerContext = Context & { auth: NonNullable<Context['auth']> };
export type TrackerEntity = 'jobs' | 'applications' | 'analytics' | 'skills';

/**
 * Results derived from a person's tracker data (analytics figures, list totals), per user and per
 * server (keyed by the server's event bus, so test servers in one process never share entries). They
 * are valid for one `tracker_user_stats.version`, which every tracker write raises (`afterWrite`):
 * one primary-key read per use tells a replica that another replica's write made them stale.
 */
const derivedCaches = new WeakMap<object, Map<string, { version: number; entries: Map<string, unknown> }>>();
/** Typing a search makes a new total per keystroke: past this many, a person's entries start over. */
const maxEntriesPerUser = 500;
/** People whose results are kept per server (the least recently active are dropped first). */
const maxPeoplePerServer = 2000;

export async function cachedPerUser<T>(ctx: TrackerContext, key: string, compute: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
  const userId = ctx.auth.user.id;
  const [row] = await ctx.db.select({ version: trackerUserStats.version }).from(trackerUserStats).where(eq(trackerUserStats.userId, userId));
  const version = row?.version ?? 0;
  let perServer = derivedCaches.get(ctx.events);
  if (!perServer) {
    perServer = new Map();
    derivedCaches.set(ctx.events, perServer);
  }
  let perUser = perServer.get(userId);
  if (!perUser || perUser.version !== version) perUser = { version, entries: new Map() };
  // Least recently used people leave first: a Map iterates in insertion order, so re-insert on use.
  perServer.delete(userId);
  perServer.set(userId, perUser);
  if (perServer.size > maxPeoplePerServer) perServer.delete(perServer.keys().next().value!);
  if (perUser.entries.has(key)) return { value: perUser.entries.get(key) as T, cached: true };
  const value = await compute();
  if (perUser.entries.size >= maxEntriesPerUser) perUser.entries.clear();
  perUser.entries.set(key, value);
  return { value, cached: false };
}

/** Marks everything cached for the person stale, on every replica. */
async function invalidateDerived(ctx: TrackerContext): Promise<void> {
  derivedCaches.get(ctx.events)?.delete(ctx.auth.user.id);
  await ctx.db
    .insert(trackerUserStats)
    .values({ userId: ctx.auth.user.id, version: 1 })
    .onConflictDoUpdate({ target: trackerUserStats.userId, set: { version: sql`${trackerUserStats.version} + 1` } });
}

/**
 * Call after a write has committed: drops the cached analytics and totals, then publishes the domain events
 * and one `tracker.changed` so open screens refetch. Events never fire for rolled-back writes
 * because this runs after `transaction()` resolved.
 */
export async function afterWrite(ctx: TrackerContext, entities: TrackerEntity[], events: DomainEvent[] = []): Promise<void> {
  await invalidateDerived(ctx);
  for (const event of events) await ctx.events.publish(event);
  const all = new Set<TrackerEntity>([...entities, 'analytics']);
  await ctx.events.publish({ type: 'tracker.changed', userId: ctx.auth.user.id, entities: [...all], at: ctx.clock() });
}

/**
 * One turn of the event loop: long loops (an import's rows) take one every so often, so the server's
 * other requests are answered meanwhile instead of after the whole loop.
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Split an array into chunks (multi-row inserts stay under Postgres' 65,535 parameters). */
export function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
