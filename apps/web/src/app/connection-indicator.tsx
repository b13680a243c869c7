import { cn } from '@tessera/ui/cn';
import { WifiOff } from 'lucide-react';
import { useEffect, useState } from 'react';
import { type RealtimeConnection, useRealtimeConnection } from '../lib/realtime-connection';

/** A first connection slower than this is shown as a problem too. */
const slowConnectMs = 5_000;

export function connectionProblem(connection: RealtimeConnection, now: number): boolean {
  if (connection.status === 'reconnecting') return true;
  return connection.status === 'connecting' && now - connection.since >= slowConnectMs;
}

/**
 * Shown in the top bar only while live updates are down (the WebSocket dropped or will not
 * open): the page still works, but other tabs' changes and new notifications wait until it is back.
 */
export function ConnectionIndicator({ className }: { className?: string }) {
  const connection = useRealtimeConnection();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (connection.status !== 'connecting') return;
    const timer = setTimeout(
      () => setNow(Date.now()),
      Math.max(0, connection.since + slowConnectMs - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [connection]);
  const problem = connectionProblem(connection, Math.max(now, Date.now()));
  return (
    <div
      role="status"
      aria-live="polite"
      data-realtime-status={connection.status}
      className={cn(!problem && 'sr-only', className)}
    >
      {problem ? (
        <span
          title={`Live updates paused — reconnecting${connection.lastError ? ` (${connection.lastError})` : ''}. Reload if it persists.`}
          data-testid="connection-indicator"
          className="inline-flex h-7 items-center gap-1.5 rounded-full border border-warning/30 bg-warning-soft px-2.5 text-xs font-medium text-warning"
        >
          <WifiOff aria-hidden="true" className="size-3.5" />
          <span className="hidden sm:inline">Reconnecting…</span>
          <span className="sr-only sm:hidden">Live updates paused, reconnecting</span>
        </span>
      ) : null}
    </div>
  );
}
