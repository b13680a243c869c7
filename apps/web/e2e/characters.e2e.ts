import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, artifactPath, launchBrowser, newAccount, openPage, signUpInBrowser, startApp } from './support';

let app: App;
let browser: Browser;

beforeAll(async () => {
  // A small delay per streamed chunk, so the card visibly fills in section by section.
  [app, browser] = await Promise.all([startApp({ env: { AI_OFFLINE_STREAM_DELAY_MS: '120' } }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const section = (page: Page, name: string) => page.locator(`[data-testid="character-card"] [data-section="${name}"]`);

async function generate(page: Page, options: { species: string; role: string; seed: string }) {
  await page.getByRole('combobox', { name: 'Genre' }).selectOption('fantasy');
  await page.getByLabel('Species', { exact: true }).fill(options.species);
  await page.getByLabel('Role or class').fill(options.role);
  await page.getByLabel('Tone', { exact: true }).selectOption('grim');
  await page.getByLabel('Seed', { exact: true }).fill(options.seed);
  await page.getByRole('button', { name: 'Generate character' }).click();
}

describe('Characters', () => {
  it('generates offline with a live card, locks a field, regenerates the rest, exports JSON and shares a public link', async () => {
    const { page, context, problems } = await openPage(browser, { acceptDownloads: true });
    await signUpInBrowser(page, app, newAccount('characters'), '/characters');

    // Empty history teaches the next step.
    await page.getByText('No characters yet').waitFor();
    await page.getByRole('link', { name: 'Generate your first character' }).click();
    await page.waitForURL(`${app.url}/characters/new`);

    // Inline validation from the shared schema.
    await page.getByLabel('Seed', { exact: true }).fill('abc');
    await page.getByLabel('Hints', { exact: true }).focus();
    await page.getByText('Seed must be a number').waitFor();
    await expect.poll(() => page.getByLabel('Seed', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: artifactPath('characters-form-light.png'), fullPage: true });

    await generate(page, { species: 'elf', role: 'ranger', seed: '4242' });

    // The card fills in: at some moment a section is done while a later one is still a skeleton.
    const card = page.getByTestId('character-card');
    await expect.poll(() => card.getAttribute('aria-live')).toBe('polite');
    await page.waitForFunction(() => {
      const statuses = [...document.querySelectorAll('[data-testid="character-card"] [data-section]')].map((el) => el.getAttribute('data-status'));
      return statuses.includes('ready') && statuses.includes('pending');
    });
    await page.screenshot({ path: artifactPath('characters-streaming-light.png') });

    await page.getByText('Saved.').waitFor();
    await expect.poll(() => card.getAttribute('aria-busy')).toBeNull();
    await expect.poll(() => page.locator('[data-testid="character-card"] [data-status="pending"]').count()).toBe(0);
    const generatedName = (await section(page, 'name').textContent())?.trim() ?? '';
    expect(generatedName.length).toBeGreaterThan(1);

    // The detail page shows the full sheet.
    await page.getByRole('link', { name: 'Open character' }).click();
    await page.waitForURL(/\/characters\/[0-9a-f-]{36}$/);
    const title = page.getByRole('heading', { level: 1 });
    await expect.poll(() => title.textContent()).toBe(generatedName);
    for (const label of ['Appearance', 'Personality traits', 'Ideals', 'Bonds', 'Flaws', 'Backstory', 'Abilities', 'Stats', 'Equipment', 'Quotes', 'Plot hooks']) {
      await page.getByRole('heading', { level: 3, name: label, exact: true }).waitFor();
    }

    // Lock the name; the toggle is pressed and the lock survives a reload.
    const lockName = page.getByRole('button', { name: 'Lock name' });
    await expect.poll(() => lockName.getAttribute('aria-pressed')).toBe('false');
    await lockName.click();
    await page.getByTestId('lock-summary').filter({ hasText: 'Locked: name.' }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Lock name' }).getAttribute('aria-pressed')).toBe('true');

    // Regenerate the rest: the locked name stays, the backstory changes.
    const backstoryBefore = await section(page, 'backstory').textContent();
    const quotesBefore = await section(page, 'quotes').textContent();
    await page.getByRole('button', { name: 'Regenerate unlocked' }).click();
    await page.getByText('Regenerated everything but the locked sections').first().waitFor();
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="character-card"] [data-section="backstory"]')?.textContent !== before,
      backstoryBefore,
    );
    await expect.poll(() => title.textContent()).toBe(generatedName);
    expect(await section(page, 'backstory').textContent()).not.toBe(backstoryBefore);
    expect(await section(page, 'quotes').textContent()).not.toBe(quotesBefore);

    // Edit one field inline.
    await page.getByRole('button', { name: 'Edit pronouns' }).click();
    const pronounsInput = page.getByRole('textbox', { name: 'Pronouns' });
    await pronounsInput.fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Pronouns cannot be empty').waitFor();
    await pronounsInput.fill('xe/xem');
    await page.getByRole('button', { name: 'Save' }).click();
    await section(page, 'pronouns').getByText('xe/xem').waitFor();

    // Export JSON: the downloaded file parses and names the character.
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /JSON/ }).first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const exported = JSON.parse(await readFile((await download.path()), 'utf8')) as { name: string; sheet: { name: string; pronouns: string } };
    expect(exported.name).toBe(generatedName);
    expect(exported.sheet.pronouns).toBe('xe/xem');

    // Screenshots of the detail page.
    await page.screenshot({ path: artifactPath('characters-detail-light.png'), fullPage: true });

    // Share: a public link that a signed-out visitor can open, until sharing stops.
    await page.getByRole('button', { name: 'Create public link' }).click();
    const link = await page.getByLabel('Public link', { exact: true }).inputValue();
    expect(link).toMatch(new RegExp(`^${app.url}/shared/characters/[A-Za-z0-9_-]{16,}$`));
    const visitor = await openPage(browser);
    await visitor.page.goto(link);
    await expect.poll(() => visitor.page.getByRole('heading', { level: 1 }).textContent()).toBe(generatedName);
    await visitor.page.getByText('read only').waitFor();
    await expect.poll(() => visitor.page.getByRole('button', { name: 'Lock name' }).count()).toBe(0);
    await visitor.page.screenshot({ path: artifactPath('characters-shared-light.png'), fullPage: true });

    await page.getByRole('button', { name: 'Stop sharing' }).click();
    await page.getByRole('button', { name: 'Create public link' }).waitFor();
    await visitor.page.reload();
    await visitor.page.getByText('This link does not work').waitFor();
    expect(visitor.problems.filter((p) => !p.includes('404'))).toEqual([]);
    await visitor.context.close();

    // Duplicate, then delete the copy with confirmation.
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await page.getByText(`Saved in your list as “${generatedName} (copy)”`).waitFor();
    await expect.poll(() => title.textContent()).toBe(generatedName);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: `Delete “${generatedName} (copy)”?` }).waitFor();
    await page.getByRole('button', { name: 'Delete character' }).click();
    await page.waitForURL(`${app.url}/characters`);

    // History: search finds the original, not the deleted copy.
    await page.getByLabel('Search characters').fill(generatedName.split(' ')[0]!);
    await page.getByRole('list', { name: 'Your characters' }).getByRole('link').first().waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Your characters' }).getByRole('link').count()).toBe(1);
    await page.getByLabel('Search characters').fill('zzzz-nothing');
    await page.getByText('No characters match').waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('looks right in light and dark, on desktop and at 360 px (screenshots in e2e/.artifacts)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const viewport of [{ width: 1280, height: 900, tag: 'desktop' }, { width: 360, height: 760, tag: 'mobile' }]) {
        const { page, context, problems } = await openPage(browser, { viewport });
        await context.addInitScript((value) => localStorage.setItem('tessera-theme', value), theme);
        await signUpInBrowser(page, app, newAccount('looks'), '/characters/new');
        await page.getByRole('button', { name: 'Generate character' }).waitFor();
        await page.screenshot({ path: artifactPath(`characters-form-${theme}-${viewport.tag}.png`), fullPage: true });
        await generate(page, { species: 'dwarf', role: 'cleric', seed: '77' });
        await page.waitForFunction(() => {
          const statuses = [...document.querySelectorAll('[data-testid="character-card"] [data-section]')].map((el) => el.getAttribute('data-status'));
          return statuses.filter((s) => s === 'ready').length >= 4 && statuses.includes('pending');
        });
        await page.screenshot({ path: artifactPath(`characters-streaming-${theme}-${viewport.tag}.png`) });
        await page.getByText('Saved.').waitFor();
        await page.getByRole('link', { name: 'Open character' }).click();
        await page.getByRole('button', { name: 'Lock backstory' }).click();
        await page.getByTestId('lock-summary').filter({ hasText: 'Locked: backstory.' }).waitFor();
        await page.screenshot({ path: artifactPath(`characters-detail-${theme}-${viewport.tag}.png`), fullPage: true });
        // The card reflows to one column and nothing widens the page.
        await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        if (viewport.tag === 'mobile') {
          const [a, b] = await Promise.all(['personalityTraits', 'ideals'].map((s) => section(page, s).boundingBox()));
          expect(a!.x).toBe(b!.x);
        }
        expect(problems).toEqual([]);
        await context.close();
      }
    }
  });
});
