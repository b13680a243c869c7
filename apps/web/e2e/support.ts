import { existsSync, mkdirSync } from 'node:fs';
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
 */
export async function startApp() {
  const dist = join(here, '..', 'dist', 'index.html');
  if (!existsSync(dist)) throw new Error(`No production build at ${dist}: run \`pnpm --filter @tessera/web build\` first.`);
  return startTestApp({ serveWeb: true });
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
