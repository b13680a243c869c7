import type { ReactElement } from 'react';
import { Link } from '@tanstack/react-router';
import { Button } from '@tessera/ui/button';
import { useRefreshSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { EmailLinkPage } from './email-link-page';

/**
 * Route `/confirm-email-change?token=`: the link mailed to a new address. Moves the account there
 * as soon as the page opens (signed in or not: it may be opened in another browser).
 */
export function ConfirmEmailChangePage(): ReactElement {
  useDocumentTitle('Confirm your new email');
  const refreshSession = useRefreshSession();
  const confirm = trpc.auth.confirmEmailChange.useMutation({ onSuccess: refreshSession });
  return (
    <EmailLinkPage
      action={confirm}
      titles={{ pending: 'Changing your email…', success: 'Email address changed', failure: 'We could not change your email' }}
      pendingLabel="Confirming your new email address"
      success={(data) => (
        <>
          <span className="break-words" data-testid="changed-email">
            {data.user.email}
          </span>{' '}
          is now your confirmed email address. Sign in with it from now on.
        </>
      )}
      failureHint={(signedIn) =>
        `Your email address is unchanged. ${
          signedIn
            ? 'Ask for the change again from your profile to get a new link.'
            : 'Sign in with your current address and ask for the change again from your profile.'
        }`
      }
      next={
        <Button asChild>
          <Link to="/account/profile">Go to your profile</Link>
        </Button>
      }
    />
  );
}
