import type { ReactElement } from 'react';
import { Link } from '@tanstack/react-router';
import { Button } from '@tessera/ui/button';
import { useRefreshSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { EmailLinkPage } from './email-link-page';

/** Route `/verify-email?token=`: confirms the address as soon as the page opens. */
export function VerifyEmailPage(): ReactElement {
  useDocumentTitle('Confirm your email');
  const refreshSession = useRefreshSession();
  const verify = trpc.auth.verifyEmail.useMutation({ onSuccess: refreshSession });
  return (
    <EmailLinkPage
      action={verify}
      titles={{ pending: 'Confirming your email…', success: 'Email confirmed', failure: 'We could not confirm your email' }}
      pendingLabel="Confirming your email"
      success={(data) => (
        <>
          <span data-testid="verified-email">{data.user.email}</span> is confirmed. Thank you!
        </>
      )}
      failureHint={(signedIn) =>
        signedIn
          ? 'Use “Resend” in the banner at the top of the page to get a new link.'
          : 'Sign in and ask for a new link from the banner at the top of the page.'
      }
      // The link opened again after it worked (or the page reloaded): the address is confirmed, no error to show.
      alreadyDone={(emailVerified) =>
        emailVerified ? { title: 'Email confirmed', message: 'Your email address is already confirmed: there is nothing more to do.' } : null
      }
      next={
        <Button asChild>
          <Link to="/">Continue to Tessera</Link>
        </Button>
      }
    />
  );
}
