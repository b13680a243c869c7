import { createTRPCClient, createWSClient, httpLink, splitLink, wsLink } from '@trpc/client';
import superjson from 'superjson';
import WebSocket from 'ws';
import type { AppRouter } from '../src/router';
import { scriptClient, type TestApp } from './harness';

export const password = 'correct horse battery staple';

/** Generous limits, so only the quota tests meet them. */
export const roomyLimits = { CHARACTERS_RATE_LIMIT_PER_MINUTE: '100000', CHARACTERS_DAILY_QUOTA: '100000' };

/**
 * A signed-in person with a typed client: HTTP for queries and mutations, a WebSocket for
 * subscriptions (token in the connection params, as packages/client sends it).
 */
export async function signedIn(app: TestApp, email: string) {
  await scriptClient(app).auth.signUp.mutate({ email, password, name: email.split('@')[0]! });
  const { token, user } = await scriptClient(app).auth.signIn.mutate({ email, password, transport: 'bearer' });
  const wsClient = createWSClient({
    url: `${app.url.replace(/^http/, 'ws')}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => ({ token: token! }),
    lazy: { enabled: true, closeMs: 0 },
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient, transformer: superjson }),
        false: httpLink({ url: `${app.url}/trpc`, transformer: superjson, headers: () => ({ authorization: `Bearer ${token!}` }) }),
      }),
    ],
  });
  return { client, userId: user.id, token: token!, close: () => wsClient.close() };
}

export type Person = Awaited<ReturnType<typeof signedIn>>;

/** Collect a subscription's events until it completes or fails. */
export function collect<T>(subscribe: (handlers: { onData: (value: T) => void; onError: (error: unknown) => void; onComplete: () => void }) => { unsubscribe(): void }) {
  return new Promise<{ events: T[]; error?: unknown }>((resolve) => {
    const events: T[] = [];
    const subscription = subscribe({
      onData: (value) => events.push(value),
      onError: (error) => {
        subscription.unsubscribe();
        resolve({ events, error });
      },
      onComplete: () => resolve({ events }),
    });
  });
}
