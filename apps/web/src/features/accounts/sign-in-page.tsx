import type { ReactElement } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from '@tanstack/react-router';
import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Skeleton } from '@tessera/ui/skeleton';
import { signInInput } from '@tessera/validation/auth';
import { KeyRound } from 'lucide-react';
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
import { oauthErrorMessage } from './oauth-errors';

const signInForm = signInInput.omit({ transport: true });
type SignInValues = z.input<typeof signInForm>;

function OAuthButtons({ redirectTo }: { redirectTo: string | undefined }) {
  const providers = trpc.auth.oauthProviders.useQuery(undefined, { staleTime: 5 * 60_000 });
  if (providers.isLoading) return <Skeleton className="h-9 w-full" />;
  if (!providers.data?.length) return null;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center gap-3 text-xs text-muted-foreground" aria-hidden="true">
        <span className="h-px flex-1 bg-border" />
        or
        <span className="h-px flex-1 bg-border" />
      </div>
      {providers.data.map((provider) => {
        const href = redirectTo
          ? `${provider.startUrl}?redirectTo=${encodeURIComponent(redirectTo)}`
          : provider.startUrl;
        return (
          <Button key={provider.id} variant="secondary" asChild>
            {/* A full page load: the API answers with a redirect to the provider. */}
            <a href={href}>
              <KeyRound aria-hidden="true" />
              Continue with {provider.name}
            </a>
          </Button>
        );
      })}
    </div>
  );
}

/** Route `/sign-in?redirectTo=&oauthError=`. */
export function SignInPage(): ReactElement | null {
  useDocumentTitle('Sign in');
  const search = useLooseSearch();
  const redirectTo = safeRedirectPath(search.redirectTo);
  const oauthError = typeof search.oauthError === 'string' ? search.oauthError : undefined;
  const session = useSession();
  const utils = trpc.useUtils();
  const [formError, setFormError] = useState<{ message: string; error: unknown } | null>(null);
  const form = useForm<SignInValues>({
    resolver: zodResolver(signInForm),
    defaultValues: { email: '', password: '' },
  });
  const signIn = trpc.auth.signIn.useMutation({
    onSuccess: async () => {
      // Whatever was cached belonged to the signed-out visitor (or someone else).
      await utils.invalidate();
    },
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['email', 'password']);
      setFormError(message ? { message, error } : null);
      form.resetField('password', { keepError: true });
    },
  });

  if (session.user) return <GoTo href={afterSignInPath(redirectTo)} />;

  const { errors } = form.formState;
  return (
    <AuthCard
      title="Sign in to Tessera"
      description={redirectTo ? 'Sign in to continue to the page you asked for.' : 'Welcome back.'}
      footer={
        <>
          New here?{' '}
          <Link
            to="/sign-up"
            search={{ redirectTo }}
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            Create an account
          </Link>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        {oauthError ? (
          <Alert tone="error" title="Sign-in with the provider did not finish">
            {oauthErrorMessage(oauthError)}
          </Alert>
        ) : null}
        {formError ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={form.handleSubmit((values) => {
            setFormError(null);
            signIn.mutate({ ...values, transport: 'cookie' });
          })}
        >
          <FormField label="Email" error={errors.email?.message}>
            <Input type="email" autoComplete="username" autoFocus {...form.register('email')} />
          </FormField>
          <FormField label="Password" error={errors.password?.message}>
            <Input type="password" autoComplete="current-password" {...form.register('password')} />
          </FormField>
          <div className="-mt-2 text-right text-xs">
            <Link to="/forgot-password" className="text-primary underline-offset-4 hover:underline">
              Forgot your password?
            </Link>
          </div>
          <Button type="submit" loading={signIn.isPending || signIn.isSuccess}>
            Sign in
          </Button>
        </form>
        <OAuthButtons redirectTo={redirectTo} />
      </div>
    </AuthCard>
  );
}
