import { type ErrorComponentProps, useRouter } from '@tanstack/react-router';
import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { requestIdOf } from '../lib/trpc';

interface ErrorMessageProps {
  error: unknown;
  onRetry?: () => void;
  /** Plain anchor instead of a router link, for failures outside the router. */
  homeHref?: string;
}

/** A friendly message; for API errors it shows the request id to quote when reporting it. */
export function ErrorMessage({ error, onRetry, homeHref = '/' }: ErrorMessageProps) {
  const requestId = requestIdOf(error);
  const message = error instanceof Error ? error.message : 'An unexpected error occurred.';
  return (
    <div className="mx-auto max-w-xl py-10">
      <Alert
        tone="error"
        title="Something went wrong"
        action={
          <>
            {onRetry ? (
              <Button size="sm" onClick={onRetry}>
                Try again
              </Button>
            ) : null}
            <Button size="sm" variant="secondary" asChild>
              <a href={homeHref}>Go home</a>
            </Button>
          </>
        }
      >
        <p>{message}</p>
        {requestId ? (
          <p className="mt-2">
            Request id: <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-foreground">{requestId}</code>
            <span className="block text-xs">Quote it when reporting this problem.</span>
          </p>
        ) : null}
      </Alert>
    </div>
  );
}

/** Router-level error component: shown in place of the route that failed, inside the shell. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <ErrorMessage
      error={error}
      onRetry={() => {
        reset();
        void router.invalidate();
      }}
    />
  );
}

interface AppErrorBoundaryState {
  error: unknown;
}

/** Last line of defence around the whole app (providers and router included). */
export class AppErrorBoundary extends Component<{ children: ReactNode }, AppErrorBoundaryState> {
  override state: AppErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): AppErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Unhandled error', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return <ErrorMessage error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
