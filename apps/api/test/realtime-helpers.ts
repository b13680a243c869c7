import type { inferRouterOutputs } from '@trpc/server';
import { createTRPCClient, createWSClient, httpLink, splitLink, wsLink } from '@trpc/client';
import superjson from 'superjson';
import WebSocket from 'ws';
import type { AppRouter } from '../src/router';
import type { TestApp } from './harness';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

export type Outputs = inferRouterOutputs<AppRouter>;

export interface SocketOptions {
  /** Session or personal access token, sent in the connection params (as the typed client does). */
  token?: string;
  /** A session cookie on the upgrade request (as a browser does). */
  cookie?: string;
  origin?: string;
}

/**
 * A tRPC client like packages/client's: HTTP for queries and mutations, one WebSocket for
 * subscriptions (the `ws` package, as in Node scripts). `closes` records the socket's close codes.
 */
export function socketClient(app: TestApp, options: SocketOptions = {}) {
  const closes: number[] = [];
  const opens: number[] = [];
  class HeaderSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, {
        headers: {
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(options.origin ? { origin: options.origin } : {}),
        },
      });
      this.on('open', () => opens.push(Date.now()));
      this.on('close', (code) => closes.push(code));
    }
  }
  const wsClient = createWSClient({
    url: `${app.url.replace(/^http/, 'ws')}/trpc`,
    WebSocket: HeaderSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => (options.token ? { token: options.token } : {}),
    retryDelayMs: () => 100,
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient, transformer: superjson }),
        false: httpLink({
          url: `${app.url}/trpc`,
          transformer: superjson,
          headers: () => ({
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(options.cookie ? { cookie: options.cookie, origin: app.deps.config.publicUrl } : {}),
          }),
        }),
      }),
    ],
  });
  return { client, wsClient, closes, opens, close: () => wsClient.close() };
}

/** Sign up (verified or not) and return a bearer session token. */
export async function signedInUser(app: TestApp, email: string, options: { verified?: boolean } = {}) {
  const { scriptClient } = await import('./harness');
  const password = 'correct horse battery staple';
  await scriptClient(app).auth.signUp.mutate({ email, password, name: email.split('@')[0]! });
  const { token, user } = await scriptClient(app).auth.signIn.mutate({ email, password, transport: 'bearer' });
  if (options.verified) {
    const { schema } = await import('@tessera/db');
    const { eq } = await import('drizzle-orm');
    await app.database.db.update(schema.users).set({ emailVerifiedAt: new Date() }).where(eq(schema.users.id, user.id));
  }
  return { token: token!, userId: user.id, email };
}
