import type { ReactElement } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from '@tanstack/react-router';
import { Button } from '@tessera/ui/button';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { passwordMinLength, signUpForm } from '@tessera/validation/auth';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { afterSignInPath, safeRedirectPath } from '../../lib/redirect';
import { useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useLooseSearch } from '../../lib/use-loose-search';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard } from './auth-card';
import { GoTo } from './go-to';

type SignUpValues = z.input<typeof signUpForm>;

/** Route `/sign-up?redirectTo=`. The API signs the new account in at once (cookie). */
export function SignUpPage(): ReactElement | null {
  useDocumentTitle('Create an account');
  const search = useLooseSearch();
  const redirectTo = safeRedirectPath(search.redirectTo);
  const session = useSession();
  const utils = trpc.useUtils();
  const [formError, setFormError] = useState<{ message: string; error: unknown } | null>(null);
  const form = useForm<SignUpValues>({
    resolver: zodResolver(signUpForm),
    defaultValues: { name: '', email: '', password: '', confirmPassword: '' },
  });
  const signUp = trpc.auth.signUp.useMutation({
    onSuccess: async () => {
      await utils.invalidate();
    },
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['name', 'email', 'password']);
      setFormError(message ? { message, error } : null);
    },
  });

  if (session.user) return <GoTo href={afterSignInPath(redirectTo)} />;

  const { errors } = form.formState;
  return (
    <AuthCard
      title="Create your account"
      description="We will send a link to confirm your email address."
      footer={
        <>
          Already have an account?{' '}
          <Link
            to="/sign-in"
            search={{ redirectTo }}
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            Sign in
          </Link>
        </>
      }
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit(({ confirmPassword: _confirm, ...values }) => {
          setFormError(null);
          signUp.mutate(values);
        })}
      >
        {formError ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
        <FormField label="Name" error={errors.name?.message}>
          <Input autoComplete="name" autoFocus {...form.register('name')} />
        </FormField>
        <FormField label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="email" {...form.register('email')} />
        </FormField>
        <FormField
          label="Password"
          error={errors.password?.message}
          description={`At least ${passwordMinLength} characters. Avoid common passwords.`}
        >
          <Input type="password" autoComplete="new-password" {...form.register('password')} />
        </FormField>
        <FormField label="Confirm password" error={errors.confirmPassword?.message}>
          <Input
            type="password"
            autoComplete="new-password"
            {...form.register('confirmPassword')}
          />
        </FormField>
        <Button type="submit" loading={signUp.isPending || signUp.isSuccess}>
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
