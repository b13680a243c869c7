import type { ReactElement } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { Alert } from '@tessera/ui/alert';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { ConfirmDialog } from '@tessera/ui/confirm-dialog';
import { EmptyState } from '@tessera/ui/empty-state';
import { FormField } from '@tessera/ui/form-field';
import { Select } from '@tessera/ui/select';
import { Skeleton } from '@tessera/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@tessera/ui/table';
import { useToast } from '@tessera/ui/toast';
import { type UserRole, userRoles } from '@tessera/validation/auth';
import { ArrowLeft, UserX } from 'lucide-react';
import { useState } from 'react';
import { auditEventDetail, auditEventLabel, auditEventTone } from '../../lib/audit-events';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDate, formatDateTime, formatRelative, roleLabel } from '../../lib/format';
import { isTrpcError, type RouterOutputs, trpc } from '../../lib/trpc';
import { useLooseParam } from '../../lib/use-loose-search';
import { useDocumentTitle } from '../../lib/use-document-title';
import { RoleBadge, StatusBadge } from './user-badges';

type AdminUser = RouterOutputs['admin']['users']['get'];

function useUserActions(userId: string) {
  const utils = trpc.useUtils();
  const refresh = () => {
    void utils.admin.users.get.invalidate({ id: userId });
    void utils.admin.users.list.invalidate();
    void utils.admin.audit.list.invalidate();
    void utils.auth.me.invalidate();
  };
  const setRole = trpc.admin.users.setRole.useMutation({ onSettled: refresh });
  const setActive = trpc.admin.users.setActive.useMutation({ onSettled: refresh });
  const remove = trpc.admin.users.delete.useMutation();
  return { setRole, setActive, remove, refresh };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function Actions({ data, isSelf }: { data: AdminUser; isSelf: boolean }) {
  const { user } = data;
  const { toast } = useToast();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const { setRole, setActive, remove } = useUserActions(user.id);
  const [confirm, setConfirm] = useState<'deactivate' | 'delete' | null>(null);
  const deactivated = user.deactivatedAt !== null;
  // CONFLICT (last admin, own account) and friends, in the API's words.
  const actionError = setRole.error ?? (confirm ? null : setActive.error);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Manage account</CardTitle>
        <CardDescription>
          Changes take effect at once and are written to the audit log.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {actionError ? <ErrorAlert title="Not changed" error={actionError} /> : null}
        <FormField
          label="Role"
          description="Admins manage users and see every account’s audit events."
          className="max-w-xs"
        >
          <Select
            value={user.role}
            disabled={setRole.isPending}
            onChange={(event) => {
              setActive.reset();
              setRole.mutate(
                { id: user.id, role: event.target.value as UserRole },
                {
                  onSuccess: ({ user: updated }) =>
                    toast({
                      title: 'Role changed',
                      description: `${updated.name} is now ${roleLabel(updated.role).toLowerCase()}.`,
                      tone: 'success',
                    }),
                },
              );
            }}
          >
            {userRoles.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </Select>
        </FormField>
        <div className="flex flex-wrap gap-2">
          {deactivated ? (
            <Button
              variant="secondary"
              loading={setActive.isPending}
              onClick={() =>
                setActive.mutate(
                  { id: user.id, active: true },
                  {
                    onSuccess: () =>
                      toast({
                        title: 'Account reactivated',
                        description: `${user.name} can sign in again.`,
                        tone: 'success',
                      }),
                  },
                )
              }
            >
              Reactivate
            </Button>
          ) : (
            <Button
              variant="secondary"
              disabled={isSelf}
              title={isSelf ? 'You cannot deactivate your own account.' : undefined}
              onClick={() => {
                setRole.reset();
                setActive.reset();
                setConfirm('deactivate');
              }}
            >
              Deactivate…
            </Button>
          )}
          <Button
            variant="danger"
            onClick={() => {
              remove.reset();
              setConfirm('delete');
            }}
          >
            Delete account…
          </Button>
        </div>
      </CardContent>

      <ConfirmDialog
        open={confirm === 'deactivate'}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={`Deactivate ${user.name}?`}
        description={
          <>
            {user.email} is signed out everywhere at once ({data.sessions.length} open session
            {data.sessions.length === 1 ? '' : 's'}), cannot sign in, and their access tokens stop
            working. Nothing is deleted: you can reactivate the account later.
          </>
        }
        confirmLabel="Deactivate"
        tone="danger"
        loading={setActive.isPending}
        error={setActive.error?.message}
        onConfirm={() =>
          setActive.mutate(
            { id: user.id, active: false },
            {
              onSuccess: ({ sessionsEnded }) => {
                setConfirm(null);
                toast({
                  title: 'Account deactivated',
                  description: `${sessionsEnded} session${sessionsEnded === 1 ? '' : 's'} ended.`,
                  tone: 'success',
                });
              },
            },
          )
        }
      />

      <ConfirmDialog
        open={confirm === 'delete'}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={`Delete ${user.name}’s account?`}
        description={
          <div className="flex flex-col gap-2">
            <p>
              The account <strong className="break-words text-foreground">{user.email}</strong> and
              everything it owns are deleted for good: its sessions and access tokens, linked
              sign-in providers, and all its records in every module (tracker, characters,
              content…).
            </p>
            <p>
              The audit log keeps its entries about this account, with the email address, so what
              happened stays on record.
            </p>
            {isSelf ? (
              <p className="font-medium text-error">
                This is your own account: you will be signed out.
              </p>
            ) : null}
            <p>This cannot be undone. To keep the data, deactivate the account instead.</p>
          </div>
        }
        confirmLabel="Delete account"
        tone="danger"
        loading={remove.isPending}
        error={remove.error?.message}
        onConfirm={() =>
          remove.mutate(
            { id: user.id },
            {
              onSuccess: () => {
                setConfirm(null);
                toast({
                  title: 'Account deleted',
                  description: `${user.email} and its data are gone.`,
                  tone: 'success',
                });
                utils.admin.users.get.setData({ id: user.id }, undefined);
                void utils.admin.users.list.invalidate();
                void utils.admin.audit.list.invalidate();
                if (isSelf) void utils.auth.me.invalidate().then(() => navigate({ to: '/' }));
                else void navigate({ to: '/admin/users' });
              },
            },
          )
        }
      />
    </Card>
  );
}

/** Route `/admin/users/$userId`: one account with its sessions, tokens and audit events. */
export function UserPage({ userId }: { userId: string }): ReactElement | null {
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 30_000 });
  const query = trpc.admin.users.get.useQuery({ id: userId });
  useDocumentTitle(query.data ? `${query.data.user.name} · Admin` : 'User · Admin');
  const back = (
    <Link
      to="/admin/users"
      className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft aria-hidden="true" className="size-4" /> All users
    </Link>
  );

  if (query.isLoading) {
    return (
      <div aria-busy="true" aria-label="Loading user" className="flex flex-col gap-4">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (query.error) {
    if (isTrpcError(query.error) && query.error.data?.code === 'NOT_FOUND') {
      return (
        <div className="flex flex-col gap-4">
          {back}
          <EmptyState
            icon={<UserX />}
            title="No such user"
            description="The account may have been deleted. Its audit events are still in the audit log."
          />
        </div>
      );
    }
    return (
      <div className="flex flex-col gap-4">
        {back}
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  const data = query.data!;
  const { user } = data;
  const isSelf = me.data?.user.id === user.id;

  return (
    <div className="flex flex-col gap-6">
      {back}
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold tracking-tight">{user.name}</h2>
        <RoleBadge role={user.role} />
        <StatusBadge deactivatedAt={user.deactivatedAt} />
        {isSelf ? <Badge tone="info">You</Badge> : null}
      </div>
      {user.deactivatedAt ? (
        <Alert tone="warning" title="This account is deactivated">
          Since {formatDateTime(user.deactivatedAt)}. The person cannot sign in and their tokens do
          not work.
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Profile</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[7rem_1fr] gap-x-4 gap-y-3 text-sm">
              <Field label="Email">
                <span className="break-words">{user.email}</span>{' '}
                {user.emailVerified ? (
                  <Badge tone="success">Confirmed</Badge>
                ) : (
                  <Badge tone="warning">Not confirmed</Badge>
                )}
              </Field>
              <Field label="Joined">{formatDateTime(user.createdAt)}</Field>
              <Field label="User id">
                <code className="break-all font-mono text-xs">{user.id}</code>
              </Field>
            </dl>
          </CardContent>
        </Card>
        <Actions data={data} isSelf={isSelf} />
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Sessions ({data.sessions.length})</CardTitle>
        </CardHeader>
        <CardContent>
          {data.sessions.length === 0 ? (
            <p className="text-sm text-muted-foreground">Not signed in anywhere.</p>
          ) : (
            <Table aria-label="Sessions">
              <TableHeader>
                <TableRow>
                  <TableHead>Device</TableHead>
                  <TableHead>IP address</TableHead>
                  <TableHead>Signed in</TableHead>
                  <TableHead>Last seen</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.sessions.map((session) => (
                  <TableRow key={session.id}>
                    <TableCell>{session.device ?? 'Unknown device'}</TableCell>
                    <TableCell className="font-mono text-xs">{session.ipAddress ?? '—'}</TableCell>
                    <TableCell className="whitespace-nowrap">
                      {formatDateTime(session.createdAt)}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {formatRelative(session.lastSeenAt)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Access tokens ({data.tokens.length})</CardTitle>
        </CardHeader>
        <CardContent>
          {data.tokens.length === 0 ? (
            <p className="text-sm text-muted-foreground">No personal access tokens.</p>
          ) : (
            <Table aria-label="Access tokens">
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Token</TableHead>
                  <TableHead>Created</TableHead>
                  <TableHead>Last used</TableHead>
                  <TableHead>Expires</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.tokens.map((token) => (
                  <TableRow key={token.id}>
                    <TableCell className="font-medium">{token.name}</TableCell>
                    <TableCell className="font-mono text-xs">{token.prefix}…</TableCell>
                    <TableCell className="whitespace-nowrap">
                      {formatDate(token.createdAt)}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {token.lastUsedAt ? formatRelative(token.lastUsedAt) : 'Never'}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {token.expiresAt ? formatDate(token.expiresAt) : 'Never'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle>Recent audit events</CardTitle>
          <Link
            to="/admin/audit"
            search={{ userId: user.id }}
            className="text-sm text-primary underline-offset-4 hover:underline"
          >
            Full audit log for this user
          </Link>
        </CardHeader>
        <CardContent>
          {data.events.length === 0 ? (
            <p className="text-sm text-muted-foreground">No events.</p>
          ) : (
            <ol aria-label="Audit events" className="flex flex-col divide-y divide-border">
              {data.events.map((event) => {
                const detail = auditEventDetail(event.type, event.metadata);
                return (
                  <li
                    key={event.id}
                    className="flex flex-col gap-1 py-2.5 sm:flex-row sm:items-center sm:gap-4"
                  >
                    <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
                      <Badge tone={auditEventTone(event.type)}>{auditEventLabel(event.type)}</Badge>
                      {detail ? (
                        <span className="text-sm text-muted-foreground">{detail}</span>
                      ) : null}
                    </div>
                    <span className="text-xs text-muted-foreground">
                      {event.ipAddress ? (
                        <span className="mr-3 font-mono">{event.ipAddress}</span>
                      ) : null}
                      {formatDateTime(event.createdAt)}
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

/** The route's component: the page for the `$userId` in the URL (remounted per user). */
export function UserRoute(): ReactElement | null {
  const userId = useLooseParam('userId');
  if (!userId) return null;
  return <UserPage key={userId} userId={userId} />;
}
