import { readFile } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, artifactPath, callApi, launchBrowser, type Session, signUpOrdinaryPerson, startApp } from './support';

let app: App;
let browser: Browser;
let session: Session;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  session = await signUpOrdinaryPerson(browser, app, 'seeker', '/tracker');
});

afterAll(async () => {
  await session?.context.close();
  await browser?.close();
  await app?.close();
});

const column = (page: Page, status: string) => page.getByTestId(`column-${status}`);
const card = (page: Page, title: string) => page.getByTestId('board-card').filter({ hasText: title });

async function boardShows(page: Page, title: string, status: string) {
  await column(page, status).getByTestId('board-card').filter({ hasText: title }).waitFor();
}

async function center(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * A workbook as spreadsheet programs write it, in its simplest form (one sheet, strings inline,
 * cells with their A1 references), compressed as they compress it.
 */
function minimalWorkbook(rows: (string | number)[][]): Buffer {
  const xml = (text: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${text}`);
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const cell = (value: string | number, column: number, row: number) => {
    const at = `${String.fromCharCode(65 + column)}${row + 1}`;
    return typeof value === 'number' ? `<c r="${at}"><v>${value}</v></c>` : `<c r="${at}" t="inlineStr"><is><t>${escape(value)}</t></is></c>`;
  };
  const sheet = rows.map((cells, row) => `<row r="${row + 1}">${cells.map((value, column) => cell(value, column, row)).join('')}</row>`).join('');
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rels = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const officeRels = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      '_rels/.rels': xml(`<Relationships xmlns="${rels}"><Relationship Id="rId1" Type="${officeRels}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': xml(`<workbook xmlns="${main}" xmlns:r="${officeRels}"><sheets><sheet name="Jobs" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': xml(`<Relationships xmlns="${rels}"><Relationship Id="rId1" Type="${officeRels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      'xl/worksheets/sheet1.xml': xml(`<worksheet xmlns="${main}"><sheetData>${sheet}</sheetData></worksheet>`),
    }),
  );
}

async function screenshots(page: Page, name: string, ready: () => Promise<void>) {
  // Charts honour reduced motion: the pictures show them drawn, not growing.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((value) => localStorage.setItem('tessera-theme', value), theme);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await ready();
    await page.screenshot({ path: artifactPath(`tracker-${name}-${theme}.png`), fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await ready();
    await page.screenshot({ path: artifactPath(`tracker-${name}-${theme}-mobile.png`), fullPage: true });
    // Wide content (board, tables) scrolls inside its own box; the page itself never widens.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }
  await page.evaluate(() => localStorage.removeItem('tessera-theme'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ reducedMotion: null });
}

describe('Tracker', () => {
  it('first visit teaches; add a job and an application through the UI', async () => {
    const { page } = session;
    await page.getByText('Your pipeline starts with a job').waitFor();
    await page.getByRole('button', { name: 'Import a CSV' }).waitFor();
    await page.getByRole('button', { name: 'Add your first job' }).click();

    const jobDialog = page.getByRole('dialog', { name: 'Add a job' });
    // The shared schema validates before anything is sent.
    await jobDialog.getByRole('button', { name: 'Add job' }).click();
    await jobDialog.getByText('Title is required').waitFor();
    await jobDialog.getByLabel('Title').fill('Frontend Engineer');
    await jobDialog.getByLabel('Company').fill('Acme');
    await jobDialog.getByLabel('Location').fill('Berlin');
    await jobDialog.getByLabel('Work mode').selectOption('remote');
    await jobDialog.getByLabel('Tech stack').fill('React, TypeScript');
    await jobDialog.getByLabel('Job posting URL').fill('https://acme.example/jobs/frontend?utm_source=newsletter');
    await jobDialog.getByRole('button', { name: 'Add job' }).click();
    await jobDialog.waitFor({ state: 'hidden' });

    await page.getByText('No applications yet').waitFor();
    await page.getByRole('button', { name: 'New application' }).first().click();
    const appDialog = page.getByRole('dialog', { name: 'New application' });
    await appDialog.getByLabel(/^Job/).selectOption({ label: 'Frontend Engineer — Acme' });
    await appDialog.getByLabel('Status').selectOption('saved');
    await appDialog.getByRole('button', { name: 'Add application' }).click();
    await appDialog.waitFor({ state: 'hidden' });
    await boardShows(page, 'Frontend Engineer', 'saved');

    // The same posting behind another link: the dialog says it is already tracked (and still lets it be added).
    await page.getByRole('button', { name: 'Add job' }).click();
    const again = page.getByRole('dialog', { name: 'Add a job' });
    await again.getByLabel('Job posting URL').fill('https://www.acme.example/jobs/frontend/?trk=feed');
    const notice = again.getByTestId('already-tracked');
    await notice.getByText('You already track this posting').waitFor();
    await notice.getByText(/Frontend Engineer at Acme — added .+, saved/).waitFor();
    await again.getByLabel('Job posting URL').fill('https://acme.example/jobs/backend');
    await notice.waitFor({ state: 'detached' });
    await again.getByRole('button', { name: 'Cancel' }).click();
    await again.waitFor({ state: 'hidden' });

    // A second application for the same job: said before it is added by mistake.
    await page.getByRole('button', { name: 'New application' }).first().click();
    await appDialog.getByLabel(/^Job/).selectOption({ label: 'Frontend Engineer — Acme' });
    await appDialog.getByTestId('existing-applications').getByText(/You already have an application for this job \(Saved\)/).waitFor();
    await appDialog.getByRole('button', { name: 'Cancel' }).click();
    await appDialog.waitFor({ state: 'hidden' });
  });

  it('moves a card with the mouse and with the keyboard; the status persists and nothing scrolls', async () => {
    const { page } = session;
    // A short window, so the page scrolls and the columns end near its bottom edge: a drop there
    // used to leave the page scrolled (dnd-kit auto-scrolled the window; the keyboard's
    // scrollIntoView of the target column did too).
    await page.setViewportSize({ width: 1280, height: 600 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(600);
    const scroll = () => page.evaluate(() => ({ page: window.scrollY, board: document.querySelector('[data-testid="board"]')!.scrollLeft }));
    const before = await scroll();
    // Mouse: saved → applied, dropped low in the column.
    const from = await center(card(page, 'Frontend Engineer'));
    const target = await column(page, 'applied').boundingBox();
    const to = { x: target!.x + target!.width / 2, y: Math.min(target!.y + target!.height - 8, 600 - 8) };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 12, from.y + 4, { steps: 3 });
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.waitForTimeout(300); // a person's hand rests before letting go
    await page.mouse.up();
    await boardShows(page, 'Frontend Engineer', 'applied');
    await expect.poll(scroll).toEqual(before);
    await page.reload();
    await boardShows(page, 'Frontend Engineer', 'applied');

    // Keyboard: focus, space to lift, arrow right, space to drop → screening, announced. The window
    // ends just under the card, above the columns' ends (scrollIntoView of the target column
    // scrolled the page by what was hidden).
    const lifted = await card(page, 'Frontend Engineer').boundingBox();
    await page.setViewportSize({ width: 1280, height: Math.ceil(lifted!.y + lifted!.height) + 2 });
    expect(await column(page, 'screening').evaluate((element) => element.getBoundingClientRect().bottom)).toBeGreaterThan(Math.ceil(lifted!.y + lifted!.height) + 2);
    const beforeKeys = await scroll();
    const announcer = page.getByTestId('board-announcer');
    await card(page, 'Frontend Engineer').focus();
    await page.keyboard.press('Space');
    await announcer.getByText(/Picked up Frontend Engineer/).waitFor();
    await page.keyboard.press('ArrowRight');
    await announcer.getByText('Frontend Engineer is over Screening.').waitFor();
    await page.keyboard.press('Space');
    await announcer.getByText('Moved Frontend Engineer at Acme to Screening.').waitFor();
    await boardShows(page, 'Frontend Engineer', 'screening');
    // Focus follows the card to its new column.
    // (The card is named by its content: title, stage, company…)
    await expect
      .poll(() => page.evaluate(() => (document.activeElement?.getAttribute('data-testid') === 'board-card' ? document.activeElement.textContent : null)))
      .toMatch(/^Frontend EngineerScreening,Acme/);
    await expect.poll(scroll).toEqual(beforeKeys);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await boardShows(page, 'Frontend Engineer', 'screening');

    // The drawer shows the history the moves wrote.
    await card(page, 'Frontend Engineer').click();
    const drawer = page.getByRole('dialog', { name: 'Frontend Engineer' });
    await drawer.getByText('Started as Saved').waitFor();
    await drawer.getByText('Saved → Applied').waitFor();
    await drawer.getByText('Applied → Screening').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await screenshots(page, 'board', () => boardShows(page, 'Frontend Engineer', 'screening'));
  });

  it('imports a CSV: the dry run names the bad row and field, then imports skipping it', async () => {
    const { page } = session;
    await page.goto(`${app.url}/tracker/import`);
    await page.getByLabel('Jobs').check();
    const csv = ['Job Title;Employer;City;Skills', 'Backend Engineer;Globex;Paris;"Go, Postgres"', 'Data Analyst;;Lyon;SQL', 'Site Reliability Engineer;Initech;Remote;Go|Kubernetes'].join('\n');
    await page.getByLabel('CSV or Excel file').setInputFiles({ name: 'jobs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // Headers were mapped automatically.
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Job Title');
    await expect.poll(() => page.getByLabel('Company', { exact: true }).inputValue()).toBe('Employer');
    await expect.poll(() => page.getByLabel('Tech stack', { exact: true }).inputValue()).toBe('Skills');
    await page.getByRole('button', { name: 'Check the file' }).click();

    await page.getByTestId('import-report-summary').getByText('2 of 3 rows are ready to import; 1 has problems').waitFor();
    const problems = page.getByRole('table', { name: 'Problems found' });
    const row = problems.getByRole('row').filter({ hasText: 'Company is required' });
    await expect.poll(() => row.getByRole('cell').allTextContents()).toEqual(['2', 'Company (company)', 'Company is required']);
    await page.getByRole('radio', { name: /Skip the rows with problems/ }).waitFor();
    await expect.poll(() => page.getByRole('radio', { name: /Skip the rows with problems/ }).isChecked()).toBe(true);
    await page.screenshot({ path: artifactPath('tracker-import-report-light.png'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: artifactPath('tracker-import-report-light-mobile.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Import 2 jobs' }).click();
    await page.getByTestId('import-summary').getByText('Imported 2 jobs; skipped 1 row with problems.').waitFor();
    await page.getByRole('link', { name: 'See your jobs' }).click();
    await page.getByRole('cell', { name: 'Site Reliability Engineer', exact: true }).waitFor();
    await page.getByText('1–3 of 3').waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'Data Analyst', exact: true }).count()).toBe(0);

    // The same file again: its two good rows are already tracked, so it adds nothing unless asked to.
    await page.goto(`${app.url}/tracker/import`);
    await page.getByLabel('CSV or Excel file').setInputFiles({ name: 'jobs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByTestId('import-report-summary').getByText('0 of 3 rows are ready to import; 1 has problems').waitFor();
    const repeats = page.getByTestId('import-duplicates');
    await repeats.getByText(/2 jobs repeat what you already track/).waitFor();
    await repeats.getByText('Show the rows').click();
    await repeats.getByText(/Row 3 — A job with the same company, title and location is already in your tracker/).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Nothing to import' }).isDisabled()).toBe(true);
    await page.screenshot({ path: artifactPath('tracker-import-repeats-light.png'), fullPage: true });
    await repeats.getByLabel('Import them anyway').check();
    await expect.poll(() => page.getByRole('button', { name: 'Import 2 jobs' }).isEnabled()).toBe(true);
    // The next test starts from the jobs list.
    await page.goto(`${app.url}/tracker/jobs`);
    await page.getByText('1–3 of 3').waitFor();
  });

  it('filters live in the URL; the CSV and Excel exports follow them, and the workbook imports back as already tracked', async () => {
    const { page, problems } = session;
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByRole('dialog', { name: 'Filters' }).getByLabel('Tech stack').fill('Go');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('1–2 of 2').waitFor();
    expect(new URL(page.url()).searchParams.get('tech')).toBe('["Go"]');
    await page.reload();
    await page.getByText('1–2 of 2').waitFor();

    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('button', { name: 'CSV or Excel…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export jobs as CSV or Excel' });
    for (const field of ['Description', 'Currency', 'Created', 'Updated', 'Source', 'Posted', 'URL', 'Salary min', 'Salary max', 'Job type', 'Work mode']) {
      await dialog.getByLabel(field, { exact: true }).uncheck();
    }
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tessera-jobs-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = (await readFile((await download.path()), 'utf8')).replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('title,company,location,techStack');
    expect(lines.slice(1).sort()).toEqual(['Backend Engineer,Globex,Paris,Go|Postgres', 'Site Reliability Engineer,Initech,Remote,Go|Kubernetes'].sort());

    // The same rows and columns as an Excel workbook, which the import page reads back: both rows are already tracked.
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('button', { name: 'CSV or Excel…' }).click();
    // The page fetches the workbook (it is built whole before it is sent): a refusal shows in the dialog in the
    // API's words, instead of the browser navigating to an error. Here the session is gone (cookies cleared).
    const cookies = await page.context().cookies();
    await page.context().clearCookies();
    await dialog.getByRole('button', { name: 'Download Excel' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'The Excel workbook was not made' }).getByText('Sign in to continue.').waitFor();
    await page.context().addCookies(cookies);
    // Chromium logs the refused fetch: expected here, and only here.
    const refusal = problems.findIndex((problem) => problem.includes('status of 401'));
    expect(refusal).toBeGreaterThanOrEqual(0);
    problems.splice(refusal, 1);
    const [workbook] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download Excel' }).click()]);
    expect(workbook.suggestedFilename()).toMatch(/^tessera-jobs-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [sheet] = await readXlsxFile(await readFile(await workbook.path()));
    expect(sheet!.data.map((row) => row.join(',')).slice(1).sort()).toEqual(['Backend Engineer,Globex,Paris,Go, Postgres', 'Site Reliability Engineer,Initech,Remote,Go, Kubernetes'].sort());
    await page.goto(`${app.url}/tracker/import`);
    await page.getByLabel('Jobs').check();
    await page.getByLabel('CSV or Excel file').setInputFiles(await workbook.path());
    await page.getByText(/sheet “Jobs”: 4 columns/).waitFor();
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByTestId('import-report-summary').getByText('All 2 rows are already in your tracker.').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Nothing to import' }).isDisabled()).toBe(true);
    await page.getByText('2 already in your tracker').waitFor();
    await page.goto(`${app.url}/tracker/jobs?tech=${encodeURIComponent('["Go"]')}`);
    await screenshots(page, 'jobs', () => page.getByText('1–2 of 2').waitFor());
  });

  it('applications table and analytics render (screenshots)', async () => {
    const { page, problems } = session;
    await page.goto(`${app.url}/tracker/applications`);
    await page.getByRole('button', { name: 'Frontend Engineer' }).waitFor();
    await screenshots(page, 'applications', () => page.getByRole('button', { name: 'Frontend Engineer' }).waitFor());

    // On a phone the rows are cards: every visible column as a label and value, sorting from a picker.
    await page.setViewportSize({ width: 360, height: 740 });
    const cards = page.getByRole('list', { name: 'Applications' });
    const card = cards.getByRole('listitem').filter({ hasText: 'Frontend Engineer' });
    await expect.poll(() => card.getByRole('definition').count()).toBeGreaterThan(2);
    expect(await card.getByRole('term').allTextContents()).toContain('Status');
    await expect.poll(() => page.getByRole('table').count()).toBe(0);
    await page.getByLabel('Sort by').selectOption({ label: 'Applied' });
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('appliedAt');
    await page.getByRole('button', { name: 'Descending: sort ascending' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('dir')).toBe('asc');
    await card.getByRole('definition').first().click();
    await page.getByRole('dialog').waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto(`${app.url}/tracker/analytics`);
    await page.getByTestId('rate-responseRate').waitFor();
    await expect.poll(() => page.getByTestId('rate-responseRate').textContent()).toContain('100%');
    // Sent today, so this range's trend counts it.
    await page.getByTestId('trend-summary').getByText('1', { exact: true }).waitFor();
    await screenshots(page, 'analytics', () => page.getByTestId('trend-summary').waitFor());
    // Stage names sit under the columns on a wide screen, beside bars running across on a phone.
    // So are the stages of "median days per stage" (the card moved on the board: its Saved stay ended).
    const statusChart = page.getByTestId('status-chart');
    const medianChart = page.getByTestId('median-days-chart');
    await expect.poll(() => statusChart.locator('.recharts-xAxis-tick-labels').textContent()).toContain('Ghosted');
    await expect.poll(() => medianChart.locator('.recharts-xAxis-tick-labels').textContent()).toContain('Saved');
    await page.setViewportSize({ width: 360, height: 740 });
    await expect.poll(() => statusChart.locator('.recharts-yAxis-tick-labels').textContent()).toContain('Ghosted');
    await expect.poll(() => medianChart.locator('.recharts-yAxis-tick-labels').textContent()).toContain('Saved');
    // Every demanded skill is named beside its bar, also where rows are tight.
    const skillNames = page.getByTestId('skills-chart').locator('.recharts-yAxis-tick-labels text');
    await expect.poll(async () => (await skillNames.allTextContents()).sort()).toEqual(expect.arrayContaining(['Go', 'Kubernetes', 'Postgres']));
    expect(await skillNames.count()).toBe(await page.getByTestId('skills-chart').locator('.recharts-bar-rectangle').count());
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(problems).toEqual([]);
  });

  it('restores a backup through a drop zone like the import page’s, aligned with the rest of the dialog', async () => {
    const { page } = session;
    await page.goto(`${app.url}/tracker/jobs`);
    await page.getByRole('button', { name: 'Export' }).click();
    const [backup] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Full backup (ZIP)' }).click()]);
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('button', { name: 'Restore from backup…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
    const restore = dialog.getByRole('button', { name: 'Restore' });
    await expect.poll(() => restore.isDisabled()).toBe(true);
    await dialog.getByLabel('Backup file').setInputFiles({ name: backup.suggestedFilename(), mimeType: 'application/zip', buffer: await readFile((await backup.path())) });
    await dialog.getByText(backup.suggestedFilename()).waitFor();
    // The file field is the import page's drop zone showing the chosen name (it was a native input
    // whose button and file name sat off-centre in a text box), as wide as the options below it.
    // Layout boxes (offset*), not screen boxes: the dialog may still be scaling in.
    const layout = (element: HTMLElement) => ({ left: element.offsetLeft, width: element.offsetWidth });
    const zone = await dialog.locator('label').filter({ has: page.getByLabel('Backup file') }).evaluate(layout);
    const options = await dialog.getByRole('group', { name: 'How' }).evaluate(layout);
    expect(zone).toEqual(options);
    // Replacing asks once more, saying how much would be deleted; Cancel leaves everything as it was.
    const jobsTotal = (await (await page.request.get(`${app.url}/trpc/tracker.jobs.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`)).json()) as { result: { data: { json: { total: number } } } };
    await dialog.getByLabel(/Replace everything/).check();
    await restore.click();
    const confirm = page.getByRole('alertdialog', { name: 'Replace your tracker data?' });
    await confirm.getByText(new RegExp(`^Your ${jobsTotal.result.data.json.total} jobs and \\d+ applications?, with their history and your skills, are deleted`)).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await dialog.getByLabel(/Add to what I have/).check();
    await restore.click();
    await page.getByText('Backup restored').first().waitFor();
    // The backup was made a moment ago: adding it to the same tracker finds everything already here.
    await page.getByText('Nothing to add: every job and application in this backup is already here.').first().waitFor();
    const after = (await (await page.request.get(`${app.url}/trpc/tracker.jobs.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`)).json()) as typeof jobsTotal;
    expect(after.result.data.json.total).toBe(jobsTotal.result.data.json.total);
    await dialog.waitFor({ state: 'hidden' });
  });

  it('bulk bars change, delete and restore the selected rows with a result per row; a page change clears the selection', async () => {
    const { page } = session;
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    const closeResult = async (title: string, processed: string) => {
      const result = page.getByRole('dialog', { name: title });
      await result.getByText(processed).waitFor();
      // The footer's Close (the corner × is named Close too).
      await result.getByRole('button', { name: 'Close' }).first().click();
      await result.waitFor({ state: 'hidden' });
    };

    // The restore above added nothing (its backup was already here): one more job with an application, so there are two to select.
    const lead = (await callApi(page, app, 'tracker.jobs.create', { title: 'Bulk Lead', company: 'Initrode' })) as { id: string };
    await callApi(page, app, 'tracker.applications.create', { jobId: lead.id });

    // Applications: every row on the page to Interviewing.
    await page.goto(`${app.url}/tracker/applications`);
    await page.getByText('1–2 of 2').waitFor();
    await page.getByRole('checkbox', { name: 'Select all applications on this page' }).click();
    await bar.getByText('2 selected').waitFor();
    await bar.getByLabel('New status for the selected applications').selectOption('interviewing');
    await bar.getByRole('button', { name: 'Apply' }).click();
    await closeResult('2 applications moved to Interviewing', 'They are listed below.');
    await expect.poll(() => bar.count()).toBe(0);
    await expect.poll(() => page.getByRole('cell', { name: 'Interviewing', exact: true }).count()).toBe(2);

    // Jobs: more than a page; moving to the next page drops the selection.
    await callApi(page, app, 'tracker.jobs.bulkCreate', { items: Array.from({ length: 26 }, (_, i) => ({ title: `Paged Engineer ${i + 1}`, company: 'Pager' })) });
    await page.goto(`${app.url}/tracker/jobs`);
    await page.getByText(/^1–25 of 30$/).waitFor();
    const first = page.getByRole('checkbox', { name: /^Select .+ at Pager$/ }).first();
    const title = (await first.getAttribute('aria-label'))!.replace(/^Select /, '').replace(/ at Pager$/, '');
    await first.click();
    await bar.getByText('1 selected').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(/^26–30 of 30$/).waitFor();
    await expect.poll(() => bar.count()).toBe(0);
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText(/^1–25 of 30$/).waitFor();

    // Edit a field of one: the result says what changed on how many.
    await page.getByRole('checkbox', { name: `Select ${title} at Pager` }).click();
    await bar.getByLabel('Change for the selected jobs').selectOption('remote:remote');
    await bar.getByRole('button', { name: 'Apply' }).click();
    await closeResult('Work mode set to Remote on 1 job', 'It is listed below.');

    // Delete one (confirmed), find it among the deleted jobs, restore it.
    await page.getByRole('checkbox', { name: `Select ${title} at Pager` }).click();
    await bar.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete 1 job?' }).getByRole('button', { name: 'Delete' }).click();
    await closeResult('1 job moved to deleted jobs', 'It is listed below.');
    await page.getByText(/^1–25 of 29$/).waitFor();
    await page.getByRole('group', { name: 'Which jobs' }).getByRole('button', { name: 'Deleted' }).click();
    await page.getByRole('checkbox', { name: `Select ${title} at Pager` }).click();
    await bar.getByRole('button', { name: 'Restore' }).click();
    await closeResult('1 job restored', 'It is listed below.');
    await page.getByText('Nothing deleted').waitFor();

    // Undo straight from a delete's result: the job comes back without a trip to the bin.
    await page.getByRole('group', { name: 'Which jobs' }).getByRole('button', { name: 'Live' }).click();
    await page.getByText(/^1–25 of 30$/).waitFor();
    await page.getByRole('checkbox', { name: `Select ${title} at Pager` }).click();
    await bar.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete 1 job?' }).getByRole('button', { name: 'Delete' }).click();
    const deleted = page.getByRole('dialog', { name: '1 job moved to deleted jobs' });
    await deleted.getByRole('button', { name: 'Undo' }).click();
    await deleted.waitFor({ state: 'hidden' });
    await page.locator('li[data-swipe-direction]').filter({ hasText: '1 job restored' }).waitFor();
    await page.getByText(/^1–25 of 30$/).waitFor();
  });
});

describe('Tracker import of a spreadsheet export', () => {
  let sheets: Session;
  beforeAll(async () => {
    sheets = await signUpOrdinaryPerson(browser, app, 'sheets', '/tracker/import');
  });
  afterAll(async () => {
    await sheets?.context.close();
  });

  it('asks how dates like 03/04/2026 are written, then imports them that way with salary ranges split', async () => {
    const { page } = sheets;
    await page.getByLabel('Jobs').check();
    const csv = ['Job Title,Company Name,Salary,Date Posted', 'Analyst,Acme,"$90,000 - $110,000",03/04/2026', 'Engineer,Initech,120-150k,05/06/2026'].join('\n');
    await page.getByLabel('CSV or Excel file').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByLabel(/^Salary minimum/).inputValue()).toBe('Salary');
    await expect.poll(() => page.getByLabel('Dates like 03/04/2026').inputValue()).toBe('auto');
    await page.getByRole('button', { name: 'Check the file' }).click();

    // Nothing in the file says which order: each such date is a problem that says how to choose.
    await page.getByTestId('import-report-summary').getByText('0 of 2 rows are ready to import; 2 have problems').waitFor();
    const problems = page.getByRole('table', { name: 'Problems found' });
    await problems.getByText(/"03\/04\/2026" could be 3 April or 4 March 2026/).waitFor();
    await page.getByRole('button', { name: 'Change the mapping' }).click();
    await page.getByLabel('Dates like 03/04/2026').selectOption('dayFirst');
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByTestId('import-report-summary').getByText('2 of 2 rows are ready to import').waitFor();
    await page.getByTestId('import-date-order').getByText('Dates like 03/04/2026 are read day first (day/month/year), as you chose.').waitFor();
    await page.screenshot({ path: artifactPath('tracker-import-date-order-light.png'), fullPage: true });

    await page.getByRole('button', { name: 'Import 2 jobs' }).click();
    await page.getByTestId('import-summary').getByText('Imported 2 jobs').waitFor();
    const input = encodeURIComponent(JSON.stringify({ json: { sort: 'title', direction: 'asc' } }));
    const answer = (await (await page.context().request.get(`${app.url}/trpc/tracker.jobs.list?input=${input}`)).json()) as {
      result: { data: { json: { items: { title: string; postedAt: string; salaryMin: number; salaryMax: number; salaryCurrency: string | null }[] } } };
    };
    expect(answer.result.data.json.items.map((j) => [j.title, j.postedAt, j.salaryMin, j.salaryMax, j.salaryCurrency])).toEqual([
      ['Analyst', '2026-04-03', 90_000, 110_000, 'USD'],
      ['Engineer', '2026-06-05', 120_000, 150_000, null],
    ]);
  });

  it('reads a file Excel saved as Windows-1252 "CSV" with its accents and € intact', async () => {
    const { page } = sheets;
    await page.goto(`${app.url}/tracker/import`);
    await page.getByLabel('Jobs').check();
    // Windows-1252 bytes: ü = FC, € = 80 (not valid UTF-8).
    const latin = (text: string) => [...text].map((c) => (c === 'ü' ? 0xfc : c === '€' ? 0x80 : c.charCodeAt(0)));
    const bytes = Buffer.from(latin('Title,Company,Location,Salary\r\nPlatform Engineer,Brüder AG,Zürich,€60k\r\n'));
    await page.getByLabel('CSV or Excel file').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: bytes });
    await page.getByText(/read as Windows-1252/).waitFor();
    await page.getByRole('cell', { name: 'Zürich', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import 1 job' }).click();
    await page.getByTestId('import-summary').getByText('Imported 1 job').waitFor();
    const input = encodeURIComponent(JSON.stringify({ json: { search: 'platform' } }));
    const answer = (await (await page.context().request.get(`${app.url}/trpc/tracker.jobs.list?input=${input}`)).json()) as {
      result: { data: { json: { items: { company: string; location: string; salaryMin: number; salaryCurrency: string }[] } } };
    };
    expect(answer.result.data.json.items.map((j) => [j.company, j.location, j.salaryMin, j.salaryCurrency])).toEqual([['Brüder AG', 'Zürich', 60_000, 'EUR']]);
  });

  it('puts the next interview into a calendar file from the drawer, and every interview ahead from the export menu', async () => {
    const { page } = sheets;
    const at = new Date(Date.now() + 7 * 86_400_000);
    at.setUTCSeconds(0, 0);
    const csv = `company,title,location,status,next interview\nInitech,Interviewing Engineer,Austin,Interviewing,${at.toISOString()}\n`;
    await callApi(page, app, 'tracker.transfer.importCsv', { kind: 'applications', csv, mode: 'allOrNothing' });
    await page.goto(`${app.url}/tracker`);
    await page.getByTestId('board-card').filter({ hasText: 'Interviewing Engineer' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(/Next interview in 7 days/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('button', { name: 'Add to calendar' }).click()]);
    expect(download.suggestedFilename()).toBe(`interview-initech-${at.toISOString().slice(0, 10)}.ics`);
    const ics = (await readFile(await download.path(), 'utf8')).replace(/\r?\n[ \t]/g, '');
    const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(ics).toContain(`DTSTART:${stamp}`);
    expect(ics).toContain('SUMMARY:Interview: Interviewing Engineer at Initech');
    expect(ics).toContain('LOCATION:Austin');
    await page.keyboard.press('Escape');

    // Every interview ahead at once, from the applications page's export menu.
    await page.goto(`${app.url}/tracker/applications`);
    await page.getByRole('button', { name: 'Export' }).click();
    const [all] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Upcoming interviews (.ics)' }).click()]);
    expect(all.suggestedFilename()).toMatch(/^tessera-interviews-\d{4}-\d{2}-\d{2}\.ics$/);
    const feed = (await readFile(await all.path(), 'utf8')).replace(/\r?\n[ \t]/g, '');
    expect(feed.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(feed).toContain(`DTSTART:${stamp}`);
    // The toast itself: while it opens, Radix also announces its text in a hidden live region (two matches).
    await page.locator('li[data-swipe-direction]').filter({ hasText: '1 interview in the calendar file' }).waitFor();
  });

  it('imports an Excel workbook: a sheet of applications with their jobs, then another sheet as jobs, rows named as in the sheet', async () => {
    const { page } = sheets;
    // Made by LibreOffice (test/fixtures/tracker-workbook.fods): a title above the table, dates shown
    // 04.03.2026 and 02/27/2026, a euro-formatted salary, a date-time interview, a two-line note.
    const workbook = await readFile(new URL('../test/fixtures/tracker-workbook.xlsx', import.meta.url));
    const xlsx = { name: 'job hunt.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook };
    await page.goto(`${app.url}/tracker/import`);
    await page.getByLabel('Applications').check();
    await page.getByLabel('CSV or Excel file').setInputFiles(xlsx);
    await page.getByText('job hunt.xlsx, sheet “My job hunt”: 9 columns.').waitFor();
    expect(await page.getByLabel('Sheet', { exact: true }).locator('option').allTextContents()).toEqual(['My job hunt (3 rows)', 'Saved jobs (2 rows)']);
    await expect.poll(() => page.getByLabel('Next interview').inputValue()).toBe('Interview');
    await page.getByRole('cell', { name: 'Zürich', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByTestId('import-report-summary').getByText('3 of 3 rows are ready to import').waitFor();
    await page.getByRole('button', { name: 'Import 3 applications' }).click();
    await page.getByTestId('import-summary').getByText('Imported 3 applications').waitFor();
    const list = async (procedure: string, input: unknown) =>
      ((await (await page.context().request.get(`${app.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)).json()) as { result: { data: { json: { items: Record<string, unknown>[] } } } }).result.data.json.items;
    // (The calendar test's application, applied today, is this person's too.)
    const imported = (await list('tracker.applications.list', { sort: 'appliedAt', direction: 'desc' })).filter((a) => String(a.appliedAt) < '2026-06');
    expect(imported.map((a) => [a.company, a.title, a.status, a.appliedAt, a.nextInterviewAt, a.notes])).toEqual([
      ['Acme GmbH', 'Backend Engineer', 'interviewing', '2026-03-04T00:00:00.000Z', '2026-12-15T14:30:00.000Z', 'Met Jürgen, "great" team\nTwo rounds left'],
      ['Globex', 'Data Scientist', 'applied', '2026-02-27T00:00:00.000Z', null, null],
      ['Initech', 'Frontend Developer', 'rejected', '2026-01-15T00:00:00.000Z', null, 'Referral from Sam'],
    ]);
    const acme = await list('tracker.jobs.list', { search: 'backend' });
    expect(acme.map((j) => [j.location, j.salaryMin, j.url])).toEqual([['Zürich', 95_000, 'https://jobs.acme.example/123']]);

    // The other sheet, as jobs: its headers are guessed again; a problem names the sheet's own row.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByLabel('Jobs').check();
    await page.getByLabel('CSV or Excel file').setInputFiles(xlsx);
    await page.getByLabel('Sheet', { exact: true }).selectOption('Saved jobs');
    await page.getByText('job hunt.xlsx, sheet “Saved jobs”: 5 columns.').waitFor();
    await expect.poll(() => page.getByLabel('Tech stack').inputValue()).toBe('Tech stack');
    await expect.poll(() => page.getByLabel('Posted date').inputValue()).toBe('Posted');
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByTestId('import-report-summary').getByText('1 of 2 rows is ready to import').waitFor();
    // "last week" as the posted date, on the sheet's row 4 (a blank row sits under the header): the file's data row 2.
    const problem = page.getByRole('table', { name: 'Problems found' }).getByRole('row').filter({ hasText: 'Posted date' });
    await expect.poll(() => problem.getByRole('cell').first().textContent()).toBe('4');
    await page.getByText('Rows are numbered as in the sheet “Saved jobs”.').waitFor();
    await page.getByRole('button', { name: 'Import 1 job' }).click();
    await page.getByTestId('import-summary').getByText('Imported 1 job').waitFor();
    // 85000.5 in the sheet: a salary is whole, so the cents are rounded.
    const umbrella = await list('tracker.jobs.list', { search: 'umbrella' });
    expect(umbrella.map((j) => [j.title, j.techStack, j.salaryMin, j.postedAt])).toEqual([['Platform Engineer', ['Go', 'Kubernetes'], 85_001, '2026-11-02']]);
  });
  it('reads a workbook whose sheet is larger than 512 KB in a worker of its own (inflated without a blob: worker, which the CSP refuses)', async () => {
    const { page } = sheets;
    const rows = [['Title', 'Company', 'Description'], ...Array.from({ length: 4000 }, (_, i) => [`Workbook Engineer ${i}`, `Sheetworks ${i % 40}`, `Role ${i}: build and run the services that keep the sheets flowing.`])];
    const buffer = minimalWorkbook(rows);
    await page.goto(`${app.url}/tracker/import`);
    await page.getByLabel('Jobs').check();
    // Read in a Web Worker of the app's own origin (the page stays responsive), which the CSP allows.
    const worker = page.waitForEvent('worker');
    await page.getByLabel('CSV or Excel file').setInputFiles({ name: 'large.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    expect(new URL((await worker).url()).pathname).toMatch(/^\/assets\/spreadsheet\.worker-[\w-]+\.js$/);
    await page.getByText('large.xlsx, sheet “Jobs”: 3 columns.').waitFor();
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByTestId('import-report-summary').getByText('4,000 of 4,000 rows are ready to import').waitFor();
  });
});
