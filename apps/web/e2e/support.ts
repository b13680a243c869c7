import { existsSync, mkdirSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestApp } from '@tessera/api/testing';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const artifactsDir = join(here, '.artifacts');

export function artifactPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return join(artifactsDir, name);
}

/** Debian's Chromium (downloaded browsers cannot be fetched on these machines). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * The real API serving the production build (apps/web/dist) on a random port with a fresh
 * in-memory database. The turbo `e2e` task runs after `build`, so dist exists.
 *
 * The API refuses state-changing requests whose Origin is not its PUBLIC_URL (CSRF guard), and
 * builds the links in its emails from PUBLIC_URL, so the browser must use exactly that origin.
 * The test server only picks its port when it listens, so a plain TCP front (HTTP and WebSocket
 * alike) takes a port first, PUBLIC_URL names it, and it forwards every connection to the API.
 */
export async function startApp(options: { env?: Record<string, string> } = {}) {
  const dist = join(here, '..', 'dist', 'index.html');
  if (!existsSync(dist)) throw new Error(`No production build at ${dist}: run \`pnpm --filter @tessera/web build\` first.`);
  let target = 0;
  const sockets = new Set<Socket>();
  const front = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  const app = await startTestApp({ serveWeb: true, env: { PUBLIC_URL: url, ...options.env } });
  target = Number(new URL(app.url).port);
  return {
    ...app,
    /** The address the browser uses (PUBLIC_URL); `apiUrl` is the API's own listener. */
    url,
    apiUrl: app.url,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await app.close();
    },
  };
}

export type App = Awaited<ReturnType<typeof startApp>>;

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Page errors, console errors and CSP violations seen so far. */
  problems: string[];
}

/** A fresh browser context (own storage) and page that records anything that went wrong. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return { context, page, problems };
}

export interface Account {
  email: string;
  password: string;
  name: string;
}

/** A fresh, unique account (the first account of an app becomes its admin). */
export function newAccount(label = 'user'): Account {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  return { email: `${label}-${id}@example.com`, password: `Tessera e2e ${id}!`, name: `${label[0]!.toUpperCase()}${label.slice(1)} ${id.slice(-4)}` };
}

/**
 * Signs up through the API with the app's Origin, in `page`'s browser context (its cookie jar
 * keeps the session cookie), then opens `path` signed in. Fast: use it when the sign-up screen is
 * not what the test is about. Returns the account.
 */
export async function signUpInBrowser(page: Page, app: App, account: Account = newAccount(), path = '/'): Promise<Account> {
  await callApi(page, app, 'auth.signUp', account);
  await page.goto(`${app.url}${path}`);
  return account;
}

/**
 * Signs up an ordinary (not admin) person in a new browser page and opens `path`: the first account
 * of an app becomes its admin, so a throwaway one is signed up first in its own context.
 */
export async function signUpOrdinaryPerson(browser: Browser, app: App, label = 'seeker', path = '/'): Promise<Session> {
  const admin = await openPage(browser);
  await signUpInBrowser(admin.page, app, newAccount('admin'));
  await admin.context.close();
  const session = await openPage(browser);
  await signUpInBrowser(session.page, app, newAccount(label), path);
  return session;
}

/** Signs in through the API (cookie transport) in `page`'s browser context, then opens `path`. */
export async function signInInBrowser(page: Page, app: App, account: Pick<Account, 'email' | 'password'>, path = '/'): Promise<void> {
  await callApi(page, app, 'auth.signIn', { email: account.email, password: account.password });
  await page.goto(`${app.url}${path}`);
}

/**
 * Calls a tRPC mutation as the page's browser context would (its cookies, the app's Origin);
 * throws with the API's message when it fails. For test setup, not for what a test checks.
 */
export async function callApi(page: Page, app: App, procedure: string, input: unknown): Promise<unknown> {
  const response = await page.context().request.post(`${app.url}/trpc/${procedure}`, {
    headers: { origin: app.url, 'content-type': 'application/json' },
    data: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string } } };
  if (!response.ok()) throw new Error(`${procedure} failed (${response.status()}): ${body.error?.json?.message ?? JSON.stringify(body)}`);
  return body.result?.data?.json;
}
