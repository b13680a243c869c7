import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { RefreshCw } from 'lucide-react';
import { describeError } from './errors';

/** An error with the API's message, its request id, and a retry. */
export function ErrorAlert({ error, action, onRetry, className }: { error: unknown; action?: string; onRetry?: () => void; className?: string }) {
  const described = describeError(error, action);
  return (
    <Alert
      tone={described.limited ? 'warning' : 'error'}
      title={described.title}
      className={className}
      action={
        onRetry ? (
          <Button size="sm" variant="secondary" onClick={onRetry}>
            <RefreshCw aria-hidden="true" />
            Try again
          </Button>
        ) : undefined
      }
    >
      <p>{described.message}</p>
      {described.requestId ? (
        <p className="mt-1 text-xs">
          Request id: <code className="rounded bg-muted px-1 py-0.5 font-mono text-foreground">{described.requestId}</code>
        </p>
      ) : null}
    </Alert>
  );
}
