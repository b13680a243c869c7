/** Dates, times and roles as every screen shows them: one place, so all screens agree. */
import type { UserRole } from '@tessera/validation/auth';

const roleLabels: Record<UserRole, string> = { admin: 'Admin', client: 'Client', user: 'User' };

export function roleLabel(role: UserRole): string {
  return roleLabels[role];
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const asDate = (value: Date | string | null | undefined): Date | null => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** "Mar 10, 2025, 12:00 PM"; "—" when absent or not a date. */
export function formatDateTime(value: Date | string | null | undefined, locale?: string): string {
  const date = asDate(value);
  if (!date) return '—';
  return (locale ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }) : dateTime).format(date);
}

/** "Mar 10, 2025"; "—" when absent or not a date. */
export function formatDate(value: Date | string | null | undefined): string {
  const date = asDate(value);
  return date ? dateOnly.format(date) : '—';
}

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", "in 3 days", "3 weeks ago", "2 months ago". */
export function formatRelative(value: Date | string, now: Date = new Date(), locale?: string): string {
  const seconds = Math.round((new Date(value).getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const format = locale ? new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }) : relative;
  const [unit, size] = relativeUnits.find(([, size]) => Math.abs(seconds) >= size) ?? ['minute', 60];
  return format.format(Math.round(seconds / size), unit);
}

/**
 * "Chrome on Linux" from a user agent, for lists where the API has only the raw string. Rough on
 * purpose (the API stores a proper description for sessions); unknown agents show their first word.
 */
export function briefUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux|X11/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  return /^([\w.-]+)/.exec(userAgent)?.[1]?.slice(0, 40) ?? 'Unknown device';
}
