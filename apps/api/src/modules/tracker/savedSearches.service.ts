import { type DbOrTx, isUniqueViolation, schema } from '@tessera/db';
import {
  type createSavedSearchInput,
  type JobFilters,
  jobFiltersSchema,
  maxSavedSearches,
  type updateSavedSearchInput,
} from '@tessera/validation/tracker';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { EventOf } from '../../platform/events';
import { notFound, ownedBy } from '../../platform/ownership';
import { defineJob } from '../../platform/queue';
import { type AppDeps, fieldError } from '../../trpc';
import { jobConditions } from './query';
import type { TrackerContext } from './shared';

const { trackerSavedSearches: savedSearches, jobs, users } = schema;

const savedSearchColumns = {
  id: savedSearches.id,
  name: savedSearches.name,
  filters: savedSearches.filters,
  notify: savedSearches.notify,
  createdAt: savedSearches.createdAt,
  updatedAt: savedSearches.updatedAt,
  lastMatchedAt: savedSearches.lastMatchedAt,
};

type SavedSearchRow = typeof savedSearches.$inferSelect;

/**
 * Stored filters are read back through the list's schema (ISO strings become dates again). A row
 * written by an older schema that no longer parses comes back without filters rather than failing
 * the whole menu.
 */
function filtersOf(stored: unknown): JobFilters | null {
  const parsed = jobFiltersSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

function view(row: Omit<SavedSearchRow, 'userId'>) {
  return { ...row, filters: filtersOf(row.filters) ?? jobFiltersSchema.parse({}) };
}

/** Only the keys that are set, so the stored JSON is what the person chose and nothing else. */
function storedFilters(filters: JobFilters): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filters).filter(([key, value]) => value !== undefined && !(key === 'deleted' && value === false)));
}

const nameTaken = (name: string) => fieldError('name', `You already have a saved search called "${name}". Choose another name.`, 'CONFLICT');

async function requireSavedSearch(db: DbOrTx, ctx: TrackerContext, id: string) {
  const [row] = await db.select(savedSearchColumns).from(savedSearches).where(and(eq(savedSearches.id, id), ownedBy(savedSearches.userId, ctx.auth)));
  if (!row) throw notFound('Saved search');
  return row;
}

/** Is the name taken by another of the caller's searches (case-insensitive, like the unique index)? */
async function nameInUse(db: DbOrTx, ctx: TrackerContext, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: savedSearches.id })
    .from(savedSearches)
    .where(and(ownedBy(savedSearches.userId, ctx.auth), sql`lower(${savedSearches.name}) = lower(${name})`));
  return row !== undefined && row.id !== exceptId;
}

export async function listSavedSearches(ctx: TrackerContext) {
  const rows = await ctx.db
    .select(savedSearchColumns)
    .from(savedSearches)
    .where(ownedBy(savedSearches.userId, ctx.auth))
    .orderBy(asc(sql`lower(${savedSearches.name})`), asc(savedSearches.id));
  return { items: rows.map(view), total: rows.length, max: maxSavedSearches };
}

export async function createSavedSearch(ctx: TrackerContext, input: z.output<typeof createSavedSearchInput>) {
  const now = ctx.clock();
  try {
    const row = await ctx.db.transaction(async (tx) => {
      // One create at a time per person, so two racing requests cannot both take the 50th place.
      await tx.execute(sql`select 1 from ${users} where ${users.id} = ${ctx.auth.user.id} for update`);
      const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(savedSearches).where(ownedBy(savedSearches.userId, ctx.auth));
      if (total >= maxSavedSearches) {
        throw fieldError('_form', `You have ${maxSavedSearches} saved searches, the most you can keep. Delete one you no longer use first.`, 'PRECONDITION_FAILED');
      }
      if (await nameInUse(tx, ctx, input.name)) throw nameTaken(input.name);
      const [created] = await tx
        .insert(savedSearches)
        .values({ userId: ctx.auth.user.id, name: input.name, filters: storedFilters(input.filters), notify: input.notify, createdAt: now, updatedAt: now })
        .returning(savedSearchColumns);
      return created!;
    });
    return view(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

export async function updateSavedSearch(ctx: TrackerContext, input: z.output<typeof updateSavedSearchInput>) {
  const { changes } = input;
  try {
    const row = await ctx.db.transaction(async (tx) => {
      await requireSavedSearch(tx, ctx, input.id);
      if (changes.name !== undefined && (await nameInUse(tx, ctx, changes.name, input.id))) throw nameTaken(changes.name);
      const [updated] = await tx
        .update(savedSearches)
        .set({
          updatedAt: ctx.clock(),
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.filters !== undefined ? { filters: storedFilters(changes.filters) } : {}),
          ...(changes.notify !== undefined ? { notify: changes.notify } : {}),
        })
        .where(and(eq(savedSearches.id, input.id), ownedBy(savedSearches.userId, ctx.auth)))
        .returning(savedSearchColumns);
      return updated!;
    });
    return view(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(changes.name ?? '');
    throw error;
  }
}

export async function deleteSavedSearch(ctx: TrackerContext, input: { id: string }) {
  const [row] = await ctx.db
    .delete(savedSearches)
    .where(and(eq(savedSearches.id, input.id), ownedBy(savedSearches.userId, ctx.auth)))
    .returning({ id: savedSearches.id });
  if (!row) throw notFound('Saved search');
  return { id: row.id, deleted: true as const };
}

// ── matching new jobs ─────────────────────────────────────────────────────────────────────────

/** How many matching titles a notification names; the rest are a count. */
const titlesPerMatch = 3;

/**
 * One job per write that added jobs. Ids for create/bulkCreate (≤ 1,000); imports, which insert
 * up to 100,000 rows without returning ids, are found by the creation time all their rows share.
 */
export const savedSearchMatchJob = defineJob(
  'tracker.saved_search_match',
  z
    .object({
      userId: z.uuid(),
      jobIds: z.array(z.uuid()).min(1).max(1000).optional(),
      createdAt: z.iso.datetime().optional(),
    })
    .refine((p) => (p.jobIds === undefined) !== (p.createdAt === undefined), { message: 'Give either jobIds or createdAt' }),
  { retryLimit: 5, retryDelaySeconds: 5 },
);
type MatchPayload = z.output<typeof savedSearchMatchJob.payload>;

/**
 * For each of the owner's saved searches with notify on: which of the new jobs does the jobs list
 * show under its filters (`jobConditions`, the list's own WHERE, restricted to the batch)? One
 * `tracker.saved_search.matched` per search with matches, carrying the count and the first titles.
 */
export async function matchSavedSearches(deps: Pick<AppDeps, 'database' | 'events' | 'clock'>, payload: MatchPayload) {
  const { db } = deps.database;
  const searches = await db
    .select({ id: savedSearches.id, name: savedSearches.name, filters: savedSearches.filters })
    .from(savedSearches)
    .where(and(eq(savedSearches.userId, payload.userId), eq(savedSearches.notify, true)))
    .orderBy(asc(savedSearches.createdAt), asc(savedSearches.id));
  if (!searches.length) return [];
  const batch = payload.jobIds ? inArray(jobs.id, payload.jobIds) : eq(jobs.createdAt, new Date(payload.createdAt!));
  // Titles are named in the order the person sent the jobs; an import's rows (one creation time,
  // random ids) by title.
  const order = payload.jobIds ? [sql`array_position(${`{${payload.jobIds.join(',')}}`}::uuid[], ${jobs.id})`] : [asc(jobs.title), asc(jobs.id)];
  const matched: { savedSearchId: string; count: number }[] = [];
  for (const search of searches) {
    const filters = filtersOf(search.filters);
    if (!filters) continue;
    const rows = await db
      .select({ id: jobs.id, title: jobs.title, company: jobs.company, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(jobs)
      .where(and(jobConditions(payload.userId, filters), batch))
      .orderBy(...order)
      .limit(titlesPerMatch);
    const total = rows[0]?.total ?? 0;
    if (total === 0) continue;
    const at = deps.clock();
    await db.update(savedSearches).set({ lastMatchedAt: at }).where(eq(savedSearches.id, search.id));
    matched.push({ savedSearchId: search.id, count: total });
    await deps.events.publish({
      type: 'tracker.saved_search.matched',
      userId: payload.userId,
      savedSearchId: search.id,
      searchName: search.name,
      count: total,
      jobs: rows.map(({ id, title, company }) => ({ id, title, company })),
      at,
    });
  }
  return matched;
}

/** Enqueue the match (one insert); nothing slow runs in the request that stored the jobs. */
async function enqueueMatch(deps: Pick<AppDeps, 'database' | 'queue'>, event: EventOf<'tracker.jobs.added'>) {
  if (event.jobIds && event.jobIds.length === 0) return;
  // Skip the queue entirely for people without a notifying saved search (most writes).
  const [any] = await deps.database.db
    .select({ id: savedSearches.id })
    .from(savedSearches)
    .where(and(eq(savedSearches.userId, event.userId), eq(savedSearches.notify, true)))
    .limit(1);
  if (!any) return;
  await deps.queue.send(savedSearchMatchJob, {
    userId: event.userId,
    ...(event.jobIds ? { jobIds: event.jobIds } : { createdAt: event.createdAt!.toISOString() }),
  });
}

/** Wire `tracker.jobs.added` to the match job. Called once per process, before the queue starts. */
export function registerSavedSearchMatching(deps: AppDeps) {
  deps.queue.register(savedSearchMatchJob, async (payload) => {
    await matchSavedSearches(deps, payload);
  });
  deps.events.subscribe('tracker.jobs.added', (event) => enqueueMatch(deps, event));
}
