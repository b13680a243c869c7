import type { ReactElement } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from '@tanstack/react-router';
import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { passwordMinLength, resetPasswordForm } from '@tessera/validation/auth';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { useRefreshSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useLooseSearch } from '../../lib/use-loose-search';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard } from './auth-card';

type ResetValues = z.input<typeof resetPasswordForm>;

const linkClass = 'font-medium text-primary underline-offset-4 hover:underline';

/** Route `/reset-password?token=`: the link from the reset email. */
export function ResetPasswordPage(): ReactElement | null {
  useDocumentTitle('Choose a new password');
  const search = useLooseSearch();
  const token = typeof search.token === 'string' ? search.token : '';
  const refreshSession = useRefreshSession();
  const [formError, setFormError] = useState<{ message: string; error: unknown } | null>(null);
  const form = useForm<ResetValues>({
    resolver: zodResolver(resetPasswordForm),
    defaultValues: { password: '', confirmPassword: '' },
  });
  const reset = trpc.auth.resetPassword.useMutation({
    // Every session of the account ended, this browser's too.
    onSuccess: refreshSession,
    onError: (error) => {
      // The token's problems (expired, used) go above the form, with a way out.
      const message = applyServerErrors(error, form.setError, ['password']);
      setFormError(message ? { message, error } : null);
    },
  });

  if (!token) {
    return (
      <AuthCard
        title="This link is incomplete"
        footer={
          <Link to="/forgot-password" className={linkClass}>
            Ask for a new link
          </Link>
        }
      >
        <p className="text-sm text-muted-foreground">
          Open the link from your email again, or copy the whole address into the browser.
        </p>
      </AuthCard>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthCard title="Password changed">
        <div className="flex flex-col gap-4">
          <Alert tone="success">
            Your new password is set. For safety, every device signed in to your account was signed
            out.
          </Alert>
          <Button asChild>
            <Link to="/sign-in">Sign in</Link>
          </Button>
        </div>
      </AuthCard>
    );
  }

  const { errors } = form.formState;
  return (
    <AuthCard
      title="Choose a new password"
      footer={
        <Link to="/sign-in" className={linkClass}>
          Back to sign in
        </Link>
      }
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((values) => {
          setFormError(null);
          reset.mutate({ token, password: values.password });
        })}
      >
        {formError ? (
          <div className="flex flex-col gap-2">
            <ErrorAlert error={formError.error} message={formError.message} />
            <Link to="/forgot-password" className={`${linkClass} text-sm`}>
              Ask for a new link
            </Link>
          </div>
        ) : null}
        <FormField
          label="New password"
          error={errors.password?.message}
          description={`At least ${passwordMinLength} characters. Avoid common passwords.`}
        >
          <Input
            type="password"
            autoComplete="new-password"
            autoFocus
            {...form.register('password')}
          />
        </FormField>
        <FormField label="Confirm new password" error={errors.confirmPassword?.message}>
          <Input
            type="password"
            autoComplete="new-password"
            {...form.register('confirmPassword')}
          />
        </FormField>
        <Button type="submit" loading={reset.isPending}>
          Set new password
        </Button>
      </form>
    </AuthCard>
  );
}
