import type { Database } from '@tessera/db';
import type { analyticsSummaryInput, analyticsTrendsInput, ApplicationStatus, skillGapInput } from '@tessera/validation/tracker';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { analyticsCacheOf, type TrackerContext } from './shared';

/**
 * Every figure comes from the status history (one row per status an application entered), so a
 * rate means the same thing whatever the application's current status is. Applications of
 * soft-deleted jobs are left out everywhere.
 */
export const rateDefinitions = {
  responseRate:
    'Responses ÷ sent applications. Sent = entered any status after "saved" other than "withdrawn" (applied, screening, interviewing, offer, accepted, rejected, ghosted). Response = the employer answered: reached screening or later, or was rejected.',
  interviewRate: 'Sent applications that reached interviewing (or offer/accepted) ÷ sent applications.',
  offerRate: 'Sent applications that reached offer (or accepted) ÷ sent applications.',
  acceptanceRate: 'Offers you accepted ÷ applications that reached offer.',
} as const;

const pipeline: ApplicationStatus[] = ['saved', 'applied', 'screening', 'interviewing', 'offer', 'accepted'];
const allStatuses: ApplicationStatus[] = [...pipeline, 'rejected', 'withdrawn', 'ghosted'];

async function rowsOf<T>(db: Database, query: SQL): Promise<T[]> {
  // Both drivers answer `{ rows }`.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the HKT result type is driver-specific
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Percent with one decimal; null when there is nothing to divide by. */
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** Cached per user until their next tracker write. */
async function cached<T>(ctx: TrackerContext, key: string, compute: () => Promise<T>): Promise<T & { cached: boolean }> {
  const cache = analyticsCacheOf(ctx, ctx.auth.user.id);
  const hit = cache.get(key) as T | undefined;
  if (hit) return { ...hit, cached: true };
  const value = await compute();
  cache.set(key, value);
  return { ...value, cached: false };
}

function rangeOn(column: SQL, input: { from?: Date; to?: Date }): SQL {
  return sql`${input.from ? sql`and ${column} >= ${input.from.toISOString()}::timestamptz` : sql``} ${input.to ? sql`and ${column} <= ${input.to.toISOString()}::timestamptz` : sql``}`;
}

export async function summary(ctx: TrackerContext, input: z.output<typeof analyticsSummaryInput>) {
  return cached(ctx, `summary:${JSON.stringify(input)}`, () => computeSummary(ctx, input));
}

async function computeSummary(ctx: TrackerContext, input: { from?: Date; to?: Date }) {
  const userId = ctx.auth.user.id;
  const range = rangeOn(sql`coalesce(a.applied_at, a.created_at)`, input);
  const live = sql`a.user_id = ${userId} and j.deleted_at is null ${range}`;
  const [statusRows, [flags], stageRows, skillRows, companyRows, [jobCount]] = [
    await rowsOf<{ status: ApplicationStatus; n: number }>(
      ctx.db,
      sql`select a.status, count(*)::int as n from applications a join jobs j on j.id = a.job_id where ${live} group by a.status`,
    ),
    await rowsOf<{ total: number; submitted: number; responded: number; interviewed: number; offered: number; accepted: number; screened: number }>(
      ctx.db,
      sql`select count(*)::int as total,
            count(*) filter (where max_rank >= 1)::int as submitted,
            count(*) filter (where max_rank >= 2 or rejected)::int as responded,
            count(*) filter (where max_rank >= 2)::int as screened,
            count(*) filter (where max_rank >= 3)::int as interviewed,
            count(*) filter (where max_rank >= 4)::int as offered,
            count(*) filter (where max_rank >= 5)::int as accepted
          from (
            select h.application_id,
              max(case h.to_status when 'saved' then 0 when 'applied' then 1 when 'rejected' then 1 when 'ghosted' then 1
                  when 'screening' then 2 when 'interviewing' then 3 when 'offer' then 4 when 'accepted' then 5 end) as max_rank,
              bool_or(h.to_status = 'rejected') as rejected
            from application_status_changes h
            join applications a on a.id = h.application_id
            join jobs j on j.id = a.job_id
            where h.user_id = ${userId} and ${live}
            group by h.application_id
          ) reached`,
    ),
    await rowsOf<{ stage: ApplicationStatus; median: number; samples: number }>(
      ctx.db,
      sql`select stage, percentile_cont(0.5) within group (order by days)::float8 as median, count(*)::int as samples
          from (
            select h.to_status as stage,
              extract(epoch from (lead(h.changed_at) over (partition by h.application_id order by h.changed_at, h.id) - h.changed_at)) / 86400.0 as days
            from application_status_changes h
            join applications a on a.id = h.application_id
            join jobs j on j.id = a.job_id
            where h.user_id = ${userId} and ${live}
          ) stays
          where days is not null
          group by stage`,
    ),
    await topSkills(ctx.db, userId, 10),
    await rowsOf<{ company: string; applications: number; offers: number }>(
      ctx.db,
      sql`select mode() within group (order by j.company) as company, count(*)::int as applications,
            count(*) filter (where a.status in ('offer', 'accepted'))::int as offers
          from applications a join jobs j on j.id = a.job_id
          where ${live}
          group by lower(j.company)
          order by applications desc, company asc
          limit 10`,
    ),
    await rowsOf<{ n: number }>(ctx.db, sql`select count(*)::int as n from jobs where user_id = ${userId} and deleted_at is null`),
  ];
  const f = flags ?? { total: 0, submitted: 0, responded: 0, interviewed: 0, offered: 0, accepted: 0, screened: 0 };
  const byStatus = Object.fromEntries(allStatuses.map((s) => [s, statusRows.find((r) => r.status === s)?.n ?? 0])) as Record<ApplicationStatus, number>;
  const rate = (key: keyof typeof rateDefinitions, part: number, whole: number) => ({ percent: percent(part, whole), count: part, outOf: whole, definition: rateDefinitions[key] });
  const reachedCounts: Record<string, number> = { saved: f.total, applied: f.submitted, screening: f.screened, interviewing: f.interviewed, offer: f.offered, accepted: f.accepted };
  return {
    totals: { jobs: jobCount?.n ?? 0, applications: f.total, sent: f.submitted },
    byStatus,
    /** How many applications reached each pipeline stage (or a later one), from the history. */
    funnel: pipeline.map((stage) => ({ stage, reached: reachedCounts[stage] ?? 0, percentOfAll: percent(reachedCounts[stage] ?? 0, f.total) })),
    rates: {
      responseRate: rate('responseRate', f.responded, f.submitted),
      interviewRate: rate('interviewRate', f.interviewed, f.submitted),
      offerRate: rate('offerRate', f.offered, f.submitted),
      acceptanceRate: rate('acceptanceRate', f.accepted, f.offered),
    },
    /** Median days an application stayed in a status before its next change (stays still ongoing are not counted). */
    medianDaysInStage: allStatuses
      .map((stage) => {
        const row = stageRows.find((r) => r.stage === stage);
        return { stage, medianDays: row ? Math.round(row.median * 10) / 10 : null, samples: row?.samples ?? 0 };
      })
      .filter((r) => r.samples > 0),
    topSkills: skillRows,
    topCompanies: companyRows,
    generatedAt: ctx.clock(),
  };
}

/** Skills demanded across live jobs: how many jobs name each (case-insensitive), most used spelling shown. */
async function topSkills(db: Database, userId: string, limit: number) {
  return rowsOf<{ skill: string; key: string; jobs: number }>(
    db,
    sql`select mode() within group (order by s.skill) as skill, lower(s.skill) as key, count(distinct j.id)::int as jobs
        from jobs j cross join lateral unnest(j.tech_stack) as s(skill)
        where j.user_id = ${userId} and j.deleted_at is null
        group by lower(s.skill)
        order by jobs desc, key asc
        limit ${limit}`,
  );
}

type Granularity = z.output<typeof analyticsTrendsInput>['granularity'];

/** UTC start of the period containing `at` (weeks start on Monday, like Postgres' date_trunc). */
function periodStart(at: Date, granularity: Granularity): Date {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (granularity === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  if (granularity === 'month') d.setUTCDate(1);
  return d;
}
function nextPeriod(at: Date, granularity: Granularity): Date {
  const d = new Date(at);
  if (granularity === 'day') d.setUTCDate(d.getUTCDate() + 1);
  if (granularity === 'week') d.setUTCDate(d.getUTCDate() + 7);
  if (granularity === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  return d;
}

function change(current: number, previous: number) {
  return {
    direction: current > previous ? ('up' as const) : current < previous ? ('down' as const) : ('flat' as const),
    /** Null when the previous period had none (growth from zero has no percentage). */
    changePercent: previous > 0 ? Math.round(((current - previous) / previous) * 1000) / 10 : null,
  };
}

/**
 * Applications sent (by applied date) per day/week/month of [from, to], in UTC, and the whole
 * range against the equally long period just before it.
 */
export async function trends(ctx: TrackerContext, input: z.output<typeof analyticsTrendsInput>) {
  return cached(ctx, `trends:${JSON.stringify(input)}`, async () => {
    const userId = ctx.auth.user.id;
    const length = input.to.getTime() - input.from.getTime();
    const previousFrom = new Date(input.from.getTime() - length - 1);
    const unit = sql.raw(`'${input.granularity}'`);
    const live = sql`a.user_id = ${userId} and j.deleted_at is null and a.applied_at is not null`;
    const buckets = await rowsOf<{ period: string; n: number }>(
      ctx.db,
      sql`select to_char(date_trunc(${unit}, a.applied_at at time zone 'UTC'), 'YYYY-MM-DD') as period, count(*)::int as n
          from applications a join jobs j on j.id = a.job_id
          where ${live} and a.applied_at >= ${input.from.toISOString()}::timestamptz and a.applied_at <= ${input.to.toISOString()}::timestamptz
          group by 1`,
    );
    const [previous] = await rowsOf<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from applications a join jobs j on j.id = a.job_id
          where ${live} and a.applied_at >= ${previousFrom.toISOString()}::timestamptz and a.applied_at < ${input.from.toISOString()}::timestamptz`,
    );
    const counts = new Map(buckets.map((b) => [b.period, b.n]));
    const series: { periodStart: string; count: number; direction: 'up' | 'down' | 'flat'; changePercent: number | null }[] = [];
    let before = 0;
    for (let at = periodStart(input.from, input.granularity); at <= input.to; at = nextPeriod(at, input.granularity)) {
      const key = at.toISOString().slice(0, 10);
      const count = counts.get(key) ?? 0;
      series.push({ periodStart: key, count, ...(series.length ? change(count, before) : { direction: 'flat' as const, changePercent: null }) });
      before = count;
    }
    const total = series.reduce((sum, s) => sum + s.count, 0);
    const previousTotal = previous?.n ?? 0;
    return {
      granularity: input.granularity,
      from: input.from,
      to: input.to,
      series,
      total,
      previousPeriod: { from: previousFrom, to: input.from, total: previousTotal },
      ...change(total, previousTotal),
    };
  });
}

/**
 * Skills the user's live jobs ask for that the user does not list, ranked by how many jobs ask.
 * coveragePercent = demanded skills you have ÷ distinct demanded skills; weightedCoveragePercent
 * weighs each skill by the number of jobs demanding it.
 */
export async function skillGap(ctx: TrackerContext, input: z.output<typeof skillGapInput>) {
  return cached(ctx, `skillGap:${JSON.stringify(input)}`, async () => {
    const userId = ctx.auth.user.id;
    const demanded = await topSkills(ctx.db, userId, 10_000);
    const mine = await rowsOf<{ name: string; level: string }>(ctx.db, sql`select name, level from user_skills where user_id = ${userId}`);
    const myLevels = new Map(mine.map((s) => [s.name.toLowerCase(), s.level]));
    const [{ n: jobCount } = { n: 0 }] = await rowsOf<{ n: number }>(ctx.db, sql`select count(*)::int as n from jobs where user_id = ${userId} and deleted_at is null`);
    const covered = demanded.filter((s) => myLevels.has(s.key));
    const missing = demanded.filter((s) => !myLevels.has(s.key));
    const totalDemand = demanded.reduce((sum, s) => sum + s.jobs, 0);
    const coveredDemand = covered.reduce((sum, s) => sum + s.jobs, 0);
    return {
      jobsAnalysed: jobCount,
      demandedSkills: demanded.length,
      coveragePercent: percent(covered.length, demanded.length),
      weightedCoveragePercent: percent(coveredDemand, totalDemand),
      missing: missing.slice(0, input.limit).map((s) => ({ skill: s.skill, jobs: s.jobs, percentOfJobs: percent(s.jobs, jobCount) })),
      covered: covered.slice(0, input.limit).map((s) => ({ skill: s.skill, jobs: s.jobs, level: myLevels.get(s.key) ?? null })),
      /** Skills you list that none of your jobs ask for. */
      unused: mine.filter((s) => !demanded.some((d) => d.key === s.name.toLowerCase())).map((s) => s.name),
      definitions: {
        coveragePercent: 'Distinct skills your jobs ask for that you list ÷ distinct skills your jobs ask for.',
        weightedCoveragePercent: 'The same, with each skill weighted by the number of jobs asking for it.',
      },
    };
  });
}
