import { useSyncExternalStore } from 'react';

/**
 * The WebSocket's health as the layout shows it:
 * - `idle`: no socket needed (signed out, nothing subscribed) — nothing to show;
 * - `connecting`: opening for the first time — not yet worth a warning;
 * - `online`: open;
 * - `reconnecting`: it was open (or failed to open) and the client is retrying — live updates
 *   are paused until it is back.
 */
export type RealtimeStatus = 'idle' | 'connecting' | 'online' | 'reconnecting';

export interface RealtimeConnection {
  status: RealtimeStatus;
  /** When the current status began (ms since epoch). */
  since: number;
  /** The last error the client reported while connecting, for the indicator's tooltip. */
  lastError: string | null;
  /** Whether the socket has been open at least once in this tab. */
  everOnline: boolean;
}

/** What tRPC's wsClient reports through `connectionState` (`pending` means open). */
export interface WsClientState {
  state: 'idle' | 'connecting' | 'pending';
  error: unknown;
}

function messageOf(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error
    ? error.message
    : typeof error === 'string'
      ? error
      : 'Connection failed';
}

export function createRealtimeConnectionStore(now: () => number = Date.now) {
  let current: RealtimeConnection = {
    status: 'idle',
    since: now(),
    lastError: null,
    everOnline: false,
  };
  const listeners = new Set<() => void>();

  function set(next: Omit<RealtimeConnection, 'since'>) {
    if (
      next.status === current.status &&
      next.lastError === current.lastError &&
      next.everOnline === current.everOnline
    )
      return;
    current = { ...next, since: next.status === current.status ? current.since : now() };
    for (const listener of listeners) listener();
  }

  return {
    getSnapshot: (): RealtimeConnection => current,
    subscribe: (listener: () => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Feed it every state the wsClient emits. */
    report: (state: WsClientState) => {
      const lastError = messageOf(state.error);
      if (state.state === 'pending') {
        set({ status: 'online', lastError: null, everOnline: true });
      } else if (state.state === 'idle') {
        set({ status: 'idle', lastError: null, everOnline: current.everOnline });
      } else {
        // A first attempt is "connecting"; once it was open, or an attempt failed, it is down.
        const down = current.everOnline || lastError !== null || current.status === 'reconnecting';
        set({
          status: down ? 'reconnecting' : 'connecting',
          lastError: lastError ?? current.lastError,
          everOnline: current.everOnline,
        });
      }
    },
  };
}

export type RealtimeConnectionStore = ReturnType<typeof createRealtimeConnectionStore>;

/** The app's one store, fed by the tRPC wsClient in lib/trpc.ts. */
export const realtimeConnection = createRealtimeConnectionStore();

export function useRealtimeConnection(
  store: RealtimeConnectionStore = realtimeConnection,
): RealtimeConnection {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
