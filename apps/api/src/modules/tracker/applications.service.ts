import { type DbOrTx, schema } from '@tessera/db';
import type { ApplicationInterview } from '@tessera/db/schema';
import type {
  applicationChanges,
  applicationSortFields,
  ApplicationStatus,
  bulkCreateApplicationsInput,
  bulkUpdateApplicationsInput,
  createApplicationInput,
  listApplicationsInput,
  setApplicationStatusInput,
  updateApplicationInput,
} from '@tessera/validation/tracker';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DomainEvent } from '../../platform/events';
import { notFound, ownedBy } from '../../platform/ownership';
import { orderedIds } from './bulkJobs';
import { invalid, requireOwnedIds } from './jobs.service';
import { applicationConditions, keysetAfter, keysetOrder, type SortSpec, sortedPage } from './query';
import { afterWrite, chunksOf, type TrackerContext } from './shared';
import { applicationsTotal } from './totals';

const { jobs, applications, applicationStatusChanges } = schema;

export const applicationColumns = {
  id: applications.id,
  jobId: applications.jobId,
  status: applications.status,
  appliedAt: applications.appliedAt,
  notes: applications.notes,
  nextInterviewAt: applications.nextInterviewAt,
  interviews: applications.interviews,
  statusChangedAt: applications.statusChangedAt,
  createdAt: applications.createdAt,
  updatedAt: applications.updatedAt,
  title: jobs.title,
  company: jobs.company,
  location: jobs.location,
  remote: jobs.remote,
  jobUrl: jobs.url,
};

type ApplicationSort = (typeof applicationSortFields)[number];
const applicationSorts: Record<ApplicationSort, SortSpec> = {
  createdAt: { column: applications.createdAt, kind: 'timestamp', nullable: false },
  updatedAt: { column: applications.updatedAt, kind: 'timestamp', nullable: false },
  appliedAt: { column: applications.appliedAt, kind: 'timestamp', nullable: true },
  nextInterviewAt: { column: applications.nextInterviewAt, kind: 'timestamp', nullable: true },
  status: { column: applications.status, kind: 'text', nullable: false },
  company: { column: jobs.company, kind: 'text', nullable: false },
  title: { column: jobs.title, kind: 'text', nullable: false },
};

/** Statuses that mean the application was sent (everything but saved; a withdrawn one may never have been). */
const submittedStatuses = new Set<ApplicationStatus>(['applied', 'screening', 'interviewing', 'offer', 'accepted', 'rejected', 'ghosted']);

type CreateValues = z.output<typeof createApplicationInput>;
type Changes = z.output<typeof applicationChanges>;
type Interview = NonNullable<CreateValues['interviews']>[number];

const interviewsOf = (list: Interview[] | undefined): ApplicationInterview[] =>
  (list ?? []).map((i) => ({ at: i.at.toISOString(), kind: i.kind, feedback: i.feedback ?? null })).sort((a, b) => a.at.localeCompare(b.at));

/**
 * "Next interview" follows the interviews recorded on the application: adding one ahead fills it
 * (card badge, reminders), moving or removing the one it came from moves or clears it. A date set
 * by hand that is not one of the interviews stays, unless a recorded interview comes sooner.
 */
function nextInterviewAfter(current: Date | null, before: { at: string | Date }[], after: { at: string | Date }[], now: Date): Date | null {
  const time = (at: string | Date) => new Date(at).getTime();
  const ahead = after.map((i) => time(i.at)).filter((t) => t > now.getTime()).sort((a, b) => a - b)[0];
  const soonest = ahead === undefined ? null : new Date(ahead);
  const fromList = current !== null && before.some((i) => time(i.at) === current.getTime());
  if (current === null || fromList) return soonest;
  if (current.getTime() <= now.getTime()) return soonest ?? current;
  return soonest && soonest < current ? soonest : current;
}

export async function listApplications(ctx: TrackerContext, input: z.output<typeof listApplicationsInput>) {
  const where = applicationConditions(ctx.auth.user.id, input);
  const spec = applicationSorts[input.sort];
  const [rows, total] = await Promise.all([
    ctx.db
      .select(applicationColumns)
      .from(applications)
      .innerJoin(jobs, eq(jobs.id, applications.jobId))
      .where(and(where, keysetAfter(spec, applications.id, input.sort, input.direction, input.cursor)))
      .orderBy(...keysetOrder(spec, applications.id, input.direction))
      .limit(input.limit + 1),
    applicationsTotal(ctx, input),
  ]);
  return { ...sortedPage(rows, input.limit, input.sort, input.direction, (row) => row[input.sort]), total };
}

async function requireApplication(db: DbOrTx, ctx: TrackerContext, id: string) {
  const [row] = await db
    .select(applicationColumns)
    .from(applications)
    .innerJoin(jobs, eq(jobs.id, applications.jobId))
    .where(and(eq(applications.id, id), ownedBy(applications.userId, ctx.auth)));
  if (!row) throw notFound('Application');
  return row;
}

/** The person's interviews still ahead on live jobs, soonest first (the board's calendar file of all of them). */
export async function upcomingInterviews(ctx: TrackerContext, input: { limit: number }) {
  const rows = await ctx.db
    .select({ id: applications.id, status: applications.status, nextInterviewAt: applications.nextInterviewAt, title: jobs.title, company: jobs.company, location: jobs.location, jobUrl: jobs.url })
    .from(applications)
    .innerJoin(jobs, eq(jobs.id, applications.jobId))
    .where(and(ownedBy(applications.userId, ctx.auth), eq(applications.jobLive, true), gt(applications.nextInterviewAt, ctx.clock())))
    .orderBy(asc(applications.nextInterviewAt), asc(applications.id))
    .limit(input.limit);
  // The WHERE keeps only rows with a date: say so in the type.
  return rows.map((row) => ({ ...row, nextInterviewAt: row.nextInterviewAt! }));
}

export async function getApplication(ctx: TrackerContext, input: { id: string }) {
  const application = await requireApplication(ctx.db, ctx, input.id);
  const history = await ctx.db
    .select({ id: applicationStatusChanges.id, from: applicationStatusChanges.fromStatus, to: applicationStatusChanges.toStatus, at: applicationStatusChanges.changedAt })
    .from(applicationStatusChanges)
    .where(and(eq(applicationStatusChanges.applicationId, application.id), ownedBy(applicationStatusChanges.userId, ctx.auth)))
    .orderBy(asc(applicationStatusChanges.changedAt), asc(applicationStatusChanges.id));
  return { ...application, history };
}

/** Jobs the applications point at must be the caller's live jobs: NOT_FOUND names each bad item. */
async function requireLiveJobs(db: DbOrTx, ctx: TrackerContext, jobIds: string[], fieldOf: (i: number) => string) {
  const wanted = [...new Set(jobIds)];
  const found = new Map<string, { id: string; title: string; company: string }>();
  for (const chunk of chunksOf(wanted, 1000)) {
    const rows = await db
      .select({ id: jobs.id, title: jobs.title, company: jobs.company })
      .from(jobs)
      .where(and(inArray(jobs.id, chunk), ownedBy(jobs.userId, ctx.auth), isNull(jobs.deletedAt)));
    for (const row of rows) found.set(row.id, row);
  }
  const missing: Record<string, string[]> = {};
  jobIds.forEach((id, i) => {
    if (!found.has(id)) missing[fieldOf(i)] = ['Job not found.'];
  });
  if (Object.keys(missing).length) throw invalid(missing, 'NOT_FOUND');
  return found;
}

/**
 * Insert rows for new applications and their first history rows; returns ids in input order. The
 * rows travel as one JSON parameter per 5,000 (`jsonb_to_recordset`) with ids made here (ascending,
 * see `orderedIds`), so neither statement needs RETURNING or thousands of bind parameters: a CSV
 * import of tens of thousands of applications is a few statements.
 */
export async function insertApplications(tx: DbOrTx, userId: string, items: CreateValues[], now: Date): Promise<string[]> {
  const nextId = orderedIds(now);
  const stamp = now.toISOString();
  const ids: string[] = [];
  for (const chunk of chunksOf(items, 5000)) {
    const rows = chunk.map((item) => {
      const firstAt = item.statusChangedAt ?? (submittedStatuses.has(item.status) ? (item.appliedAt ?? now) : now);
      const id = nextId();
      ids.push(id);
      return {
        id,
        job_id: item.jobId,
        status: item.status,
        // A sent application without an applied date was applied when its status began.
        applied_at: (item.appliedAt ?? (submittedStatuses.has(item.status) ? firstAt : null))?.toISOString() ?? null,
        notes: item.notes ?? null,
        next_interview_at: item.nextInterviewAt?.toISOString() ?? null,
        interviews: interviewsOf(item.interviews),
        status_changed_at: firstAt.toISOString(),
      };
    });
    const payload = JSON.stringify(rows);
    await tx.execute(sql`
      insert into applications (id, user_id, job_id, status, applied_at, notes, next_interview_at, interviews, status_changed_at, created_at, updated_at)
      select r.id, ${userId}::uuid, r.job_id, r.status, r.applied_at, r.notes, r.next_interview_at, r.interviews, r.status_changed_at,
             ${stamp}::timestamptz, ${stamp}::timestamptz
      from jsonb_to_recordset(${payload}::jsonb) as r(id uuid, job_id uuid, status application_status, applied_at timestamptz, notes text,
           next_interview_at timestamptz, interviews jsonb, status_changed_at timestamptz)`);
    await tx.execute(sql`
      insert into application_status_changes (user_id, application_id, from_status, to_status, changed_at)
      select ${userId}::uuid, r.id, null, r.status, r.status_changed_at
      from jsonb_to_recordset(${payload}::jsonb) as r(id uuid, status application_status, status_changed_at timestamptz)`);
  }
  return ids;
}

function creationEvents(userId: string, id: string, item: CreateValues, job: { id: string; title: string; company: string }, now: Date): DomainEvent[] {
  const events: DomainEvent[] = [
    { type: 'tracker.application.status_changed', userId, applicationId: id, jobId: job.id, jobTitle: job.title, company: job.company, from: null, to: item.status, at: now },
  ];
  if (item.nextInterviewAt) {
    events.push({ type: 'tracker.application.interview_changed', userId, applicationId: id, jobTitle: job.title, company: job.company, nextInterviewAt: item.nextInterviewAt, at: now });
  }
  return events;
}

/** A new application with interviews ahead and no next interview given takes the soonest one. */
const withNextInterview = (item: CreateValues, now: Date): CreateValues =>
  item.nextInterviewAt || !item.interviews?.length ? item : { ...item, nextInterviewAt: nextInterviewAfter(null, [], item.interviews, now) };

export async function createApplication(ctx: TrackerContext, values: CreateValues) {
  const now = ctx.clock();
  const input = withNextInterview(values, now);
  const { id, job } = await ctx.db.transaction(async (tx) => {
    const found = await requireLiveJobs(tx, ctx, [input.jobId], () => 'jobId');
    const [created] = await insertApplications(tx, ctx.auth.user.id, [input], now);
    return { id: created!, job: found.get(input.jobId)! };
  });
  await afterWrite(ctx, ['applications'], creationEvents(ctx.auth.user.id, id, input, job, now));
  return requireApplication(ctx.db, ctx, id);
}

type Current = Awaited<ReturnType<typeof requireApplication>>;

/**
 * Apply changes to one application inside the caller's transaction: a status change writes a
 * history row; the events to publish after commit are returned.
 */
async function applyChanges(tx: DbOrTx, ctx: TrackerContext, current: Current, changes: Changes, now: Date, field: string): Promise<DomainEvent[]> {
  const userId = ctx.auth.user.id;
  const events: DomainEvent[] = [];
  const set: Partial<typeof applications.$inferInsert> = { updatedAt: now };
  if (changes.appliedAt !== undefined) set.appliedAt = changes.appliedAt;
  if (changes.notes !== undefined) set.notes = changes.notes;
  if (changes.interviews !== undefined) {
    set.interviews = interviewsOf(changes.interviews);
    if (changes.nextInterviewAt === undefined) {
      changes = { ...changes, nextInterviewAt: nextInterviewAfter(current.nextInterviewAt, current.interviews, changes.interviews, now) };
    }
  }
  if (changes.nextInterviewAt !== undefined) {
    set.nextInterviewAt = changes.nextInterviewAt;
    if ((changes.nextInterviewAt?.getTime() ?? null) !== (current.nextInterviewAt?.getTime() ?? null)) {
      events.push({ type: 'tracker.application.interview_changed', userId, applicationId: current.id, jobTitle: current.title, company: current.company, nextInterviewAt: changes.nextInterviewAt, at: now });
    }
  }
  if (changes.status !== undefined && changes.status !== current.status) {
    const at = changes.statusChangedAt ?? now;
    if (at < current.statusChangedAt) {
      throw invalid({ [`${field}statusChangedAt`]: [`The change cannot be earlier than when the current status began (${current.statusChangedAt.toISOString()})`] });
    }
    set.status = changes.status;
    set.statusChangedAt = at;
    if (!current.appliedAt && changes.appliedAt === undefined && submittedStatuses.has(changes.status)) set.appliedAt = at;
    await tx.insert(applicationStatusChanges).values({ userId, applicationId: current.id, fromStatus: current.status, toStatus: changes.status, changedAt: at });
    events.push({ type: 'tracker.application.status_changed', userId, applicationId: current.id, jobId: current.jobId, jobTitle: current.title, company: current.company, from: current.status, to: changes.status, at });
  }
  await tx.update(applications).set(set).where(and(eq(applications.id, current.id), ownedBy(applications.userId, ctx.auth)));
  return events;
}

export async function updateApplication(ctx: TrackerContext, input: z.output<typeof updateApplicationInput>) {
  const now = ctx.clock();
  const events = await ctx.db.transaction(async (tx) => {
    const current = await requireApplication(tx, ctx, input.id);
    return applyChanges(tx, ctx, current, input.changes, now, 'changes.');
  });
  await afterWrite(ctx, ['applications'], events);
  return requireApplication(ctx.db, ctx, input.id);
}

/** The board's drag and drop: move to a status (optionally at a past date). Same status: no-op. */
export async function setApplicationStatus(ctx: TrackerContext, input: z.output<typeof setApplicationStatusInput>) {
  const now = ctx.clock();
  const events = await ctx.db.transaction(async (tx) => {
    const current = await requireApplication(tx, ctx, input.id);
    if (input.at && input.at < current.statusChangedAt) {
      throw invalid({ at: [`The change cannot be earlier than when the current status began (${current.statusChangedAt.toISOString()})`] });
    }
    return applyChanges(tx, ctx, current, { status: input.status, statusChangedAt: input.at }, now, '');
  });
  await afterWrite(ctx, ['applications'], events);
  return { ...(await requireApplication(ctx.db, ctx, input.id)), changed: events.length > 0 };
}

export async function deleteApplication(ctx: TrackerContext, input: { id: string }) {
  await requireApplication(ctx.db, ctx, input.id);
  await ctx.db.delete(applications).where(and(eq(applications.id, input.id), ownedBy(applications.userId, ctx.auth)));
  await afterWrite(ctx, ['applications']);
  return { id: input.id, deleted: true as const };
}

export async function bulkCreateApplications(ctx: TrackerContext, values: z.output<typeof bulkCreateApplicationsInput>) {
  const now = ctx.clock();
  const input = { items: values.items.map((item) => withNextInterview(item, now)) };
  const { ids, found } = await ctx.db.transaction(async (tx) => {
    const liveJobs = await requireLiveJobs(tx, ctx, input.items.map((i) => i.jobId), (i) => `items.${i}.jobId`);
    return { ids: await insertApplications(tx, ctx.auth.user.id, input.items, now), found: liveJobs };
  });
  const events = input.items.flatMap((item, i) => creationEvents(ctx.auth.user.id, ids[i]!, item, found.get(item.jobId)!, now));
  await afterWrite(ctx, ['applications'], events);
  return { created: ids.length, results: ids.map((id, index) => ({ index, id, ok: true as const })) };
}

export async function bulkUpdateApplications(ctx: TrackerContext, input: z.output<typeof bulkUpdateApplicationsInput>) {
  const now = ctx.clock();
  const ids = input.items.map((i) => i.id);
  const events = await ctx.db.transaction(async (tx) => {
    await requireOwnedIds(tx, ctx, applications, ids, (i) => `items.${i}.id`, 'Application');
    const currents = new Map<string, Current>();
    for (const chunk of chunksOf(ids, 1000)) {
      const rows = await tx.select(applicationColumns).from(applications).innerJoin(jobs, eq(jobs.id, applications.jobId)).where(inArray(applications.id, chunk));
      for (const row of rows) currents.set(row.id, row);
    }
    // Every item is checked before anything is written.
    const problems: Record<string, string[]> = {};
    input.items.forEach((item, i) => {
      const current = currents.get(item.id)!;
      const at = item.changes.statusChangedAt;
      if (item.changes.status && item.changes.status !== current.status && at && at < current.statusChangedAt) {
        problems[`items.${i}.changes.statusChangedAt`] = [`The change cannot be earlier than when the current status began (${current.statusChangedAt.toISOString()})`];
      }
    });
    if (Object.keys(problems).length) throw invalid(problems);
    const all: DomainEvent[] = [];
    for (const [i, item] of input.items.entries()) {
      all.push(...(await applyChanges(tx, ctx, currents.get(item.id)!, item.changes, now, `items.${i}.changes.`)));
    }
    return all;
  });
  await afterWrite(ctx, ['applications'], events);
  return { updated: ids.length, results: ids.map((id, index) => ({ index, id, ok: true as const })) };
}

export async function bulkDeleteApplications(ctx: TrackerContext, input: { ids: string[] }) {
  await ctx.db.transaction(async (tx) => {
    await requireOwnedIds(tx, ctx, applications, input.ids, (i) => `ids.${i}`, 'Application');
    for (const chunk of chunksOf(input.ids, 1000)) {
      await tx.delete(applications).where(and(inArray(applications.id, chunk), ownedBy(applications.userId, ctx.auth)));
    }
  });
  await afterWrite(ctx, ['applications']);
  return { deleted: input.ids.length, results: input.ids.map((id, index) => ({ index, id, ok: true as const })) };
}
