import { notificationTypeLabels } from '@tessera/validation/notifications';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function timeAgo(at: Date, now: Date = new Date(), locale?: string): string {
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60), 'minute');
}

/** The full date and time, for a tooltip next to the relative one. */
export function fullTime(at: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

export function typeLabel(type: string): string {
  return (
    (notificationTypeLabels as Partial<Record<string, { label: string }>>)[type]?.label ?? type
  );
}

/** The badge's text: the count, capped so the bell stays small. */
export function badgeText(count: number): string | null {
  if (count <= 0) return null;
  return count > 99 ? '99+' : String(count);
}

/** The bell's accessible name, which carries the count a sighted user reads from the badge. */
export function bellLabel(count: number): string {
  if (count <= 0) return 'Notifications, none unread';
  return `Notifications, ${count} unread`;
}

/**
 * Only links into this app are followed (they always start with one `/`); anything else is shown
 * without a link rather than sending someone to another site.
 */
export function internalLink(link: string | null | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null;
  for (const [pattern, to] of screenFor) {
    const match = pattern.exec(link);
    if (match) return to(match);
  }
  return link;
}

/**
 * Where the API's notification links open in this app. The API names the thing
 * (`/tracker/applications/<id>`); the app shows an application in the board's drawer and sessions
 * on the security page. Links that already match a screen pass through unchanged.
 */
const screenFor: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^\/tracker\/applications\/([0-9a-f-]{36})$/i, (match) => `/tracker?app=${match[1]!}`],
  [/^\/tracker\/jobs\/[0-9a-f-]{36}$/i, () => '/tracker/jobs'],
  [/^\/settings\/sessions$/, () => '/account/security'],
];
