import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, launchBrowser, openPage, startApp } from './support';

let app: App;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const isDark = () => document.documentElement.classList.contains('dark');

describe('theme toggle', () => {
  it('switches the dark class and keeps it across reloads', async () => {
    const { page, context, problems } = await openPage(browser, { colorScheme: 'light' });
    await page.goto(app.url);
    await expect.poll(() => page.evaluate(isDark)).toBe(false);

    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(isDark)).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');

    await page.reload();
    // Set before any app code runs (by /theme-init.js), so there is no light flash.
    await expect.poll(() => page.evaluate(isDark)).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('button', { name: 'Light theme' }).click();
    await page.reload();
    await expect.poll(() => page.evaluate(isDark)).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('follows the operating system on "system"', async () => {
    const { page, context, problems } = await openPage(browser, { colorScheme: 'dark' });
    await page.goto(app.url);
    await expect.poll(() => page.evaluate(isDark)).toBe(true);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => !document.documentElement.classList.contains('dark'));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('applies the saved theme before the app script runs', async () => {
    const { page, context } = await openPage(browser, { colorScheme: 'light' });
    await context.addInitScript(() => localStorage.setItem('tessera-theme', 'dark'));
    // Block the app bundle: only index.html and theme-init.js run.
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.goto(app.url);
    await expect.poll(() => page.evaluate(isDark)).toBe(true);
    await context.close();
  });
});
