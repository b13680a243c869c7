import { trpc } from './trpc';

/**
 * The signed-in user (or null), shared by every screen through the query cache. Sign-in,
 * sign-out and profile changes invalidate `auth.me`, so everything re-renders with the change.
 */
export function useSession() {
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 30_000 });
  return {
    isLoading: me.isLoading,
    user: me.data?.user ?? null,
    sessionId: me.data?.sessionId ?? null,
    error: me.error,
    refetch: me.refetch,
  };
}
