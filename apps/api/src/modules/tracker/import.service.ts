import { type DbOrTx, schema } from '@tessera/db';
import {
  applicationImportFields,
  applicationJobDetailImportFields,
  applicationStatusSchema,
  type ImportField,
  type importCsvInput,
  importDateTimeFields,
  importDayFields,
  isNotInFuture,
  importHeaderAliases,
  jobImportFields,
  jobInput,
  normalizeImportHeader,
} from '@tessera/validation/tracker';
import { and, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ownedBy } from '../../platform/ownership';
import { fieldError } from '../../trpc';
import { insertApplications } from './applications.service';
import { advisoryLock, withJobRowSink, orderedIds, type JobRowSink } from './bulkJobs';
import { type CsvRecord, type Delimiter, detectDelimiter, readCsv } from './csv';
import { insertJobRows, jobRow } from './jobs.service';
import { type DateOrder, detectDateOrder, enumValue, mayHoldNumericDates, readImportDate, readSalary } from './importValues';
import { urlKey, urlSpellings } from './jobUrls';
import { textArray } from './query';
import { afterWrite, chunksOf, nextTurn, type TrackerContext } from './shared';

const { jobs, applications } = schema;

type ImportInput = z.output<typeof importCsvInput>;
export interface ImportProblem {
  /** 1-based data row (the header is row 0). */
  row: number;
  /** The file line the row starts on. */
  line: number;
  field: string;
  problem: string;
}


/** Field → column index, from the user's mapping first, then by header name. */
function resolveMapping(fields: readonly string[], headers: string[], mapping: Record<string, string> | undefined) {
  const byName = new Map(headers.map((h, i) => [normalizeImportHeader(h), i] as const));
  const columns: Record<string, number | null> = {};
  for (const field of Object.keys(mapping ?? {})) {
    if (!fields.includes(field)) throw fieldError(`mapping.${field}`, `Unknown field "${field}". Fields: ${fields.join(', ')}`);
  }
  for (const field of fields) {
    const chosen = mapping?.[field];
    if (chosen !== undefined) {
      if (chosen === '') {
        columns[field] = null;
        continue;
      }
      const index = headers.indexOf(chosen);
      if (index === -1) throw fieldError(`mapping.${field}`, `The file has no column "${chosen}".`);
      columns[field] = index;
      continue;
    }
    const match = (importHeaderAliases[field as ImportField] ?? [field.toLowerCase()]).map((a) => byName.get(a)).find((i) => i !== undefined);
    columns[field] = match ?? null;
  }
  return columns;
}

/**
 * A date cell after `readImportDate` (ISO day or date-time); the refine only guards the hand-over.
 * A day or a time without a zone is read as UTC, whatever the server's own time zone.
 */
const dateText = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), 'Use a date like 2026-01-31')
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v.replace(' ', 'T')}Z`));

// The job's details in an applications file (`applicationJobDetailImportFields`) are validated as a
// job's, used for the jobs the import creates, and ignored when a row links to a job already tracked.
const { url: jobUrl, description, location, remote, jobType, salaryMin, salaryMax, salaryCurrency, techStack, source, postedAt } = jobInput.shape;

const applicationRow = z
  .object({
    // http(s) only, as a job's URL: the import creates jobs with it.
    jobUrl,
    company: z.string().trim().max(200).nullish(),
    title: z.string().trim().max(300).nullish(),
    status: applicationStatusSchema.default('applied'),
    appliedAt: dateText.refine(isNotInFuture, "The applied date can't be in the future").nullish(),
    notes: z.string().max(20_000).nullish(),
    nextInterviewAt: dateText.nullish(),
    description,
    location,
    remote,
    jobType,
    salaryMin,
    salaryMax,
    salaryCurrency,
    techStack,
    source,
    postedAt,
  })
  .refine((v) => v.salaryMin == null || v.salaryMax == null || v.salaryMin <= v.salaryMax, { path: ['salaryMax'], message: 'Maximum salary must be at least the minimum' });
type ApplicationRow = z.output<typeof applicationRow>;
const jobDetailsOf = (row: ApplicationRow) =>
  Object.fromEntries(applicationJobDetailImportFields.map((field) => [field, row[field]])) as Pick<ApplicationRow, (typeof applicationJobDetailImportFields)[number]>;

function cellsToRecord(fields: readonly string[], columns: Record<string, number | null>, cells: string[]) {
  const record: Record<string, string | undefined> = {};
  for (const field of fields) {
    const index = columns[field];
    const value = index === null || index === undefined ? undefined : cells[index];
    record[field] = value === undefined || value.trim() === '' ? undefined : value;
  }
  return record;
}

type JobValues = z.output<typeof jobInput>;
/** Fields whose texts hardly ever repeat: memoizing them would only cost memory. */
const unmemoized = new Set(['description', 'url']);
/** Distinct values remembered per field (bounds the memory a file of unique values can take). */
const memoPerField = 10_000;

/**
 * `jobInput.safeParse` for many rows, column-wise memoized: files repeat the same company,
 * location, enum values, salaries, skills and dates over thousands of rows, and each distinct value
 * is checked once with that field's own schema from `jobInput.shape`. A row whose fields all pass and
 * whose salaries are in order gets exactly the value `jobInput` gives; every other row is answered by
 * `jobInput.safeParse` itself, so problems are zod's own, as before. Memoized values (tech stack
 * arrays) are shared between rows: nothing may mutate them.
 */
export function jobRecordValidator(): (record: Record<string, unknown>) => ReturnType<typeof jobInput.safeParse> {
  const shape = jobInput.shape as Record<string, z.ZodType>;
  const fields = Object.keys(shape);
  const memos = new Map(fields.map((field) => [field, new Map<unknown, { success: boolean; data?: unknown }>()]));
  return (record) => {
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const value = record[field];
      const memo = unmemoized.has(field) ? undefined : memos.get(field)!;
      let result = memo?.get(value);
      if (!result) {
        result = shape[field]!.safeParse(value);
        if (memo && memo.size < memoPerField) memo.set(value, result);
      }
      if (!result.success) return jobInput.safeParse(record);
      // As zod does: an undefined result is kept only for a key the input has.
      if (result.data !== undefined || field in record) out[field] = result.data;
    }
    const values = out as JobValues;
    if (values.salaryMin != null && values.salaryMax != null && values.salaryMin > values.salaryMax) return jobInput.safeParse(record);
    return { success: true, data: values };
  };
}

function problemsOf(error: z.ZodError, row: number, line: number): ImportProblem[] {
  return error.issues.map((issue) => ({ row, line, field: issue.path.map(String).join('.') || 'row', problem: issue.message }));
}

/** A valid row left out because the tracker (or an earlier row of the file) already has it. */
export interface ImportDuplicate {
  row: number;
  line: number;
  /** What matched: `url` (jobs: same job URL), `name` (jobs without a URL: same company, title and location), `appliedAt` (applications: same job, same applied day). */
  matchedBy: 'url' | 'name' | 'appliedAt';
  /** The earlier row of this file it repeats, or null when the match is already in the tracker. */
  sameAsRow: number | null;
}

/**
 * How an imported job is recognised as one the person already tracks: by its URL when the row has
 * one (compared by `urlKey`), otherwise by company, title and location (case and surrounding
 * spaces ignored).
 */
export function jobIdentity(job: { url?: string | null; company: string; title: string; location?: string | null }): { key: string; matchedBy: 'url' | 'name' } {
  const url = job.url?.trim();
  if (url) return { key: `url\u0000${urlKey(url)}`, matchedBy: 'url' };
  const name = [job.company, job.title, job.location ?? ''].map((v) => v.trim().toLowerCase()).join('\u0000');
  return { key: `name\u0000${name}`, matchedBy: 'name' };
}

/**
 * The identity keys a job already tracked is found by: its URL's (when it has one) and its name's
 * (company, title, location), so a row or backup job without a URL still finds a tracked job that has one.
 */
export function trackedJobKeys(job: { url: string | null; company: string; title: string; location: string | null }): string[] {
  const keys = [jobIdentity(job).key];
  if (job.url?.trim()) keys.push(jobIdentity({ ...job, url: null }).key);
  return keys;
}

/** How an application is recognised as one already tracked: the same job, applied the same (UTC) day; two undated ones match. */
export function applicationKey(jobId: string, appliedAt: Date | null | undefined): string {
  return `${jobId}\u0000${day(appliedAt)}`;
}

/** Files up to this many rows (the import page sends 1,000 per request) look up only the jobs they could repeat. */
const maxRowsForTargetedLookup = 5000;

/**
 * Identity keys of the person's live jobs — a job with a URL is found by it and by its name.
 * `candidates` (the file's URLs and companies, when the file is small) narrows the read to the jobs
 * the file could repeat, so importing in 1,000-row requests does not read every job each time.
 */
async function liveJobKeys(ctx: TrackerContext, db: DbOrTx, candidates: { urls: string[]; companies: string[] } | null): Promise<Set<string>> {
  if (candidates && !candidates.urls.length && !candidates.companies.length) return new Set();
  const rows = await db
    .select({ url: jobs.url, company: jobs.company, title: jobs.title, location: jobs.location })
    .from(jobs)
    .where(
      and(
        ownedBy(jobs.userId, ctx.auth),
        isNull(jobs.deletedAt),
        candidates
          ? or(
              candidates.urls.length ? sql`${jobs.url} = any(${textArray(candidates.urls.flatMap(urlSpellings))})` : undefined,
              candidates.companies.length ? sql`lower(trim(${jobs.company})) = any(${textArray(candidates.companies)})` : undefined,
            )
          : undefined,
      ),
    );
  const keys = new Set<string>();
  for (const job of rows) for (const key of trackedJobKeys(job)) keys.add(key);
  return keys;
}

/** The URLs and (lower-cased) companies of a small file's rows; null for a large one (read every job instead). */
function jobCandidates(csv: string, delimiter: Delimiter, columns: Record<string, number | null>): { urls: string[]; companies: string[] } | null {
  const urls = new Set<string>();
  const companies = new Set<string>();
  const { rows } = readCsv(csv, delimiter);
  let count = 0;
  for (let next = rows.next(); !next.done; next = rows.next()) {
    if (++count > maxRowsForTargetedLookup) return null;
    const url = columns.url === null || columns.url === undefined ? undefined : next.value.cells[columns.url]?.trim();
    const company = columns.company === null || columns.company === undefined ? undefined : next.value.cells[columns.company]?.trim().toLowerCase();
    if (url) urls.add(url);
    if (company) companies.add(company);
  }
  return { urls: [...urls], companies: [...companies] };
}

/** The order dates like 03/04/2026 were read in, as the answer reports it. */
export interface ImportDateOrderUsed {
  /** null: such dates were each reported as a problem (the file does not say, or says both). */
  used: DateOrder | null;
  /** The file's date that decided the order when it was detected ("25/03/2026"), else null. */
  detectedFrom: string | null;
  /** The file has dates that can only be day first and others that can only be month first. */
  conflict: boolean;
}

/** The chosen order, else the one the file's own date cells show (read only when it has dates like 03/04/2026). */
function resolveDateOrder(input: ImportInput, delimiter: Delimiter, dateColumns: number[]): ImportDateOrderUsed {
  if (input.dateOrder === 'undecided') return { used: null, detectedFrom: null, conflict: false };
  if (input.dateOrder !== 'auto') return { used: input.dateOrder, detectedFrom: null, conflict: false };
  if (!dateColumns.length || !mayHoldNumericDates(input.csv)) return { used: null, detectedFrom: null, conflict: false };
  function* cells() {
    const { rows } = readCsv(input.csv, delimiter);
    for (let next = rows.next(); !next.done; next = rows.next()) for (const column of dateColumns) yield next.value.cells[column];
  }
  const found = detectDateOrder(cells());
  return { used: found.order, detectedFrom: found.example, conflict: found.conflict };
}

/** `read` remembered per distinct cell text: files repeat the same dates and salaries over thousands of rows. */
function memoizedReader<T>(read: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) {
      value = read(text);
      if (memo.size < memoPerField) memo.set(text, value);
    }
    return value;
  };
}

/**
 * Reads a record's date cells in place (as `readImportDate` answers; `dayOnly` keeps the calendar
 * day) and returns the problems of the cells it could not read, which are then left out.
 */
function dateCellReader(order: DateOrder | null) {
  const read = memoizedReader((text) => readImportDate(text, order));
  return (record: Record<string, unknown>, fields: readonly string[], dayOnly: boolean): { field: string; problem: string }[] => {
    const problems: { field: string; problem: string }[] = [];
    for (const field of fields) {
      const cell = record[field];
      if (typeof cell !== 'string') continue;
      const date = read(cell);
      if (date.ok) record[field] = dayOnly ? date.value.slice(0, 10) : date.value;
      else {
        problems.push({ field, problem: date.problem });
        delete record[field];
      }
    }
    return problems;
  };
}

/** Salary cells: amounts as people write them; a range in the minimum's column fills the maximum, a symbol the currency. */
function salaryCellReader() {
  const read = memoizedReader(readSalary);
  return (record: Record<string, unknown>) => {
    if (typeof record.salaryMin === 'string') {
      const salary = read(record.salaryMin);
      record.salaryMin = salary.min;
      if (salary.max !== undefined && record.salaryMax === undefined) record.salaryMax = salary.max;
      if (salary.currency && record.salaryCurrency === undefined) record.salaryCurrency = salary.currency;
    }
    if (typeof record.salaryMax === 'string') {
      const salary = read(record.salaryMax);
      record.salaryMax = salary.max ?? salary.min;
      if (salary.currency && record.salaryCurrency === undefined) record.salaryCurrency = salary.currency;
    }
  };
}

const day = (at: Date | null | undefined) => (at ? at.toISOString().slice(0, 10) : '');

const maxReportedProblems = 1000;
/** One person's imports (and restores that add to the tracker) write one at a time (an advisory lock of this name, held until commit). */
export const importLock = (userId: string) => `tracker.import:${userId}`;
/**
 * Rows between two hand-overs to the database during an import (PGlite: one statement each),
 * and between two turns of the event loop in every mode (a dry run of 100,000 rows held it 1.1 s).
 */
const drainEveryRows = 1000;

/** Imports at least this large vacuum and analyze the tables they wrote on the embedded database. */
const analyzeAfterRows = 5000;

export async function importCsv(ctx: TrackerContext, input: ImportInput) {
  const delimiter = input.delimiter ?? detectDelimiter(input.csv);
  // Postgres cannot store NUL in text; a file full of them is UTF-16 or not text at all.
  if (input.csv.includes('\u0000')) {
    throw fieldError('csv', 'The file contains NUL characters: save it as CSV in UTF-8 (not UTF-16 or a spreadsheet format).');
  }
  const { headers, rows } = readCsv(input.csv, delimiter);
  const fields = input.kind === 'jobs' ? jobImportFields : applicationImportFields;
  const columns = resolveMapping(fields, headers, input.mapping);
  const problems: ImportProblem[] = [];
  const mapping = Object.fromEntries(fields.map((f) => [f, columns[f] === null || columns[f] === undefined ? null : headers[columns[f]]!]));
  const missingRequired = (input.kind === 'jobs' ? ['title', 'company'] : []).filter((f) => columns[f] === null);
  /** Date-time cells (applications) and calendar-day cells (a job's posted date). */
  const dateFields = input.kind === 'jobs' ? [] : importDateTimeFields;
  const dayFields = importDayFields;
  const dateColumns = [...dateFields, ...dayFields].map((f) => columns[f]).filter((c): c is number => c !== null && c !== undefined);
  const dateOrder = resolveDateOrder(input, delimiter, dateColumns);
  const readDates = dateCellReader(dateOrder.used);
  const readSalaries = salaryCellReader();

  const columnCountProblem = (cells: string[], row: number, line: number) =>
    cells.length > headers.length && cells.slice(headers.length).some((c) => c.trim() !== '')
      ? { row, line, field: 'row', problem: `This row has ${cells.length} columns; the header has ${headers.length}` }
      : null;

  let writtenIds = 0;
  let jobsCreated = 0;
  /** The creation time every job of this import shares: the saved-search match finds them by it. */
  let jobsAddedAt: Date | undefined;
  let validRows = 0;
  let totalRows = 0;
  const badRows = new Set<number>();
  const duplicates: ImportDuplicate[] = [];
  /** Identity key → the file row that brought it first (duplicates within the file). */
  const firstRowOf = new Map<string, number>();
  /** The row repeats one already tracked or earlier in the file: reported, and left out. */
  const isDuplicate = (key: string, matchedBy: ImportDuplicate['matchedBy'], tracked: Set<string>, row: number, line: number): boolean => {
    if (input.duplicates === 'import') return false;
    const earlier = firstRowOf.get(key);
    if (earlier !== undefined || tracked.has(key)) {
      duplicates.push({ row, line, matchedBy, sameAsRow: earlier ?? null });
      return true;
    }
    firstRowOf.set(key, row);
    return false;
  };

  if (input.kind === 'jobs') {
    const userId = ctx.auth.user.id;
    const now = ctx.clock();
    const nextId = orderedIds(now);
    const validateJob = jobRecordValidator();
    let tracked = new Set<string>();
    const readTracked = async (db: DbOrTx) => {
      if (input.duplicates === 'skip') tracked = await liveJobKeys(ctx, db, jobCandidates(input.csv, delimiter, columns));
    };
    /** The row's job, or null after recording its problems. */
    const validJob = (cells: string[], row: number, line: number): z.output<typeof jobInput> | null => {
      const extra = columnCountProblem(cells, row, line);
      const record: Record<string, unknown> = cellsToRecord(fields, columns, cells);
      readSalaries(record);
      for (const key of ['remote', 'jobType'] as const) if (typeof record[key] === 'string') record[key] = enumValue(record[key]);
      const dateProblems = readDates(record, dayFields, true);
      const parsed = validateJob(record);
      if (parsed.success && !extra && !dateProblems.length) return parsed.data;
      badRows.add(row);
      if (extra) problems.push(extra);
      problems.push(...dateProblems.map((p) => ({ row, line, ...p })));
      if (!parsed.success) problems.push(...problemsOf(parsed.error, row, line));
      return null;
    };
    /**
     * Reads and validates every row; valid ones go to `sink` as they come (all-or-nothing stops
     * sending at the first bad row, and the transaction is rolled back at the end).
     */
    const readRows = async (sink: JobRowSink | null) => {
      for (let next = rows.next(); !next.done; next = rows.next()) {
        const row = ++totalRows;
        const job = validJob(next.value.cells, row, next.value.line);
        const identity = job ? jobIdentity(job) : null;
        if (job && identity && !isDuplicate(identity.key, identity.matchedBy, tracked, row, next.value.line)) {
          validRows++;
          if (sink && (input.mode === 'skipBadRows' || badRows.size === 0)) sink.add({ ...jobRow(userId, job, now), id: nextId() });
        }
        if (row % drainEveryRows === 0) await (sink ? sink.drain() : nextTurn());
      }
    };
    if (shouldWrite(input.mode, 0, missingRequired.length)) {
      // One transaction, written while the file is read: parsing overlaps the database's work.
      // Under the person's import lock: an import of the same file sent twice at once waits for the
      // first, then finds its jobs already tracked instead of writing them again.
      const committed = await withJobRowSink(ctx.database, ctx.db, { lock: importLock(userId), read: readTracked }, async (sink) => {
        await readRows(sink);
        return validRows > 0 && shouldWrite(input.mode, badRows.size, 0);
      });
      if (committed) {
        writtenIds = validRows;
        jobsAddedAt = now;
      }
    } else {
      await readTracked(ctx.db);
      await readRows(null);
    }
  } else {
    const records: CsvRecord[] = [];
    for (let next = rows.next(); !next.done; next = rows.next()) records.push(next.value);
    totalRows = records.length;
    const valid: { row: number; line: number; value: ApplicationRow }[] = [];
    for (const [i, { cells, line }] of records.entries()) {
      const row = i + 1;
      if (row % drainEveryRows === 0) await nextTurn();
      const extra = columnCountProblem(cells, row, line);
      const record: Record<string, unknown> = cellsToRecord(fields, columns, cells);
      for (const key of ['status', 'remote', 'jobType'] as const) if (typeof record[key] === 'string') record[key] = enumValue(record[key]);
      readSalaries(record);
      const dateProblems = [...readDates(record, dateFields, false), ...readDates(record, dayFields, true)].map((p) => ({ row, line, ...p }));
      const parsed = applicationRow.safeParse(record);
      const rowProblems = [...(extra ? [extra] : []), ...dateProblems, ...(parsed.success ? [] : problemsOf(parsed.error, row, line))];
      if (parsed.success && !parsed.data.jobUrl && !(parsed.data.company && parsed.data.title)) {
        rowProblems.push({ row, line, field: 'jobUrl', problem: 'Give the job URL, or both company and title, to link the application to a job' });
      }
      if (rowProblems.length || !parsed.success) {
        badRows.add(row);
        problems.push(...rowProblems);
      } else valid.push({ row, line, value: parsed.data });
    }
    const write = shouldWrite(input.mode, badRows.size, 0);
    if (valid.length) {
      const now = ctx.clock();
      // Read (and, unless this is a dry run, written) in one transaction: links and duplicates are
      // decided on the same snapshot the rows are written into.
      const result = await ctx.db.transaction(async (tx) => {
        // The person's import lock (as for jobs): a concurrent import finishes first, and this one reads what it wrote.
        if (write) await tx.execute(advisoryLock(importLock(ctx.auth.user.id)));
        // Link by URL first, then by company + title (case-insensitive); a job neither finds is created.
        const known = await tx
          .select({ id: jobs.id, url: jobs.url, company: jobs.company, title: jobs.title })
          .from(jobs)
          .where(and(ownedBy(jobs.userId, ctx.auth), isNull(jobs.deletedAt)));
        const byUrl = new Map<string, string>();
        const byName = new Map<string, string>();
        const nameKey = (company: string, title: string) => `${company.trim().toLowerCase()}\u0000${title.trim().toLowerCase()}`;
        for (const job of known) {
          if (job.url) byUrl.set(urlKey(job.url), job.id);
          byName.set(nameKey(job.company, job.title), job.id);
        }
        const linkedJob = (value: ApplicationRow) =>
          (value.jobUrl && byUrl.get(urlKey(value.jobUrl))) || (value.company && value.title && byName.get(nameKey(value.company, value.title))) || undefined;
        // Duplicates: an application to the same job applied the same day (both undated counts),
        // already tracked or earlier in this file.
        const tracked = new Set<string>();
        if (input.duplicates === 'skip') {
          const linkedIds = [...new Set(valid.map(({ value }) => linkedJob(value)).filter((id): id is string => Boolean(id)))];
          for (const chunk of chunksOf(linkedIds, 1000)) {
            const existing = await tx
              .select({ jobId: applications.jobId, appliedAt: applications.appliedAt })
              .from(applications)
              .where(and(ownedBy(applications.userId, ctx.auth), inArray(applications.jobId, chunk)));
            for (const application of existing) tracked.add(applicationKey(application.jobId, application.appliedAt));
          }
        }
        const fresh = valid.filter(({ row, line, value }) => {
          const job = linkedJob(value) ?? `new\u0000${value.company && value.title ? nameKey(value.company, value.title) : urlKey(value.jobUrl!)}`;
          return !isDuplicate(applicationKey(job, value.appliedAt), 'appliedAt', tracked, row, line);
        });
        validRows = fresh.length;
        if (!write || !fresh.length) return { created: 0, jobsCreated: 0 };
        // The first row naming a new job gives its details.
        const toCreate = new Map<string, ReturnType<typeof jobDetailsOf> & { title: string; company: string; url: string | null }>();
        for (const { value } of fresh) {
          if (linkedJob(value)) continue;
          const key = value.company && value.title ? nameKey(value.company, value.title) : urlKey(value.jobUrl!);
          if (toCreate.has(key)) continue;
          const named = value.company && value.title ? { title: value.title, company: value.company } : { title: 'Untitled job', company: 'Unknown company' };
          toCreate.set(key, { ...jobDetailsOf(value), ...named, url: value.jobUrl ?? null });
        }
        // Ids made here (ascending): the links are known without reading the new jobs back.
        const nextId = orderedIds(now);
        const newJobs = [...toCreate.values()].map((job) => ({ ...jobRow(ctx.auth.user.id, job, now), id: nextId() }));
        await insertJobRows(tx, newJobs);
        for (const job of newJobs) {
          if (job.url) byUrl.set(urlKey(job.url), job.id);
          byName.set(nameKey(job.company, job.title), job.id);
        }
        const items = fresh.map(({ value }) => ({
          // The new jobs are in the maps now: every row links.
          jobId: linkedJob(value)!,
          status: value.status,
          appliedAt: value.appliedAt ?? null,
          notes: value.notes ?? null,
          nextInterviewAt: value.nextInterviewAt ?? null,
        }));
        const ids = await insertApplications(tx, ctx.auth.user.id, items, now);
        return { created: ids.length, jobsCreated: toCreate.size };
      });
      writtenIds = result.created;
      jobsCreated = result.jobsCreated;
      if (jobsCreated) jobsAddedAt = now;
    }
  }

  if (writtenIds >= analyzeAfterRows && ctx.database.mode === 'embedded') {
    // Embedded PGlite runs no autovacuum: without fresh statistics the planner keeps choosing plans
    // for the table as it was before thousands of rows arrived, and until a vacuum marks the new
    // pages all-visible the list totals cannot be index-only scans (migration 0007). Postgres's
    // autovacuum does both by itself. Measured: 16.7 → 16.9 s for a 100,000-row import (noise).
    await ctx.db.execute(input.kind === 'jobs' ? sql`vacuum (analyze) jobs` : sql`vacuum (analyze) jobs, applications, application_status_changes`);
  }
  if (writtenIds) {
    await afterWrite(
      ctx,
      input.kind === 'jobs' ? ['jobs'] : ['jobs', 'applications'],
      jobsAddedAt ? [{ type: 'tracker.jobs.added', userId: ctx.auth.user.id, createdAt: jobsAddedAt, source: 'import', at: jobsAddedAt }] : [],
    );
  }
  for (const field of missingRequired) problems.unshift({ row: 0, line: 1, field, problem: `No column is mapped to "${field}"` });
  const written = writtenIds > 0;
  const alreadyTracked = duplicates.length ? ` ${duplicates.length} ${duplicates.length === 1 ? 'repeats' : 'repeat'} ${input.kind} already in your tracker or earlier in the file (left out).` : '';
  const summary =
    input.mode === 'dryRun'
      ? `${validRows} of ${totalRows} rows are ready to import; ${badRows.size} have problems.${alreadyTracked} Nothing was saved (dry run).`
      : written
        ? `Imported ${writtenIds} ${input.kind}${jobsCreated ? ` (and created ${jobsCreated} jobs they refer to)` : ''}; skipped ${badRows.size} rows with problems.${alreadyTracked}`
        : badRows.size || missingRequired.length
          ? `Nothing was imported: ${badRows.size || 'all'} rows have problems. Fix them or choose "skip bad rows".`
          : duplicates.length
            ? `Nothing to import:${alreadyTracked}`
            : 'Nothing to import: the file has no data rows.';
  return {
    kind: input.kind,
    mode: input.mode,
    delimiter,
    headers,
    mapping,
    totalRows,
    validRows,
    invalidRows: badRows.size,
    problems: problems.slice(0, maxReportedProblems),
    problemsTruncated: problems.length > maxReportedProblems,
    written,
    created: writtenIds,
    jobsCreated,
    skipped: written ? badRows.size : 0,
    /** Valid rows left out as repeats (with `duplicates: 'skip'`, the default), listed like problems. */
    duplicateRows: duplicates.length,
    duplicates: duplicates.slice(0, maxReportedProblems),
    duplicatesTruncated: duplicates.length > maxReportedProblems,
    /** How dates like 03/04/2026 were read: send `used` back as `dateOrder` to import in parts the same way. */
    dateOrder,
    summary,
  };
}

function shouldWrite(mode: ImportInput['mode'], badRows: number, missingRequired: number): boolean {
  if (mode === 'dryRun' || missingRequired) return false;
  return mode === 'skipBadRows' || badRows === 0;
}
