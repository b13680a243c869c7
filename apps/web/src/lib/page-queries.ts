import { type ApplicationStatus, applicationStatusValues } from '@tessera/validation/tracker';
import type { RouterInputs, TrpcUtils } from './trpc';

/**
 * The first requests of pages whose data the router starts fetching (route `loader`s in
 * app/router.tsx) while the page's code is still downloading, instead of after it has loaded and
 * rendered. The pages build their query inputs with the same functions, so the prefetched entries
 * are the ones their hooks read (a different input would be a second request, not a cache hit).
 * Nothing here renders data: the pages still sit behind the sign-in guard.
 */

/** Cards per board column before "Show more". */
export const boardPageSize = 20;

/** The board's query for one column (`q`: the trimmed search, '' for none). */
export function boardColumnInput(status: ApplicationStatus, q: string, limit = boardPageSize): RouterInputs['tracker']['applications']['list'] {
  return { status: [status], search: q || undefined, sort: 'updatedAt', direction: 'desc', limit };
}

/** Whole local days up to the end of today, `days` long: the analytics trends window. */
export function trendsWindow(days: number, now = new Date()): { from: Date; to: Date } {
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 23, 59, 59, 999);
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - days + 1);
  return { from, to };
}

/** The analytics page's opening range: the last 12 weeks, week by week. */
export const defaultTrendsRange = { days: 84, granularity: 'week' } as const;

export const skillGapLimit = 12;

/** A visitor the app already knows is signed out gets no private requests (hovering a link, say). */
function signedOut(utils: TrpcUtils): boolean {
  return utils.auth.me.getData() === null;
}

/** The pipeline board's columns (and whether any job exists, for its empty state). */
export function prefetchBoard(utils: TrpcUtils, q: string): void {
  if (signedOut(utils)) return;
  for (const status of applicationStatusValues) void utils.tracker.applications.list.prefetch(boardColumnInput(status, q));
  void utils.tracker.jobs.list.prefetch({ limit: 1 });
}

/** The analytics page: summary, the default trends window and the skill gap. */
export function prefetchAnalytics(utils: TrpcUtils): void {
  if (signedOut(utils)) return;
  void utils.tracker.analytics.summary.prefetch({});
  void utils.tracker.analytics.trends.prefetch({ ...trendsWindow(defaultTrendsRange.days), granularity: defaultTrendsRange.granularity });
  void utils.tracker.analytics.skillGap.prefetch({ limit: skillGapLimit });
}
