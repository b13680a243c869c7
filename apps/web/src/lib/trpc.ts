import type { QueryClient } from '@tanstack/react-query';
import type { AppRouter } from '@tessera/api/router';
import { createWSClient, httpBatchLink, splitLink, TRPCClientError, wsLink } from '@trpc/client';
import { createTRPCQueryUtils, createTRPCReact } from '@trpc/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import superjson from 'superjson';
import { realtimeConnection } from './realtime-connection';

/** Typed React hooks for every procedure of the API: `trpc.system.status.useQuery()`. */
export const trpc = createTRPCReact<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** The same origin serves the SPA and `/trpc` (Vite proxies it in development). */
function webSocketUrl(location: Location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/trpc`;
}

export function createTrpcClient(location: Location = window.location) {
  // Lazy: the socket opens with the first subscription and closes when none is left. Keepalive
  // pings notice a silently dropped connection (sleeping laptop, proxy timeout) within seconds.
  const wsClient = createWSClient({
    url: webSocketUrl(location),
    lazy: { enabled: true, closeMs: 10_000 },
    keepAlive: { enabled: true, intervalMs: 15_000, pongTimeoutMs: 5_000 },
  });
  // The layout's connection indicator reads this store.
  wsClient.connectionState.subscribe({ next: (state) => realtimeConnection.report(state) });
  return trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient, transformer: superjson }),
        false: httpBatchLink({
          url: '/trpc',
          transformer: superjson,
          maxItems: 20,
          fetch: (url, options) => fetch(url, { ...options, credentials: 'include' }),
        }),
      }),
    ],
  });
}

/**
 * The tRPC query helpers outside React (`utils.tracker.applications.list.prefetch(…)`), on the same
 * QueryClient as the hooks: route loaders start a page's requests with them while its code loads.
 */
export function createTrpcUtils(queryClient: QueryClient, client: TrpcClient) {
  return createTRPCQueryUtils<AppRouter>({ queryClient, client });
}

export type TrpcClient = ReturnType<typeof createTrpcClient>;
export type TrpcUtils = ReturnType<typeof createTrpcUtils>;

export function isTrpcError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}

/** The server's request id for an error, to quote when reporting it. */
export function requestIdOf(error: unknown): string | null {
  if (!isTrpcError(error)) return null;
  return error.data?.requestId ?? null;
}
