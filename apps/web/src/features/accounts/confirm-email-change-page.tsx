import type { ReactElement } from 'react';
import { Link } from '@tanstack/react-router';
import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { Spinner } from '@tessera/ui/spinner';
import { useEffect, useRef } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { useRefreshSession, useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useLooseSearch } from '../../lib/use-loose-search';
import { AuthCard } from './auth-card';

/**
 * Route `/confirm-email-change?token=`: the link mailed to a new address. Moves the account there
 * as soon as the page opens (signed in or not: it may be opened in another browser).
 */
export function ConfirmEmailChangePage(): ReactElement | null {
  useDocumentTitle('Confirm your new email');
  const search = useLooseSearch();
  const token = typeof search.token === 'string' ? search.token : '';
  const session = useSession();
  const refreshSession = useRefreshSession();
  const confirm = trpc.auth.confirmEmailChange.useMutation({ onSuccess: refreshSession });
  const started = useRef(false);
  const { mutate } = confirm;

  useEffect(() => {
    // Once per page view (StrictMode runs effects twice; the link can only be used once).
    if (!token || started.current) return;
    started.current = true;
    mutate({ token });
  }, [token, mutate]);

  const next = session.user ? (
    <Button asChild>
      <Link to="/account/profile">Go to your profile</Link>
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
  if (confirm.isSuccess) {
    return (
      <AuthCard title="Email address changed">
        <div className="flex flex-col gap-4">
          <Alert tone="success">
            <span className="break-all" data-testid="changed-email">
              {confirm.data.user.email}
            </span>{' '}
            is now your confirmed email address. Sign in with it from now on.
          </Alert>
          {next}
        </div>
      </AuthCard>
    );
  }
  if (confirm.isError) {
    return (
      <AuthCard title="We could not change your email">
        <div className="flex flex-col gap-4">
          <ErrorAlert error={confirm.error} />
          <p className="text-sm text-muted-foreground">
            Your email address is unchanged.{' '}
            {session.user
              ? 'Ask for the change again from your profile to get a new link.'
              : 'Sign in with your current address and ask for the change again from your profile.'}
          </p>
          {next}
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Changing your email…">
      <div className="flex justify-center py-4">
        <Spinner label="Confirming your new email address" />
      </div>
    </AuthCard>
  );
}
