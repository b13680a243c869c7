import { type ApplicationStatus, applicationStatusLabels, type JobRemote, type JobType, type SkillLevel } from '@tessera/validation/tracker';
import type { RouterOutputs } from '../../lib/trpc';

export type JobRow = RouterOutputs['tracker']['jobs']['list']['items'][number];
export type ApplicationRow = RouterOutputs['tracker']['applications']['list']['items'][number];
export type ApplicationDetail = RouterOutputs['tracker']['applications']['get'];
export type Interview = ApplicationDetail['interviews'][number];

export const statusLabels = applicationStatusLabels;

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'primary';
export const statusTones: Record<ApplicationStatus, Tone> = {
  saved: 'neutral',
  applied: 'info',
  screening: 'info',
  interviewing: 'warning',
  offer: 'success',
  accepted: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
  ghosted: 'neutral',
};

export const remoteLabels: Record<JobRemote, string> = { onsite: 'On-site', hybrid: 'Hybrid', remote: 'Remote' };
export const jobTypeLabels: Record<JobType, string> = {
  full_time: 'Full-time',
  part_time: 'Part-time',
  contract: 'Contract',
  internship: 'Internship',
  temporary: 'Temporary',
};
export const levelLabels: Record<SkillLevel, string> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
  expert: 'Expert',
};

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** "€60K–80K", "from $90K", "up to 50K", or null when the job names no salary. */
export function formatSalary(job: { salaryMin: number | null; salaryMax: number | null; salaryCurrency: string | null }): string | null {
  const { salaryMin: min, salaryMax: max } = job;
  if (min == null && max == null) return null;
  const symbol = job.salaryCurrency ? currencySymbol(job.salaryCurrency) : '';
  const money = (n: number) => `${symbol}${compact.format(n)}`;
  if (min != null && max != null) return min === max ? money(min) : `${money(min)}–${compact.format(max)}`;
  if (min != null) return `from ${money(min)}`;
  return `up to ${money(max!)}`;
}

function currencySymbol(code: string): string {
  try {
    const part = new Intl.NumberFormat(undefined, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' })
      .formatToParts(0)
      .find((p) => p.type === 'currency');
    return part?.value ?? `${code} `;
  } catch {
    return `${code} `;
  }
}

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** A calendar day ("2026-01-31") or a timestamp shown as a date; "—" when absent. */
export function formatDay(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : dayFormat.format(date);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Value for `<input type="date">` in local time. */
export function toDateInput(value: Date | string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Value for `<input type="datetime-local">` in local time. */
export function toDateTimeInput(value: Date | string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${toDateInput(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A day picked in a date input, as local noon (so no time zone moves it to another day). */
export function fromDateInput(value: string): string | null {
  return value ? `${value}T12:00:00` : null;
}

/** "in 3 days", "2 days ago", "today". */
export function formatRelativeDays(value: Date | string, now = new Date()): string {
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((start(new Date(value)) - start(now)) / 86_400_000);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Ends a message with a full stop unless it already ends a sentence: server messages ("Application not found") come without one. */
export function asSentence(message: string): string {
  const text = message.trim();
  return !text || /[.!?…]["”’)]?$/.test(text) ? text : `${text}.`;
}

/** The toast after a restore: counts grouped like the rest of the app ("5,007 jobs"), empty kinds left out. */
export function restoreSummary(counts: { jobs: number; applications: number; statusChanges: number; skills: number }): string {
  const parts = [
    counts.jobs ? plural(counts.jobs, 'job') : null,
    counts.applications ? plural(counts.applications, 'application') : null,
    counts.statusChanges ? plural(counts.statusChanges, 'status change') : null,
    counts.skills ? plural(counts.skills, 'skill') : null,
  ].filter((part): part is string => part !== null);
  if (!parts.length) return 'The backup held no jobs, applications or skills.';
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
  return `Restored ${list}.`;
}

/**
 * A job's link when it is http(s), else null: every write path refuses other schemes, and this
 * keeps a link stored before that (an early import took any text) from becoming a `javascript:` href.
 */
export function postingLink(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}
