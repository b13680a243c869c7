import { z } from 'zod';
import { idSchema } from './common';

export const jobRemoteValues = ['onsite', 'hybrid', 'remote'] as const;
export const jobTypeValues = ['full_time', 'part_time', 'contract', 'internship', 'temporary'] as const;
/** The pipeline in board order; the last four are where an application ends. */
export const applicationStatusValues = [
  'saved',
  'applied',
  'screening',
  'interviewing',
  'offer',
  'accepted',
  'rejected',
  'withdrawn',
  'ghosted',
] as const;
export const interviewKindValues = ['phone', 'video', 'onsite', 'technical', 'behavioral', 'panel', 'other'] as const;
export const skillLevelValues = ['beginner', 'intermediate', 'advanced', 'expert'] as const;

export const jobRemoteSchema = z.enum(jobRemoteValues, { message: `Must be one of: ${jobRemoteValues.join(', ')}` });
export const jobTypeSchema = z.enum(jobTypeValues, { message: `Must be one of: ${jobTypeValues.join(', ')}` });
export const applicationStatusSchema = z.enum(applicationStatusValues, {
  message: `Must be one of: ${applicationStatusValues.join(', ')}`,
});
export const interviewKindSchema = z.enum(interviewKindValues, { message: `Must be one of: ${interviewKindValues.join(', ')}` });
export const skillLevelSchema = z.enum(skillLevelValues, { message: `Must be one of: ${skillLevelValues.join(', ')}` });
export type JobRemote = z.infer<typeof jobRemoteSchema>;
export type JobType = z.infer<typeof jobTypeSchema>;
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

/** A status in the product's words: the web app, the PDF report and notification texts say the same. */
export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  saved: 'Saved',
  applied: 'Applied',
  screening: 'Screening',
  interviewing: 'Interviewing',
  offer: 'Offer',
  accepted: 'Accepted',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  ghosted: 'Ghosted',
};
export type SkillLevel = z.infer<typeof skillLevelSchema>;

/** Bulk operations accept at most this many items (one transaction each). */
export const maxBulkItems = 1000;

const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

// The message shows in the CSV import report when a salary cell is not a number ("abc").
const salary = z.number({ message: 'Must be a number, such as 85000' }).int('Must be a whole number').min(0, 'Must be 0 or more').max(100_000_000, 'Too large').nullish();

/** A calendar day, `YYYY-MM-DD` (a job's posted date has no time of day). */
export const calendarDaySchema = z.string().superRefine((v, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) ctx.addIssue({ code: 'custom', message: 'Use the format YYYY-MM-DD' });
  else if (Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || !new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)) {
    ctx.addIssue({ code: 'custom', message: 'Not a real date' });
  }
});

/** Tech stack: an array, or text as `a, b, c` / `a|b|c`; trimmed, de-duplicated case-insensitively. */
export const techStackSchema = z
  .union([z.array(z.string()), z.string()])
  .transform((value) => {
    const parts = (Array.isArray(value) ? value : value.split(/[|,;]/)).map((s) => s.trim()).filter(Boolean);
    const seen = new Set<string>();
    return parts.filter((s) => {
      const key = s.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  })
  .pipe(
    z
      .array(z.string())
      .max(50, 'At most 50 skills')
      // One problem on the field itself, naming the skill: forms show a field's own error, not its items'.
      .superRefine((skills, ctx) => {
        const long = skills.find((skill) => skill.length > 60);
        if (long) ctx.addIssue({ code: 'custom', message: `Each skill must be at most 60 characters: “${long.slice(0, 24)}…” has ${long.length}` });
      }),
  );

const urlSchema = z
  .string()
  .trim()
  .max(2000, 'URL must be at most 2000 characters')
  .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), 'Must be an http(s) URL')
  .nullish()
  .transform((v) => (v ? v : null));

/** ISO 4217 codes as the runtime knows them (Node 20 and current browsers); "DOL" from "dollars" is none. */
const currencyCodes: ReadonlySet<string> | null =
  typeof Intl.supportedValuesOf === 'function' ? new Set(Intl.supportedValuesOf('currency')) : null;
/** Without the list (an old browser) any three letters pass here; the API, on Node, still checks. */
const isCurrencyCode = (code: string) => currencyCodes?.has(code) ?? true;

const jobFields = {
  title: z.string({ message: 'Title is required' }).trim().min(1, 'Title is required').max(300, 'Title must be at most 300 characters'),
  company: z.string({ message: 'Company is required' }).trim().min(1, 'Company is required').max(200, 'Company must be at most 200 characters'),
  description: optionalText('Description', 50_000),
  location: optionalText('Location', 200),
  remote: jobRemoteSchema.nullish(),
  jobType: jobTypeSchema.nullish(),
  salaryMin: salary,
  salaryMax: salary,
  salaryCurrency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'Use a 3-letter code such as USD')
    .transform((v) => v.toUpperCase())
    .refine(isCurrencyCode, { error: (issue) => `${String(issue.input)} is not a currency code (e.g. USD)` })
    .nullish(),
  techStack: techStackSchema.optional(),
  url: urlSchema,
  source: optionalText('Source', 200),
  postedAt: calendarDaySchema.nullish(),
};

const salaryOrder = (v: { salaryMin?: number | null; salaryMax?: number | null }) =>
  v.salaryMin == null || v.salaryMax == null || v.salaryMin <= v.salaryMax;
const salaryOrderIssue = { path: ['salaryMax'], message: 'Maximum salary must be at least the minimum' };

export const jobInput = z.object(jobFields).refine(salaryOrder, salaryOrderIssue);
export type JobInput = z.input<typeof jobInput>;
/** Partial update: only the fields sent change; `null` clears an optional field. */
export const jobChanges = z.object(jobFields).partial().refine(salaryOrder, salaryOrderIssue);

export const createJobInput = jobInput;
export const updateJobInput = z.object({ id: idSchema, changes: jobChanges });
export const bulkCreateJobsInput = z.object({
  items: z.array(jobInput).min(1, 'Send at least one job').max(maxBulkItems, `At most ${maxBulkItems} jobs at once`),
});
export const bulkUpdateJobsInput = z.object({
  items: z
    .array(z.object({ id: idSchema, changes: jobChanges }))
    .min(1, 'Send at least one job')
    .max(maxBulkItems, `At most ${maxBulkItems} jobs at once`),
});
export const bulkIdsInput = z.object({
  ids: z.array(idSchema).min(1, 'Choose at least one').max(maxBulkItems, `At most ${maxBulkItems} at once`),
});
/** `restore: true` brings soft-deleted jobs back instead of deleting. */
export const deleteJobInput = z.object({ id: idSchema, restore: z.boolean().default(false) });
/** `tracker.jobs.findByUrl`: the person's live jobs at this posting (the job dialog warns before a second copy). */
export const findJobsByUrlInput = z.object({
  url: z
    .string({ message: 'URL is required' })
    .trim()
    .min(1, 'URL is required')
    .max(2000, 'URL must be at most 2000 characters')
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), 'Must be an http(s) URL'),
  /** The job being edited: not a copy of itself. */
  excludeId: idSchema.optional(),
});
export const bulkDeleteJobsInput = bulkIdsInput.extend({ restore: z.boolean().default(false) });

export const jobSortFields = ['createdAt', 'updatedAt', 'postedAt', 'title', 'company', 'salaryMax'] as const;
export const applicationSortFields = ['createdAt', 'updatedAt', 'appliedAt', 'status', 'nextInterviewAt', 'company', 'title'] as const;

const dateInput = z.coerce.date({ message: 'Must be a date' });

/** A date the person must give: an empty field says what is missing instead of "Must be a date". */
const requiredDate = (missing: string) =>
  z
    .custom<string | Date | null | undefined>()
    .refine((value) => value !== undefined && value !== null && value !== '', missing)
    .pipe(z.coerce.date<string | Date | null | undefined>({ message: 'Must be a date' }));

/**
 * Whether a date may be one that has already happened (applied, moved to a stage). A day of slack:
 * "today" picked in a time zone ahead of UTC is still tomorrow in UTC.
 */
export const isNotInFuture = (date: Date) => date.getTime() <= Date.now() + 24 * 60 * 60 * 1000;
const pastDate = (what: string) => dateInput.refine(isNotInFuture, `${what} can't be in the future`);

/** Filters shared by jobs and applications lists (applications filter on their job's fields). */
const jobFilterFields = {
  search: z.string().trim().max(200).optional(),
  location: z.string().trim().max(200).optional(),
  remote: z.array(jobRemoteSchema).max(3).optional(),
  jobType: z.array(jobTypeSchema).max(5).optional(),
  /** Jobs whose salary range overlaps [salaryFrom, salaryTo]. */
  salaryFrom: z.number().int().min(0).optional(),
  salaryTo: z.number().int().min(0).optional(),
  /** Any of these skills (`&&`). */
  techAny: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  /** All of these skills (`@>`). */
  techAll: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
};

const rangeOrder = (v: { from?: Date; to?: Date }) => !v.from || !v.to || v.from <= v.to;

export const jobFiltersSchema = z
  .object({
    ...jobFilterFields,
    /** On the job's posted date (or creation time when it has none). */
    from: dateInput.optional(),
    to: dateInput.optional(),
    /** `true`: the bin of soft-deleted jobs instead of the live ones. */
    deleted: z.boolean().default(false),
  })
  .refine(rangeOrder, { path: ['to'], message: '"To" must be on or after "from"' });
export type JobFilters = z.output<typeof jobFiltersSchema>;

export const listJobsInput = z
  .object({
    ...jobFilterFields,
    from: dateInput.optional(),
    to: dateInput.optional(),
    deleted: z.boolean().default(false),
    sort: z.enum(jobSortFields).default('createdAt'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    cursor: z.string().max(1024).optional(),
    limit: z.number().int().min(1).max(100).default(25),
  })
  .refine(rangeOrder, { path: ['to'], message: '"To" must be on or after "from"' });
export type ListJobsInput = z.input<typeof listJobsInput>;

export const applicationFiltersSchema = z
  .object({
    ...jobFilterFields,
    status: z.array(applicationStatusSchema).max(9).optional(),
    jobId: idSchema.optional(),
    /** On the applied date. */
    from: dateInput.optional(),
    to: dateInput.optional(),
  })
  .refine(rangeOrder, { path: ['to'], message: '"To" must be on or after "from"' });
export type ApplicationFilters = z.output<typeof applicationFiltersSchema>;

/** `tracker.applications.upcomingInterviews`: interviews still ahead, soonest first (the calendar file of all of them). */
export const upcomingInterviewsInput = z.object({ limit: z.number().int().min(1).max(500).default(200) }).default({ limit: 200 });

export const listApplicationsInput = z
  .object({
    ...jobFilterFields,
    status: z.array(applicationStatusSchema).max(9).optional(),
    jobId: idSchema.optional(),
    from: dateInput.optional(),
    to: dateInput.optional(),
    sort: z.enum(applicationSortFields).default('createdAt'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    cursor: z.string().max(1024).optional(),
    limit: z.number().int().min(1).max(100).default(25),
  })
  .refine(rangeOrder, { path: ['to'], message: '"To" must be on or after "from"' });
export type ListApplicationsInput = z.input<typeof listApplicationsInput>;

export const interviewSchema = z.object({
  at: requiredDate("Pick the interview's date and time"),
  kind: interviewKindSchema.default('other'),
  feedback: optionalText('Feedback', 5000),
});

const applicationFields = {
  status: applicationStatusSchema.default('saved'),
  /** Backdated dates are kept as given; a future one is a typo (2062 for 2026). */
  appliedAt: pastDate('The applied date').nullish(),
  notes: optionalText('Notes', 20_000),
  nextInterviewAt: dateInput.nullish(),
  interviews: z.array(interviewSchema).max(50, 'At most 50 interviews').optional(),
};

/** An empty job field in a form says what to do, not "Must be a valid id". */
const chosenJobId = z.string().min(1, 'Choose a job').pipe(idSchema);
export const applicationInput = z.object({ jobId: chosenJobId, ...applicationFields });
export type ApplicationInput = z.input<typeof applicationInput>;
export const applicationChanges = z
  .object({
    ...applicationFields,
    status: applicationStatusSchema.optional(),
    /** When the status change happened (default now): lets people record yesterday's rejection. */
    statusChangedAt: pastDate('The date of the status change').optional(),
  })
  .partial();

export const createApplicationInput = applicationInput.extend({
  /** When the first status was entered (default: applied date for submitted ones, else now). */
  statusChangedAt: pastDate('The date of the status change').optional(),
});
export const updateApplicationInput = z.object({ id: idSchema, changes: applicationChanges });
export const setApplicationStatusInput = z.object({
  id: idSchema,
  status: applicationStatusSchema,
  /** When it happened; default now. */
  at: pastDate('The date of the status change').optional(),
});
export const bulkCreateApplicationsInput = z.object({
  items: z
    .array(createApplicationInput)
    .min(1, 'Send at least one application')
    .max(maxBulkItems, `At most ${maxBulkItems} applications at once`),
});
export const bulkUpdateApplicationsInput = z.object({
  items: z
    .array(z.object({ id: idSchema, changes: applicationChanges }))
    .min(1, 'Send at least one application')
    .max(maxBulkItems, `At most ${maxBulkItems} applications at once`),
});

// ── analytics ────────────────────────────────────────────────────────────────────────────────
export const analyticsSummaryInput = z
  .object({ from: dateInput.optional(), to: dateInput.optional() })
  .refine(rangeOrder, { path: ['to'], message: '"To" must be on or after "from"' })
  .default({});
export const trendGranularities = ['day', 'week', 'month'] as const;
export const analyticsTrendsInput = z
  .object({
    granularity: z.enum(trendGranularities).default('week'),
    from: dateInput,
    to: dateInput,
  })
  .refine((v) => v.from <= v.to, { path: ['to'], message: '"To" must be on or after "from"' })
  .refine((v) => v.to.getTime() - v.from.getTime() <= 3 * 366 * 86_400_000, { path: ['to'], message: 'Choose a range of at most 3 years' });
export const skillGapInput = z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 });

// ── skills ───────────────────────────────────────────────────────────────────────────────────
export const skillInput = z.object({
  name: z.string().trim().min(1, 'Skill name is required').max(60, 'Skill name must be at most 60 characters'),
  level: skillLevelSchema.default('intermediate'),
});
export const setSkillsInput = z
  .object({ skills: z.array(skillInput).max(200, 'At most 200 skills') })
  .refine((v) => new Set(v.skills.map((s) => s.name.toLowerCase())).size === v.skills.length, {
    path: ['skills'],
    message: 'Each skill may appear only once',
  });

// ── import / export / backup ─────────────────────────────────────────────────────────────────
export const importKinds = ['jobs', 'applications'] as const;
export const importModes = ['dryRun', 'allOrNothing', 'skipBadRows'] as const;
export const importDuplicateModes = ['skip', 'import'] as const;
export const jobImportFields = [
  'title',
  'company',
  'description',
  'location',
  'remote',
  'jobType',
  'salaryMin',
  'salaryMax',
  'salaryCurrency',
  'techStack',
  'url',
  'source',
  'postedAt',
] as const;
/**
 * The job's details an applications file may also carry (a one-sheet tracker: company, position,
 * location, salary, link, status, date applied…): used for the jobs the import creates.
 */
export const applicationJobDetailImportFields = ['location', 'remote', 'jobType', 'salaryMin', 'salaryMax', 'salaryCurrency', 'techStack', 'description', 'source', 'postedAt'] as const;
/** An application's own fields, then its job's details. */
export const applicationImportFields = ['jobUrl', 'company', 'title', 'status', 'appliedAt', 'notes', 'nextInterviewAt', ...applicationJobDetailImportFields] as const;
export type ImportField = (typeof jobImportFields)[number] | (typeof applicationImportFields)[number];

/** A header as the aliases below are written: lower case, letters and digits only ("Date Applied" → `dateapplied`). */
export const normalizeImportHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Import fields holding a date and time (applications), and a calendar day (a job's posted date). */
export const importDateTimeFields = ['appliedAt', 'nextInterviewAt'] as const;
export const importDayFields = ['postedAt'] as const;

/**
 * Header spellings people use for each import field, compared without case, spaces or
 * punctuation ("Date Applied" → `dateapplied`). Shared by the API (files sent without a mapping)
 * and the import page's first guess, so both read a spreadsheet the same way. A salary column
 * that holds a range ("60k–80k") fills the minimum and the maximum.
 */
export const importHeaderAliases: Record<ImportField, readonly string[]> = {
  title: ['title', 'jobtitle', 'position', 'jobposition', 'role', 'jobname'],
  company: ['company', 'companyname', 'employer', 'organization', 'organisation'],
  description: ['description', 'jobdescription', 'details', 'summary'],
  location: ['location', 'city', 'place', 'office'],
  remote: ['remote', 'workplace', 'worktype', 'remotetype', 'workmode', 'workplacetype'],
  jobType: ['jobtype', 'type', 'employmenttype', 'contracttype'],
  salaryMin: ['salarymin', 'minsalary', 'salaryfrom', 'minimumsalary', 'salarylow', 'salary', 'salaryrange', 'compensation', 'pay', 'payrange'],
  salaryMax: ['salarymax', 'maxsalary', 'salaryto', 'maximumsalary', 'salaryhigh'],
  salaryCurrency: ['salarycurrency', 'currency'],
  techStack: ['techstack', 'tech', 'skills', 'technologies', 'stack'],
  url: ['url', 'link', 'joburl', 'joblink', 'posting', 'jobposting'],
  source: ['source', 'foundon', 'board', 'jobboard'],
  postedAt: ['postedat', 'posted', 'posteddate', 'dateposted', 'postedon'],
  jobUrl: ['joburl', 'url', 'link', 'joblink', 'posting', 'jobposting'],
  status: ['status', 'stage', 'state'],
  appliedAt: ['appliedat', 'applied', 'applieddate', 'dateapplied', 'applicationdate', 'appliedon'],
  notes: ['notes', 'note', 'comments', 'comment'],
  nextInterviewAt: ['nextinterviewat', 'nextinterview', 'interviewdate', 'interview'],
};

/**
 * How the file writes dates with two small numbers first (03/04/2026): `auto` reads the order off
 * the file's own dates (25/03/2026 can only be day first) and reports a date it cannot place;
 * `undecided` reports every such date without looking (what `auto` answered for the whole file
 * when it could not tell: a file sent in parts keeps that answer, instead of each part guessing
 * from its own rows). Dates written as 2026-03-04 or "4 Mar 2026" read the same whatever is chosen.
 */
export const importDateOrders = ['auto', 'dayFirst', 'monthFirst', 'undecided'] as const;
export type ImportDateOrder = (typeof importDateOrders)[number];

/** Largest CSV text accepted by `transfer.importCsv` (the HTTP body limit applies too). */
export const maxImportCsvChars = 50 * 1024 * 1024;

export const importCsvInput = z.object({
  kind: z.enum(importKinds),
  csv: z.string().min(1, 'The file is empty').max(maxImportCsvChars, 'The file is larger than 50 MB'),
  /** Field → header in the file. Omitted fields are matched by name (case and spacing ignored). */
  mapping: z.record(z.string(), z.string().max(200)).optional(),
  /** `dryRun` writes nothing; `allOrNothing` writes only when every row is valid; `skipBadRows` writes the valid ones. */
  mode: z.enum(importModes).default('dryRun'),
  /** Detected from the header line when omitted. */
  delimiter: z.enum([',', ';', '\t']).optional(),
  /**
   * Rows already in the tracker (or earlier in the same file) are skipped and reported by default,
   * so importing the same spreadsheet twice adds nothing; `import` writes them again.
   */
  duplicates: z.enum(importDuplicateModes).default('skip'),
  /** Day or month first in dates like 03/04/2026; the answer says which order was used. */
  dateOrder: z.enum(importDateOrders).default('auto'),
});
export type ImportCsvInput = z.input<typeof importCsvInput>;

/** `xlsx`: an Excel workbook with the CSV export's columns, as typed cells. */
export const exportFormats = ['csv', 'json', 'pdf', 'xlsx'] as const;
/**
 * Rows an Excel export holds. A workbook is built whole, synchronously, in the API process: 15,000
 * jobs held its event loop 1.2 s and took +53 MB (`pnpm bench`, Postgres), so 20,000 stay under
 * about 2 s; CSV streams any number.
 */
export const excelExportMaxRows = 20_000;
export const jobExportFields = ['id', ...jobImportFields, 'createdAt', 'updatedAt'] as const;
export const applicationExportFields = [
  'id',
  'jobId',
  'title',
  'company',
  'location',
  'jobUrl',
  'status',
  'appliedAt',
  'notes',
  'nextInterviewAt',
  'statusChangedAt',
  'createdAt',
  'updatedAt',
] as const;

export const exportFileInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('jobs'),
    format: z.enum(exportFormats),
    filters: jobFiltersSchema.optional(),
    fields: z.array(z.enum(jobExportFields)).min(1).optional(),
  }),
  z.object({
    kind: z.literal('applications'),
    format: z.enum(exportFormats),
    filters: applicationFiltersSchema.optional(),
    fields: z.array(z.enum(applicationExportFields)).min(1).optional(),
  }),
]);
export type ExportFileInput = z.input<typeof exportFileInput>;

export const restoreInput = z.object({
  /** The backup ZIP as base64. */
  base64: z.string().min(1, 'Choose a backup file').max(70 * 1024 * 1024, 'The backup is larger than 50 MB'),
  /** `replace` deletes the current tracker data first; `merge` adds the backup's records beside it. */
  mode: z.enum(['replace', 'merge']).default('replace'),
});

// ── saved searches ──────────────────────────────────────────────────────────────────────────

/** Most saved searches one person keeps (a menu, not a database). */
export const maxSavedSearches = 50;
const savedSearchName = z
  .string()
  .trim()
  .min(1, 'Give the search a name')
  .max(80, 'At most 80 characters');

/** The filters are the jobs list's own (`jobFiltersSchema`), so a saved search shows exactly what the list showed. */
export const createSavedSearchInput = z.object({
  name: savedSearchName,
  filters: jobFiltersSchema,
  /** Notify when a new job matches. */
  notify: z.boolean().default(true),
});
export type CreateSavedSearchInput = z.input<typeof createSavedSearchInput>;

export const updateSavedSearchInput = z.object({
  id: idSchema,
  changes: z
    .object({ name: savedSearchName, filters: jobFiltersSchema, notify: z.boolean() })
    .partial()
    .refine((c) => c.name !== undefined || c.filters !== undefined || c.notify !== undefined, { message: 'Change at least one of name, filters or notify' }),
});
export type UpdateSavedSearchInput = z.input<typeof updateSavedSearchInput>;
