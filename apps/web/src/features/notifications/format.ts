import { notificationTypeLabels } from '@tessera/validation/notifications';

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
