import { keepPreviousData, type QueryClient, useQueryClient } from '@tanstack/react-query';
import type { ListNotificationsInput } from '@tessera/validation/notifications';
import { queryKeyUnder } from '../../lib/live-invalidation';
import { type RouterOutputs, trpc } from '../../lib/trpc';

export type NotificationPage = RouterOutputs['notifications']['list'];
export type NotificationItem = NotificationPage['items'][number];

const listPath = ['notifications', 'list'] as const;
const countPath = ['notifications', 'unreadCount'] as const;

export function useUnreadCount(enabled = true) {
  return trpc.notifications.unreadCount.useQuery(undefined, { enabled, staleTime: 30_000 });
}

export function useNotificationList(
  input: ListNotificationsInput,
  options: { enabled?: boolean } = {},
) {
  return trpc.notifications.list.useQuery(input, {
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

interface Snapshot {
  lists: [readonly unknown[], NotificationPage | undefined][];
  count: [readonly unknown[], { count: number } | undefined][];
}

/** Apply a change to every cached page and the unread count at once; returns what to roll back to. */
async function optimistic(
  queryClient: QueryClient,
  change: {
    items: (items: NotificationItem[]) => NotificationItem[];
    count: (count: number, before: NotificationItem[]) => number;
  },
): Promise<Snapshot> {
  const lists = {
    predicate: (q: { queryKey: readonly unknown[] }) => queryKeyUnder(q.queryKey, listPath),
  };
  const counts = {
    predicate: (q: { queryKey: readonly unknown[] }) => queryKeyUnder(q.queryKey, countPath),
  };
  await Promise.all([queryClient.cancelQueries(lists), queryClient.cancelQueries(counts)]);
  const snapshot: Snapshot = {
    lists: queryClient.getQueriesData<NotificationPage>(lists),
    count: queryClient.getQueriesData<{ count: number }>(counts),
  };
  // All items the caches know, to judge how the unread count moves.
  const known = new Map<string, NotificationItem>();
  for (const [, page] of snapshot.lists)
    for (const item of page?.items ?? []) known.set(item.id, item);
  queryClient.setQueriesData<NotificationPage>(lists, (page) =>
    page ? { ...page, items: change.items(page.items) } : page,
  );
  queryClient.setQueriesData<{ count: number }>(counts, (current) =>
    current ? { count: Math.max(0, change.count(current.count, [...known.values()])) } : current,
  );
  return snapshot;
}

function rollback(queryClient: QueryClient, snapshot: Snapshot | undefined) {
  if (!snapshot) return;
  for (const [key, data] of snapshot.lists) queryClient.setQueryData(key, data);
  for (const [key, data] of snapshot.count) queryClient.setQueryData(key, data);
}

/**
 * Mark one read or unread: the bell and every open list change at once, and go back if the
 * server refuses. Afterwards the lists refetch (an "unread" filter drops a read item then).
 */
export function useSetRead() {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const settle = { onSettled: () => void utils.notifications.invalidate() };
  const toggle = (read: boolean) => ({
    onMutate: ({ id }: { id: string }) =>
      optimistic(queryClient, {
        items: (items) =>
          items.map((item) =>
            item.id === id ? { ...item, readAt: read ? (item.readAt ?? new Date()) : null } : item,
          ),
        count: (count, before) => {
          const item = before.find((candidate) => candidate.id === id);
          if (!item || (item.readAt !== null) === read) return count;
          return read ? count - 1 : count + 1;
        },
      }),
    onError: (_error: unknown, _input: unknown, snapshot: Snapshot | undefined) =>
      rollback(queryClient, snapshot),
    ...settle,
  });
  const markRead = trpc.notifications.markRead.useMutation(toggle(true));
  const markUnread = trpc.notifications.markUnread.useMutation(toggle(false));
  return { markRead, markUnread };
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  return trpc.notifications.markAllRead.useMutation({
    onMutate: () =>
      optimistic(queryClient, {
        items: (items) =>
          items.map((item) => (item.readAt ? item : { ...item, readAt: new Date() })),
        count: () => 0,
      }),
    onError: (_error, _input, snapshot) => rollback(queryClient, snapshot),
    onSettled: () => void utils.notifications.invalidate(),
  });
}

/** Delete one or many (all or nothing on the server); they disappear at once and come back on failure. */
export function useDeleteNotifications() {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const removeIds = (ids: readonly string[]) =>
    optimistic(queryClient, {
      items: (items) => items.filter((item) => !ids.includes(item.id)),
      count: (count, before) =>
        count - before.filter((item) => ids.includes(item.id) && item.readAt === null).length,
    });
  const remove = trpc.notifications.delete.useMutation({
    onMutate: ({ id }) => removeIds([id]),
    onError: (_error, _input, snapshot) => rollback(queryClient, snapshot),
    onSettled: () => void utils.notifications.invalidate(),
  });
  const bulkRemove = trpc.notifications.bulkDelete.useMutation({
    onMutate: ({ ids }) => removeIds(ids),
    onError: (_error, _input, snapshot) => rollback(queryClient, snapshot),
    onSettled: () => void utils.notifications.invalidate(),
  });
  return { remove, bulkRemove };
}
