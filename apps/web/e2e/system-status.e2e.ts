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

describe('System status page', () => {
  it('shows live data from the API', async () => {
    const expected = await app.database.migrationStatus();
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${app.url}/system`);

    await page.getByText('Embedded PGlite').waitFor();
    const level = page.getByTestId('migration-level');
    await expect.poll(() => level.textContent()).toBe(`${expected.applied} / ${expected.available}`);
    expect(expected.applied).toBeGreaterThan(0);
    await page.getByText(expected.latest!).waitFor();
    await page.getByText('API operational').waitFor();
    await page.getByText(process.version).waitFor();

    // Uptime ticks between refreshes.
    const uptime = page.getByTestId('uptime');
    const first = await uptime.textContent();
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="uptime"]')?.textContent !== before,
      first,
      { timeout: 5000 },
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('looks right in light and dark (screenshots in e2e/.artifacts)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { page, context, problems } = await openPage(browser);
      await context.addInitScript((value) => localStorage.setItem('tessera-theme', value), theme);
      await page.goto(`${app.url}/system`);
      await page.getByText('Embedded PGlite').waitFor();
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');
      await page.screenshot({ path: artifactPath(`system-status-${theme}.png`), fullPage: true });
      await page.setViewportSize({ width: 360, height: 740 });
      await page.screenshot({ path: artifactPath(`system-status-${theme}-mobile.png`), fullPage: true });
      // Long values (instance id) truncate instead of widening the page.
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
