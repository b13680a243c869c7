import { useRouter, useRouterState } from '@tanstack/react-router';
import { EmptyState } from '@tessera/ui/empty-state';
import { Skeleton } from '@tessera/ui/skeleton';
import type { UserRole } from '@tessera/validation/auth';
import { type ReactNode, useEffect, useRef } from 'react';
import { ErrorAlert } from '../lib/error-alert';
import { useSession } from '../lib/session';
import { trpc } from '../lib/trpc';

/**
 * Goes to sign-in once, remembering the page asked for. Not `<Navigate>`: that navigates again on
 * every render with new props, and this guard re-renders while the navigation is under way (with
 * the sign-in URL as its location), which would nest `redirectTo` forever.
 */
function SendToSignIn() {
  const router = useRouter();
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    // Signing out navigates to sign-in itself; this guard, still mounted for that moment, must not
    // send the sign-in page to itself (`/sign-in?redirectTo=/sign-in`).
    if (router.state.location.pathname === '/sign-in') return;
    void router.navigate({
      to: '/sign-in',
      search: { redirectTo: router.state.location.href },
      replace: true,
    });
  }, [router]);
  return null;
}

/**
 * Wraps a route's screen: a signed-out visitor is sent to sign-in and brought back afterwards
 * (`?redirectTo=`); a signed-in user without one of `roles` sees why they cannot enter.
 * The API enforces the same rules — this only keeps people from dead ends.
 */
export function RequireSignedIn({ children, roles }: { children: ReactNode; roles?: UserRole[] }) {
  const { isLoading, user, error, refetch } = useSession();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const utils = trpc.useUtils();
  const firstPath = useRef(pathname);
  useEffect(() => {
    // Re-check the session on every guarded navigation (not the first: that fetch is running), so
    // a session revoked from another device signs this tab out on its next page change.
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    void utils.auth.me.invalidate();
  }, [pathname, utils]);
  if (isLoading) {
    return (
      <div className="space-y-3 p-6" aria-busy="true" aria-label="Loading">
        <Skeleton className="h-8 w-1/3" />
        <Skeleton className="h-32 w-full" />
      </div>
    );
  }
  if (!user && error) {
    // The API could not say who this is (network, server error): not the same as signed out.
    return (
      <ErrorAlert
        title="Could not check your sign-in"
        error={error}
        onRetry={() => void refetch()}
        className="mx-auto max-w-xl"
      />
    );
  }
  if (!user) {
    return <SendToSignIn />;
  }
  if (roles && !roles.includes(user.role)) {
    return (
      <EmptyState
        title="You do not have access to this page"
        description={`This page is for ${roles.join(' or ')} accounts. Ask an administrator if you need it.`}
      />
    );
  }
  return <>{children}</>;
}
