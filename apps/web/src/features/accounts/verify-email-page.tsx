import type { ReactElement } from 'react';
import { Link } from '@tanstack/react-router';
import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { Spinner } from '@tessera/ui/spinner';
import { useEffect, useRef } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { useRefreshSession, useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useLooseSearch } from '../../lib/use-loose-search';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard } from './auth-card';

/** Route `/verify-email?token=`: confirms the address as soon as the page opens. */
export function VerifyEmailPage(): ReactElement | null {
  useDocumentTitle('Confirm your email');
  const search = useLooseSearch();
  const token = typeof search.token === 'string' ? search.token : '';
  const session = useSession();
  const refreshSession = useRefreshSession();
  const verify = trpc.auth.verifyEmail.useMutation({ onSuccess: refreshSession });
  const started = useRef(false);
  const { mutate } = verify;

  useEffect(() => {
    // Once per page view (StrictMode runs effects twice; the link can only be used once).
    if (!token || started.current) return;
    started.current = true;
    mutate({ token });
  }, [token, mutate]);

  const next = session.user ? (
    <Button asChild>
      <Link to="/">Continue to Tessera</Link>
    </Button>
  ) : (
    <Button asChild>
      <Link to="/sign-in">Sign in</Link>
    </Button>
  );

  if (!token) {
    return (
      <AuthCard title="This link is incomplete">
        <p className="text-sm text-muted-foreground">
          Open the link from your email again, or copy the whole address into the browser.
        </p>
      </AuthCard>
    );
  }
  if (verify.isSuccess) {
    return (
      <AuthCard title="Email confirmed">
        <div className="flex flex-col gap-4">
          <Alert tone="success">
            <span data-testid="verified-email">{verify.data.user.email}</span> is confirmed. Thank
            you!
          </Alert>
          {next}
        </div>
      </AuthCard>
    );
  }
  if (verify.isError) {
    return (
      <AuthCard title="We could not confirm your email">
        <div className="flex flex-col gap-4">
          <ErrorAlert error={verify.error} />
          {session.user ? (
            <p className="text-sm text-muted-foreground">
              Use “Resend” in the banner at the top of the page to get a new link.
            </p>
          ) : (
            <p className="text-sm text-muted-foreground">
              Sign in and ask for a new link from the banner at the top of the page.
            </p>
          )}
          {next}
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Confirming your email…">
      <div className="flex justify-center py-4">
        <Spinner label="Confirming your email" />
      </div>
    </AuthCard>
  );
}
