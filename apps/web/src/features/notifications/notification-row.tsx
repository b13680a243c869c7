import { cn } from '@tessera/ui/cn';
import { AppLink } from './app-link';
import { formatDateTime, formatRelative } from '../../lib/format';
import { internalLink } from './format';
import type { NotificationItem } from './use-notifications';

/** Title (linked into the app when it has a link), body and time; an unread dot while unread. */
export function NotificationSummary({
  notification,
  onOpen,
  compact,
}: {
  notification: NotificationItem;
  /** Called when the link is followed (mark it read, close the dropdown). */
  onOpen?: () => void;
  compact?: boolean;
}) {
  const unread = notification.readAt === null;
  const link = internalLink(notification.link);
  const title = (
    <span
      className={cn(
        'text-sm',
        unread ? 'font-semibold text-foreground' : 'font-medium text-foreground/90',
      )}
    >
      {notification.title}
    </span>
  );
  return (
    <div className="flex min-w-0 flex-1 gap-2.5">
      <span
        aria-hidden="true"
        className={cn(
          'mt-1.5 size-2 shrink-0 rounded-full',
          unread ? 'bg-primary' : 'bg-transparent',
        )}
      />
      <div className="min-w-0 flex-1">
        {link ? (
          <AppLink
            href={link}
            onClick={onOpen}
            className="rounded-sm outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
          >
            {title}
          </AppLink>
        ) : (
          title
        )}
        {unread ? <span className="sr-only"> (unread)</span> : null}
        {notification.body ? (
          <p
            className={cn(
              'text-sm text-muted-foreground',
              compact ? 'line-clamp-2' : 'break-words',
            )}
          >
            {notification.body}
          </p>
        ) : null}
        <time
          dateTime={notification.createdAt.toISOString()}
          title={formatDateTime(notification.createdAt)}
          className="text-xs text-muted-foreground"
        >
          {formatRelative(notification.createdAt)}
        </time>
      </div>
    </div>
  );
}
