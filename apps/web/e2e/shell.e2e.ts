import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, artifactPath, launchBrowser, openPage, startApp } from './support';

let app: App;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('app shell', () => {
  it('renders the product name, the navigation and the home page', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(app.url);
    await expect.poll(() => page.title()).toBe('Tessera');
    const header = page.locator('header');
    await header.getByRole('link', { name: 'Tessera' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    // Signed out: every module for everyone; Admin only for admins.
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['Home', 'Tracker', 'Characters', 'System status']);
    await expect.poll(() => nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('heading', { name: 'Welcome to Tessera' }).waitFor();
    // A visitor is told what it is for and how to start (it used to speak to developers about tRPC).
    await page.getByRole('link', { name: 'Create a free account' }).waitFor();
    expect(await page.getByText(/tRPC/).count()).toBe(0);
    await page.screenshot({ path: artifactPath('home.png') });

    await nav.getByRole('link', { name: 'System status' }).click();
    await page.getByRole('heading', { name: 'System status' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/system');
    await expect.poll(() => page.title()).toBe('System status · Tessera');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a 404 page with a way home for unknown URLs', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${app.url}/definitely/not/here`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expect.poll(() => page.getByText('/definitely/not/here').count()).toBe(1);
    await page.screenshot({ path: artifactPath('not-found.png') });
    await page.getByRole('link', { name: 'Go home' }).click();
    await page.getByRole('heading', { name: 'Welcome to Tessera' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('collapses the navigation into a drawer at 360 px', async () => {
    const { page, context, problems } = await openPage(browser, { viewport: { width: 360, height: 740 } });
    await page.goto(app.url);
    const menu = page.getByRole('button', { name: 'Open menu' });
    await menu.waitFor();
    // The desktop navigation is hidden; only the menu button leads to the modules.
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    // Nothing overflows horizontally at this width.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await menu.click();
    const drawer = page.getByRole('dialog', { name: 'Tessera' });
    await drawer.waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifactPath('mobile-drawer.png') });
    await drawer.getByRole('link', { name: 'System status' }).click();
    await page.getByRole('heading', { name: 'System status' }).waitFor();
    await drawer.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/system');

    await menu.click();
    await drawer.waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
