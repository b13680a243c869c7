/**
 * Notifications that echo what this tab has just done: moving an application sends the person a
 * "…: interviewing" notification, but the screen that moved it already said so. Such a notification
 * still reaches the bell and the notification center; only its toast is left out, so one action
 * shows one toast. Another tab, or a change made elsewhere, still toasts.
 */

/** A notification arrives through the queue within seconds; one later than this is not an echo. */
const echoWindowMs = 30_000;

type Expected = { type: string; link: string | null; until: number };
let expected: Expected[] = [];

/**
 * Say that an action is under way whose notification will echo it. Call before sending the
 * mutation: the notification can arrive before the mutation's own answer. `link` is the API's
 * link for the record (`/tracker/applications/<id>`), or null when the id is not known yet (a
 * new application): then the next notification of that type is taken as the echo.
 */
export function expectEcho(type: string, links: (string | null)[], now = Date.now()): void {
  expected = [...expected.filter((e) => e.until > now), ...links.map((link) => ({ type, link, until: now + echoWindowMs }))];
}

/** Whether this notification echoes an expected action; a match is used up. */
export function isEcho(notification: { type: string; link: string | null }, now = Date.now()): boolean {
  expected = expected.filter((e) => e.until > now);
  let index = expected.findIndex((e) => e.type === notification.type && e.link !== null && e.link === notification.link);
  if (index < 0) index = expected.findIndex((e) => e.type === notification.type && e.link === null);
  if (index < 0) return false;
  expected = expected.filter((_, i) => i !== index);
  return true;
}

/** The API's link for an application (what its notifications carry). */
export const applicationLink = (id: string) => `/tracker/applications/${id}`;
