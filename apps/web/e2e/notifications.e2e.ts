import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type App,
  artifactPath,
  callApi,
  launchBrowser,
  newAccount,
  openPage,
  signUpInBrowser,
  startApp,
} from './support';

let app: App;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const live = { timeout: 10_000 };

/** The tab's WebSocket is open (its subscriptions go out right after). */
async function waitForRealtime(page: Page) {
  await page.locator('[data-realtime-status="online"]').waitFor({ state: 'attached', ...live });
}

function bell(page: Page, unread: number) {
  return page.getByRole('button', {
    name: unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`,
  });
}

describe('Notifications and live updates', () => {
  it('updates the bell and the board in another tab without reload; mark read in the center reaches the first tab', async () => {
    const { context, page: tabA, problems } = await openPage(browser);
    await signUpInBrowser(tabA, app, newAccount('live'), '/tracker');
    const tabB = await context.newPage();
    tabB.on('pageerror', (error) => problems.push(`pageerror (B): ${error.message}`));
    await tabB.goto(`${app.url}/tracker`);
    for (const tab of [tabA, tabB]) {
      await bell(tab, 0).waitFor();
      await waitForRealtime(tab);
    }
    const navigations: string[] = [];
    tabB.on('framenavigated', (frame) => {
      if (frame === tabB.mainFrame()) navigations.push(frame.url());
    });

    // Tab A's side (same session): a job, an application, then a status change.
    const job = (await callApi(tabA, app, 'tracker.jobs.create', {
      title: 'Platform Engineer',
      company: 'Acme',
    })) as { id: string };
    const application = (await callApi(tabA, app, 'tracker.applications.create', {
      jobId: job.id,
      status: 'applied',
    })) as { id: string };
    await bell(tabB, 1).waitFor(live);
    const card = (status: string) =>
      tabB
        .getByTestId(`column-${status}`)
        .getByTestId('board-card')
        .filter({ hasText: 'Platform Engineer' });
    await card('applied')
      .waitFor(live)
      .catch(async (error: unknown) => {
        await tabB.screenshot({ path: artifactPath('debug-tab-b.png'), fullPage: true });
        throw error;
      });

    await callApi(tabA, app, 'tracker.applications.setStatus', {
      id: application.id,
      status: 'screening',
    });
    await bell(tabB, 2).waitFor(live);
    await card('screening').waitFor(live);
    await expect.poll(() => card('applied').count()).toBe(0);
    // A toast says what happened, in the tab that did not cause it too.
    await tabB.getByText('Platform Engineer at Acme: Screening').first().waitFor(live);
    await bell(tabA, 2).waitFor(live);
    expect(navigations).toEqual([]); // no reloads: it all arrived over the socket

    // Tab B: the bell's dropdown, then the center, where the newest gets marked read.
    await bell(tabB, 2).click();
    const dropdown = tabB.getByRole('dialog', { name: 'Latest notifications' });
    await dropdown.getByText('Your application moved from Applied to Screening.').waitFor();
    await dropdown.getByRole('link', { name: 'View all' }).click();
    await tabB.waitForURL(`${app.url}/notifications`);
    const items = tabB.getByTestId('notification-item');
    await expect.poll(() => items.count(), live).toBe(2);
    await tabB
      .getByRole('button', { name: 'Mark “Platform Engineer at Acme: Screening” read' })
      .click();
    await tabB
      .getByRole('button', { name: 'Mark “Platform Engineer at Acme: Screening” unread' })
      .waitFor();
    await bell(tabB, 1).waitFor();
    // The first tab hears about it through live.onChange.
    await bell(tabA, 1).waitFor(live);

    // Unread filter, then select all and delete in bulk.
    await tabB.getByRole('button', { name: 'Unread', exact: true }).click();
    await expect.poll(() => items.count(), live).toBe(1);
    await tabB.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => items.count(), live).toBe(2);

    // A notification links to what it is about (the application opens in the board's drawer),
    // and following it marks it read.
    await tabB.getByRole('link', { name: 'Platform Engineer at Acme: Applied' }).click();
    await tabB.waitForURL(`${app.url}/tracker?app=${application.id}`);
    // The drawer is modal (the rest of the page is hidden from the accessibility tree meanwhile).
    await tabB.getByRole('dialog').waitFor();
    await expect
      .poll(() => tabB.getByTestId('notification-bell').getAttribute('aria-label'), live)
      .toBe('Notifications, none unread');
    await tabB.goBack();
    await tabB.waitForURL(`${app.url}/notifications`);
    await expect.poll(() => items.count(), live).toBe(2);
    await tabB.getByRole('checkbox', { name: 'Select all on this page' }).click();
    await tabB.getByText('2 selected').waitFor();
    await tabB.getByRole('button', { name: 'Delete selected' }).click();
    await tabB
      .getByRole('dialog', { name: 'Delete 2 notifications?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await tabB.getByText('No notifications yet').waitFor(live);
    await bell(tabA, 0).waitFor(live);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows one toast for one move: the tab that moved an application does not toast its echo; another tab does', async () => {
    const { context, page: tabA, problems } = await openPage(browser);
    await signUpInBrowser(tabA, app, newAccount('echo'), '/tracker');
    const job = (await callApi(tabA, app, 'tracker.jobs.create', {
      title: 'Data Engineer',
      company: 'Globex',
    })) as { id: string };
    const application = (await callApi(tabA, app, 'tracker.applications.create', {
      jobId: job.id,
      status: 'applied',
    })) as { id: string };
    await bell(tabA, 1).waitFor(live);
    const tabB = await context.newPage();
    tabB.on('pageerror', (error) => problems.push(`pageerror (B): ${error.message}`));
    await tabB.goto(`${app.url}/tracker`);
    await tabA.goto(`${app.url}/tracker?app=${application.id}`);
    // The drawer is modal: the bell is hidden from the accessibility tree behind it, so read its label.
    const bellLabelA = () => tabA.getByTestId('notification-bell').getAttribute('aria-label');
    await expect.poll(bellLabelA, live).toBe('Notifications, 1 unread');
    await bell(tabB, 1).waitFor(live);
    for (const tab of [tabA, tabB]) await waitForRealtime(tab);

    await tabA.getByRole('dialog').getByLabel('Status').selectOption('screening');
    // The notification exists (both bells count it) and the other tab toasts it.
    await tabB.getByText('Data Engineer at Globex: Screening').first().waitFor(live);
    await expect.poll(bellLabelA, live).toBe('Notifications, 2 unread');
    // Behind the modal drawer toasts are out of the accessibility tree: found by their Radix attribute.
    const toastsA = tabA.locator('li[data-swipe-direction]');
    await toastsA.filter({ hasText: 'Moved to Screening' }).waitFor();
    // The echo arrived before the bell counted it; give a late toast a moment to show up anyway.
    await tabA.waitForTimeout(500);
    expect(await toastsA.allInnerTexts()).toEqual([expect.stringContaining('Moved to Screening')]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('saves preferences per type and channel', async () => {
    const { page, context, problems } = await openPage(browser);
    await signUpInBrowser(page, app, newAccount('prefs'), '/notifications/preferences');
    const box = page.getByRole('checkbox', { name: 'Email for Application status' });
    await box.waitFor();
    await expect.poll(() => box.getAttribute('aria-checked')).toBe('false');
    const saved = page.waitForResponse(
      (response) => response.url().includes('notifications.preferences.update') && response.ok(),
    );
    await box.click();
    await expect.poll(() => box.getAttribute('aria-checked')).toBe('true');
    await saved;
    await page.reload();
    await expect
      .poll(
        () =>
          page
            .getByRole('checkbox', { name: 'Email for Application status' })
            .getAttribute('aria-checked'),
        live,
      )
      .toBe('true');
    // Headless Chromium has the Push API but no push service; the card offers the opt-in.
    await page.getByRole('button', { name: 'Turn on browser push' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('looks right in light and dark (screenshots in e2e/.artifacts)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { page, context, problems } = await openPage(browser);
      await context.addInitScript((value) => localStorage.setItem('tessera-theme', value), theme);
      await signUpInBrowser(page, app, newAccount(`shots-${theme}`), '/tracker');
      await waitForRealtime(page);
      const job = (await callApi(page, app, 'tracker.jobs.create', {
        title: 'Staff Designer',
        company: 'Globex',
      })) as { id: string };
      const created = (await callApi(page, app, 'tracker.applications.create', {
        jobId: job.id,
        status: 'applied',
      })) as { id: string };
      await callApi(page, app, 'tracker.applications.setStatus', {
        id: created.id,
        status: 'interviewing',
      });
      await bell(page, 2).waitFor(live);

      await bell(page, 2).click();
      await page
        .getByRole('dialog', { name: 'Latest notifications' })
        .getByText('Staff Designer at Globex: Interviewing')
        .waitFor();
      // Let the opening fade finish so the screenshot shows the panel as people see it.
      await page.waitForFunction(() =>
        document.getAnimations().every((animation) => animation.playState !== 'running'),
      );
      await page.screenshot({ path: artifactPath(`notifications-bell-${theme}.png`) });
      await page.keyboard.press('Escape');

      await page.goto(`${app.url}/notifications`);
      await expect.poll(() => page.getByTestId('notification-item').count(), live).toBe(2);
      await page
        .getByRole('checkbox', { name: 'Select “Staff Designer at Globex: Applied”' })
        .click();
      await page.screenshot({
        path: artifactPath(`notifications-center-${theme}.png`),
        fullPage: true,
      });
      await page.setViewportSize({ width: 360, height: 740 });
      await page.screenshot({
        path: artifactPath(`notifications-center-${theme}-mobile.png`),
        fullPage: true,
      });
      await expect(
        page.evaluate(() => document.documentElement.scrollWidth),
      ).resolves.toBeLessThanOrEqual(360);
      await page.setViewportSize({ width: 1280, height: 800 });

      await page.goto(`${app.url}/notifications/preferences`);
      await page
        .getByRole('checkbox', { name: 'Email for Application status' })
        .waitFor()
        .catch(async (error: unknown) => {
          await page.screenshot({ path: artifactPath('debug-prefs.png'), fullPage: true });
          throw error;
        });
      await page.getByRole('button', { name: 'Turn on browser push' }).waitFor();
      await page.screenshot({
        path: artifactPath(`notifications-preferences-${theme}.png`),
        fullPage: true,
      });
      await page.setViewportSize({ width: 360, height: 740 });
      await page.screenshot({
        path: artifactPath(`notifications-preferences-${theme}-mobile.png`),
        fullPage: true,
      });
      // The whole grid fits: no sideways scrolling to reach the push column.
      const gridFits = await page.evaluate(() => {
        const scroller = document.querySelector('table')?.parentElement;
        return scroller ? scroller.scrollWidth <= scroller.clientWidth : false;
      });
      expect(gridFits).toBe(true);
      await expect(
        page.evaluate(() => document.documentElement.scrollWidth),
      ).resolves.toBeLessThanOrEqual(360);
      await page.setViewportSize({ width: 1280, height: 800 });

      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('shows the admin the job queues', async () => {
    // A fresh app: its first account is the admin.
    const fresh = await startApp();
    try {
      const { page, context, problems } = await openPage(browser);
      await signUpInBrowser(page, fresh, newAccount('admin'), '/admin/queues');
      await page.getByRole('heading', { name: 'Job queues' }).waitFor();
      await page.getByRole('link', { name: 'Job queues' }).waitFor(); // the admin console's tab
      const queues = page.getByRole('table', { name: 'Queues' });
      await queues.waitFor();
      await expect.poll(() => queues.getByRole('rowheader').count()).toBeGreaterThan(0);
      // The recurring maintenance jobs the API declares, with their schedule.
      const schedules = page.getByRole('table', { name: 'Recurring jobs' });
      const cleanup = schedules
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'platform.cleanup' }) });
      await cleanup.waitFor();
      expect(await cleanup.textContent()).toContain('17 3 * * *');
      expect(await cleanup.textContent()).toContain('UTC');
      await page.screenshot({ path: artifactPath('admin-queues-light.png'), fullPage: true });
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await fresh.close();
    }
  });
});
