import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, artifactPath, callApi, launchBrowser, type Session, signUpOrdinaryPerson, startApp } from './support';

let app: App;
let browser: Browser;
let session: Session;

const live = { timeout: 10_000 };

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ env: { QUEUE_POLL_SECONDS: '0.5' } }), launchBrowser()]);
  session = await signUpOrdinaryPerson(browser, app, 'seeker', '/');
  await callApi(session.page, app, 'tracker.jobs.bulkCreate', {
    items: [
      { title: 'Rust Engineer', company: 'Ferrous', remote: 'remote', techStack: ['Rust', 'Tokio'] },
      { title: 'Systems Engineer', company: 'Oxide', remote: 'remote', techStack: ['Rust', 'C'] },
      { title: 'Rust Developer', company: 'Onsite Inc', remote: 'onsite', techStack: ['Rust'] },
      { title: 'Frontend Engineer', company: 'Acme', remote: 'remote', techStack: ['React'] },
    ],
  });
});

afterAll(async () => {
  await session?.context.close();
  await browser?.close();
  await app?.close();
});

function bell(page: Page, unread: number) {
  return page.getByRole('button', { name: unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread` });
}

const savedMenu = (page: Page) => page.getByRole('button', { name: /^Saved searches/ });

describe('Tracker saved searches', () => {
  it('saves the filtered jobs table, applies it later from the menu, and a new matching job rings the bell', async () => {
    const { page, problems } = session;
    await page.goto(`${app.url}/tracker/jobs`);
    await page.getByText('1–4 of 4').waitFor();
    await page.locator('[data-realtime-status="online"]').waitFor({ state: 'attached', ...live });
    await bell(page, 0).waitFor();

    // Nothing saved yet: the menu says what saving is for, and there is nothing to save unfiltered.
    await savedMenu(page).click();
    const menu = page.getByRole('dialog', { name: 'Saved searches' });
    await menu.getByText('No saved searches yet').waitFor();
    await expect.poll(() => menu.getByRole('button', { name: 'Save this search' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');

    // Filter: remote jobs with Rust.
    await page.getByRole('button', { name: 'Filters' }).click();
    const filters = page.getByRole('dialog', { name: 'Filters' });
    await filters.getByLabel('Remote', { exact: true }).check();
    await filters.getByLabel('Tech stack').fill('Rust');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('1–2 of 2').waitFor();

    // Save it (a taken name would be a field error; the first try is fine).
    await savedMenu(page).click();
    await menu.getByRole('button', { name: 'Save this search' }).click();
    const save = page.getByRole('dialog', { name: 'Save this search' });
    await save.getByText('Remote · Rust').waitFor();
    await save.getByRole('button', { name: 'Save search' }).click();
    await save.getByText('Give the search a name').waitFor();
    await save.getByLabel('Name').fill('Remote Rust');
    await expect.poll(() => save.getByLabel('Notify me when a new job matches').isChecked()).toBe(true);
    await save.getByRole('button', { name: 'Save search' }).click();
    await save.waitFor({ state: 'hidden' });
    await page.getByText('Saved “Remote Rust”').first().waitFor();
    // The menu's button names the search the table shows.
    await page.getByRole('button', { name: 'Saved searches (showing Remote Rust)' }).waitFor();

    // Later: the unfiltered table, then the saved search from the menu.
    await page.goto(`${app.url}/tracker/jobs`);
    await page.getByText('1–4 of 4').waitFor();
    await savedMenu(page).click();
    await menu.getByRole('button', { name: 'Apply saved search Remote Rust' }).click();
    await page.getByText('1–2 of 2').waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('tech')).toBe('["Rust"]');
    expect(url.searchParams.get('remote')).toBe('["remote"]');
    await page.screenshot({ path: artifactPath('tracker-saved-searches-applied.png'), fullPage: true });

    // Saving the same name again is refused with the field's own message.
    await page.getByRole('button', { name: 'Remove filter Remote' }).click();
    await page.getByText('1–3 of 3').waitFor();
    await savedMenu(page).click();
    await menu.getByRole('button', { name: 'Save this search' }).click();
    await save.getByLabel('Name').fill('remote rust');
    await save.getByRole('button', { name: 'Save search' }).click();
    await save.getByText('You already have a saved search called "remote rust". Choose another name.').waitFor();
    // Under the Name field, as the field's own error (not a banner over the form).
    await expect.poll(() => save.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => save.getByRole('alert').count()).toBe(0);
    await save.screenshot({ path: artifactPath('tracker-saved-searches-name-taken.png') });
    await save.getByRole('button', { name: 'Cancel' }).click();

    // A new job that matches: one notification, the bell counts it without a reload.
    await page.getByRole('button', { name: 'Add job' }).click();
    const jobDialog = page.getByRole('dialog', { name: 'Add a job' });
    await jobDialog.getByLabel('Title').fill('Embedded Rust Engineer');
    await jobDialog.getByLabel('Company').fill('Ferrous');
    await jobDialog.getByLabel('Work mode').selectOption('remote');
    await jobDialog.getByLabel('Tech stack').fill('Rust, Embedded');
    await jobDialog.getByRole('button', { name: 'Add job' }).click();
    await jobDialog.waitFor({ state: 'hidden' });
    await bell(page, 1).waitFor(live);

    // The notification opens the jobs list with the search's filters.
    await page.goto(`${app.url}/tracker/jobs`);
    await page.getByText('1–5 of 5').waitFor();
    await bell(page, 1).click();
    await page.getByRole('link', { name: 'New match for "Remote Rust"' }).click();
    await page.getByText('1–3 of 3').waitFor();
    await page.getByRole('button', { name: 'Saved searches (showing Remote Rust)' }).waitFor();
    expect(new URL(page.url()).searchParams.get('saved')).toBeNull();

    // Rename, notifications off, delete.
    await savedMenu(page).click();
    await menu.getByRole('button', { name: 'Rename Remote Rust' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename saved search' });
    await rename.getByLabel('Name').fill('Rust, remote only');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await rename.waitFor({ state: 'hidden' });
    await savedMenu(page).click();
    const notify = menu.getByRole('button', { name: 'Notify about new jobs matching Rust, remote only' });
    await expect.poll(() => notify.getAttribute('aria-pressed')).toBe('true');
    await notify.click();
    await page.getByText('Notifications off for “Rust, remote only”').first().waitFor();
    await expect.poll(() => notify.getAttribute('aria-pressed')).toBe('false');
    await menu.getByRole('button', { name: 'Delete Rust, remote only' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Deleted “Rust, remote only”').first().waitFor();
    await savedMenu(page).click();
    await menu.getByText('No saved searches yet').waitFor();
    await page.screenshot({ path: artifactPath('tracker-saved-searches-empty-menu.png'), fullPage: true });
    // The one failed request is the refused duplicate name above (the browser logs every 409).
    expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });
});
