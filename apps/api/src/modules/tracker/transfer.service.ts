import { randomUUID } from 'node:crypto';
import { type Database, type DbOrTx, schema } from '@tessera/db';
import {
  applicationExportFields,
  type ApplicationStatus,
  applicationStatusLabels,
  applicationStatusSchema,
  type exportFileInput,
  jobExportFields,
  jobInput,
  jobRemoteSchema,
  jobTypeSchema,
  type restoreInput,
  skillLevelSchema,
} from '@tessera/validation/tracker';
import { and, asc, eq } from 'drizzle-orm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import type { DomainEvent } from '../../platform/events';
import { ownedBy } from '../../platform/ownership';
import { fieldError } from '../../trpc';
import * as analytics from './analytics.service';
import { applicationColumns } from './applications.service';
import { csvCell, csvText } from './csv';
import { advisoryLock } from './bulkJobs';
import { ExcelTooLargeError, excelWorkbook } from './excel';
import { applicationKey, importLock, jobIdentity, trackedJobKeys } from './import.service';
import { jobColumns } from './jobs.service';
import { renderReport } from './pdf';
import { applicationConditions, jobConditions, keysetAfter, keysetOrder, type SortSpec, skillKey } from './query';
import { afterWrite, chunksOf, type TrackerContext } from './shared';

const { jobs, applications, applicationStatusChanges, userSkills } = schema;

type ExportInput = z.output<typeof exportFileInput>;
type ExportRow = Record<string, unknown>;

/** Rows read per query while exporting: memory holds one page, never the whole export. */
export const exportPageSize = 1000;

/**
 * The rows of an export, one page at a time in (createdAt desc, id desc) order, using the same
 * filters as the lists. The CSV/JSON writers and the streaming download route consume it.
 */
export async function* exportPages(db: Database, userId: string, input: Pick<ExportInput, 'kind' | 'filters'>): AsyncGenerator<ExportRow[]> {
  const table = input.kind === 'jobs' ? jobs : applications;
  const spec: SortSpec = { column: table.createdAt, kind: 'timestamp', nullable: false };
  let cursor: string | undefined;
  for (;;) {
    const after = keysetAfter(spec, table.id, 'createdAt', 'desc', cursor);
    const rows: (ExportRow & { id: string; createdAt: Date })[] =
      input.kind === 'jobs'
        ? await db
            .select(jobColumns)
            .from(jobs)
            .where(and(jobConditions(userId, (input.filters ?? {})), after))
            .orderBy(...keysetOrder(spec, jobs.id, 'desc'))
            .limit(exportPageSize)
        : await db
            .select(applicationColumns)
            .from(applications)
            .innerJoin(jobs, eq(jobs.id, applications.jobId))
            .where(and(applicationConditions(userId, (input.filters ?? {})), after))
            .orderBy(...keysetOrder(spec, applications.id, 'desc'))
            .limit(exportPageSize);
    if (rows.length) yield rows;
    if (rows.length < exportPageSize) return;
    const last = rows.at(-1)!;
    cursor = Buffer.from(JSON.stringify(['createdAt', 'desc', last.createdAt.toISOString(), last.id])).toString('base64url');
  }
}

export function exportFieldsOf(input: Pick<ExportInput, 'kind' | 'fields'>): string[] {
  return input.fields ?? [...(input.kind === 'jobs' ? jobExportFields : applicationExportFields)];
}

/** CSV or JSON text, piece by piece: what the streaming route writes to the socket. */
export async function* exportChunks(db: Database, userId: string, input: ExportInput): AsyncGenerator<string> {
  const fields = exportFieldsOf(input);
  if (input.format === 'csv') {
    // Exports are opened in spreadsheets: the BOM keeps Excel from misreading accents.
    yield csvText(fields, [], { bom: true });
    for await (const page of exportPages(db, userId, input)) {
      yield csvText(fields, page.map((row) => fields.map((f) => row[f]))).split('\n').slice(1).join('\n');
    }
    return;
  }
  yield '[';
  let first = true;
  for await (const page of exportPages(db, userId, input)) {
    const body = page.map((row) => JSON.stringify(Object.fromEntries(fields.map((f) => [f, row[f] ?? null])))).join(',\n');
    yield (first ? '\n' : ',\n') + body;
    first = false;
  }
  yield '\n]\n';
}

export function exportFilename(kind: string, format: string, now: Date): string {
  return `tessera-${kind}-${now.toISOString().slice(0, 10)}.${format}`;
}

export const exportContentTypes = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
} as const;

/** The export as an Excel workbook (held in memory: the format is a zip of the whole sheet). */
export function exportWorkbook(db: Database, userId: string, input: ExportInput, signal?: AbortSignal): Promise<Buffer> {
  return excelWorkbook(input.kind === 'jobs' ? 'Jobs' : 'Applications', exportFieldsOf(input), exportPages(db, userId, input), { signal });
}

/**
 * The file for the export menu. CSV and JSON come back as text, PDF and Excel workbooks as base64. Very large
 * CSV/JSON exports should use the streaming route (`GET /api/tracker/export`), which never holds
 * the file in memory.
 */
export async function exportFile(ctx: TrackerContext, input: ExportInput) {
  const now = ctx.clock();
  const filename = exportFilename(input.kind, input.format, now);
  if (input.format === 'pdf') {
    const pdf = await pdfReport(ctx, input);
    return { filename, contentType: exportContentTypes.pdf, encoding: 'base64' as const, body: pdf.toString('base64'), bytes: pdf.length };
  }
  if (input.format === 'xlsx') {
    const workbook = await exportWorkbook(ctx.db, ctx.auth.user.id, input).catch((error: unknown) => {
      throw error instanceof ExcelTooLargeError ? fieldError('format', error.message) : error;
    });
    return { filename, contentType: exportContentTypes.xlsx, encoding: 'base64' as const, body: workbook.toString('base64'), bytes: workbook.length };
  }
  const parts: string[] = [];
  for await (const chunk of exportChunks(ctx.db, ctx.auth.user.id, input)) parts.push(chunk);
  const body = parts.join('');
  return { filename, contentType: exportContentTypes[input.format], encoding: 'utf8' as const, body, bytes: Buffer.byteLength(body) };
}

const pdfTableLimit = 1000;

async function pdfReport(ctx: TrackerContext, input: ExportInput) {
  const now = ctx.clock();
  const summary = await analytics.summary(ctx, {});
  const from = new Date(now.getTime() - 12 * 7 * 86_400_000);
  const trend = await analytics.trends(ctx, { granularity: 'week', from, to: now });
  const rows: string[][] = [];
  const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : '');
  const applicationInput = input.kind === 'applications' ? input : { kind: 'applications' as const, filters: undefined };
  for await (const page of exportPages(ctx.db, ctx.auth.user.id, applicationInput)) {
    for (const row of page) {
      if (rows.length >= pdfTableLimit) break;
      rows.push([csvCell(row.company), csvCell(row.title), applicationStatusLabels[row.status as ApplicationStatus] ?? row.status, day(row.appliedAt), day(row.updatedAt)]);
    }
    if (rows.length >= pdfTableLimit) break;
  }
  const pct = (v: number | null) => (v === null ? '–' : `${v} %`);
  return renderReport({
    title: 'Job search report',
    generatedAt: now,
    figures: [
      { label: 'Applications', value: String(summary.totals.applications) },
      { label: 'Response rate', value: pct(summary.rates.responseRate.percent) },
      { label: 'Interview rate', value: pct(summary.rates.interviewRate.percent) },
      { label: 'Offer rate', value: pct(summary.rates.offerRate.percent) },
      { label: 'Acceptance rate', value: pct(summary.rates.acceptanceRate.percent) },
    ],
    // The report says statuses as the app does ("Applied"), not as they are stored.
    funnel: summary.funnel.map((stage) => ({ ...stage, stage: applicationStatusLabels[stage.stage] })),
    trend: trend.series,
    trendLabel: `Applications per week (last 12 weeks: ${trend.total}, ${trend.direction}${trend.changePercent === null ? '' : ` ${trend.changePercent} %`} vs the 12 before)`,
    table: {
      headers: ['Company', 'Title', 'Status', 'Applied', 'Updated'],
      rows,
      note: rows.length >= pdfTableLimit ? `The newest ${pdfTableLimit} applications; export CSV for all of them.` : undefined,
    },
  });
}

// ── backup / restore ─────────────────────────────────────────────────────────────────────────

export const backupFormat = 'tessera-tracker-backup';
export const backupVersion = 1;

const isoDate = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const backupJob = z.object({
  id: z.string(),
  title: z.string().min(1),
  company: z.string().min(1),
  description: z.string().nullable(),
  location: z.string().nullable(),
  remote: jobRemoteSchema.nullable(),
  jobType: jobTypeSchema.nullable(),
  salaryMin: z.number().int().nullable(),
  salaryMax: z.number().int().nullable(),
  salaryCurrency: z.string().nullable(),
  techStack: z.array(z.string()),
  // A backup is a file anyone can edit: its links are checked as the job form checks them (http(s) only).
  url: jobInput.shape.url,
  source: z.string().nullable(),
  postedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  deletedAt: isoDate.nullable(),
});
const backupApplication = z.object({
  id: z.string(),
  jobId: z.string(),
  status: applicationStatusSchema,
  appliedAt: isoDate.nullable(),
  notes: z.string().nullable(),
  nextInterviewAt: isoDate.nullable(),
  interviews: z.array(z.object({ at: z.string(), kind: z.enum(['phone', 'video', 'onsite', 'technical', 'behavioral', 'panel', 'other']), feedback: z.string().nullable() })),
  statusChangedAt: isoDate,
  createdAt: isoDate,
  updatedAt: isoDate,
});
const backupStatusChange = z.object({
  applicationId: z.string(),
  fromStatus: applicationStatusSchema.nullable(),
  toStatus: applicationStatusSchema,
  changedAt: isoDate,
});
const backupSkill = z.object({ name: z.string().min(1), level: skillLevelSchema, createdAt: isoDate });
const manifestSchema = z.object({
  format: z.literal(backupFormat, { message: 'This is not a Tessera tracker backup' }),
  version: z.number().int(),
  exportedAt: z.string(),
  counts: z.object({ jobs: z.number().int(), applications: z.number().int(), statusChanges: z.number().int(), skills: z.number().int() }),
});

/** Everything the user's tracker holds, including jobs in the bin, in creation order. */
async function collectBackup(ctx: TrackerContext) {
  const userId = ctx.auth.user.id;
  const allJobs = await ctx.db.select(jobColumns).from(jobs).where(eq(jobs.userId, userId)).orderBy(asc(jobs.createdAt), asc(jobs.id));
  const allApplications = await ctx.db
    .select({
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
    })
    .from(applications)
    .where(eq(applications.userId, userId))
    .orderBy(asc(applications.createdAt), asc(applications.id));
  const statusChanges = await ctx.db
    .select({
      applicationId: applicationStatusChanges.applicationId,
      fromStatus: applicationStatusChanges.fromStatus,
      toStatus: applicationStatusChanges.toStatus,
      changedAt: applicationStatusChanges.changedAt,
    })
    .from(applicationStatusChanges)
    .where(eq(applicationStatusChanges.userId, userId))
    .orderBy(asc(applicationStatusChanges.changedAt), asc(applicationStatusChanges.id));
  const skills = await ctx.db
    .select({ name: userSkills.name, level: userSkills.level, createdAt: userSkills.createdAt })
    .from(userSkills)
    .where(eq(userSkills.userId, userId))
    .orderBy(asc(userSkills.name));
  return { jobs: allJobs, applications: allApplications, statusChanges, skills };
}

/** A ZIP with JSON (what restore reads), CSV (for spreadsheets) and a manifest with version and counts. */
export async function backup(ctx: TrackerContext) {
  const data = await collectBackup(ctx);
  const now = ctx.clock();
  const counts = { jobs: data.jobs.length, applications: data.applications.length, statusChanges: data.statusChanges.length, skills: data.skills.length };
  const manifest = { format: backupFormat, version: backupVersion, exportedAt: now.toISOString(), counts };
  const json = (value: unknown) => strToU8(JSON.stringify(value, null, 1));
  const jobFields = [...jobExportFields, 'deletedAt'];
  const applicationFields = ['id', 'jobId', 'status', 'appliedAt', 'notes', 'nextInterviewAt', 'statusChangedAt', 'createdAt', 'updatedAt'];
  const zip = zipSync({
    'manifest.json': json(manifest),
    'jobs.json': json(data.jobs),
    'applications.json': json(data.applications),
    'status-history.json': json(data.statusChanges),
    'skills.json': json(data.skills),
    'jobs.csv': strToU8(csvText(jobFields, data.jobs.map((j) => jobFields.map((f) => (j as Record<string, unknown>)[f])), { bom: true })),
    'applications.csv': strToU8(csvText(applicationFields, data.applications.map((a) => applicationFields.map((f) => (a as Record<string, unknown>)[f])), { bom: true })),
  });
  return {
    filename: `tessera-tracker-backup-${now.toISOString().slice(0, 10)}.zip`,
    contentType: exportContentTypes.zip,
    encoding: 'base64' as const,
    body: Buffer.from(zip).toString('base64'),
    bytes: zip.length,
    manifest,
  };
}

function readBackup(base64: string) {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(Buffer.from(base64, 'base64'));
  } catch {
    throw fieldError('base64', 'This file is not a ZIP backup.');
  }
  const read = <T extends z.ZodType>(name: string, shape: T): z.output<T> => {
    const file = files[name];
    if (!file) throw fieldError('base64', `The backup has no ${name}.`);
    let value: unknown;
    try {
      value = JSON.parse(strFromU8(file));
    } catch {
      throw fieldError('base64', `${name} in the backup is not valid JSON.`);
    }
    const parsed = shape.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw fieldError('base64', `${name}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}`.trim());
    }
    return parsed.data;
  };
  const manifest = read('manifest.json', manifestSchema);
  if (manifest.version > backupVersion) throw fieldError('base64', `This backup has version ${manifest.version}; this server reads up to version ${backupVersion}.`);
  const data = {
    jobs: read('jobs.json', z.array(backupJob)),
    applications: read('applications.json', z.array(backupApplication)),
    statusChanges: read('status-history.json', z.array(backupStatusChange)),
    skills: read('skills.json', z.array(backupSkill)),
  };
  for (const key of ['jobs', 'applications', 'statusChanges', 'skills'] as const) {
    if (data[key].length !== manifest.counts[key]) throw fieldError('base64', `The manifest lists ${manifest.counts[key]} ${key} but the backup holds ${data[key].length}.`);
  }
  return { manifest, ...data };
}

/**
 * The restored applications with an interview ahead, as the same `interview_changed` events that
 * create and update publish: the notifications module schedules their 24 h and 1 h reminders
 * (and skips closed applications), after the restore's transaction has committed. Only the
 * applications this restore wrote (`applicationIds`): one already here has its reminders already.
 */
function interviewEvents(data: ReturnType<typeof readBackup>, applicationIds: Map<string, string>, userId: string, now: Date): DomainEvent[] {
  const jobsById = new Map(data.jobs.map((job) => [job.id, job]));
  return data.applications
    .filter((application) => applicationIds.has(application.id) && application.nextInterviewAt && application.nextInterviewAt > now)
    .map((application) => {
      const job = jobsById.get(application.jobId)!;
      return {
        type: 'tracker.application.interview_changed',
        userId,
        applicationId: applicationIds.get(application.id)!,
        jobTitle: job.title,
        company: job.company,
        nextInterviewAt: application.nextInterviewAt,
        at: now,
      };
    });
}

/**
 * What of the backup the caller's tracker already holds, for `merge`: backup job id → the tracked
 * job it is, and the ids of the backup's applications already tracked.
 *
 * A job is already here when a job of the caller has its id (its own backup restored), else when a
 * tracked job is the same posting by the CSV import's rules (`trackedJobKeys`/`jobIdentity`: the
 * URL's `urlKey`, or company + title + location without a URL). Unlike the import, jobs in the bin
 * count too: a backup carries the bin itself (with `deletedAt`), so leaving binned jobs out of the
 * check would put a second copy of a job the person deleted back beside it; the bin's Restore is
 * how a binned job comes back. Backup jobs sharing a posting take the tracked copies one each, in
 * creation order, so a tracker that held two copies restored twice still pairs them up.
 *
 * An application is already here when a tracked one has its id, or when its job is already here
 * and has an application applied the same day (`applicationKey`, as the import decides).
 */
async function alreadyHere(tx: DbOrTx, ctx: TrackerContext, data: ReturnType<typeof readBackup>) {
  const tracked = await tx
    .select({ id: jobs.id, url: jobs.url, company: jobs.company, title: jobs.title, location: jobs.location })
    .from(jobs)
    .where(ownedBy(jobs.userId, ctx.auth))
    .orderBy(asc(jobs.createdAt), asc(jobs.id));
  const trackedIds = new Set(tracked.map((job) => job.id));
  const byKey = new Map<string, string[]>();
  for (const job of tracked) {
    for (const key of trackedJobKeys(job)) {
      const ids = byKey.get(key);
      if (ids) ids.push(job.id);
      else byKey.set(key, [job.id]);
    }
  }
  const jobMatches = new Map<string, string>();
  const paired = new Set<string>();
  for (const job of data.jobs) {
    if (!trackedIds.has(job.id)) continue;
    jobMatches.set(job.id, job.id);
    paired.add(job.id);
  }
  for (const job of data.jobs) {
    if (jobMatches.has(job.id)) continue;
    const candidates = byKey.get(jobIdentity(job).key);
    if (!candidates) continue;
    const id = candidates.find((candidate) => !paired.has(candidate)) ?? candidates[0]!;
    jobMatches.set(job.id, id);
    paired.add(id);
  }

  const trackedApplications = await tx
    .select({ id: applications.id, jobId: applications.jobId, appliedAt: applications.appliedAt })
    .from(applications)
    .where(ownedBy(applications.userId, ctx.auth));
  const applicationIds = new Set(trackedApplications.map((application) => application.id));
  const applicationKeys = new Set(trackedApplications.map((application) => applicationKey(application.jobId, application.appliedAt)));
  const applicationMatches = new Set<string>();
  for (const application of data.applications) {
    const jobId = jobMatches.get(application.jobId);
    if (applicationIds.has(application.id) || (jobId && applicationKeys.has(applicationKey(jobId, application.appliedAt)))) applicationMatches.add(application.id);
  }
  return { jobs: jobMatches, applications: applicationMatches };
}

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Read a backup back into the caller's tracker, in one transaction. `replace` deletes the tracker
 * first and writes every record; `merge` (Add to what I have) writes only what is not already here
 * (see `alreadyHere`): restoring the same backup twice adds nothing, and the applications of a
 * job already here link to it. Written records get new ids (the same backup can be restored into
 * another account), every other field is kept exactly. The answer's `restored` counts what was
 * written, `leftOut` the jobs and applications that were already here.
 */
export async function restore(ctx: TrackerContext, input: z.output<typeof restoreInput>) {
  const data = readBackup(input.base64);
  const userId = ctx.auth.user.id;
  const backupJobIds = new Set(data.jobs.map((j) => j.id));
  const backupApplicationIds = new Set(data.applications.map((a) => a.id));
  const orphan = data.applications.findIndex((a) => !backupJobIds.has(a.jobId));
  if (orphan !== -1) throw fieldError('base64', `applications.json item ${orphan} refers to a job the backup does not hold.`);
  const orphanChange = data.statusChanges.findIndex((c) => !backupApplicationIds.has(c.applicationId));
  if (orphanChange !== -1) throw fieldError('base64', `status-history.json item ${orphanChange} refers to an application the backup does not hold.`);

  /** Backup id → the id it has in this tracker: a new one, or the record already here (`merge`). */
  const jobIds = new Map<string, string>();
  /** Backup id → new id, for the applications this restore writes. */
  const applicationIds = new Map<string, string>();
  const written = await ctx.db.transaction(async (tx) => {
    let here = { jobs: new Map<string, string>(), applications: new Set<string>() };
    if (input.mode === 'replace') {
      // Children first, one statement per table: a cascade from jobs would run one DELETE (and
      // one run of the analytics triggers) per job, which takes seconds for a large tracker.
      await tx.delete(applicationStatusChanges).where(ownedBy(applicationStatusChanges.userId, ctx.auth));
      await tx.delete(applications).where(ownedBy(applications.userId, ctx.auth));
      await tx.delete(jobs).where(ownedBy(jobs.userId, ctx.auth));
      await tx.delete(userSkills).where(ownedBy(userSkills.userId, ctx.auth));
    } else {
      // The import's lock: the same backup restored twice at once (or beside an import) is checked
      // against what the other wrote, not against the tracker as it was before either.
      await tx.execute(advisoryLock(importLock(userId)));
      here = await alreadyHere(tx, ctx, data);
    }
    const newJobs = data.jobs.filter((job) => {
      const known = here.jobs.get(job.id);
      jobIds.set(job.id, known ?? randomUUID());
      return !known;
    });
    const newApplications = data.applications.filter((application) => !here.applications.has(application.id));
    for (const application of newApplications) applicationIds.set(application.id, randomUUID());
    const newChanges = data.statusChanges.filter((change) => applicationIds.has(change.applicationId));
    for (const chunk of chunksOf(newJobs, 1000)) {
      await tx.insert(jobs).values(chunk.map(({ id, ...job }) => ({ ...job, id: jobIds.get(id)!, userId, techStackKeys: job.techStack.map(skillKey) })));
    }
    for (const chunk of chunksOf(newApplications, 1000)) {
      await tx.insert(applications).values(chunk.map(({ id, jobId, ...application }) => ({ ...application, id: applicationIds.get(id)!, jobId: jobIds.get(jobId)!, userId })));
    }
    for (const chunk of chunksOf(newChanges, 2000)) {
      await tx.insert(applicationStatusChanges).values(chunk.map(({ applicationId, ...change }) => ({ ...change, applicationId: applicationIds.get(applicationId)!, userId })));
    }
    let skills = 0;
    if (data.skills.length) {
      const existing = input.mode === 'merge'
        ? new Set((await tx.select({ name: userSkills.name }).from(userSkills).where(ownedBy(userSkills.userId, ctx.auth))).map((s) => s.name.toLowerCase()))
        : new Set<string>();
      const fresh = data.skills.filter((s) => !existing.has(s.name.toLowerCase()));
      if (fresh.length) await tx.insert(userSkills).values(fresh.map((s) => ({ ...s, userId })));
      skills = fresh.length;
    }
    return { jobs: newJobs.length, applications: newApplications.length, statusChanges: newChanges.length, skills };
  });
  const leftOut = { jobs: data.jobs.length - written.jobs, applications: data.applications.length - written.applications };
  // A merge that found everything already here changed nothing: no events, no cache bump.
  if (input.mode === 'replace' || Object.values(written).some((n) => n > 0)) await afterWrite(ctx, ['jobs', 'applications', 'skills'], interviewEvents(data, applicationIds, userId, ctx.clock()));
  const restoredText = `Restored ${counted(written.jobs, 'job')}, ${counted(written.applications, 'application')}, ${counted(written.statusChanges, 'status change')} and ${counted(written.skills, 'skill')}`;
  const leftOutText = [leftOut.jobs ? counted(leftOut.jobs, 'job') : null, leftOut.applications ? counted(leftOut.applications, 'application') : null].filter(Boolean).join(' and ');
  const one = leftOut.jobs + leftOut.applications === 1;
  return {
    mode: input.mode,
    /** What this restore wrote (in `replace` mode, everything the backup holds). */
    restored: written,
    /** `merge`: the backup's jobs and applications left out because they were already here. */
    leftOut,
    summary: !leftOutText
      ? `${restoredText}.`
      : Object.values(written).some((n) => n > 0)
        ? `${restoredText}; ${leftOutText} ${one ? 'was' : 'were'} already here and ${one ? 'was' : 'were'} left out.`
        : 'Nothing to add: every job and application in this backup is already here.',
  };
}
