import { type DbOrTx, schema } from '@tessera/db';
import type {
  ApplicationStatus,
  bulkCreateJobsInput,
  bulkDeleteJobsInput,
  bulkUpdateJobsInput,
  createJobInput,
  deleteJobInput,
  findJobsByUrlInput,
  jobChanges,
  jobSortFields,
  listJobsInput,
  updateJobInput,
} from '@tessera/validation/tracker';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DomainEvent } from '../../platform/events';
import { notFound, ownedBy } from '../../platform/ownership';
import { InvalidFieldsError } from '../../trpc';
import { urlKey, urlPrefixes } from './jobUrls';
import { escapeLike, jobConditions, keysetAfter, keysetOrder, type SortSpec, skillKey, sortedPage, textArray } from './query';
import { afterWrite, chunksOf, type TrackerContext } from './shared';
import { jobsTotal } from './totals';

const { jobs, applications } = schema;

/** What a job looks like to clients (every column but the owner and the search vector). */
export const jobColumns = {
  id: jobs.id,
  title: jobs.title,
  company: jobs.company,
  description: jobs.description,
  location: jobs.location,
  remote: jobs.remote,
  jobType: jobs.jobType,
  salaryMin: jobs.salaryMin,
  salaryMax: jobs.salaryMax,
  salaryCurrency: jobs.salaryCurrency,
  techStack: jobs.techStack,
  url: jobs.url,
  source: jobs.source,
  postedAt: jobs.postedAt,
  createdAt: jobs.createdAt,
  updatedAt: jobs.updatedAt,
  deletedAt: jobs.deletedAt,
};
/** Table rows leave the description out: it can be long and the table never shows it. */
const { description: _description, ...jobListColumns } = jobColumns;

export type JobInputValues = Pick<z.output<typeof createJobInput>, 'title' | 'company'> & Partial<z.output<typeof createJobInput>>;
type JobChanges = z.output<typeof jobChanges>;
type JobSort = (typeof jobSortFields)[number];

const jobSorts: Record<JobSort, SortSpec> = {
  createdAt: { column: jobs.createdAt, kind: 'timestamp', nullable: false },
  updatedAt: { column: jobs.updatedAt, kind: 'timestamp', nullable: false },
  postedAt: { column: jobs.postedAt, kind: 'day', nullable: true },
  title: { column: jobs.title, kind: 'text', nullable: false },
  company: { column: jobs.company, kind: 'text', nullable: false },
  salaryMax: { column: jobs.salaryMax, kind: 'number', nullable: true },
};

/** Insert values for one job: the one place that keeps `techStackKeys` in step with `techStack`. */
export function jobRow(userId: string, input: JobInputValues, now: Date) {
  const techStack = input.techStack ?? [];
  return {
    userId,
    title: input.title,
    company: input.company,
    description: input.description ?? null,
    location: input.location ?? null,
    remote: input.remote ?? null,
    jobType: input.jobType ?? null,
    salaryMin: input.salaryMin ?? null,
    salaryMax: input.salaryMax ?? null,
    salaryCurrency: input.salaryCurrency ?? null,
    techStack,
    techStackKeys: techStack.map(skillKey),
    url: input.url ?? null,
    source: input.source ?? null,
    postedAt: input.postedAt ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Many jobs in one statement with one parameter: the rows travel as JSON and Postgres expands them
 * (`jsonb_to_recordset`, arrays and enums typed in the column list). Thousands of bind parameters
 * per statement are far slower, most of all on PGlite. Used by imports (through `withJobRowSink`,
 * which streams COPY on Postgres instead); rows may bring their own ids (ascending ids load faster).
 */
export async function insertJobRows(db: DbOrTx, rows: (ReturnType<typeof jobRow> & { id?: string })[]): Promise<void> {
  for (const chunk of chunksOf(rows, 5000)) {
    const payload = JSON.stringify(
      chunk.map((r) => ({
        id: r.id ?? null,
        user_id: r.userId,
        title: r.title,
        company: r.company,
        description: r.description,
        location: r.location,
        remote: r.remote,
        job_type: r.jobType,
        salary_min: r.salaryMin,
        salary_max: r.salaryMax,
        salary_currency: r.salaryCurrency,
        tech_stack: r.techStack,
        tech_stack_keys: r.techStackKeys,
        url: r.url,
        source: r.source,
        posted_at: r.postedAt,
        created_at: r.createdAt.toISOString(),
        updated_at: r.updatedAt.toISOString(),
      })),
    );
    await db.execute(sql`
      insert into jobs (id, user_id, title, company, description, location, remote, job_type, salary_min, salary_max,
                        salary_currency, tech_stack, tech_stack_keys, url, source, posted_at, created_at, updated_at)
      select coalesce(r.id, gen_random_uuid()), r.user_id, r.title, r.company, r.description, r.location, r.remote, r.job_type,
             r.salary_min, r.salary_max, r.salary_currency, r.tech_stack, r.tech_stack_keys, r.url, r.source, r.posted_at,
             r.created_at, r.updated_at
      from jsonb_to_recordset(${payload}::jsonb) as r(id uuid, user_id uuid, title text, company text, description text,
           location text, remote job_remote, job_type job_type, salary_min int, salary_max int, salary_currency text,
           tech_stack text[], tech_stack_keys text[], url text, source text, posted_at date, created_at timestamptz,
           updated_at timestamptz)`);
  }
}

function changeSet(changes: JobChanges, now: Date) {
  const set: Partial<ReturnType<typeof jobRow>> = { updatedAt: now };
  for (const [key, value] of Object.entries(changes) as [keyof JobChanges, unknown][]) {
    if (value === undefined) continue;
    (set as Record<string, unknown>)[key] = value;
  }
  if (changes.techStack) set.techStackKeys = changes.techStack.map(skillKey);
  return set;
}

function jobCreatedEvent(userId: string, job: { id: string; title: string; company: string; location: string | null; techStack: string[] }, at: Date): DomainEvent {
  return { type: 'tracker.job.created', userId, jobId: job.id, title: job.title, company: job.company, location: job.location, techStack: job.techStack, at };
}

export async function listJobs(ctx: TrackerContext, input: z.output<typeof listJobsInput>) {
  const where = jobConditions(ctx.auth.user.id, input);
  const spec = jobSorts[input.sort];
  const order = keysetOrder(spec, jobs.id, input.direction);
  // The page's ids first, then their rows ("deferred join"): the id query needs only indexed columns,
  // so a sort index that carries the filter columns (salary, migration 0007) is walked without
  // visiting the heap for the rows the filters reject — "80–120k, best paid first" skips the
  // quarter of the jobs paid above the range in the index alone.
  const pageIds = ctx.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(where, keysetAfter(spec, jobs.id, input.sort, input.direction, input.cursor)))
    .orderBy(...order)
    .limit(input.limit + 1);
  const [rows, total] = await Promise.all([
    ctx.db
      .select(jobListColumns)
      .from(jobs)
      .where(inArray(jobs.id, pageIds))
      .orderBy(...order),
    jobsTotal(ctx, input),
  ]);
  return { ...sortedPage(rows, input.limit, input.sort, input.direction, (row) => row[input.sort]), total };
}

/** A job of the caller's, or NOT_FOUND (also for someone else's id). */
export async function requireJob(db: DbOrTx, ctx: TrackerContext, id: string) {
  const [job] = await db.select(jobColumns).from(jobs).where(and(eq(jobs.id, id), ownedBy(jobs.userId, ctx.auth)));
  if (!job) throw notFound('Job');
  return job;
}

export async function getJob(ctx: TrackerContext, input: { id: string }) {
  const job = await requireJob(ctx.db, ctx, input.id);
  const jobApplications = await ctx.db
    .select({ id: applications.id, status: applications.status, appliedAt: applications.appliedAt, nextInterviewAt: applications.nextInterviewAt, updatedAt: applications.updatedAt })
    .from(applications)
    .where(and(eq(applications.jobId, job.id), ownedBy(applications.userId, ctx.auth)))
    .orderBy(desc(applications.createdAt));
  return { ...job, applications: jobApplications };
}

/**
 * The person's live jobs at the same posting as `url` (compared by `urlKey`), newest first, each
 * with the status of its latest application (null: saved, never applied).
 */
export async function findJobsByUrl(ctx: TrackerContext, input: z.output<typeof findJobsByUrlInput>) {
  const latestStatus = ctx.db
    .select({ status: applications.status })
    .from(applications)
    .where(eq(applications.jobId, jobs.id))
    .orderBy(desc(applications.createdAt))
    .limit(1);
  const rows = await ctx.db
    .select({ id: jobs.id, title: jobs.title, company: jobs.company, url: jobs.url, createdAt: jobs.createdAt, latestStatus: sql<ApplicationStatus | null>`(${latestStatus})` })
    .from(jobs)
    .where(
      and(
        ownedBy(jobs.userId, ctx.auth),
        isNull(jobs.deletedAt),
        // Every stored link that starts like this posting's (any parameters, any fragment); urlKey decides.
        sql`${jobs.url} like any(${textArray((urlPrefixes(input.url) ?? [input.url]).map((prefix) => `${escapeLike(prefix)}%`))})`,
        input.excludeId ? ne(jobs.id, input.excludeId) : undefined,
      ),
    )
    .orderBy(desc(jobs.createdAt))
    .limit(200);
  const key = urlKey(input.url);
  return { jobs: rows.filter((row) => row.url !== null && urlKey(row.url) === key).slice(0, 5) };
}

export async function createJob(ctx: TrackerContext, input: JobInputValues) {
  const now = ctx.clock();
  const [job] = await ctx.db.insert(jobs).values(jobRow(ctx.auth.user.id, input, now)).returning(jobColumns);
  await afterWrite(ctx, ['jobs'], [
    jobCreatedEvent(ctx.auth.user.id, job!, now),
    { type: 'tracker.jobs.added', userId: ctx.auth.user.id, jobIds: [job!.id], source: 'create', at: now },
  ]);
  return job!;
}

/** Checks a salary change against the values it does not change. */
function checkSalary(field: string, changes: JobChanges, current: { salaryMin: number | null; salaryMax: number | null }): Record<string, string[]> {
  const min = changes.salaryMin === undefined ? current.salaryMin : changes.salaryMin;
  const max = changes.salaryMax === undefined ? current.salaryMax : changes.salaryMax;
  return min != null && max != null && min > max ? { [field]: ['Maximum salary must be at least the minimum'] } : {};
}

export async function updateJob(ctx: TrackerContext, input: z.output<typeof updateJobInput>) {
  const job = await ctx.db.transaction(async (tx) => {
    const current = await requireJob(tx, ctx, input.id);
    const problems = checkSalary('changes.salaryMax', input.changes, current);
    if (Object.keys(problems).length) throw invalid(problems);
    const [updated] = await tx
      .update(jobs)
      .set(changeSet(input.changes, ctx.clock()))
      .where(and(eq(jobs.id, input.id), ownedBy(jobs.userId, ctx.auth)))
      .returning(jobColumns);
    return updated!;
  });
  await afterWrite(ctx, ['jobs', 'applications']);
  return job;
}

/** Soft delete (or, with `restore`, bring back from the bin). Applications stay with the job. */
export async function deleteJob(ctx: TrackerContext, input: z.output<typeof deleteJobInput>) {
  await requireJob(ctx.db, ctx, input.id);
  const [job] = await ctx.db
    .update(jobs)
    .set({ deletedAt: input.restore ? null : ctx.clock(), updatedAt: ctx.clock() })
    .where(and(eq(jobs.id, input.id), ownedBy(jobs.userId, ctx.auth)))
    .returning({ id: jobs.id, deletedAt: jobs.deletedAt });
  await afterWrite(ctx, ['jobs', 'applications']);
  return { ...job!, restored: input.restore };
}

export function invalid(fieldErrors: Record<string, string[]>, code: TRPCError['code'] = 'BAD_REQUEST'): TRPCError {
  const count = new Set(Object.keys(fieldErrors).map((k) => k.split('.').slice(0, 2).join('.'))).size;
  const first = Object.entries(fieldErrors)[0];
  const message = first && first[0].startsWith('items.')
    ? `${count} item${count === 1 ? ' has' : 's have'} problems (first: ${first[0]}: ${first[1][0] ?? ''}); nothing was saved.`
    : (first?.[1][0] ?? 'Invalid input');
  return new TRPCError({ code, message, cause: new InvalidFieldsError(fieldErrors) });
}

/** The ids among `ids` the caller owns; NOT_FOUND naming each missing item otherwise. */
export async function requireOwnedIds(
  db: DbOrTx,
  ctx: TrackerContext,
  table: typeof jobs | typeof applications,
  ids: string[],
  fieldOf: (index: number) => string,
  what: string,
  extra?: SQL,
) {
  const duplicates: Record<string, string[]> = {};
  const seen = new Map<string, number>();
  ids.forEach((id, index) => {
    if (seen.has(id)) duplicates[fieldOf(index)] = [`Same ${what.toLowerCase()} as item ${seen.get(id)}`];
    else seen.set(id, index);
  });
  if (Object.keys(duplicates).length) throw invalid(duplicates);
  const found = new Set<string>();
  for (const chunk of chunksOf(ids, 1000)) {
    const rows = await db.select({ id: table.id }).from(table).where(and(inArray(table.id, chunk), eq(table.userId, ctx.auth.user.id), extra));
    for (const row of rows) found.add(row.id);
  }
  const missing: Record<string, string[]> = {};
  ids.forEach((id, index) => {
    if (!found.has(id)) missing[fieldOf(index)] = [`${what} not found.`];
  });
  if (Object.keys(missing).length) throw invalid(missing, 'NOT_FOUND');
}

export async function bulkCreateJobs(ctx: TrackerContext, input: z.output<typeof bulkCreateJobsInput>) {
  const now = ctx.clock();
  const created = await ctx.db.transaction(async (tx) => {
    const rows: { id: string; title: string; company: string; location: string | null; techStack: string[] }[] = [];
    for (const chunk of chunksOf(input.items, 250)) {
      rows.push(
        ...(await tx
          .insert(jobs)
          .values(chunk.map((item) => jobRow(ctx.auth.user.id, item, now)))
          .returning({ id: jobs.id, title: jobs.title, company: jobs.company, location: jobs.location, techStack: jobs.techStack })),
      );
    }
    return rows;
  });
  await afterWrite(ctx, ['jobs'], [
    ...created.map((job) => jobCreatedEvent(ctx.auth.user.id, job, now)),
    // One batch event: saved searches are matched once per write, not once per job.
    { type: 'tracker.jobs.added', userId: ctx.auth.user.id, jobIds: created.map((job) => job.id), source: 'bulk', at: now },
  ]);
  return { created: created.length, results: created.map((job, index) => ({ index, id: job.id, ok: true as const })) };
}

export async function bulkUpdateJobs(ctx: TrackerContext, input: z.output<typeof bulkUpdateJobsInput>) {
  const now = ctx.clock();
  const ids = input.items.map((item) => item.id);
  await ctx.db.transaction(async (tx) => {
    await requireOwnedIds(tx, ctx, jobs, ids, (i) => `items.${i}.id`, 'Job');
    const current = new Map<string, { salaryMin: number | null; salaryMax: number | null }>();
    for (const chunk of chunksOf(ids, 1000)) {
      for (const row of await tx.select({ id: jobs.id, salaryMin: jobs.salaryMin, salaryMax: jobs.salaryMax }).from(jobs).where(inArray(jobs.id, chunk))) {
        current.set(row.id, row);
      }
    }
    const problems = Object.assign({}, ...input.items.map((item, i) => checkSalary(`items.${i}.changes.salaryMax`, item.changes, current.get(item.id)!))) as Record<string, string[]>;
    if (Object.keys(problems).length) throw invalid(problems);
    for (const item of input.items) {
      await tx.update(jobs).set(changeSet(item.changes, now)).where(and(eq(jobs.id, item.id), ownedBy(jobs.userId, ctx.auth)));
    }
  });
  await afterWrite(ctx, ['jobs', 'applications']);
  return { updated: ids.length, results: ids.map((id, index) => ({ index, id, ok: true as const })) };
}

export async function bulkDeleteJobs(ctx: TrackerContext, input: z.output<typeof bulkDeleteJobsInput>) {
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    await requireOwnedIds(tx, ctx, jobs, input.ids, (i) => `ids.${i}`, 'Job');
    for (const chunk of chunksOf(input.ids, 1000)) {
      await tx
        .update(jobs)
        .set({ deletedAt: input.restore ? null : now, updatedAt: now })
        .where(and(inArray(jobs.id, chunk), ownedBy(jobs.userId, ctx.auth)));
    }
  });
  await afterWrite(ctx, ['jobs', 'applications']);
  return {
    action: input.restore ? ('restored' as const) : ('deleted' as const),
    count: input.ids.length,
    results: input.ids.map((id, index) => ({ index, id, ok: true as const })),
  };
}
