import { Writable } from 'node:stream';
import type { DatabaseHandle } from '@tessera/db';
import { createTestDatabase } from '@tessera/db/testing';
import { createTRPCClient, httpBatchLink, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { type Config, loadConfig } from '../src/config';
import { type AppRouter, appRouter } from '../src/router';
import { buildServer, type TesseraServer } from '../src/server';
import { createCallerFactory, createContextInner } from '../src/trpc';

/** Test configuration: quiet, in memory, generous limits unless a test asks otherwise. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: '0',
    RATE_LIMIT_MAX: '100000',
    AUTH_SIGN_IN_LIMIT: '100000',
    AUTH_SIGN_UP_LIMIT: '100000',
    AUTH_RESET_LIMIT: '100000',
    ...overrides,
  });
}

/** Captures every JSON log line the server writes, so tests can read or grep them. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
  get entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export interface TestApp extends TesseraServer {
  url: string;
  logs: LogCapture;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * A whole API on a random loopback port with its own fresh database (PGlite in memory, or a new
 * Postgres database when TEST_DATABASE_URL is set). Close it in afterAll.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; database?: DatabaseHandle; serveWeb?: boolean; clock?: () => Date } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const logs = new LogCapture();
  const config = testConfig(options.env);
  const server = await buildServer(config, {
    database,
    logStream: logs,
    serveWeb: options.serveWeb ?? false,
    clock: options.clock,
  });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ...server,
    url: `http://127.0.0.1:${port}`,
    logs,
    database,
    close: async () => {
      await server.app.close();
      if (!options.database) await database.close();
    },
  };
}

const createCaller = createCallerFactory(appRouter);

/** A tRPC caller over a server's dependencies, without HTTP. */
export function callerFor(server: TesseraServer, request: { requestId?: string; ip?: string; userAgent?: string } = {}) {
  return createCaller(
    createContextInner(server.deps, {
      requestId: request.requestId ?? 'test-request',
      ip: request.ip ?? '127.0.0.1',
      userAgent: request.userAgent ?? 'vitest',
    }),
  );
}

/** A clock tests can move: `clock.advance(15 * 60_000)`. */
export function movableClock(start = new Date()) {
  let now = start.getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, {
    advance: (ms: number) => {
      now += ms;
    },
    set: (at: Date) => {
      now = at.getTime();
    },
  });
}

export interface BrowserOptions {
  origin?: string | null;
  userAgent?: string;
  batch?: boolean;
}

/**
 * A tRPC client that behaves like the SPA in a browser: keeps cookies, sends an Origin and a
 * user agent. `cookies` is its cookie jar, to inspect or plant values.
 */
export function browserClient(app: TestApp, options: BrowserOptions = {}) {
  const cookies = new Map<string, string>();
  const setCookies: string[] = [];
  const origin = options.origin === undefined ? app.deps.config.publicUrl : options.origin;
  const fetchWithJar: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (origin) headers.set('origin', origin);
    headers.set('user-agent', options.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36');
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      setCookies.push(line);
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (!value || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  const link = (options.batch ? httpBatchLink : httpLink)({ url: `${app.url}/trpc`, transformer: superjson, fetch: fetchWithJar });
  const client = createTRPCClient<AppRouter>({ links: [link] });
  return { client, cookies, setCookies, sessionCookie: () => cookies.get(app.deps.config.auth.cookieName) };
}

/** A tRPC client for scripts: no cookies, no Origin, optionally a bearer token. */
export function scriptClient(app: TestApp, token?: string, batch = false) {
  return createTRPCClient<AppRouter>({
    links: [
      (batch ? httpBatchLink : httpLink)({
        url: `${app.url}/trpc`,
        transformer: superjson,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

/** The newest outbox message to an address, and the link token inside it. */
export async function lastMailTo(app: TestApp, to: string) {
  const { schema } = await import('@tessera/db');
  const { desc, eq } = await import('drizzle-orm');
  const [message] = await app.deps.database.db
    .select()
    .from(schema.mailOutbox)
    .where(eq(schema.mailOutbox.to, to))
    .orderBy(desc(schema.mailOutbox.createdAt))
    .limit(1);
  const token = message ? /token=([^\s"&]+)/.exec(message.text)?.[1] : undefined;
  return { message, token: token ? decodeURIComponent(token) : undefined };
}

export interface ApiErrorData {
  code: string;
  httpStatus: number;
  requestId: string | null;
  fieldErrors: Record<string, string[]> | null;
}

/** Await a call that must fail; returns the error with its `data` typed. */
export async function errorOf(promise: Promise<unknown>): Promise<Error & { data: ApiErrorData }> {
  const outcome = await promise.then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  if (!outcome.failed) throw new Error('expected the call to fail, but it succeeded');
  const error = outcome.error as Error & { data?: ApiErrorData };
  if (!error.data) throw error;
  return error as Error & { data: ApiErrorData };
}
