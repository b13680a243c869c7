import {
  applicationSortFields,
  type ApplicationStatus,
  applicationStatusValues,
  type JobRemote,
  jobRemoteValues,
  jobSortFields,
  type JobType,
  jobTypeValues,
} from '@tessera/validation/tracker';
import type { RouterInputs } from '../../lib/trpc';

/**
 * The filters of the jobs and applications tables live in the URL, so a filtered view can be
 * bookmarked, shared and restored with the back button. Parsing is forgiving: a hand-edited or
 * stale URL drops what it does not understand instead of failing the page.
 */
export interface FilterSearch {
  q?: string;
  location?: string;
  remote?: JobRemote[];
  jobType?: JobType[];
  salaryFrom?: number;
  salaryTo?: number;
  tech?: string[];
  /** How `tech` matches: any of the skills (default) or all of them. */
  techMode?: 'all';
  /** Calendar days, YYYY-MM-DD. */
  from?: string;
  to?: string;
  dir?: 'asc' | 'desc';
}

export type JobSort = (typeof jobSortFields)[number];
export type ApplicationSort = (typeof applicationSortFields)[number];

export interface JobSearch extends FilterSearch {
  sort?: JobSort;
  /** The bin: soft-deleted jobs. */
  deleted?: true;
  /** A saved search to apply (a new-match notification links here); replaced by its filters. */
  saved?: string;
}

export interface ApplicationSearch extends FilterSearch {
  sort?: ApplicationSort;
  status?: ApplicationStatus[];
  /** The application open in the detail drawer. */
  app?: string;
}

export interface BoardSearch {
  q?: string;
  app?: string;
}

type Raw = Record<string, unknown>;

function text(value: unknown, max = 200): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().slice(0, max);
  return trimmed || undefined;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v)] : []));
  if (typeof value === 'string') return value.split(',');
  return [];
}

function enumList<T extends string>(value: unknown, allowed: readonly T[]): T[] | undefined {
  const picked = [...new Set(list(value).map((v) => v.trim()))].filter((v): v is T => (allowed as readonly string[]).includes(v));
  // Keep the canonical order so the same filter always makes the same URL (and cache key).
  const ordered = allowed.filter((v) => picked.includes(v));
  return ordered.length ? ordered : undefined;
}

function amount(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100_000_000 ? n : undefined;
}

function day(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function skills(value: unknown): string[] | undefined {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list(value)) {
    const skill = raw.trim().slice(0, 60);
    if (!skill || seen.has(skill.toLowerCase())) continue;
    seen.add(skill.toLowerCase());
    out.push(skill);
  }
  return out.length ? out.slice(0, 50) : undefined;
}

/** Drop undefined keys so the URL stays clean. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function parseFilters(raw: Raw): FilterSearch {
  let from = day(raw.from);
  let to = day(raw.to);
  if (from && to && from > to) [from, to] = [to, from];
  let salaryFrom = amount(raw.salaryFrom);
  let salaryTo = amount(raw.salaryTo);
  if (salaryFrom !== undefined && salaryTo !== undefined && salaryFrom > salaryTo) [salaryFrom, salaryTo] = [salaryTo, salaryFrom];
  const tech = skills(raw.tech);
  return {
    q: text(raw.q),
    location: text(raw.location),
    remote: enumList(raw.remote, jobRemoteValues),
    jobType: enumList(raw.jobType, jobTypeValues),
    salaryFrom,
    salaryTo,
    tech,
    techMode: tech && raw.techMode === 'all' ? 'all' : undefined,
    from,
    to,
    dir: oneOf(raw.dir, ['asc', 'desc'] as const),
  };
}

export function parseJobSearch(raw: Raw): JobSearch {
  return clean({
    ...parseFilters(raw),
    sort: oneOf(raw.sort, jobSortFields),
    deleted: raw.deleted === true || raw.deleted === 'true' ? true : undefined,
    saved: typeof raw.saved === 'string' && /^[0-9a-f-]{36}$/i.test(raw.saved) ? raw.saved : undefined,
  });
}

export function parseApplicationSearch(raw: Raw): ApplicationSearch {
  return clean({
    ...parseFilters(raw),
    sort: oneOf(raw.sort, applicationSortFields),
    status: enumList(raw.status, applicationStatusValues),
    app: typeof raw.app === 'string' && /^[0-9a-f-]{36}$/i.test(raw.app) ? raw.app : undefined,
  });
}

export function parseBoardSearch(raw: Raw): BoardSearch {
  return clean({ q: text(raw.q), app: typeof raw.app === 'string' && /^[0-9a-f-]{36}$/i.test(raw.app) ? raw.app : undefined });
}

/** Start of a local calendar day, and its last millisecond. */
const startOfDay = (value: string) => new Date(`${value}T00:00:00`);
const endOfDay = (value: string) => new Date(`${value}T23:59:59.999`);

type ListJobsInput = RouterInputs['tracker']['jobs']['list'];
type ListApplicationsInput = RouterInputs['tracker']['applications']['list'];

function filterInput(search: FilterSearch) {
  return clean({
    search: search.q,
    location: search.location,
    remote: search.remote,
    jobType: search.jobType,
    salaryFrom: search.salaryFrom,
    salaryTo: search.salaryTo,
    techAny: search.techMode === 'all' ? undefined : search.tech,
    techAll: search.techMode === 'all' ? search.tech : undefined,
    from: search.from ? startOfDay(search.from) : undefined,
    to: search.to ? endOfDay(search.to) : undefined,
  });
}

/** The list procedure's input for the URL's filters (without cursor and limit). */
export function jobListInput(search: JobSearch): Omit<ListJobsInput, 'cursor' | 'limit'> {
  return clean({ ...filterInput(search), deleted: search.deleted ?? false, sort: search.sort ?? 'createdAt', direction: search.dir ?? 'desc' });
}

export function applicationListInput(search: ApplicationSearch): Omit<ListApplicationsInput, 'cursor' | 'limit'> {
  return clean({ ...filterInput(search), status: search.status, sort: search.sort ?? 'createdAt', direction: search.dir ?? 'desc' });
}

/** Filters only (for exports, which choose their own order). */
export function jobFilterInput(search: JobSearch) {
  return clean({ ...filterInput(search), deleted: search.deleted ?? false });
}
export function applicationFilterInput(search: ApplicationSearch) {
  return clean({ ...filterInput(search), status: search.status });
}

/** How many filters are set (for the "Filters (3)" button and "Clear all"). */
export function countFilters(search: FilterSearch & { status?: unknown[] }): number {
  const keys: (keyof (FilterSearch & { status?: unknown[] }))[] = ['location', 'remote', 'jobType', 'tech', 'from', 'to', 'status'];
  return keys.filter((k) => search[k] !== undefined).length + (search.salaryFrom !== undefined || search.salaryTo !== undefined ? 1 : 0);
}

/** The URL's search without its filters (keeps sort and view). */
export function withoutFilters<T extends FilterSearch & { status?: unknown; sort?: unknown; deleted?: unknown }>(search: T): T {
  return clean({ sort: search.sort, dir: search.dir, deleted: search.deleted, q: search.q } as T);
}
