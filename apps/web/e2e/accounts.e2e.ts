import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  type App,
  artifactPath,
  callApi,
  launchBrowser,
  newAccount,
  openPage,
  signInInBrowser,
  signUpInBrowser,
  startApp,
} from './support';

let app: App;
let browser: Browser;
/** The first account of the app: it becomes the admin. Created by the first test. */
const admin: Account = newAccount('admin');

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A failed request (401 for a wrong password or a revoked session, 409 for the last admin) is expected in these journeys. */
function unexpected(problems: string[]): string[] {
  return problems.filter(
    (problem) =>
      !/Failed to load resource: the server responded with a status of (401|403|409)/.test(problem),
  );
}

async function signInThroughForm(page: Page, account: Pick<Account, 'email' | 'password'>) {
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function openUserMenu(page: Page) {
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('menu').waitFor();
}

describe('Accounts', () => {
  it('sign up → confirm through the outbox → second device → revoke it → it is signed out → sign out', async () => {
    const first = await openPage(browser);
    const a = first.page;
    await a.goto(`${app.url}/sign-up`);
    await a.getByLabel('Name').fill(admin.name);
    await a.getByLabel('Email').fill(admin.email);
    await a.getByLabel('Password', { exact: true }).fill(admin.password);
    await a.getByLabel('Confirm password').fill('not the same');
    await a.getByRole('button', { name: 'Create account' }).click();
    await a.getByText('Passwords do not match').waitFor();
    await a.getByLabel('Confirm password').fill(admin.password);
    await a.getByRole('button', { name: 'Create account' }).click();

    // Signed in, home, with the banner asking to confirm the address.
    await a.waitForURL(`${app.url}/`);
    const banner = a.getByRole('region', { name: 'Email confirmation' });
    await banner.getByText(admin.email).waitFor();

    // The first account is the admin: the Admin nav item is there; the outbox holds the link.
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await a.waitForURL(`${app.url}/admin/users`);
    await a.getByRole('link', { name: 'Mail outbox' }).click();
    const row = a.getByTestId('mail-row').filter({ hasText: admin.email });
    await row.first().waitFor();
    await row.first().getByRole('button').click();
    const drawer = a.getByRole('dialog');
    const link = drawer.getByRole('link', { name: /\/verify-email\?token=/ });
    await link.waitFor();
    const verifyHref = await link.getAttribute('href');
    expect(verifyHref).toMatch(new RegExp(`^${app.url}/verify-email\\?token=`));
    await link.click();
    await a.getByRole('heading', { name: 'Email confirmed' }).waitFor();
    await expect.poll(() => a.getByTestId('verified-email').textContent()).toBe(admin.email);
    await a.getByRole('link', { name: 'Continue to Tessera' }).click();
    await a.getByRole('heading', { name: 'Welcome to Tessera' }).waitFor();
    await expect.poll(() => banner.count()).toBe(0);
    // The same link again (or a reload): it is used up, and the page says the address is confirmed, with no error
    // (not "could not confirm", not to resend from a banner that is gone).
    await a.goto(verifyHref!);
    await a.getByText('Your email address is already confirmed: there is nothing more to do.').waitFor();
    await a.getByRole('heading', { name: 'Email confirmed' }).waitFor();
    expect(await a.getByText(/Resend|could not confirm|expired/).count()).toBe(0);
    const refused = first.problems.findIndex((problem) => problem.includes('status of 400'));
    expect(refused).toBeGreaterThanOrEqual(0);
    first.problems.splice(refused, 1);
    await a.goto(`${app.url}/`);

    // A second device signs in through the form.
    const second = await openPage(browser, {
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0',
    });
    const b = second.page;
    await b.goto(`${app.url}/sign-in`);
    await signInThroughForm(b, admin);
    await b.waitForURL(`${app.url}/`);
    await b.getByRole('button', { name: `Account menu for ${admin.name}` }).waitFor();

    // The first device sees both sessions and revokes the other one.
    await a.goto(`${app.url}/account/security`);
    const sessions = a.getByTestId('session-row');
    await expect.poll(() => sessions.count()).toBe(2);
    await a.locator('[data-testid="session-row"][data-current]').getByText('This device').waitFor();
    const other = sessions.filter({ hasText: 'Firefox on Windows' });
    await other.getByRole('button', { name: /^Revoke session on/ }).click();
    await expect.poll(() => sessions.count()).toBe(1);
    await a.getByText('Session revoked').first().waitFor();

    // The second device is signed out on its next navigation (client-side, through the user menu).
    await openUserMenu(b);
    await b.getByRole('menuitem', { name: 'Security' }).click();
    await b.waitForURL(
      (url) =>
        url.pathname === '/sign-in' && url.searchParams.get('redirectTo') === '/account/security',
    );
    await b.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();

    // The security activity lists what happened, in words.
    await a.reload();
    const activity = a.getByRole('list', { name: 'Security activity' });
    await activity.getByText('Session revoked').first().waitFor();
    await activity.getByText('Email confirmed').first().waitFor();
    await activity.getByText('Account created').first().waitFor();

    // Sign out from the user menu.
    await openUserMenu(a);
    await a.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await a.waitForURL((url) => url.pathname === '/sign-in');
    await a.getByRole('link', { name: 'Sign in' }).waitFor();
    // Plain sign-in, not a sign-in page that sends back to itself (`?redirectTo=/sign-in`).
    expect(new URL(a.url()).searchParams.get('redirectTo')).toBeNull();
    await a.goto(`${app.url}/account/profile`);
    await a.waitForURL(
      (url) =>
        url.pathname === '/sign-in' && url.searchParams.get('redirectTo') === '/account/profile',
    );

    expect(unexpected(first.problems)).toEqual([]);
    expect(unexpected(second.problems)).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  it('sends a signed-out visitor to sign-in and back to the page they asked for', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${app.url}/account/security?tab=tokens`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/account/security?tab=tokens');
    await page.getByText('Sign in to continue to the page you asked for.').waitFor();
    await signInThroughForm(page, admin);
    await page.waitForURL(`${app.url}/account/security?tab=tokens`);
    await page.getByRole('heading', { name: 'Security', exact: true }).waitFor();
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('shows the API’s message for a wrong password and refuses foreign redirects', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${app.url}/sign-in?redirectTo=//evil.example/steal`);
    await signInThroughForm(page, { email: admin.email, password: 'definitely wrong' });
    await page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
    await expect.poll(() => page.getByLabel('Password').inputValue()).toBe('');
    // The right password now: the unsafe redirectTo was dropped, so it goes home.
    await signInThroughForm(page, admin);
    await page.waitForURL(`${app.url}/`);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('explains an OAuth failure', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${app.url}/sign-in?oauthError=email_not_verified`);
    await page
      .getByText('The provider has not verified your email address.', { exact: false })
      .waitFor();
    await context.close();
  });

  it('lets the admin find a user by search and deactivate them', async () => {
    const target = newAccount('grace');
    const other = await openPage(browser);
    await callApi(other.page, app, 'auth.signUp', target);
    await other.context.close();

    const { page, context, problems } = await openPage(browser);
    await signInInBrowser(page, app, admin, '/admin/users');
    const rows = page.getByTestId('user-row');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Search').fill(target.email.slice(0, 12));
    await page.waitForURL((url) => url.searchParams.get('q') === target.email.slice(0, 12));
    await expect.poll(() => rows.count()).toBe(1);
    await rows.getByRole('link', { name: target.name }).click();
    await page.getByRole('heading', { name: target.name }).waitFor();

    await page.getByRole('button', { name: 'Deactivate…' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Deactivate ${target.name}?` });
    await dialog.getByText('signed out everywhere', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('This account is deactivated').waitFor();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();

    // The filters live in the URL: the deactivated filter shows exactly that user.
    await page.goto(`${app.url}/admin/users?status=deactivated`);
    await expect.poll(() => rows.count()).toBe(1);
    await rows.getByText(target.email).waitFor();
    await expect.poll(() => page.getByLabel('Status').inputValue()).toBe('deactivated');

    // The last admin cannot demote themselves: the API's CONFLICT message is shown.
    await page.goto(`${app.url}/admin/users?role=admin`);
    await rows.getByRole('link', { name: admin.name }).click();
    await page.getByLabel('Role').selectOption('user');
    await page
      .getByText('Cannot demote the last active admin. Make someone else an admin first.')
      .waitFor();
    await expect.poll(() => page.getByLabel('Role').inputValue()).toBe('admin');

    // The deactivated user cannot sign in, in the API's words.
    const blocked = await openPage(browser);
    await blocked.page.goto(`${app.url}/sign-in`);
    await signInThroughForm(blocked.page, target);
    await blocked.page
      .getByText('This account has been deactivated. Contact an administrator.')
      .waitFor();
    await blocked.context.close();

    // The audit log pages through what happened; a reversed date range is refused before asking,
    // a range with nothing in it says so and offers to clear the filters.
    await page.goto(`${app.url}/admin/audit`);
    const events = page.getByRole('table', { name: 'Audit events' });
    await events.getByText(target.email).first().waitFor();
    await page.getByRole('navigation', { name: 'Audit log pages' }).getByText('Page 1').waitFor();
    await page.getByLabel('From').fill('2099-01-02');
    await page.getByLabel('To').fill('2099-01-01');
    await page.getByText('“To” must be after “from”.').waitFor();
    await expect.poll(() => events.count()).toBe(0);
    await page.getByLabel('To').fill('2099-01-03');
    await page.getByText('No events match these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await events.getByText(target.email).first().waitFor();

    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('creates an access token and shows its secret once', async () => {
    const { page, context, problems } = await openPage(browser);
    await signUpInBrowser(page, app, newAccount('script'), '/account/security');
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Nightly backup');
    await dialog.getByLabel('Expires after (days)').fill('0');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await dialog.getByText('At least 1 day').waitFor();
    await dialog.getByLabel('Expires after (days)').fill('30');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await dialog.getByText('You will not see it again').waitFor();
    const secret = (await dialog.getByTestId('token-secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.getByTestId('token-row').filter({ hasText: 'Nightly backup' });
    await row.waitFor();
    // Only the prefix is listed afterwards.
    await expect.poll(() => page.getByText(secret).count()).toBe(0);

    // The token works as a bearer token for scripts.
    const me = await fetch(`${app.url}/trpc/auth.me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(
      ((await me.json()) as { result: { data: { json: { via: string } } } }).result.data.json.via,
    ).toBe('token');

    await row.getByRole('button', { name: 'Revoke token Nightly backup' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('No access tokens').waitFor();
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('changes the email address from the profile, confirmed through the link in the outbox', async () => {
    const mover = newAccount('mover');
    const newEmail = `moved-${mover.email}`;
    const { page, context, problems } = await openPage(browser);
    await signUpInBrowser(page, app, mover, '/account/profile');
    const card = page.getByRole('form', { name: 'Change email address' });
    await expect.poll(() => card.getByTestId('current-email').textContent()).toBe(mover.email);

    // A wrong password: the API's field error lands on the field, nothing is sent.
    await card.getByLabel('New email address').fill(newEmail);
    await card.getByLabel('Current password').fill('not my password at all');
    await card.getByRole('button', { name: 'Change email' }).click();
    await card.getByText('Your current password is incorrect.').waitFor();

    await card.getByLabel('Current password').fill(mover.password);
    await card.getByRole('button', { name: 'Change email' }).click();
    const pending = card.getByTestId('email-change-pending');
    await pending.getByText(newEmail).waitFor();
    await pending.getByText(`Your address stays ${mover.email}`, { exact: false }).waitFor();
    await expect.poll(() => card.getByTestId('current-email').textContent()).toBe(mover.email);
    await page.screenshot({
      path: artifactPath('accounts-profile-email-change.png'),
      fullPage: true,
    });
    // The pending change is the server's, not the page's: it is still there after a reload.
    await page.reload();
    await pending.getByText(newEmail).waitFor();

    // The admin reads the outbox: a link went to the new address, a notice to the old one.
    const reader = await openPage(browser);
    const r = reader.page;
    await signInInBrowser(r, app, admin, '/admin/mail');
    await r
      .getByTestId('mail-row')
      .filter({ hasText: mover.email })
      .getByText('Someone asked to change your Tessera email address')
      .waitFor();
    const row = r.getByTestId('mail-row').filter({ hasText: newEmail });
    await row.first().getByRole('button').click();
    const link = r
      .getByRole('dialog')
      .getByRole('link', { name: /\/confirm-email-change\?token=/ });
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${app.url}/confirm-email-change\\?token=`));
    await reader.context.close();

    // Following it in the mover's browser changes the address, and the page knows at once.
    await page.goto(href);
    await page.getByRole('heading', { name: 'Email address changed' }).waitFor();
    await expect.poll(() => page.getByTestId('changed-email').textContent()).toBe(newEmail);
    await page.getByRole('link', { name: 'Go to your profile' }).click();
    await page.waitForURL(`${app.url}/account/profile`);
    await expect.poll(() => card.getByTestId('current-email').textContent()).toBe(newEmail);
    await card.getByText('Confirmed', { exact: true }).waitFor();
    await expect.poll(() => pending.count()).toBe(0);

    // A change asked for by mistake can be withdrawn: the pending notice goes away.
    await card.getByLabel('New email address').fill(`typo-${newEmail}`);
    await card.getByLabel('Current password').fill(mover.password);
    await card.getByRole('button', { name: 'Change email' }).click();
    await pending.getByText(`typo-${newEmail}`).waitFor();
    await pending.getByRole('button', { name: 'Cancel change' }).click();
    await page.getByText('Email change cancelled', { exact: true }).waitFor();
    await expect.poll(() => pending.count()).toBe(0);
    await expect.poll(() => card.getByTestId('current-email').textContent()).toBe(newEmail);

    // The wrong-password attempt answered 400, as it should.
    expect(unexpected(problems).filter((p) => !/status of 400/.test(p))).toEqual([]);
    await context.close();
  });

  it('looks right in light and dark (screenshots in e2e/.artifacts)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { page, context, problems } = await openPage(browser);
      await context.addInitScript((value) => localStorage.setItem('tessera-theme', value), theme);
      await page.goto(`${app.url}/sign-in`);
      await page.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();
      await page.screenshot({
        path: artifactPath(`accounts-sign-in-${theme}.png`),
        fullPage: true,
      });

      await signInThroughForm(page, admin);
      await page.waitForURL(`${app.url}/`);
      await page.goto(`${app.url}/account/security`);
      await page.getByTestId('session-row').first().waitFor();
      await page.getByTestId('security-event').first().waitFor();
      await page.screenshot({
        path: artifactPath(`accounts-security-${theme}.png`),
        fullPage: true,
      });

      await page.goto(`${app.url}/admin/users`);
      await page.getByTestId('user-row').first().waitFor();
      await page.screenshot({ path: artifactPath(`admin-users-${theme}.png`), fullPage: true });

      await openUserMenu(page);
      await page.screenshot({ path: artifactPath(`accounts-user-menu-${theme}.png`) });
      await page.keyboard.press('Escape');

      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${app.url}/account/security`);
      await page.getByTestId('session-row').first().waitFor();
      await page.screenshot({
        path: artifactPath(`accounts-security-${theme}-mobile.png`),
        fullPage: true,
      });
      await expect(
        page.evaluate(() => document.documentElement.scrollWidth),
      ).resolves.toBeLessThanOrEqual(360);

      // On a phone the users table scrolls inside its frame; an address keeps its line instead of
      // squeezing its column to one letter per line.
      await page.goto(`${app.url}/admin/users`);
      await page.getByTestId('user-row').first().waitFor();
      await page.screenshot({ path: artifactPath(`admin-users-${theme}-mobile.png`), fullPage: true });
      const emailLines = await page
        .getByTestId('user-email')
        .evaluateAll((spans) =>
          spans.map((span) =>
            Math.round(span.getBoundingClientRect().height / parseFloat(getComputedStyle(span).lineHeight)),
          ),
        );
      expect(emailLines.length).toBeGreaterThan(0);
      expect(emailLines.every((lines) => lines === 1)).toBe(true);
      await expect(
        page.evaluate(() => document.documentElement.scrollWidth),
      ).resolves.toBeLessThanOrEqual(360);
      expect(unexpected(problems)).toEqual([]);
      await context.close();
    }
  });
});
