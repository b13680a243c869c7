import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, callApi, launchBrowser, newAccount, openPage, type Session, signUpInBrowser, startApp } from './support';

/**
 * axe-core's checks (WCAG 2.0/2.1 A and AA, and its best practices) on every screen people use, in
 * light and dark, on a desktop and a phone, with data on them. The app's own Content-Security-Policy
 * stays on: axe is evaluated through the browser's devtools protocol, not injected as a script tag.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function violationsOn(page: Page): Promise<string[]> {
  // Skeletons and spinners mark themselves busy: check the screen people read, not the loading one.
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
  await page.waitForTimeout(150); // animations (dialogs, drawers) finish their entry
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Violation[] }> } };
    return (await axe.run(document)).violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

let app: App;
let browser: Browser;
let session: Session;

const jobsCsv = [
  'title,company,location,remote,salary min,salary max,tech stack,url,posted',
  'Backend Engineer,Acme,Berlin,remote,70000,90000,"Go, Postgres",https://jobs.example.com/1,2026-10-01',
  'Frontend Developer,Globex,Paris,hybrid,60000,75000,React|TypeScript,https://jobs.example.com/2,2026-10-12',
  'Data Scientist,Initech,London,onsite,80000,95000,Python|SQL,https://jobs.example.com/3,2026-11-02',
].join('\n');
const applicationsCsv = [
  'job url,status,applied,notes',
  'https://jobs.example.com/1,interviewing,2026-10-05,Second round next week',
  'https://jobs.example.com/2,applied,2026-10-14,',
  'https://jobs.example.com/3,rejected,2026-11-04,',
].join('\n');

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  // The first account is the admin: the admin console is checked too.
  session = await openPage(browser);
  await signUpInBrowser(session.page, app, newAccount('admin'));
  await callApi(session.page, app, 'tracker.transfer.importCsv', { kind: 'jobs', csv: jobsCsv, mode: 'allOrNothing' });
  await callApi(session.page, app, 'tracker.transfer.importCsv', { kind: 'applications', csv: applicationsCsv, mode: 'allOrNothing' });
  await callApi(session.page, app, 'tracker.skills.set', { skills: [{ name: 'Go', level: 'advanced' }, { name: 'React' }] });
});

afterAll(async () => {
  await session?.context.close();
  await browser?.close();
  await app?.close();
});

const screens = [
  '/',
  '/system',
  '/tracker',
  '/tracker/jobs',
  '/tracker/applications',
  '/tracker/analytics',
  '/tracker/skills',
  '/tracker/import',
  '/characters',
  '/characters/new',
  '/notifications',
  '/notifications/preferences',
  '/account/profile',
  '/account/security',
  '/admin/users',
  '/admin/audit',
  '/admin/mail',
  '/admin/queues',
];

describe('Accessibility (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { width: 1280, height: 800, tag: 'desktop' },
      { width: 360, height: 740, tag: 'phone' },
    ]) {
      it(`every screen passes, ${colorScheme}, ${viewport.tag}`, async () => {
        const { page } = session;
        await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
        await page.setViewportSize(viewport);
        const found: Record<string, string[]> = {};
        for (const path of screens) {
          await page.goto(`${app.url}${path}`);
          await page.locator('main').waitFor();
          const violations = await violationsOn(page);
          if (violations.length) found[path] = violations;
        }
        expect(found).toEqual({});
      });
    }
  }

  it('the signed-out screens, a dialog, the application drawer and the import wizard pass too', async () => {
    const visitor = await openPage(browser);
    const found: Record<string, string[]> = {};
    for (const path of ['/sign-in', '/sign-up', '/forgot-password']) {
      await visitor.page.goto(`${app.url}${path}`);
      await visitor.page.locator('main').waitFor();
      const violations = await violationsOn(visitor.page);
      if (violations.length) found[path] = violations;
    }
    await visitor.context.close();

    const { page } = session;
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${app.url}/tracker/jobs`);
    await page.getByRole('button', { name: 'Add job' }).click();
    await page.getByRole('dialog').waitFor();
    // With its "You already track this posting" warning showing (a tracked job's link, another spelling).
    await page.getByRole('dialog').getByLabel('Job posting URL').fill('https://www.jobs.example.com/1/?utm_source=x');
    await page.getByTestId('already-tracked').waitFor();
    const dialog = await violationsOn(page);
    if (dialog.length) found['job dialog'] = dialog;
    await page.keyboard.press('Escape');

    await page.goto(`${app.url}/tracker`);
    await page.getByTestId('board-card').first().click();
    await page.getByRole('dialog').waitFor();
    const drawer = await violationsOn(page);
    if (drawer.length) found['application drawer'] = drawer;
    await page.keyboard.press('Escape');

    // The import wizard of a one-sheet tracker: the mapping (with the job-details rows and the date
    // order), then the check's report (with how dates were read and a problem row).
    await page.goto(`${app.url}/tracker/import`);
    await page.getByLabel('Applications').check();
    const sheet = ['Company,Position,Location,Salary,Status,Date Applied', 'Acme,Analyst,Berlin,60k–80k,Applied,25/03/2026', 'Globex,Engineer,,lots,Interview,03/04/2026'].join('\n');
    await page.getByLabel('CSV or Excel file').setInputFiles({ name: 'sheet.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
    await page.getByLabel('Dates like 03/04/2026').waitFor();
    const mapping = await violationsOn(page);
    if (mapping.length) found['import mapping'] = mapping;
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByTestId('import-date-order').waitFor();
    const report = await violationsOn(page);
    if (report.length) found['import report'] = report;

    // A workbook's mapping (its sheet choice), with a report whose rows are the sheet's.
    await page.getByRole('button', { name: 'Start over' }).click();
    await page.getByLabel('Applications').check();
    await page.getByLabel('CSV or Excel file').setInputFiles(fileURLToPath(new URL('../test/fixtures/tracker-workbook.xlsx', import.meta.url)));
    await page.getByLabel('Sheet', { exact: true }).waitFor();
    const workbook = await violationsOn(page);
    if (workbook.length) found['import mapping of a workbook'] = workbook;

    // The export dialog (columns, CSV or Excel).
    await page.goto(`${app.url}/tracker/jobs`);
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('button', { name: 'CSV or Excel…' }).click();
    await page.getByRole('dialog', { name: 'Export jobs as CSV or Excel' }).waitFor();
    const exportDialog = await violationsOn(page);
    if (exportDialog.length) found['export dialog'] = exportDialog;
    await page.keyboard.press('Escape');
    expect(found).toEqual({});
  });
});
