import { useCallback } from 'react';
import { trpc, type TrpcUtils } from './trpc';

/** How long an answer of `auth.me` is used before asking again. */
const sessionStaleTime = 30_000;

/**
 * Starts reading the session before anything renders (the router's root loader): guarded pages
 * then know who is signed in by the time their code has loaded, instead of asking only after.
 */
export function prefetchSession(utils: TrpcUtils): Promise<void> {
  return utils.auth.me.prefetch(undefined, { staleTime: sessionStaleTime });
}

/**
 * The signed-in user (or null), shared by every screen through the query cache. Sign-in,
 * sign-out and profile changes invalidate `auth.me`, so everything re-renders with the change.
 */
export function useSession() {
  const me = trpc.auth.me.useQuery(undefined, { staleTime: sessionStaleTime });
  return {
    isLoading: me.isLoading,
    user: me.data?.user ?? null,
    sessionId: me.data?.sessionId ?? null,
    error: me.error,
    refetch: me.refetch,
  };
}

/**
 * Reads the session again after the server changed it (email confirmed, password reset). Not a
 * plain `invalidate`: TanStack Query reuses a fetch still in flight when the query has no data yet
 * — the first `auth.me` of a page opened from an email link — and that answer predates the change
 * (the "confirm your email" banner stayed for the 30 s stale time). Cancel it, then fetch anew.
 */
export function useRefreshSession() {
  const utils = trpc.useUtils();
  return useCallback(async () => {
    await utils.auth.me.cancel();
    await utils.auth.me.invalidate();
  }, [utils]);
}
