import { type QueryClient, type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useSession } from './session';
import { trpc } from './trpc';

/**
 * Which cached procedures an entity named by `live.onChange` affects, as tRPC query-key path
 * prefixes (`['tracker', 'jobs']` matches `tracker.jobs.list`, `tracker.jobs.get`, …).
 */
const affectedPaths: Record<string, readonly (readonly string[])[]> = {
  notifications: [['notifications']],
  jobs: [['tracker', 'jobs']],
  applications: [['tracker', 'applications']],
  analytics: [['tracker', 'analytics']],
  skills: [['tracker', 'skills']],
  characters: [['characters']],
};

/** Path prefixes to invalidate for a change; `null` means everything (`*` or an entity we do not know). */
export function pathsToInvalidate(entities: readonly string[]): (readonly string[])[] | null {
  const paths: (readonly string[])[] = [];
  for (const entity of entities) {
    const known = affectedPaths[entity];
    if (!known) return null;
    paths.push(...known);
  }
  return paths;
}

/** Whether a TanStack Query key made by tRPC (`[['tracker','jobs','list'], { input, type }]`) lies under `path`. */
export function queryKeyUnder(queryKey: QueryKey, path: readonly string[]): boolean {
  const procedurePath = queryKey[0];
  if (!Array.isArray(procedurePath)) return false;
  return path.every((segment, index) => procedurePath[index] === segment);
}

/** Mark the queries a change affects stale; the ones on screen refetch at once. */
export async function invalidateForChange(
  queryClient: QueryClient,
  entities: readonly string[],
): Promise<void> {
  if (entities.length === 0) return;
  const paths = pathsToInvalidate(entities);
  if (paths === null) {
    await queryClient.invalidateQueries();
    return;
  }
  await queryClient.invalidateQueries({
    predicate: (query) => paths.some((path) => queryKeyUnder(query.queryKey, path)),
  });
}

/**
 * Keeps this tab's caches in step with changes made elsewhere (another tab, another device, a
 * background job): one `live.onChange` subscription while signed in. Mount it once, in the layout.
 * After a reconnect the server answers `*` (changes may have been missed), which refetches all.
 */
export function useLiveInvalidation(): void {
  const { user } = useSession();
  const queryClient = useQueryClient();
  trpc.live.onChange.useSubscription(undefined, {
    enabled: user !== null,
    onData: (event) => void invalidateForChange(queryClient, event.data.entities),
  });
}
