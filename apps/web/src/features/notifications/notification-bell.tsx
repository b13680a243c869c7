import { Link } from '@tanstack/react-router';
import { Button } from '@tessera/ui/button';
import { Popover, PopoverContent, PopoverTrigger } from '@tessera/ui/popover';
import { Skeleton } from '@tessera/ui/skeleton';
import { Bell, BellOff, Settings } from 'lucide-react';
import { useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { useSession } from '../../lib/session';
import { bellLabel } from './format';
import { NotificationSummary } from './notification-row';
import { UnreadBadge } from './unread-badge';
import {
  useMarkAllRead,
  useNotificationList,
  useSetRead,
  useUnreadCount,
} from './use-notifications';
import { useNotificationStream } from './use-notification-stream';

const latestCount = 6;

/** The top bar's bell, for signed-in people only: live unread count, latest few in a dropdown. */
export function NotificationBell() {
  const { user } = useSession();
  if (!user) return null;
  return <SignedInBell />;
}

function SignedInBell() {
  const [open, setOpen] = useState(false);
  useNotificationStream();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          aria-label={bellLabel(count)}
          title="Notifications"
          className="relative"
          data-testid="notification-bell"
        >
          <Bell aria-hidden="true" />
          <UnreadBadge count={count} />
        </Button>
      </PopoverTrigger>
      <PopoverContent aria-label="Latest notifications" className="w-96 p-0">
        <LatestNotifications unreadCount={count} onNavigate={() => setOpen(false)} />
      </PopoverContent>
    </Popover>
  );
}

function LatestNotifications({
  unreadCount,
  onNavigate,
}: {
  unreadCount: number;
  onNavigate: () => void;
}) {
  const latest = useNotificationList({ limit: latestCount });
  const markAll = useMarkAllRead();
  const { markRead } = useSetRead();
  return (
    <div className="flex max-h-[min(32rem,80vh)] flex-col">
      <div className="flex items-center justify-between gap-2 border-b border-border px-4 py-3">
        <h2 className="text-sm font-semibold">Notifications</h2>
        <Button
          variant="ghost"
          size="sm"
          disabled={unreadCount === 0 || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all read
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {latest.isPending ? (
          <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading notifications">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-3/4" />
          </div>
        ) : latest.isError ? (
          <div className="p-3">
            <ErrorAlert error={latest.error} onRetry={() => void latest.refetch()} />
          </div>
        ) : latest.data.items.length === 0 ? (
          <div className="flex flex-col items-center gap-2 px-6 py-10 text-center">
            <BellOff aria-hidden="true" className="size-5 text-muted-foreground" />
            <p className="text-sm font-medium">You are all caught up</p>
            <p className="text-xs text-muted-foreground">
              Status changes, interview reminders, new jobs matching your saved searches and sign-ins from new devices show up here.
            </p>
          </div>
        ) : (
          <ul aria-label="Latest notifications" className="divide-y divide-border">
            {latest.data.items.map((notification) => (
              <li key={notification.id} className="px-4 py-3 hover:bg-muted/50">
                <NotificationSummary
                  compact
                  notification={notification}
                  onOpen={() => {
                    if (notification.readAt === null) markRead.mutate({ id: notification.id });
                    onNavigate();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="flex items-center justify-between gap-2 border-t border-border px-2 py-2">
        <Button variant="ghost" size="sm" asChild>
          <Link to="/notifications" onClick={onNavigate}>
            View all
          </Link>
        </Button>
        <Button variant="ghost" size="sm" asChild>
          <Link to="/notifications/preferences" onClick={onNavigate}>
            <Settings aria-hidden="true" />
            Preferences
          </Link>
        </Button>
      </div>
    </div>
  );
}
