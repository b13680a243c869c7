import type { ReactElement } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ChangePasswordCard } from './change-password-card';
import { PageHeader } from './page-header';
import { SecurityEventsCard } from './security-events-card';
import { SessionsCard } from './sessions-card';
import { TokensCard } from './tokens-card';

/** Route `/account/security`: sessions, password, access tokens, security activity. */
export function SecurityPage(): ReactElement | null {
  useDocumentTitle('Security');
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Security"
        description="Where you are signed in, your password, access tokens for scripts, and what happened on your account."
      />
      <SessionsCard />
      <ChangePasswordCard />
      <TokensCard />
      <SecurityEventsCard />
    </div>
  );
}
