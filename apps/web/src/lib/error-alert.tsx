import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { requestIdOf } from './trpc';

/**
 * An API failure inside a page or form: the API's own words, the request id to quote (for server
 * errors) and an optional retry.
 */
export function ErrorAlert({
  error,
  message,
  title,
  onRetry,
  className,
}: {
  error?: unknown;
  message?: string | null;
  title?: string;
  onRetry?: () => void;
  className?: string;
}) {
  const text = message ?? (error instanceof Error ? error.message : null);
  if (!text && !error) return null;
  const requestId = requestIdOf(error);
  return (
    <Alert
      tone="error"
      title={title}
      className={className}
      action={
        onRetry ? (
          <Button size="sm" variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        ) : undefined
      }
    >
      <p>{text ?? 'Something went wrong.'}</p>
      {requestId ? (
        <p className="mt-1 text-xs">
          Request id:{' '}
          <code className="rounded bg-muted px-1 font-mono text-foreground">{requestId}</code>
        </p>
      ) : null}
    </Alert>
  );
}
