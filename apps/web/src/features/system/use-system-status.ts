import { trpc } from '../../lib/trpc';

export const statusRefreshMs = 5000;

/** Live system status, refreshed every 5 seconds. */
export function useSystemStatus() {
  return trpc.system.status.useQuery(undefined, {
    refetchInterval: statusRefreshMs,
    staleTime: 0,
    retry: 1,
  });
}
