import type { ReactElement } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from '@tanstack/react-router';
import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { requestPasswordResetInput } from '@tessera/validation/auth';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard } from './auth-card';

type ForgotValues = z.input<typeof requestPasswordResetInput>;

/** Route `/forgot-password`: asks for a reset link. The answer never says whether the account exists. */
export function ForgotPasswordPage(): ReactElement | null {
  useDocumentTitle('Reset your password');
  const [formError, setFormError] = useState<{ message: string; error: unknown } | null>(null);
  const form = useForm<ForgotValues>({
    resolver: zodResolver(requestPasswordResetInput),
    defaultValues: { email: '' },
  });
  const request = trpc.auth.requestPasswordReset.useMutation({
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['email']);
      setFormError(message ? { message, error } : null);
    },
  });
  const backToSignIn = (
    <Link to="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
      Back to sign in
    </Link>
  );

  if (request.data) {
    return (
      <AuthCard title="Check your email" footer={backToSignIn}>
        <Alert tone="success">
          <p>{request.data.message}</p>
          <p className="mt-2">
            The link works for one hour. Check your spam folder if nothing arrives.
          </p>
        </Alert>
      </AuthCard>
    );
  }

  const { errors } = form.formState;
  return (
    <AuthCard
      title="Reset your password"
      description="Enter your account’s email address and we will send you a link to choose a new password."
      footer={backToSignIn}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((values) => {
          setFormError(null);
          request.mutate(values);
        })}
      >
        {formError ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
        <FormField label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="email" autoFocus {...form.register('email')} />
        </FormField>
        <Button type="submit" loading={request.isPending}>
          Send reset link
        </Button>
      </form>
    </AuthCard>
  );
}
