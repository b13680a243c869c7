import type { AppRouter } from '@tessera/api/router';
import {
  TRPCClientError,
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import superjson from 'superjson';
import { WebSocketImpl } from '#websocket';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { TRPCClientError };

export interface TesseraClientOptions {
  /** The server's base URL, e.g. `http://localhost:3000` (the client adds `/trpc`). */
  url: string;
  /** A session token from `auth.signIn({ transport: 'bearer' })` or a personal access token. */
  token?: string;
  /** A custom fetch (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers on every HTTP request. */
  headers?: Record<string, string>;
}

/** Must stay at or below the server's TRPC_MAX_BATCH_SIZE (default 25). */
const maxBatchItems = 20;

/**
 * A typed tRPC client for the Tessera API: queries and mutations over batched HTTP,
 * subscriptions over one lazily opened WebSocket (closed again when idle).
 * Call `close()` when a script is done so the process can exit.
 */
export function createTesseraClient(options: TesseraClientOptions) {
  const base = options.url.replace(/\/+$/, '');
  const headers = (): Record<string, string> => ({
    ...options.headers,
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  });
  const wsClient = createWSClient({
    url: `${base.replace(/^http/, 'ws')}/trpc`,
    WebSocket: WebSocketImpl,
    lazy: { enabled: true, closeMs: 5_000 },
    // The server reads the token from the connection params (sockets cannot carry headers).
    connectionParams: () => (options.token ? { token: options.token } : {}),
    retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 10_000),
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient, transformer: superjson }),
        false: httpBatchLink({
          url: `${base}/trpc`,
          transformer: superjson,
          maxItems: maxBatchItems,
          headers,
          fetch: options.fetch,
        }),
      }),
    ],
  });
  const close = () => wsClient.close();
  // The tRPC client is a proxy that turns every property into a procedure path, so `close` is
  // added by a wrapping proxy rather than by assignment.
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === 'close' ? close : (Reflect.get(target, property, receiver) as unknown),
  }) as typeof client & { /** Close the WebSocket, if one is open. */ close: () => void };
}

export type TesseraClient = ReturnType<typeof createTesseraClient>;

/** Narrow an unknown error to a Tessera API error (code, httpStatus, requestId, fieldErrors). */
export function isTesseraError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}
