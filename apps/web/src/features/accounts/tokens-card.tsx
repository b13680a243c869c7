import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { ConfirmDialog } from '@tessera/ui/confirm-dialog';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@tessera/ui/dialog';
import { EmptyState } from '@tessera/ui/empty-state';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Skeleton } from '@tessera/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@tessera/ui/table';
import { useToast } from '@tessera/ui/toast';
import { createTokenInput } from '@tessera/validation/auth';
import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { formatDate, formatRelative } from '../../lib/format';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { CopyButton } from './copy-button';

type TokenRow = RouterOutputs['auth']['tokens']['list'][number];
type CreatedToken = RouterOutputs['auth']['tokens']['create'];
type CreateTokenValues = z.input<typeof createTokenInput>;

function CreateTokenForm({
  onCreated,
  onCancel,
}: {
  onCreated: (token: CreatedToken) => void;
  onCancel: () => void;
}) {
  const utils = trpc.useUtils();
  const [formError, setFormError] = useState<{ message: string; error: unknown } | null>(null);
  const form = useForm<CreateTokenValues>({
    resolver: zodResolver(createTokenInput),
    defaultValues: { name: '', expiresInDays: 90 },
  });
  const create = trpc.auth.tokens.create.useMutation({
    onSuccess: (token) => {
      void utils.auth.tokens.list.invalidate();
      void utils.auth.securityEvents.invalidate();
      onCreated(token);
    },
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['name', 'expiresInDays']);
      setFormError(message ? { message, error } : null);
    },
  });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit((values) => {
        setFormError(null);
        create.mutate(values);
      })}
    >
      <DialogHeader>
        <DialogTitle>New access token</DialogTitle>
        <DialogDescription>
          Scripts and other apps use it as a bearer token to call the API as you.
        </DialogDescription>
      </DialogHeader>
      {formError ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
      <FormField
        label="Name"
        error={errors.name?.message}
        description="Say where it is used, e.g. “Nightly backup script”."
      >
        <Input autoFocus {...form.register('name')} />
      </FormField>
      <FormField
        label="Expires after (days)"
        error={errors.expiresInDays?.message}
        description="Leave empty for a token that never expires."
      >
        <Input
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          className="max-w-32"
          {...form.register('expiresInDays', {
            setValueAs: (value: unknown) =>
              value === '' || value === null || value === undefined ? undefined : Number(value),
          })}
        />
      </FormField>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending}>
          Create token
        </Button>
      </DialogFooter>
    </form>
  );
}

function TokenSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <div className="flex flex-col gap-4">
      <DialogHeader>
        <DialogTitle>Copy your new token</DialogTitle>
        <DialogDescription>
          “{token.name}” is ready
          {token.expiresAt
            ? ` and expires on ${formatDate(token.expiresAt)}`
            : ' and never expires'}
          .
        </DialogDescription>
      </DialogHeader>
      <Alert tone="warning" title="You will not see it again">
        Store it somewhere safe now, e.g. a password manager or your CI’s secrets. Anyone with it
        can act as you. If you lose it, revoke it and create a new one.
      </Alert>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          data-testid="token-secret"
          className="min-w-0 flex-1 select-all break-all rounded-md border border-border bg-muted px-3 py-2 font-mono text-xs"
        >
          {token.secret}
        </code>
        <CopyButton value={token.secret} />
      </div>
      <DialogFooter>
        <Button onClick={onDone}>I have copied it</Button>
      </DialogFooter>
    </div>
  );
}

/** Personal access tokens: create (secret shown once), list, revoke. */
export function TokensCard() {
  const tokens = trpc.auth.tokens.list.useQuery();
  const utils = trpc.useUtils();
  const { toast } = useToast();
  const [dialog, setDialog] = useState<
    { step: 'form' } | { step: 'secret'; token: CreatedToken } | null
  >(null);
  const [toRevoke, setToRevoke] = useState<TokenRow | null>(null);
  const revoke = trpc.auth.tokens.revoke.useMutation({
    onSuccess: (_data, { id }) => {
      utils.auth.tokens.list.setData(undefined, (rows) => rows?.filter((row) => row.id !== id));
      toast({
        title: 'Token revoked',
        description: `“${toRevoke?.name ?? 'The token'}” no longer works.`,
        tone: 'success',
      });
      setToRevoke(null);
      void utils.auth.tokens.list.invalidate();
      void utils.auth.securityEvents.invalidate();
    },
  });
  const now = new Date();

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <CardTitle>Personal access tokens</CardTitle>
          <CardDescription>
            For scripts and apps that call the Tessera API (the typed client or plain HTTP) as you.
          </CardDescription>
        </div>
        <Button size="sm" onClick={() => setDialog({ step: 'form' })}>
          <Plus aria-hidden="true" />
          New token
        </Button>
      </CardHeader>
      <CardContent>
        {tokens.isLoading ? (
          <div aria-busy="true" aria-label="Loading tokens" className="flex flex-col gap-2">
            <Skeleton className="h-10 w-full" />
          </div>
        ) : tokens.error ? (
          <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : tokens.data?.length === 0 ? (
          <EmptyState
            icon={<KeyRound />}
            title="No access tokens"
            description="Create one when a script needs to call the API: send it as “Authorization: Bearer <token>”. Give each script its own, so you can revoke one without breaking the others."
          />
        ) : (
          <Table aria-label="Access tokens">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Token</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead>Expires</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.data?.map((row) => {
                const expired = row.expiresAt !== null && new Date(row.expiresAt) <= now;
                return (
                  <TableRow key={row.id} data-testid="token-row">
                    <TableCell className="font-medium">{row.name}</TableCell>
                    <TableCell className="font-mono text-xs whitespace-nowrap">
                      {row.prefix}…
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{formatDate(row.createdAt)}</TableCell>
                    <TableCell className="whitespace-nowrap">
                      {row.lastUsedAt ? formatRelative(row.lastUsedAt) : 'Never'}
                    </TableCell>
                    <TableCell
                      className={expired ? 'whitespace-nowrap text-error' : 'whitespace-nowrap'}
                    >
                      {row.expiresAt
                        ? `${expired ? 'Expired ' : ''}${formatDate(row.expiresAt)}`
                        : 'Never'}
                    </TableCell>
                    <TableCell className="text-right">
                      <Button
                        size="sm"
                        variant="secondary"
                        aria-label={`Revoke token ${row.name}`}
                        onClick={() => setToRevoke(row)}
                      >
                        Revoke
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>

      <Dialog open={dialog !== null} onOpenChange={(open) => !open && setDialog(null)}>
        <DialogContent
          aria-describedby={undefined}
          // The secret must not vanish by a stray click outside.
          onInteractOutside={(event) => dialog?.step === 'secret' && event.preventDefault()}
        >
          {dialog?.step === 'secret' ? (
            <TokenSecret token={dialog.token} onDone={() => setDialog(null)} />
          ) : (
            <CreateTokenForm
              onCreated={(token) => setDialog({ step: 'secret', token })}
              onCancel={() => setDialog(null)}
            />
          )}
        </DialogContent>
      </Dialog>

      <ConfirmDialog
        open={toRevoke !== null}
        onOpenChange={(open) => {
          if (!open) {
            setToRevoke(null);
            revoke.reset();
          }
        }}
        title={`Revoke “${toRevoke?.name ?? ''}”?`}
        description="Scripts and apps using this token stop working at once. This cannot be undone."
        confirmLabel="Revoke token"
        tone="danger"
        loading={revoke.isPending}
        error={revoke.error?.message}
        onConfirm={() => toRevoke && revoke.mutate({ id: toRevoke.id })}
      />
    </Card>
  );
}
