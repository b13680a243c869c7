import { Link, useRouter, useRouterState } from '@tanstack/react-router';
import { Button } from '@tessera/ui/button';
import { EmptyState } from '@tessera/ui/empty-state';
import { Compass } from 'lucide-react';
import { useEffect } from 'react';
import { internalLink } from '../features/notifications/format';
import { useDocumentTitle } from '../lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const router = useRouter();
  // Notification emails and push open the link the API stored (/tracker/applications/<id>,
  // /settings/sessions): send those to the screen that shows the thing, as the bell does.
  const target = internalLink(pathname);
  const redirect = target && target !== pathname ? target : null;
  useEffect(() => {
    if (redirect) router.history.replace(redirect);
  }, [redirect, router]);
  if (redirect) return null;
  return (
    <div className="mx-auto max-w-xl py-10">
      <EmptyState
        icon={<Compass />}
        title={<span className="text-base">Page not found</span>}
        description={
          <>
            There is no page at <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">{pathname}</code>. It may
            have moved, or the address has a typo.
          </>
        }
        action={
          <Button asChild>
            <Link to="/">Go home</Link>
          </Button>
        }
      />
    </div>
  );
}
