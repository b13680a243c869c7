import type { ReactElement, ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { Spinner } from '@tessera/ui/spinner';
import { useEffect, useRef } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { useSession } from '../../lib/session';
import { useLooseSearch } from '../../lib/use-loose-search';
import { AuthCard } from './auth-card';

/** The mutation a link from an email runs (`verifyEmail`, `confirmEmailChange`). */
interface LinkAction<TData> {
  mutate: (input: { token: string }) => void;
  isSuccess: boolean;
  isError: boolean;
  data: TData | undefined;
  error: Parameters<typeof ErrorAlert>[0]['error'];
}

interface EmailLinkPageProps<TData> {
  action: LinkAction<TData>;
  titles: { pending: string; success: string; failure: string };
  /** The spinner's accessible label while the link is being used. */
  pendingLabel: string;
  /** What the link did, from its answer. */
  success: (data: TData) => ReactNode;
  /** How to get a new link, for a signed-in person or not. */
  /** What to do next; `emailVerified` is the signed-in person's (null when signed out). */
  failureHint: (signedIn: boolean, emailVerified: boolean | null) => ReactNode;
  /**
   * When a refused link changed nothing because its work is already done (a confirmation link
   * opened again, the page reloaded), what to say instead of an error; null to show the error.
   */
  alreadyDone?: (emailVerified: boolean | null) => { title: string; message: ReactNode } | null;
  /** Where a signed-in person goes next (signed-out people are offered "Sign in"). */
  next: ReactElement;
}

/**
 * A page opened from a link in an email (`?token=`): uses the link as soon as it opens — once: the
 * link works only once and StrictMode runs effects twice — then says how it went.
 */
export function EmailLinkPage<TData>({ action, titles, pendingLabel, success, failureHint, alreadyDone, next }: EmailLinkPageProps<TData>): ReactElement {
  const search = useLooseSearch();
  const token = typeof search.token === 'string' ? search.token : '';
  const session = useSession();
  const started = useRef(false);
  const { mutate } = action;

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    mutate({ token });
  }, [token, mutate]);

  const onward = session.user ? (
    next
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
  if (action.isSuccess && action.data !== undefined) {
    return (
      <AuthCard title={titles.success}>
        <div className="flex flex-col gap-4">
          <Alert tone="success">{success(action.data)}</Alert>
          {onward}
        </div>
      </AuthCard>
    );
  }
  const done = action.isError ? alreadyDone?.(session.user ? session.user.emailVerified : null) : null;
  if (done) {
    return (
      <AuthCard title={done.title}>
        <div className="flex flex-col gap-4">
          <Alert tone="success">{done.message}</Alert>
          {onward}
        </div>
      </AuthCard>
    );
  }
  if (action.isError) {
    return (
      <AuthCard title={titles.failure}>
        <div className="flex flex-col gap-4">
          <ErrorAlert error={action.error} />
          <p className="text-sm text-muted-foreground">{failureHint(Boolean(session.user), session.user ? session.user.emailVerified : null)}</p>
          {onward}
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={titles.pending}>
      <div className="flex justify-center py-4">
        <Spinner label={pendingLabel} />
      </div>
    </AuthCard>
  );
}
