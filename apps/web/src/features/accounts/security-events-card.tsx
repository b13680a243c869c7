import { Badge } from '@tessera/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { EmptyState } from '@tessera/ui/empty-state';
import { Skeleton } from '@tessera/ui/skeleton';
import { History } from 'lucide-react';
import { auditEventDetail, auditEventLabel, auditEventTone } from '../../lib/audit-events';
import { ErrorAlert } from '../../lib/error-alert';
import { briefUserAgent, formatDateTime, formatRelative } from '../../lib/format';
import { trpc } from '../../lib/trpc';

/** The signed-in user's own security events (sign-ins, failures, password changes, tokens…). */
export function SecurityEventsCard() {
  const events = trpc.auth.securityEvents.useQuery({ limit: 50 });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent security activity</CardTitle>
        <CardDescription>
          The last 50 events on your account. Something you did not do? Change your password and
          revoke the sessions you do not recognise.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {events.isLoading ? (
          <div
            aria-busy="true"
            aria-label="Loading security activity"
            className="flex flex-col gap-2"
          >
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : events.error ? (
          <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
        ) : events.data?.length === 0 ? (
          <EmptyState
            icon={<History />}
            title="No activity yet"
            description="Sign-ins, password changes and new tokens will be listed here."
          />
        ) : (
          <ol aria-label="Security activity" className="flex flex-col divide-y divide-border">
            {events.data?.map((event) => {
              const detail = auditEventDetail(event.type, event.metadata);
              return (
                <li
                  key={event.id}
                  data-testid="security-event"
                  className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:gap-4"
                >
                  <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
                    <Badge tone={auditEventTone(event.type)}>{auditEventLabel(event.type)}</Badge>
                    {detail ? (
                      <span className="text-sm text-muted-foreground">{detail}</span>
                    ) : null}
                  </div>
                  <div className="flex flex-wrap gap-x-3 text-xs text-muted-foreground">
                    <span title={event.userAgent ?? undefined}>
                      {briefUserAgent(event.userAgent)}
                    </span>
                    {event.ipAddress ? <span className="font-mono">{event.ipAddress}</span> : null}
                    <time
                      dateTime={new Date(event.createdAt).toISOString()}
                      title={formatDateTime(event.createdAt)}
                    >
                      {formatRelative(event.createdAt)}
                    </time>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
