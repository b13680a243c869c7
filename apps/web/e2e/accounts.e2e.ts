import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, launchBrowser, newAccount, openPage, signUpInBrowser, startApp } from './support';

let app: App;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('Accounts', () => {
  it('signUpInBrowser leaves the page signed in (sign-in page sends it home)', async () => {
    const { page, context, problems } = await openPage(browser);
    await signUpInBrowser(page, app, newAccount('admin'), '/sign-in');
    await page.waitForURL(`${app.url}/`);
    expect(problems).toEqual([]);
    await context.close();
  });
});
