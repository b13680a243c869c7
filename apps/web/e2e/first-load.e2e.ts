import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, callApi, launchBrowser, newAccount, openPage, type Session, signUpOrdinaryPerson, startApp } from './support';

/**
 * The first load of a page opened directly (a bookmark, a reload): its code and its data download
 * side by side, not one after the other. Asserted on the order of events, never on a time: the
 * page's chunk is held back until its data request has gone out (or a few seconds have passed), so
 * a data request that only starts once the chunk has loaded — the waterfall — fails the test on
 * any machine, however fast.
 */

let app: App;
let browser: Browser;
let seeker: Session;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  seeker = await signUpOrdinaryPerson(browser, app, 'seeker', '/');
  const stages = ['saved', 'applied', 'applied', 'screening', 'interviewing', 'offer', 'rejected'];
  for (const [i, status] of stages.entries()) {
    const job = (await callApi(seeker.page, app, 'tracker.jobs.create', { title: `Engineer ${i + 1}`, company: `Company ${i + 1}` })) as { id: string };
    await callApi(seeker.page, app, 'tracker.applications.create', { jobId: job.id, status });
  }
});

afterAll(async () => {
  await seeker?.context.close();
  await browser?.close();
  await app?.close();
});

/** A cold load: a new browser context (empty cache) with the seeker's session cookie. */
async function coldPage(): Promise<Session> {
  return openPage(browser, { storageState: await seeker.context.storageState() });
}

/** The tRPC procedures a request carries (`/trpc/auth.me,tracker.applications.list?batch=1…`). */
function procedures(request: Request): string[] {
  const url = new URL(request.url());
  return url.pathname.startsWith('/trpc/') ? url.pathname.slice('/trpc/'.length).split(',') : [];
}

/**
 * Opens `path` with the lazy chunk whose file name starts with `chunk` held back until a request
 * for `procedure` has been sent (at most `holdMs`), then released. Says whether it went out while
 * the chunk was still loading, and which procedures had been asked by then.
 */
async function openHoldingChunk(page: Page, path: string, chunk: string, procedure: string, holdMs = 5_000) {
  const asked: string[] = [];
  let seen: () => void = () => {};
  const dataRequested = new Promise<void>((resolve) => (seen = resolve));
  page.on('request', (request) => {
    const called = procedures(request);
    asked.push(...called);
    if (called.includes(procedure)) seen();
  });
  let held = false;
  let sentWhileHeld = false;
  await page.route(new RegExp(`/assets/${chunk}-[\\w-]+\\.js$`), async (route) => {
    held = true;
    sentWhileHeld = await Promise.race([dataRequested.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), holdMs))]);
    await route.continue();
  });
  await page.goto(`${app.url}${path}`);
  return { held: () => held, sentWhileHeld: () => sentWhileHeld, asked };
}

describe('first load of a page', () => {
  it('asks for the board’s applications while the board’s code is still loading, and counts no empty column', async () => {
    const { page, context, problems } = await coldPage();
    // Every text a column's count badge shows, from the first render on (a MutationObserver sees
    // each committed render, so a "0" shown for a single frame is recorded too).
    await page.addInitScript(() => {
      const seen: Record<string, string[]> = {};
      (window as unknown as { badgeTexts: typeof seen }).badgeTexts = seen;
      const record = () => {
        for (const column of document.querySelectorAll<HTMLElement>('[data-testid^="column-"]')) {
          const badge = column.querySelector('h2 > :last-child');
          const status = column.dataset.testid!.slice('column-'.length);
          const text = badge?.getAttribute('data-testid') === 'column-count-loading' ? '(loading)' : (badge?.textContent ?? '');
          const texts = (seen[status] ??= []);
          if (texts.at(-1) !== text) texts.push(text);
        }
      };
      new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    const load = await openHoldingChunk(page, '/tracker', 'board-page', 'tracker.applications.list');
    await page.getByTestId('board-card').first().waitFor();
    expect(load.held()).toBe(true);
    // The waterfall: chunk → render → auth.me → render → lists. Now the lists and the session go
    // out with the chunk.
    expect(load.sentWhileHeld()).toBe(true);
    expect(load.asked).toContain('auth.me');
    // The page's hooks read what the router fetched: one request per column, not a second round.
    await expect.poll(() => page.getByTestId('board-card').count()).toBe(7);
    expect(load.asked.filter((p) => p === 'tracker.applications.list')).toHaveLength(9);

    const badgeTexts = await page.evaluate(() => (window as unknown as { badgeTexts: Record<string, string[]> }).badgeTexts);
    for (const [status, cards] of Object.entries({ saved: 1, applied: 2, screening: 1, interviewing: 1, offer: 1, rejected: 1 })) {
      await expect.poll(() => page.getByTestId(`column-${status}`).getByTestId('board-card').count()).toBe(cards);
      // Loading, then the count: never a "0" above a column that has cards.
      expect(badgeTexts[status], status).not.toContain('0');
      expect(badgeTexts[status]?.at(-1), status).toBe(String(cards));
    }
    expect(badgeTexts.withdrawn?.at(-1)).toBe('0');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('asks for the analytics while the analytics code is still loading', async () => {
    const { page, context, problems } = await coldPage();
    const load = await openHoldingChunk(page, '/tracker/analytics', 'analytics-page', 'tracker.analytics.summary');
    await page.getByTestId('rate-responseRate').waitFor();
    expect(load.held()).toBe(true);
    expect(load.sentWhileHeld()).toBe(true);
    expect(load.asked.filter((p) => p === 'tracker.analytics.summary')).toHaveLength(1);
    expect(load.asked.filter((p) => p === 'tracker.analytics.trends')).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('still sends a signed-out visitor to sign-in, showing none of the board', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${app.url}/tracker`);
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('redirectTo') === '/tracker');
    await page.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();
    expect(await page.getByTestId('board').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('brings someone who signs in back to the board with their cards', async () => {
    const account = newAccount('returning');
    const other = await openPage(browser);
    await callApi(other.page, app, 'auth.signUp', account);
    const job = (await callApi(other.page, app, 'tracker.jobs.create', { title: 'Returning role', company: 'Acme' })) as { id: string };
    await callApi(other.page, app, 'tracker.applications.create', { jobId: job.id, status: 'applied' });
    await other.context.close();

    const { page, context, problems } = await openPage(browser);
    await page.goto(`${app.url}/tracker`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/tracker');
    await page.getByTestId('column-applied').getByTestId('board-card').filter({ hasText: 'Returning role' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
