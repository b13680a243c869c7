import { type Database, selectRows } from '@tessera/db';
import type { analyticsSummaryInput, analyticsTrendsInput, ApplicationStatus, skillGapInput } from '@tessera/validation/tracker';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { cachedPerUser, type TrackerContext } from './shared';

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

/** Percent with one decimal; null when there is nothing to divide by. */
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** Cached per user until their next tracker write. */
async function cached<T>(ctx: TrackerContext, key: string, compute: () => Promise<T>): Promise<T & { cached: boolean }> {
  const { value, cached: hit } = await cachedPerUser(ctx, `analytics:${key}`, compute);
  return { ...value, cached: hit };
}

function rangeOn(column: SQL, input: { from?: Date; to?: Date }): SQL {
  return sql`${input.from ? sql`and ${column} >= ${input.from.toISOString()}::timestamptz` : sql``} ${input.to ? sql`and ${column} <= ${input.to.toISOString()}::timestamptz` : sql``}`;
}

export async function summary(ctx: TrackerContext, input: z.output<typeof analyticsSummaryInput>) {
  return cached(ctx, `summary:${JSON.stringify(input)}`, () => computeSummary(ctx, input));
}

/** One row per (current status, furthest stage, ever rejected) with its count: what every count, rate and funnel is summed from. */
interface StatusCountRow {
  status: ApplicationStatus;
  reached_rank: number;
  ever_rejected: boolean;
  n: number;
}
interface StayRow {
  stage: ApplicationStatus;
  tenths: number;
  n: number;
}
interface CompanyRow {
  company: string;
  applications: number;
  offers: number;
}

/**
 * All-time figures are summed from the aggregates the database keeps exact on every write
 * (tracker_*_stats, migration 0003): a few hundred rows, whatever the number of applications.
 * A date range needs the applications of that range, so it reads the application rows (with the
 * analytics columns the same triggers maintain) — slower at volume, but bounded by the range.
 */
async function computeSummary(ctx: TrackerContext, input: { from?: Date; to?: Date }) {
  const userId = ctx.auth.user.id;
  const ranged = Boolean(input.from ?? input.to);
  const range = rangeOn(sql`coalesce(a.applied_at, a.created_at)`, input);
  const inRange = sql`a.user_id = ${userId} and a.job_live ${range}`;
  const statusRows = ranged
    ? await selectRows<StatusCountRow>(
        ctx.db,
        sql`select a.status, a.reached_rank, a.ever_rejected, count(*)::int as n from applications a where ${inRange} group by 1, 2, 3`,
      )
    : await selectRows<StatusCountRow>(
        ctx.db,
        sql`select status, reached_rank, ever_rejected, applications as n from tracker_status_stats where user_id = ${userId}`,
      );
  const stayRows = ranged
    ? await selectRows<StayRow>(
        ctx.db,
        sql`select h.to_status as stage, h.stay_tenths as tenths, count(*)::int as n
            from application_status_changes h join applications a on a.id = h.application_id
            where h.user_id = ${userId} and h.stay_tenths is not null and ${inRange}
            group by 1, 2 order by 1, 2`,
      )
    : await selectRows<StayRow>(
        ctx.db,
        sql`select stage, tenths, stays as n from tracker_stage_stays where user_id = ${userId} order by stage, tenths`,
      );
  const companyRows = ranged
    ? await selectRows<CompanyRow>(
        ctx.db,
        sql`select a.company, count(*)::int as applications, count(*) filter (where a.status in ('offer', 'accepted'))::int as offers
            from applications a where ${inRange} group by 1`,
      )
    : await selectRows<CompanyRow>(ctx.db, sql`select company, applications, offers from tracker_company_stats where user_id = ${userId}`);
  const skillRows = await topSkills(ctx.db, userId, 10);
  const [jobCount] = await selectRows<{ n: number }>(ctx.db, sql`select live_jobs as n from tracker_user_stats where user_id = ${userId}`);

  const sum = (keep: (row: StatusCountRow) => boolean) => statusRows.reduce((total, row) => total + (keep(row) ? row.n : 0), 0);
  const f = {
    total: sum(() => true),
    submitted: sum((r) => r.reached_rank >= 1),
    responded: sum((r) => r.reached_rank >= 2 || r.ever_rejected),
    screened: sum((r) => r.reached_rank >= 2),
    interviewed: sum((r) => r.reached_rank >= 3),
    offered: sum((r) => r.reached_rank >= 4),
    accepted: sum((r) => r.reached_rank >= 5),
  };
  const byStatus = Object.fromEntries(allStatuses.map((s) => [s, sum((r) => r.status === s)])) as Record<ApplicationStatus, number>;
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
    /**
     * Median days an application stayed in a status before its next change (stays still ongoing
     * are not counted). Each stay is measured in tenths of a day, the precision shown.
     */
    medianDaysInStage: allStatuses
      .map((stage) => {
        const histogram = stayRows.filter((r) => r.stage === stage);
        const median = medianOfHistogram(histogram);
        return { stage, medianDays: median === null ? null : Math.round(median) / 10, samples: histogram.reduce((n, r) => n + r.n, 0) };
      })
      .filter((r) => r.samples > 0),
    topSkills: skillRows,
    topCompanies: topCompanies(companyRows, 10),
    generatedAt: ctx.clock(),
  };
}

/** The median (interpolated between the two middle values, like percentile_cont(0.5)) of values given as sorted (value, count) pairs. */
export function medianOfHistogram(sorted: { tenths: number; n: number }[]): number | null {
  const total = sorted.reduce((n, r) => n + r.n, 0);
  if (!total) return null;
  const valueAt = (position: number) => {
    let seen = 0;
    for (const row of sorted) {
      seen += row.n;
      if (position < seen) return row.tenths;
    }
    return sorted.at(-1)!.tenths;
  };
  const lower = valueAt(Math.floor((total - 1) / 2));
  const upper = valueAt(Math.ceil((total - 1) / 2));
  return (lower + upper) / 2;
}

/** Companies compared case-insensitively; shown with the spelling most applications use (alphabetical on ties). */
export function topCompanies(rows: CompanyRow[], limit: number) {
  const byKey = new Map<string, { spellings: CompanyRow[]; applications: number; offers: number }>();
  for (const row of rows) {
    const key = row.company.toLowerCase();
    const entry = byKey.get(key) ?? { spellings: [], applications: 0, offers: 0 };
    entry.spellings.push(row);
    entry.applications += row.applications;
    entry.offers += row.offers;
    byKey.set(key, entry);
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byKey.values()]
    .map((entry) => ({
      company: entry.spellings.sort((a, b) => b.applications - a.applications || byName(a.company, b.company))[0]!.company,
      applications: entry.applications,
      offers: entry.offers,
    }))
    .sort((a, b) => b.applications - a.applications || byName(a.company, b.company))
    .slice(0, limit);
}

/**
 * Skills demanded across live jobs: how many jobs name each (case-insensitive; a job counts once),
 * shown with the spelling most of those jobs use. Read from the trigger-kept tracker_skill_stats.
 */
async function topSkills(db: Database, userId: string, limit: number) {
  return selectRows<{ skill: string; key: string; jobs: number }>(
    db,
    sql`select (array_agg(spelling order by jobs desc, spelling asc))[1] as skill, key, sum(jobs)::int as jobs
        from tracker_skill_stats
        where user_id = ${userId}
        group by key
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
    const buckets = await selectRows<{ period: string; n: number }>(
      ctx.db,
      sql`select to_char(date_trunc(${unit}, a.applied_at at time zone 'UTC'), 'YYYY-MM-DD') as period, count(*)::int as n
          from applications a join jobs j on j.id = a.job_id
          where ${live} and a.applied_at >= ${input.from.toISOString()}::timestamptz and a.applied_at <= ${input.to.toISOString()}::timestamptz
          group by 1`,
    );
    const [previous] = await selectRows<{ n: number }>(
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
    const mine = await selectRows<{ name: string; level: string }>(ctx.db, sql`select name, level from user_skills where user_id = ${userId}`);
    const myLevels = new Map(mine.map((s) => [s.name.toLowerCase(), s.level]));
    const [{ n: jobCount } = { n: 0 }] = await selectRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from jobs where user_id = ${userId} and deleted_at is null`);
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
