import { schema } from '@tessera/db';
import type { ApplicationFilters, JobFilters } from '@tessera/validation/tracker';
import { and, type AnyColumn, asc, desc, eq, gt, gte, ilike, inArray, isNotNull, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { fieldError } from '../../trpc';

const { jobs, applications } = schema;

/** `%` and `_` typed by a person are literal characters, not wildcards. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Contains `text` (a LIKE pattern). */
export function likePattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/**
 * Search as you type: every word must match, the last ones as prefixes (`eng` finds "engineer").
 * Words are reduced to letters and digits, so the query text can never be tsquery syntax.
 */
export function searchCondition(text: string | undefined): SQL | undefined {
  const words = (text ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) return undefined;
  const query = words.slice(0, 12).map((w) => `${w}:*`).join(' & ');
  return sql`${jobs.searchVector} @@ to_tsquery('english', ${query})`;
}

export const skillKey = (skill: string) => skill.trim().toLowerCase();

/** A `text[]` parameter: one bind value however many elements (an IN list binds one per element). */
export const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`;

/** The job filters of both lists (applications filter on their job). */
function jobFieldConditions(filters: Partial<JobFilters> | Partial<ApplicationFilters>): (SQL | undefined)[] {
  return [
    searchCondition(filters.search),
    filters.location ? ilike(jobs.location, likePattern(filters.location)) : undefined,
    filters.remote?.length ? inArray(jobs.remote, filters.remote) : undefined,
    filters.jobType?.length ? inArray(jobs.jobType, filters.jobType) : undefined,
    // Salary ranges overlap the wanted range; jobs without any salary drop out of a salary filter.
    filters.salaryFrom !== undefined ? sql`coalesce(${jobs.salaryMax}, ${jobs.salaryMin}) >= ${filters.salaryFrom}` : undefined,
    filters.salaryTo !== undefined ? sql`coalesce(${jobs.salaryMin}, ${jobs.salaryMax}) <= ${filters.salaryTo}` : undefined,
    filters.techAny?.length ? sql`${jobs.techStackKeys} && ${textArray(filters.techAny.map(skillKey))}` : undefined,
    filters.techAll?.length ? sql`${jobs.techStackKeys} @> ${textArray(filters.techAll.map(skillKey))}` : undefined,
  ];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function jobConditions(userId: string, filters: Partial<JobFilters>): SQL {
  return and(
    eq(jobs.userId, userId),
    filters.deleted ? isNotNull(jobs.deletedAt) : isNull(jobs.deletedAt),
    ...jobFieldConditions(filters),
    filters.from ? gte(jobs.postedAt, day(filters.from)) : undefined,
    filters.to ? lte(jobs.postedAt, day(filters.to)) : undefined,
  )!;
}

/** Applications of live (not soft-deleted) jobs; callers join `jobs` on `applications.jobId` when job fields are filtered. */
export function applicationConditions(userId: string, filters: Partial<ApplicationFilters>): SQL {
  return and(
    eq(applications.userId, userId),
    // The application's copy of "its job is not deleted" (trigger-kept): no join needed for it.
    eq(applications.jobLive, true),
    ...jobFieldConditions(filters),
    filters.status?.length ? inArray(applications.status, filters.status) : undefined,
    filters.jobId ? eq(applications.jobId, filters.jobId) : undefined,
    filters.from ? gte(applications.appliedAt, filters.from) : undefined,
    filters.to ? lte(applications.appliedAt, filters.to) : undefined,
  )!;
}

// ── keyset pagination on any sort ───────────────────────────────────────────────────────────

export type SortKind = 'timestamp' | 'day' | 'text' | 'number';
export interface SortSpec {
  column: AnyColumn;
  kind: SortKind;
  /** Nullable sorts put nulls last; NOT NULL ones use plain order so the (owner, value, id) index serves it. */
  nullable: boolean;
}
type CursorValue = string | number | null;

/** Opaque to clients: base64url of [sort name, direction, last value, last id]. */
export function encodeSortCursor(sort: string, direction: string, value: unknown, id: string): string {
  const plain: CursorValue = value instanceof Date ? value.toISOString() : (value as CursorValue);
  return Buffer.from(JSON.stringify([sort, direction, plain, id])).toString('base64url');
}

function decodeSortCursor(cursor: string, sort: string, direction: string, kind: SortKind): { value: unknown; id: string } {
  const invalid = () => fieldError('cursor', 'The page cursor is not valid for this sort: start again from the first page.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid();
  const [cursorSort, cursorDirection, value, id] = parsed as unknown[];
  if (cursorSort !== sort || cursorDirection !== direction || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw invalid();
  if (value === null) return { value: null, id };
  if (kind === 'number') {
    if (typeof value !== 'number') throw invalid();
    return { value, id };
  }
  if (typeof value !== 'string') throw invalid();
  if (kind === 'timestamp') {
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) throw invalid();
    return { value: at, id };
  }
  return { value, id };
}

/**
 * Rows strictly after the cursor in `(sort value, id)` order, nulls last in both directions.
 * The same shape as the platform's createdAt pagination, generalised to any column and direction.
 */
export function keysetAfter(spec: SortSpec, idColumn: AnyColumn, sort: string, direction: 'asc' | 'desc', cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const { value, id } = decodeSortCursor(cursor, sort, direction, spec.kind);
  const beyond = direction === 'asc' ? gt : lt;
  if (value === null) return and(isNull(spec.column), beyond(idColumn, id));
  const after = or(beyond(spec.column, value), and(eq(spec.column, value), beyond(idColumn, id)));
  return spec.nullable ? or(after, isNull(spec.column)) : after;
}

export function keysetOrder(spec: SortSpec, idColumn: AnyColumn, direction: 'asc' | 'desc'): SQL[] {
  if (!spec.nullable) return direction === 'asc' ? [asc(spec.column), asc(idColumn)] : [desc(spec.column), desc(idColumn)];
  return direction === 'asc'
    ? [sql`${spec.column} asc nulls last`, asc(idColumn)]
    : [sql`${spec.column} desc nulls last`, desc(idColumn)];
}

/** Take one more than the page to know whether another page follows. */
export function sortedPage<T extends { id: string }>(rows: T[], limit: number, sort: string, direction: string, valueOf: (row: T) => unknown) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeSortCursor(sort, direction, valueOf(last), last.id) : null };
}
