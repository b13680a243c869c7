import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@tessera/ui/alert';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@tessera/ui/card';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { useToast } from '@tessera/ui/toast';
import { requestEmailChangeInput } from '@tessera/validation/auth';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { trpc } from '../../lib/trpc';

type ChangeEmailValues = z.input<typeof requestEmailChangeInput>;
const empty: ChangeEmailValues = { newEmail: '', currentPassword: '' };

/**
 * The current address (confirmed or not) and a form to move the account to another one: the API
 * mails a link to the new address, and the account keeps the old one until that link is opened.
 * A change waiting for its link is shown (after a reload too) and can be withdrawn.
 */
export function ChangeEmailCard({ email, verified }: { email: string; verified: boolean }) {
  const utils = trpc.useUtils();
  const { toast } = useToast();
  const [formError, setFormError] = useState<{ message: string; error: unknown } | null>(null);
  const pendingChange = trpc.auth.pendingEmailChange.useQuery();
  const pending = pendingChange.data ?? null;
  const form = useForm<ChangeEmailValues>({
    resolver: zodResolver(requestEmailChangeInput),
    defaultValues: empty,
  });
  const request = trpc.auth.requestEmailChange.useMutation({
    onSuccess: () => {
      form.reset(empty);
      void utils.auth.pendingEmailChange.invalidate();
      void utils.auth.securityEvents.invalidate();
    },
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['newEmail', 'currentPassword']);
      setFormError(message ? { message, error } : null);
    },
  });
  const cancel = trpc.auth.cancelEmailChange.useMutation({
    onSuccess: () => {
      void utils.auth.pendingEmailChange.invalidate();
      toast({ title: 'Email change cancelled', description: `Your address stays ${email}; the link we sent no longer works.`, tone: 'success' });
    },
    onError: (error) => toast({ title: 'Could not cancel the change', description: error.message, tone: 'error' }),
  });
  const { errors } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Email address</CardTitle>
        <CardDescription>
          You sign in with it and we write to it. A new address takes effect once you open the link
          we send there.
        </CardDescription>
      </CardHeader>
      <form
        noValidate
        aria-label="Change email address"
        onSubmit={form.handleSubmit((values) => {
          setFormError(null);
          request.mutate(values);
        })}
      >
        <CardContent className="flex flex-col gap-4">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-muted-foreground">Current address</span>
            <span className="break-words font-medium" data-testid="current-email">
              {email}
            </span>
            {verified ? (
              <Badge tone="success" dot>
                Confirmed
              </Badge>
            ) : (
              <Badge tone="warning" dot>
                Not confirmed — see the banner above
              </Badge>
            )}
          </p>
          {pending ? (
            <Alert
              tone="success"
              title="Check your new inbox"
              data-testid="email-change-pending"
              action={
                <Button
                  type="button"
                  size="sm"
                  variant="secondary"
                  loading={cancel.isPending}
                  onClick={() => cancel.mutate()}
                >
                  Cancel change
                </Button>
              }
            >
              We sent a confirmation link to <strong className="break-words">{pending.newEmail}</strong>{' '}
              on {formatDateTime(pending.requestedAt)}. Your address stays{' '}
              <span className="break-words">{email}</span> until you open that link (before{' '}
              {formatDateTime(pending.expiresAt)}). We also let {email} know about the request.
            </Alert>
          ) : null}
          {formError ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
          <div className="flex max-w-md flex-col gap-4">
            <FormField label="New email address" error={errors.newEmail?.message}>
              <Input type="email" autoComplete="email" {...form.register('newEmail')} />
            </FormField>
            <FormField
              label="Current password"
              error={errors.currentPassword?.message}
              description="To make sure it is you."
            >
              <Input
                type="password"
                autoComplete="current-password"
                {...form.register('currentPassword')}
              />
            </FormField>
          </div>
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" loading={request.isPending}>
            Change email
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
