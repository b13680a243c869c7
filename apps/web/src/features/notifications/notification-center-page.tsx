import { Link } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card } from '@tessera/ui/card';
import { Checkbox } from '@tessera/ui/checkbox';
import { cn } from '@tessera/ui/cn';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@tessera/ui/dialog';
import { EmptyState } from '@tessera/ui/empty-state';
import { Pagination } from '@tessera/ui/pagination';
import { Select } from '@tessera/ui/select';
import { Skeleton } from '@tessera/ui/skeleton';
import { useToast } from '@tessera/ui/toast';
import { type NotificationType, notificationTypes } from '@tessera/validation/notifications';
import { BellOff, CheckCheck, Mail, MailOpen, Settings, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { useDocumentTitle } from '../../lib/use-document-title';
import { typeLabel } from './format';
import { NotificationSummary } from './notification-row';
import {
  type NotificationItem,
  useDeleteNotifications,
  useMarkAllRead,
  useNotificationList,
  useSetRead,
  useUnreadCount,
} from './use-notifications';

const pageSize = 20;

type ReadFilter = 'all' | 'unread';

/** `/notifications`: everything the person was notified about, to filter, mark and clear. */
export function NotificationCenterPage() {
  useDocumentTitle('Notifications');
  const [readFilter, setReadFilter] = useState<ReadFilter>('all');
  const [type, setType] = useState<NotificationType | ''>('');
  // Cursor pagination: the cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirmOpen, setConfirmOpen] = useState(false);
  const { toast } = useToast();

  const list = useNotificationList({
    unreadOnly: readFilter === 'unread',
    type: type || undefined,
    cursor,
    limit: pageSize,
  });
  const unread = useUnreadCount();
  const markAll = useMarkAllRead();
  const { markRead, markUnread } = useSetRead();
  const { remove, bulkRemove } = useDeleteNotifications();

  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const selectedOnPage = items.filter((item) => selected.has(item.id));
  const allSelected = items.length > 0 && selectedOnPage.length === items.length;

  const resetPaging = () => {
    setCursors([undefined]);
    setSelected(new Set());
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const deleteSelected = () => {
    const ids = selectedOnPage.map((item) => item.id);
    setConfirmOpen(false);
    bulkRemove.mutate(
      { ids },
      {
        onSuccess: ({ deleted }) => {
          setSelected(new Set());
          toast({
            title: `Deleted ${deleted} notification${deleted === 1 ? '' : 's'}`,
            tone: 'success',
          });
        },
        onError: (error) =>
          toast({ title: 'Nothing was deleted', description: error.message, tone: 'error' }),
      },
    );
  };

  const filtered = readFilter === 'unread' || type !== '';
  const unreadCount = unread.data?.count ?? 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
          <p className="text-sm text-muted-foreground">
            {unreadCount > 0 ? `${unreadCount} unread.` : 'Nothing unread.'} Updates arrive here
            live, in every open tab.
          </p>
        </div>
        <Button variant="secondary" size="sm" asChild>
          <Link to="/notifications/preferences">
            <Settings aria-hidden="true" />
            Preferences
          </Link>
        </Button>
      </div>

      <Card className="overflow-hidden">
        <div className="flex flex-wrap items-center gap-3 border-b border-border px-4 py-3">
          <div
            role="group"
            aria-label="Show"
            className="inline-flex rounded-lg border border-border bg-subtle p-0.5"
          >
            {(['all', 'unread'] as const).map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={readFilter === value}
                onClick={() => {
                  setReadFilter(value);
                  resetPaging();
                }}
                className={cn(
                  'h-7 rounded-md px-3 text-sm font-medium text-muted-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring',
                  'aria-pressed:bg-surface aria-pressed:text-foreground aria-pressed:shadow-xs',
                )}
              >
                {value === 'all' ? 'All' : 'Unread'}
              </button>
            ))}
          </div>
          <label className="flex items-center gap-2 text-sm">
            <span className="text-muted-foreground">Type</span>
            <Select
              value={type}
              onChange={(event) => {
                setType(event.target.value as NotificationType | '');
                resetPaging();
              }}
              className="h-8 w-auto"
            >
              <option value="">All types</option>
              {notificationTypes.map((value) => (
                <option key={value} value={value}>
                  {typeLabel(value)}
                </option>
              ))}
            </Select>
          </label>
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto"
            disabled={unreadCount === 0 || markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, {
                onError: (error) =>
                  toast({
                    title: 'Could not mark all read',
                    description: error.message,
                    tone: 'error',
                  }),
              })
            }
          >
            <CheckCheck aria-hidden="true" />
            Mark all read
          </Button>
        </div>

        {items.length > 0 ? (
          <div className="flex min-h-12 flex-wrap items-center gap-3 border-b border-border bg-subtle/60 px-4 py-2">
            <label className="flex items-center gap-2 text-sm">
              <Checkbox
                aria-label="Select all on this page"
                checked={allSelected ? true : selectedOnPage.length > 0 ? 'indeterminate' : false}
                onCheckedChange={(value) =>
                  setSelected(value === true ? new Set(items.map((item) => item.id)) : new Set())
                }
              />
              <span className="text-muted-foreground" aria-live="polite">
                {selectedOnPage.length > 0 ? `${selectedOnPage.length} selected` : 'Select'}
              </span>
            </label>
            {selectedOnPage.length > 0 ? (
              <Button
                variant="danger"
                size="sm"
                className="ml-auto"
                loading={bulkRemove.isPending}
                onClick={() => setConfirmOpen(true)}
              >
                <Trash2 aria-hidden="true" />
                Delete selected
              </Button>
            ) : null}
          </div>
        ) : null}

        {list.isPending ? (
          <div className="space-y-4 p-4" aria-busy="true" aria-label="Loading notifications">
            {[0, 1, 2, 3].map((row) => (
              <div key={row} className="flex gap-3">
                <Skeleton className="size-4" />
                <div className="flex-1 space-y-2">
                  <Skeleton className="h-4 w-1/3" />
                  <Skeleton className="h-4 w-2/3" />
                </div>
              </div>
            ))}
          </div>
        ) : list.isError ? (
          <div className="p-4">
            <ErrorAlert
              title="Could not load notifications"
              error={list.error}
              onRetry={() => void list.refetch()}
            />
          </div>
        ) : items.length === 0 ? (
          <div className="p-4">
            {filtered ? (
              <EmptyState
                icon={<BellOff />}
                title="Nothing matches these filters"
                description={
                  readFilter === 'unread'
                    ? 'You have read everything here.'
                    : 'No notifications of this type yet.'
                }
                action={
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => {
                      setReadFilter('all');
                      setType('');
                      resetPaging();
                    }}
                  >
                    Show all notifications
                  </Button>
                }
              />
            ) : (
              <EmptyState
                icon={<BellOff />}
                title="No notifications yet"
                description="Tessera tells you here when an application changes status, before an interview, when a new job matches a saved search, and when someone signs in from a new device."
                action={
                  <Button variant="secondary" size="sm" asChild>
                    <Link to="/notifications/preferences">Choose what you get</Link>
                  </Button>
                }
              />
            )}
          </div>
        ) : (
          <ul
            aria-label="Notifications"
            aria-busy={list.isFetching}
            className="divide-y divide-border"
          >
            {items.map((notification) => (
              <NotificationListItem
                key={notification.id}
                notification={notification}
                selected={selected.has(notification.id)}
                onSelect={(on) => toggle(notification.id, on)}
                onToggleRead={() =>
                  (notification.readAt === null ? markRead : markUnread).mutate(
                    { id: notification.id },
                    {
                      onError: (error) =>
                        toast({
                          title: 'Could not update it',
                          description: error.message,
                          tone: 'error',
                        }),
                    },
                  )
                }
                onOpen={() => {
                  if (notification.readAt === null) markRead.mutate({ id: notification.id });
                }}
                onDelete={() =>
                  remove.mutate(
                    { id: notification.id },
                    {
                      onError: (error) =>
                        toast({
                          title: 'Could not delete it',
                          description: error.message,
                          tone: 'error',
                        }),
                    },
                  )
                }
              />
            ))}
          </ul>
        )}

        {cursors.length > 1 || list.data?.nextCursor ? (
          <Pagination
            className="border-t border-border px-4 py-3"
            label="Notification pages"
            hasPrevious={cursors.length > 1}
            hasNext={Boolean(list.data?.nextCursor)}
            loading={list.isFetching}
            info={`Page ${cursors.length}`}
            onPrevious={() => {
              setCursors((current) => current.slice(0, -1));
              setSelected(new Set());
            }}
            onNext={() => {
              const next = list.data?.nextCursor;
              if (next) setCursors((current) => [...current, next]);
              setSelected(new Set());
            }}
          />
        ) : null}
      </Card>

      <Dialog open={confirmOpen} onOpenChange={setConfirmOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>
              Delete {selectedOnPage.length} notification{selectedOnPage.length === 1 ? '' : 's'}?
            </DialogTitle>
            <DialogDescription>They are removed for good; this cannot be undone.</DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant="danger" onClick={deleteSelected}>
              Delete
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}

function NotificationListItem({
  notification,
  selected,
  onSelect,
  onToggleRead,
  onOpen,
  onDelete,
}: {
  notification: NotificationItem;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onToggleRead: () => void;
  onOpen: () => void;
  onDelete: () => void;
}) {
  const unread = notification.readAt === null;
  return (
    <li
      className={cn(
        'flex items-start gap-3 px-4 py-3',
        unread && 'bg-primary/[0.03]',
        selected && 'bg-muted/60',
      )}
      data-testid="notification-item"
    >
      <Checkbox
        className="mt-1"
        checked={selected}
        onCheckedChange={(value) => onSelect(value === true)}
        aria-label={`Select “${notification.title}”`}
      />
      <div className="flex min-w-0 flex-1 flex-col gap-1.5 sm:flex-row sm:items-start sm:gap-3">
        <NotificationSummary notification={notification} onOpen={onOpen} />
        <Badge tone="neutral" className="self-start sm:mt-0.5">
          {typeLabel(notification.type)}
        </Badge>
      </div>
      <div className="flex shrink-0 items-center">
        <Button
          variant="ghost"
          size="icon"
          aria-label={
            unread ? `Mark “${notification.title}” read` : `Mark “${notification.title}” unread`
          }
          title={unread ? 'Mark read' : 'Mark unread'}
          onClick={onToggleRead}
        >
          {unread ? <MailOpen aria-hidden="true" /> : <Mail aria-hidden="true" />}
        </Button>
        <Button
          variant="ghost"
          size="icon"
          aria-label={`Delete “${notification.title}”`}
          title="Delete"
          onClick={onDelete}
        >
          <Trash2 aria-hidden="true" />
        </Button>
      </div>
    </li>
  );
}
