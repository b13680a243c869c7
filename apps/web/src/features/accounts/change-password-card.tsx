import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@tessera/ui/alert';
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
import { changePasswordForm, passwordMinLength } from '@tessera/validation/auth';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';

type ChangePasswordValues = z.input<typeof changePasswordForm>;
const empty: ChangePasswordValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** Change password; every other session of the account ends, and the card says how many. */
export function ChangePasswordCard() {
  const utils = trpc.useUtils();
  const [formError, setFormError] = useState<{ message: string; error: unknown } | null>(null);
  const [ended, setEnded] = useState<number | null>(null);
  const form = useForm<ChangePasswordValues>({
    resolver: zodResolver(changePasswordForm),
    defaultValues: empty,
  });
  const change = trpc.auth.changePassword.useMutation({
    onSuccess: ({ otherSessionsEnded }) => {
      setEnded(otherSessionsEnded);
      form.reset(empty);
      void utils.auth.sessions.list.invalidate();
      void utils.auth.securityEvents.invalidate();
    },
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['currentPassword', 'newPassword']);
      setFormError(message ? { message, error } : null);
    },
  });
  const { errors } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Change password</CardTitle>
        <CardDescription>
          Your other devices are signed out when you change it; this one stays signed in.
        </CardDescription>
      </CardHeader>
      <form
        noValidate
        onSubmit={form.handleSubmit(({ currentPassword, newPassword }) => {
          setFormError(null);
          setEnded(null);
          change.mutate({ currentPassword, newPassword });
        })}
      >
        <CardContent className="flex max-w-md flex-col gap-4">
          {ended !== null ? (
            <Alert tone="success" title="Password changed">
              {ended === 0
                ? 'No other session was open.'
                : `${ended} other session${ended === 1 ? ' was' : 's were'} signed out.`}
            </Alert>
          ) : null}
          {formError ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
          <FormField label="Current password" error={errors.currentPassword?.message}>
            <Input
              type="password"
              autoComplete="current-password"
              {...form.register('currentPassword')}
            />
          </FormField>
          <FormField
            label="New password"
            error={errors.newPassword?.message}
            description={`At least ${passwordMinLength} characters. Avoid common passwords.`}
          >
            <Input type="password" autoComplete="new-password" {...form.register('newPassword')} />
          </FormField>
          <FormField label="Confirm new password" error={errors.confirmPassword?.message}>
            <Input
              type="password"
              autoComplete="new-password"
              {...form.register('confirmPassword')}
            />
          </FormField>
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
