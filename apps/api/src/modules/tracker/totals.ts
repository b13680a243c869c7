import { schema } from '@tessera/db';
import type { ApplicationFilters, JobFilters } from '@tessera/validation/tracker';
import { and, count, eq, inArray, type SQL, sum } from 'drizzle-orm';
import { applicationConditions, jobConditions, searchCondition } from './query';
import { cachedPerUser, type TrackerContext } from './shared';

const { jobs, applications, trackerUserStats, trackerStatusStats, trackerJobStats } = schema;

/**
 * The total count every list answer carries, as cheaply as it can be known exactly:
 * - no filter (or only statuses, for applications): read from the trigger-kept aggregates;
 * - applications filtered only on their job's fields: the matching jobs' counts (tracker_job_stats) summed;
 * - otherwise counted once per filter set and kept until the person's next write, so paging and
 *   re-sorting the same results never count again.
 */

/** Filters on the job's own fields (search, location, remote, type, salary, skills): they need the jobs table. */
export function hasJobFieldFilters(filters: Partial<JobFilters> | Partial<ApplicationFilters>): boolean {
  return Boolean(
    searchCondition(filters.search) ||
      filters.location ||
      filters.remote?.length ||
      filters.jobType?.length ||
      filters.salaryFrom !== undefined ||
      filters.salaryTo !== undefined ||
      filters.techAny?.length ||
      filters.techAll?.length,
  );
}

/** The part of a list input that decides which rows match (not their order or page). */
function filterKey(kind: string, filters: Record<string, unknown>): string {
  const { sort: _sort, direction: _direction, cursor: _cursor, limit: _limit, ...rest } = filters;
  const entries = Object.entries(rest)
    .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => [key, Array.isArray(value) ? [...(value as unknown[])].map(String).sort() : value instanceof Date ? value.toISOString() : value]);
  return `total:${kind}:${JSON.stringify(entries.sort(([a], [b]) => String(a).localeCompare(String(b))))}`;
}

export async function jobsTotal(ctx: TrackerContext, filters: Partial<JobFilters>): Promise<number> {
  const userId = ctx.auth.user.id;
  if (!hasJobFieldFilters(filters) && !filters.from && !filters.to) {
    const [row] = await ctx.db.select({ live: trackerUserStats.liveJobs, deleted: trackerUserStats.deletedJobs }).from(trackerUserStats).where(eq(trackerUserStats.userId, userId));
    return (filters.deleted ? row?.deleted : row?.live) ?? 0;
  }
  const { value } = await cachedPerUser(ctx, filterKey('jobs', filters), async () => {
    const [row] = await ctx.db.select({ total: count() }).from(jobs).where(jobConditions(userId, filters));
    return row?.total ?? 0;
  });
  return value;
}

export async function applicationsTotal(ctx: TrackerContext, filters: Partial<ApplicationFilters>): Promise<number> {
  const userId = ctx.auth.user.id;
  if (!hasJobFieldFilters(filters) && !filters.jobId && !filters.from && !filters.to) {
    const [row] = await ctx.db
      .select({ total: sum(trackerStatusStats.applications).mapWith(Number) })
      .from(trackerStatusStats)
      .where(and(eq(trackerStatusStats.userId, userId), filters.status?.length ? inArray(trackerStatusStats.status, filters.status) : undefined));
    return row?.total ?? 0;
  }
  const { value } = await cachedPerUser(ctx, filterKey('applications', filters), async () => {
    if (!filters.status?.length && !filters.jobId && !filters.from && !filters.to) {
      // Only the job's fields are filtered: sum the matching live jobs' trigger-kept application
      // counts instead of joining every application (25,000 of them for a broad search).
      const { search, location, remote, jobType, salaryFrom, salaryTo, techAny, techAll } = filters;
      const [row] = await ctx.db
        .select({ total: sum(trackerJobStats.applications).mapWith(Number) })
        .from(jobs)
        .innerJoin(trackerJobStats, eq(trackerJobStats.jobId, jobs.id))
        .where(jobConditions(userId, { search, location, remote, jobType, salaryFrom, salaryTo, techAny, techAll }));
      return row?.total ?? 0;
    }
    const where: SQL = applicationConditions(userId, filters);
    // Only filters on the job's fields need the jobs table: "job not deleted" is on the application (`job_live`).
    const query = hasJobFieldFilters(filters)
      ? ctx.db.select({ total: count() }).from(applications).innerJoin(jobs, eq(jobs.id, applications.jobId)).where(where)
      : ctx.db.select({ total: count() }).from(applications).where(where);
    const [row] = await query;
    return row?.total ?? 0;
  });
  return value;
}
