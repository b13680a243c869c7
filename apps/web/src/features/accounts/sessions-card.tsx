import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { ConfirmDialog } from '@tessera/ui/confirm-dialog';
import { Skeleton } from '@tessera/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@tessera/ui/table';
import { useToast } from '@tessera/ui/toast';
import { Monitor } from 'lucide-react';
import { useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime, formatRelative } from '../../lib/format';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useAfterSignOut } from './use-sign-out';

type SessionRow = RouterOutputs['auth']['sessions']['list'][number];

/** Sessions of the signed-in user, newest activity first; revoke any (this one signs out). */
export function SessionsCard() {
  const sessions = trpc.auth.sessions.list.useQuery();
  const utils = trpc.useUtils();
  const { toast } = useToast();
  const afterSignOut = useAfterSignOut();
  const [confirmCurrent, setConfirmCurrent] = useState<SessionRow | null>(null);

  const revoke = trpc.auth.sessions.revoke.useMutation({
    onMutate: async ({ id }) => {
      // Others disappear at once; put them back if the API refuses.
      await utils.auth.sessions.list.cancel();
      const previous = utils.auth.sessions.list.getData();
      const current = previous?.find((row) => row.id === id)?.current ?? false;
      if (!current)
        utils.auth.sessions.list.setData(undefined, (rows) => rows?.filter((row) => row.id !== id));
      return { previous, current };
    },
    onError: (error, _input, context) => {
      if (context?.previous) utils.auth.sessions.list.setData(undefined, context.previous);
      toast({ title: 'Could not revoke the session', description: error.message, tone: 'error' });
    },
    onSuccess: async (_data, _input, context) => {
      if (context?.current) {
        setConfirmCurrent(null);
        await afterSignOut();
        toast({
          title: 'Signed out',
          description: 'You revoked the session of this device.',
          tone: 'success',
        });
        return;
      }
      toast({
        title: 'Session revoked',
        description: 'That device is signed out.',
        tone: 'success',
      });
      void utils.auth.securityEvents.invalidate();
    },
    onSettled: (_data, _error, _input, context) => {
      if (!context?.current) void utils.auth.sessions.list.invalidate();
    },
  });

  const others = sessions.data?.filter((row) => !row.current).length ?? 0;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Where you are signed in</CardTitle>
        <CardDescription>
          Revoke a session you do not recognise: that device is signed out on its next request.
          {others > 0 ? ` ${others} other session${others === 1 ? '' : 's'}.` : ''}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {sessions.isLoading ? (
          <div aria-busy="true" aria-label="Loading sessions" className="flex flex-col gap-2">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : sessions.error ? (
          <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <Table aria-label="Sessions">
            <TableHeader>
              <TableRow>
                <TableHead>Device</TableHead>
                <TableHead>IP address</TableHead>
                <TableHead>Signed in</TableHead>
                <TableHead>Last seen</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sessions.data?.map((row) => (
                <TableRow
                  key={row.id}
                  data-testid="session-row"
                  data-current={row.current || undefined}
                >
                  <TableCell>
                    <span className="flex items-center gap-2" title={row.userAgent ?? undefined}>
                      <Monitor
                        aria-hidden="true"
                        className="size-4 shrink-0 text-muted-foreground"
                      />
                      <span className="font-medium">{row.device ?? 'Unknown device'}</span>
                      {row.current ? (
                        <Badge tone="success" dot>
                          This device
                        </Badge>
                      ) : null}
                    </span>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{row.ipAddress ?? '—'}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {formatDateTime(row.createdAt)}
                  </TableCell>
                  <TableCell className="whitespace-nowrap" title={formatDateTime(row.lastSeenAt)}>
                    {formatRelative(row.lastSeenAt)}
                  </TableCell>
                  <TableCell className="text-right">
                    <Button
                      size="sm"
                      variant={row.current ? 'secondary' : 'danger'}
                      aria-label={
                        row.current
                          ? 'Sign out here (revokes this device’s session)'
                          : `Revoke session on ${row.device ?? 'unknown device'}`
                      }
                      loading={revoke.isPending && revoke.variables.id === row.id}
                      onClick={() =>
                        row.current ? setConfirmCurrent(row) : revoke.mutate({ id: row.id })
                      }
                    >
                      {row.current ? 'Sign out here' : 'Revoke'}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      <ConfirmDialog
        open={confirmCurrent !== null}
        onOpenChange={(open) => !open && setConfirmCurrent(null)}
        title="Sign out of this device?"
        description="This is the session you are using now. Revoking it signs you out here; your other sessions stay signed in."
        confirmLabel="Sign out here"
        loading={revoke.isPending}
        onConfirm={() => confirmCurrent && revoke.mutate({ id: confirmCurrent.id })}
      />
    </Card>
  );
}
