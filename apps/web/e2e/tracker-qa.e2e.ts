import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, callApi, launchBrowser, type Session, signUpOrdinaryPerson, startApp } from './support';

// Rough edges found by walking through the Tracker as a new user; each test pins one fix.

let app: App;
let browser: Browser;
let session: Session;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  session = await signUpOrdinaryPerson(browser, app, 'seeker', '/tracker');
  const jobs = ['Globex', 'Initech'].map((company) => ({ title: 'Backend Engineer', company, techStack: ['Go'] }));
  await callApi(session.page, app, 'tracker.jobs.bulkCreate', { items: jobs });
});

afterAll(async () => {
  await session?.context.close();
  await browser?.close();
  await app?.close();
});

async function box(locator: Locator) {
  const value = await locator.boundingBox();
  if (!value) throw new Error('not visible');
  return value;
}

describe('Tracker rough edges', () => {
  it('the jobs bulk bar keeps its field picker compact, on one line with Apply and Delete', async () => {
    const { page } = session;
    await page.goto(`${app.url}/tracker/jobs`);
    await page.getByRole('checkbox', { name: 'Select Backend Engineer at Globex' }).click();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    const picker = bar.getByLabel('Change for the selected jobs');
    // The select's wrapper (which also holds the chevron) is as narrow as the select itself…
    const wrapper = await box(picker.locator('xpath=..'));
    expect(wrapper.width).toBeLessThan(200);
    expect(wrapper.width - (await box(picker)).width).toBeLessThan(1);
    // …so the buttons stay beside it instead of wrapping onto a second line.
    const apply = await box(bar.getByRole('button', { name: 'Apply' }));
    expect(Math.abs(apply.y + apply.height / 2 - (wrapper.y + wrapper.height / 2))).toBeLessThan(4);
    await bar.getByRole('button', { name: 'Clear selection' }).click();
  });

  it('analytics totals stay inside their cards at 360 px with five-digit counts', async () => {
    const { page } = session;
    // 10,002 jobs: the count that overflowed its card on a phone.
    for (let batch = 0; batch < 10; batch++) {
      const items = Array.from({ length: 1000 }, (_, i) => ({ title: `Engineer ${batch * 1000 + i}`, company: 'Bulk Co', techStack: ['Go'] }));
      await callApi(page, app, 'tracker.jobs.bulkCreate', { items });
    }
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await page.goto(`${app.url}/tracker/analytics`);
      const totals = page.getByRole('region', { name: 'Totals' });
      await totals.getByText((10_002).toLocaleString('en-US')).waitFor();
      const overflow = await totals.evaluate((section) =>
        [...section.children].map((card) => {
          const value = card.lastElementChild!;
          const range = document.createRange();
          range.selectNodeContents(value);
          const text = range.getBoundingClientRect();
          const box = card.getBoundingClientRect();
          const padding = parseFloat(getComputedStyle(card).paddingRight);
          return { text: value.textContent, past: Math.round(text.right - (box.right - padding)) };
        }),
      );
      for (const item of overflow) expect(item.past, `${item.text} runs past its card`).toBeLessThanOrEqual(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('skill demand counts are grouped like every other count ("10,002 jobs", not "10002 jobs")', async () => {
    const { page } = session;
    const count = (10_002).toLocaleString('en-US');
    await page.goto(`${app.url}/tracker/skills`);
    await page.getByRole('button', { name: `Add Go ${count} jobs` }).getByText(count).waitFor();
    await page.goto(`${app.url}/tracker/analytics`);
    await page.getByRole('list', { name: 'Missing skills, most demanded first' }).getByText(`${count} jobs`, { exact: false }).waitFor();
  });

  it('a failed board move rolls back and says why in whole sentences', async () => {
    const { page } = session;
    const jobs = (await callApi(page, app, 'tracker.jobs.create', { title: 'Rollback Engineer', company: 'Umbrella' })) as { id: string };
    await callApi(page, app, 'tracker.applications.create', { jobId: jobs.id, status: 'saved' });
    await page.goto(`${app.url}/tracker`);
    const card = page.getByTestId('column-saved').getByTestId('board-card').filter({ hasText: 'Rollback Engineer' });
    await card.waitFor();
    // The network drops the move: the client's message ("Failed to fetch") has no full stop of its own.
    await page.route('**/trpc/tracker.applications.setStatus**', (route) => route.abort());
    try {
      await card.focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Space');
      await page.getByText('Could not move “Rollback Engineer”').first().waitFor();
      const description = page.getByText(/It is back in Saved\.$/).first();
      await description.waitFor();
      expect(await description.textContent()).toMatch(/\. It is back in Saved\.$/);
      expect(await description.textContent()).not.toMatch(/\w It is back/);
      await card.waitFor();
    } finally {
      await page.unroute('**/trpc/tracker.applications.setStatus**');
    }
  });

  it('a notification email’s link to an application opens it in the board drawer, not "Page not found"', async () => {
    const { page } = session;
    const job = (await callApi(page, app, 'tracker.jobs.create', { title: 'Mailed Engineer', company: 'Initech' })) as { id: string };
    const application = (await callApi(page, app, 'tracker.applications.create', { jobId: job.id, status: 'applied' })) as { id: string };
    // The link the API puts in emails and push payloads.
    await page.goto(`${app.url}/tracker/applications/${application.id}`);
    await page.waitForURL((url) => url.pathname === '/tracker' && url.searchParams.get('app') === application.id);
    await page.getByRole('dialog').getByRole('heading', { name: 'Mailed Engineer' }).waitFor();
    expect(await page.getByText('Page not found').count()).toBe(0);
    await page.keyboard.press('Escape');
    // The new-device email links to the sessions list.
    await page.goto(`${app.url}/settings/sessions`);
    await page.waitForURL((url) => url.pathname === '/account/security');
    // A path that names nothing still says so.
    await page.goto(`${app.url}/tracker/nothing-here`);
    await page.getByText('Page not found').waitFor();
  });

  it('a board search that matches nothing says so and offers to clear it', async () => {
    const { page } = session;
    await page.goto(`${app.url}/tracker?q=zzznothing`);
    const note = page.getByRole('status').filter({ hasText: 'No applications match “zzznothing”.' });
    await note.waitFor();
    await note.getByRole('button', { name: 'Clear the search' }).click();
    await page.getByTestId('board-card').first().waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    expect(await page.getByLabel('Search the board').inputValue()).toBe('');
    expect(await note.count()).toBe(0);
  });

  it('while an import runs, the report no longer says "Nothing has been saved yet"', async () => {
    const { page } = session;
    await page.goto(`${app.url}/tracker/import`);
    await page.getByLabel('Jobs').check();
    const csv = ['title,company', 'Importer One,Hooli', 'Importer Two,Hooli'].join('\n');
    await page.getByLabel('CSV or Excel file').setInputFiles({ name: 'jobs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const summary = page.getByTestId('import-report-summary');
    await summary.getByText('Nothing has been saved yet.').waitFor();
    // Hold the import request so the running state can be seen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/trpc/tracker.transfer.importCsv**', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.getByRole('button', { name: 'Import 2 jobs' }).click();
      await summary.getByText('Importing now').waitFor();
      expect(await summary.textContent()).not.toContain('Nothing has been saved yet.');
      release();
      await page.getByTestId('import-summary').getByText('Imported 2 jobs.').waitFor();
    } finally {
      release();
      await page.unroute('**/trpc/tracker.transfer.importCsv**');
    }
  });

  it('closing the application drawer with unsaved notes asks first (Escape used to drop them); an added interview ahead becomes the next interview', async () => {
    const { page } = session;
    const job = (await callApi(page, app, 'tracker.jobs.create', { title: 'Careful Engineer', company: 'Umbrella' })) as { id: string };
    const application = (await callApi(page, app, 'tracker.applications.create', { jobId: job.id, status: 'applied' })) as { id: string };
    await page.goto(`${app.url}/tracker?app=${application.id}`);
    const drawer = page.getByRole('dialog', { name: 'Careful Engineer' });
    await drawer.getByLabel('Notes').fill('Call the recruiter on Monday');
    await page.keyboard.press('Escape');
    const ask = page.getByRole('alertdialog', { name: 'Discard your changes?' });
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await drawer.getByLabel('Notes').inputValue()).toBe('Call the recruiter on Monday');

    // Saved, nothing to ask: an interview three days ahead fills "Next interview".
    await drawer.getByRole('button', { name: 'Save details' }).click();
    await page.locator('li[data-swipe-direction]').filter({ hasText: 'Application saved' }).waitFor();
    await drawer.getByRole('button', { name: 'Add interview' }).click();
    const at = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 11) + '10:30';
    const interview = drawer.getByRole('form', { name: 'New interview' });
    await interview.getByLabel('Date and time').fill(local);
    await interview.getByRole('button', { name: 'Save interview' }).click();
    await interview.waitFor({ state: 'hidden' });
    await expect.poll(() => drawer.getByLabel('Next interview').inputValue()).toBe(local);

    // Unsaved again, then discarded: the drawer closes and the note is gone.
    await drawer.getByLabel('Notes').fill('Never mind');
    // While a toast shows, Escape dismisses the toast first (Radix layers): wait for them to go.
    await expect.poll(() => page.locator('li[data-swipe-direction]').count(), { timeout: 10_000 }).toBe(0);
    await page.keyboard.press('Escape');
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.goto(`${app.url}/tracker?app=${application.id}`);
    expect(await drawer.getByLabel('Notes').inputValue()).toBe('Call the recruiter on Monday');
    // Nothing typed: Escape closes at once.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('a toast over the application drawer hides none of its controls (it used to cover the bottom buttons)', async () => {
    const { page } = session;
    const job = (await callApi(page, app, 'tracker.jobs.create', { title: 'Toasted Engineer', company: 'Hooli', url: 'https://example.com/jobs/toasted' })) as { id: string };
    const application = (await callApi(page, app, 'tracker.applications.create', { jobId: job.id, status: 'applied' })) as { id: string };
    try {
      for (const width of [1280, 900, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
        await page.goto(`${app.url}/tracker?app=${application.id}`);
        const drawer = page.getByRole('dialog', { name: 'Toasted Engineer' });
        await drawer.getByLabel('Notes').fill(`Saved at ${width} px`);
        await drawer.getByRole('button', { name: 'Save details' }).click();
        // The open drawer hides the rest of the page from the accessibility tree (the toast is announced
        // through its own live region), so the toast is found by its Radix attribute, not its role.
        const toast = page.locator('li[data-swipe-direction]').filter({ hasText: 'Application saved' });
        // Once it has slid in, whole.
        await expect.poll(async () => (await box(toast)).x + (await box(toast)).width).toBeLessThanOrEqual(width);
        // Controls under the toast in the drawer as it opened: none beside a side drawer. (On a phone the
        // drawer is the whole screen and a full-width toast under the header crosses its subtitle.)
        const covered = () =>
          toast.evaluate((element, drawerName) => {
            const t = element.getBoundingClientRect();
            const dialog = [...document.querySelectorAll('[role="dialog"]')].find((d) => d.textContent?.includes(drawerName))!;
            return [...dialog.querySelectorAll('a[href], button, input, select, textarea')]
              .filter((control) => {
                const r = control.getBoundingClientRect();
                return r.width > 0 && r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top;
              })
              .map((control) => control.getAttribute('aria-label') ?? control.textContent ?? control.tagName);
          }, 'Toasted Engineer');
        if (width > 360) expect(await covered(), `at ${width} px`).toEqual([]);
        // The drawer's last button, at the end of its scroll, stays clear at every width.
        await drawer.evaluate((element) => element.scrollTo(0, element.scrollHeight));
        const remove = await box(drawer.getByRole('button', { name: 'Delete application' }));
        const over = await box(toast);
        expect(remove.y > over.y + over.height || remove.y + remove.height < over.y || remove.x > over.x + over.width || remove.x + remove.width < over.x, `Delete at ${width} px`).toBe(true);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});
