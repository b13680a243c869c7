import { selectRows } from '@tessera/db';
import { longestEventLoopStall } from '@tessera/db/testing';
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { excelExportMaxRows, jobExportFields } from '@tessera/validation/tracker';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestApp, type TestApp } from './harness';
import { recordEvents, signedInPerson } from './tracker-helpers';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const fixture = (name: string) => readFileSync(new URL(`./fixtures/tracker/${name}`, import.meta.url), 'utf8');

describe('tracker.transfer.importCsv', () => {
  it('answers other requests while a large file is checked and imported: the event loop turns every 1,000 rows and statement', async () => {
    const { client } = await signedInPerson(app);
    const lines = ['title,company,location,salary min,tech stack'];
    for (let i = 0; i < 30_000; i++) lines.push(`Engineer ${i},Company ${i % 300},Berlin,${50_000 + i},Go|Rust`);
    const csv = lines.join('\n');
    // A small check first: compiling the import's code paths on first use is not what is measured.
    await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: lines.slice(0, 2001).join('\n') });
    // Checked without the turns, the whole file was one stall (0.9 s for 100,000 rows in the benchmark): the
    // longest stall was the whole run. Half leaves room for a busy machine (CI runs test files side by side on
    // two cores, and a descheduled process looks stalled) while still failing the old code.
    const dry = await longestEventLoopStall(() => client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv }));
    expect(dry.longestMs).toBeLessThan(dry.elapsedMs / 2);
    const written = await longestEventLoopStall(() => client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, mode: 'allOrNothing' }));
    expect(written.longestMs).toBeLessThan(written.elapsedMs / 2);
    expect((await client.tracker.jobs.list.query({ limit: 1 })).total).toBe(30_000);
  });

  it('imports quoted fields, embedded newlines and commas, both tech stack styles and backdated dates', async () => {
    const { client } = await signedInPerson(app);
    const dry = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: fixture('jobs-quoted.csv') });
    expect(dry).toMatchObject({ mode: 'dryRun', delimiter: ',', totalRows: 3, validRows: 3, invalidRows: 0, written: false, created: 0, problems: [] });
    expect(dry.mapping).toMatchObject({ title: 'title', jobType: 'job type', techStack: 'tech stack', postedAt: 'posted', salaryCurrency: 'currency' });
    expect((await client.tracker.jobs.list.query({})).total).toBe(0);

    const done = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: fixture('jobs-quoted.csv'), mode: 'allOrNothing' });
    expect(done).toMatchObject({ written: true, created: 3, skipped: 0 });
    const { items } = await client.tracker.jobs.list.query({ sort: 'title', direction: 'asc' });
    expect(items.map((j) => j.title)).toEqual(['Data Analyst', 'Intern', 'Senior Engineer, Platform']);
    const senior = await client.tracker.jobs.get.query({ id: items[2]!.id });
    expect(senior).toMatchObject({
      company: 'Acme, Inc.',
      description: 'Line one\nLine two, with a comma\nand "quotes"',
      remote: 'hybrid',
      jobType: 'full_time',
      salaryMin: 60_000,
      salaryMax: 80_000,
      salaryCurrency: 'EUR',
      techStack: ['TypeScript', 'Postgres', 'Node'],
      postedAt: '2019-03-04',
    });
    expect(items[0]).toMatchObject({ salaryMin: 55_000, salaryMax: 65_000, techStack: ['Python', 'SQL', 'dbt'], postedAt: '2001-12-31', jobType: 'contract' });
    expect(items[1]).toMatchObject({ remote: 'onsite', jobType: 'internship', techStack: [], salaryMin: null, url: null });
  });

  it('detects `;` and strips a BOM; reads CRLF files with quoted line breaks', async () => {
    const { client } = await signedInPerson(app);
    const result = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: fixture('jobs-bom-semicolon.csv'), mode: 'allOrNothing' });
    expect(result).toMatchObject({ delimiter: ';', created: 2 });
    expect(result.headers[0]).toBe('Title');
    const { items } = await client.tracker.jobs.list.query({ sort: 'title', direction: 'asc' });
    expect(items.map((j) => [j.title, j.company, j.postedAt, j.techStack])).toEqual([
      ['Backend Developer', 'Müller & Söhne GmbH', '2024-02-29', ['Go', 'Kubernetes']],
      ['Frontend; React', 'Café Ltd', '2023-11-05', ['React', 'TypeScript']],
    ]);
    const crlf = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: fixture('jobs-crlf.csv'), mode: 'allOrNothing' });
    expect(crlf.created).toBe(2);
    expect((await client.tracker.jobs.list.query({ search: 'line title' })).items[0]?.title).toMatch(/^Multi\r?\nline title$/);
  });

  it('reports bad rows with row, line, field and problem; all-or-nothing writes none, skip-bad-rows writes the rest', async () => {
    const { client } = await signedInPerson(app);
    const csv = fixture('jobs-bad-rows.csv');
    const dry = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv });
    expect(dry).toMatchObject({ totalRows: 8, validRows: 2, invalidRows: 6, written: false });
    expect(dry.problems.map((p) => [p.row, p.line, p.field])).toEqual([
      [2, 3, 'title'],
      [3, 4, 'remote'],
      [4, 5, 'postedAt'],
      [5, 6, 'salaryMax'],
      [6, 7, 'row'],
      [7, 8, 'url'],
    ]);
    expect(dry.problems.every((p) => p.problem.length > 5)).toBe(true);

    const strict = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, mode: 'allOrNothing' });
    expect(strict).toMatchObject({ written: false, created: 0 });
    expect(strict.summary).toMatch(/Nothing was imported/);
    expect((await client.tracker.jobs.list.query({})).total).toBe(0);

    const lenient = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, mode: 'skipBadRows' });
    expect(lenient).toMatchObject({ written: true, created: 2, skipped: 6 });
    expect((await client.tracker.jobs.list.query({ sort: 'title', direction: 'asc' })).items.map((j) => j.title)).toEqual(['Good One', 'Good Two']);
  });

  it("reports an applied date in the future as the row's problem (a typo such as 2062); past dates are kept", async () => {
    const { client } = await signedInPerson(app);
    const csv = ['company,title,status,applied', 'Acme,Engineer,applied,2062-03-01', 'Globex,Analyst,applied,2024-03-01'].join('\n');
    const dry = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv });
    expect(dry).toMatchObject({ totalRows: 2, validRows: 1, invalidRows: 1 });
    expect(dry.problems.map((p) => [p.row, p.field, p.problem])).toEqual([[1, 'appliedAt', "The applied date can't be in the future"]]);
    // The same rule by hand: the procedures answer a typed field error, and nothing is written.
    const job = await client.tracker.jobs.create.mutate({ title: 'Engineer', company: 'Acme' });
    await expect(client.tracker.applications.create.mutate({ jobId: job.id, status: 'applied', appliedAt: new Date('2062-03-01') })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', fieldErrors: { appliedAt: ["The applied date can't be in the future"] } },
    });
    expect((await client.tracker.applications.list.query({})).total).toBe(0);
  });

  it('maps headers the user chose, and refuses unknown columns and malformed CSV', async () => {
    const { client } = await signedInPerson(app);
    const csv = fixture('jobs-custom-headers.csv');
    const unmapped = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, mode: 'allOrNothing' });
    expect(unmapped.written).toBe(false);
    expect(unmapped.problems[0]).toMatchObject({ row: 0, field: 'title', problem: 'No column is mapped to "title"' });
    expect(unmapped.mapping.company).toBe('Employer'); // matched by a known alias
    const mapping = { title: 'Role Name', company: 'Employer', location: 'Where', techStack: 'Stack' };
    const mapped = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, mapping, mode: 'allOrNothing' });
    expect(mapped.created).toBe(1);
    expect((await client.tracker.jobs.list.query({})).items[0]).toMatchObject({ title: 'Designer', company: 'Hooli', location: 'Palo Alto', techStack: ['Figma', 'Sketch'] });

    const unknownColumn = await errorOf(client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, mapping: { title: 'Nope' } }));
    expect(unknownColumn.data.fieldErrors?.['mapping.title']).toBeDefined();
    const malformed = await errorOf(client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: fixture('jobs-unclosed-quote.csv') }));
    expect(malformed.data.code).toBe('BAD_REQUEST');
    expect(malformed.data.fieldErrors?.csv?.[0]).toMatch(/not valid CSV/);
  });

  it('reads spreadsheets as people export them: US dates, month names, salary ranges with symbols, other trackers\' words', async () => {
    const { client } = await signedInPerson(app);
    const jobsCsv = fixture('jobs-spreadsheet-us.csv');
    const dry = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: jobsCsv });
    expect(dry).toMatchObject({ totalRows: 4, validRows: 4, problems: [] });
    expect(dry.mapping).toMatchObject({ title: 'Job Title', company: 'Company Name', salaryMin: 'Salary', postedAt: 'Date Posted', url: 'Job Link', remote: 'Work Type', jobType: 'Employment Type' });
    // 11/25/2026 can only be month first, so 03/04/2026 is 4 March.
    expect(dry.dateOrder).toEqual({ used: 'monthFirst', detectedFrom: '11/25/2026', conflict: false });
    await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: jobsCsv, mode: 'allOrNothing' });
    const { items } = await client.tracker.jobs.list.query({ sort: 'title', direction: 'asc' });
    expect(items.map((j) => [j.title, j.salaryMin, j.salaryMax, j.salaryCurrency, j.postedAt, j.remote, j.jobType])).toEqual([
      ['Backend Engineer', 120_000, 150_000, 'USD', '2026-11-25', 'remote', 'full_time'],
      ['Data Analyst', 120_000, 150_000, null, '2026-03-04', 'hybrid', 'contract'],
      ['Designer', 45_000, null, 'GBP', '2026-11-03', 'onsite', 'part_time'],
      ['Intern', 18_000, null, 'EUR', '2026-11-03', 'remote', 'internship'],
    ]);

    // Semicolons, day-first dates (25/11/2026), a time after the date, statuses in Huntr / Teal words.
    const applicationsCsv = fixture('applications-spreadsheet-eu.csv');
    const applied = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv: applicationsCsv, mode: 'allOrNothing' });
    expect(applied).toMatchObject({ created: 4, jobsCreated: 0, problems: [], dateOrder: { used: 'dayFirst', detectedFrom: '25/11/2026' } });
    const list = await client.tracker.applications.list.query({ sort: 'title', direction: 'asc' });
    expect(list.items.map((a) => [a.title, a.status, a.appliedAt?.toISOString() ?? null, a.nextInterviewAt?.toISOString() ?? null])).toEqual([
      ['Backend Engineer', 'screening', '2026-11-25T00:00:00.000Z', '2026-12-02T14:30:00.000Z'],
      ['Data Analyst', 'rejected', '2026-04-03T00:00:00.000Z', null],
      ['Designer', 'saved', null, null],
      ['Intern', 'ghosted', '2026-10-01T00:00:00.000Z', null],
    ]);
  });

  it('imports LinkedIn\'s "Job Applications" export as it comes (M/D/YY dates with a time, its own headers)', async () => {
    const { client } = await signedInPerson(app);
    const result = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv: fixture('applications-linkedin.csv'), mode: 'allOrNothing' });
    expect(result).toMatchObject({ created: 2, jobsCreated: 2, problems: [], dateOrder: { used: 'monthFirst', detectedFrom: '10/28/25' } });
    expect(result.mapping).toMatchObject({ appliedAt: 'Application Date', company: 'Company Name', title: 'Job Title', jobUrl: 'Job Url' });
    const { items } = await client.tracker.applications.list.query({ sort: 'appliedAt', direction: 'asc' });
    expect(items.map((a) => [a.company, a.title, a.status, a.appliedAt?.toISOString()])).toEqual([
      ['Globex', 'Data Analyst', 'applied', '2025-10-28T09:15:00.000Z'],
      ['Initech', 'Backend Engineer', 'applied', '2025-11-03T16:03:00.000Z'],
    ]);
  });

  it('imports a one-sheet tracker as applications: new jobs get the sheet\'s details, tracked jobs keep theirs, links must be http(s)', async () => {
    const { client } = await signedInPerson(app);
    await client.tracker.jobs.create.mutate({ title: 'Designer', company: 'Hooli', location: 'Palo Alto' });
    const csv = fixture('applications-one-sheet.csv');
    const dry = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv });
    expect(dry.mapping).toMatchObject({ company: 'Company', title: 'Position', location: 'Location', salaryMin: 'Salary', remote: 'Work Type', jobUrl: 'Link', status: 'Status', appliedAt: 'Date Applied', notes: 'Notes', techStack: 'Skills' });
    // A javascript: link would become the job's link: refused like the job form refuses it.
    expect(dry.problems).toEqual([expect.objectContaining({ row: 3, field: 'jobUrl', problem: 'Must be an http(s) URL' })]);

    const done = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv, mode: 'skipBadRows' });
    expect(done).toMatchObject({ created: 3, jobsCreated: 1, skipped: 1 });
    const { items } = await client.tracker.jobs.list.query({ sort: 'title', direction: 'asc' });
    expect(items.map((j) => [j.title, j.company, j.location, j.remote, j.salaryMin, j.salaryMax, j.salaryCurrency, j.techStack, j.url])).toEqual([
      // The first row naming the job gives its details; the second row's Dallas is not used.
      ['Backend Engineer', 'Initech', 'Austin', 'hybrid', 120_000, 150_000, 'USD', ['Go', 'Postgres'], 'https://initech.example/jobs/1'],
      // Already tracked: linked, not changed.
      ['Designer', 'Hooli', 'Palo Alto', null, null, null, null, [], null],
    ]);
    const applications = await client.tracker.applications.list.query({ sort: 'appliedAt', direction: 'asc' });
    expect(applications.items.map((a) => [a.company, a.status, a.appliedAt?.toISOString().slice(0, 10) ?? null])).toEqual([
      ['Initech', 'applied', '2026-10-01'],
      ['Initech', 'interviewing', '2026-11-02'],
      ['Hooli', 'saved', null],
    ]);
  });

  it('asks for the date order when the file\'s dates could be either, and imports them as chosen', async () => {
    const { client } = await signedInPerson(app);
    const csv = fixture('jobs-dates-ambiguous.csv');
    const dry = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv });
    expect(dry).toMatchObject({ validRows: 1, invalidRows: 2, dateOrder: { used: null, detectedFrom: null, conflict: false } });
    expect(dry.problems).toEqual([
      expect.objectContaining({ row: 1, field: 'postedAt', problem: expect.stringMatching(/"03\/04\/2026" could be 3 April or 4 March 2026: choose how the file writes dates/) }),
      expect.objectContaining({ row: 2, field: 'postedAt', problem: expect.stringContaining('could be 5 June or 6 May 2026') }),
    ]);
    const dayFirst = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, dateOrder: 'dayFirst', mode: 'allOrNothing' });
    expect(dayFirst).toMatchObject({ created: 3, dateOrder: { used: 'dayFirst', detectedFrom: null } });
    const { items } = await client.tracker.jobs.list.query({ sort: 'postedAt', direction: 'asc' });
    expect(items.map((j) => [j.title, j.postedAt])).toEqual([
      ['First', '2026-04-03'],
      ['Second', '2026-06-05'],
      ['Third', '2026-07-08'],
    ]);
    // A date that cannot be in the chosen order is reported, not guessed.
    const wrongOrder = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: 'title,company,posted\nX,Acme,12/31/2026\n', dateOrder: 'dayFirst' });
    expect(wrongOrder.problems).toEqual([expect.objectContaining({ row: 1, field: 'postedAt', problem: '"12/31/2026" is not a date written day first (day/month/year)' })]);
    // A part of a file whose check found no order keeps it: `undecided` reports 03/04/2026 even
    // though this part alone would read it day first from 25/03/2026.
    const part = 'title,company,posted\nA,Acme,25/03/2026\nB,Acme,03/04/2026\n';
    expect(await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: part })).toMatchObject({ validRows: 2, dateOrder: { used: 'dayFirst', detectedFrom: '25/03/2026' } });
    const kept = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: part, dateOrder: 'undecided' });
    expect(kept).toMatchObject({ validRows: 1, dateOrder: { used: null, detectedFrom: null, conflict: false } });
    expect(kept.problems).toEqual([expect.objectContaining({ row: 2, field: 'postedAt', problem: expect.stringContaining('could be 3 April or 4 March 2026') })]);
    const invalid = await errorOf(client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, dateOrder: 'yearLast' as never }));
    expect(invalid.data.fieldErrors?.dateOrder).toBeDefined();
  });

  it('links applications by URL or company + title, creates missing jobs and keeps backdated dates', async () => {
    const { client } = await signedInPerson(app);
    await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: fixture('jobs-quoted.csv'), mode: 'allOrNothing' });
    const csv = fixture('applications.csv');
    const dry = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv });
    expect(dry.problems.map((p) => [p.row, p.field])).toEqual([
      [4, 'jobUrl'],
      [5, 'status'],
      [6, 'appliedAt'],
    ]);
    const strict = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv, mode: 'allOrNothing' });
    expect(strict.created).toBe(0);
    const result = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv, mode: 'skipBadRows' });
    expect(result).toMatchObject({ created: 3, jobsCreated: 1, skipped: 3 });
    const { items } = await client.tracker.applications.list.query({ sort: 'appliedAt', direction: 'asc' });
    expect(items.map((a) => [a.company, a.title, a.status, a.appliedAt?.toISOString()])).toEqual([
      ['Globex', 'Data Analyst', 'applied', '2001-01-15T00:00:00.000Z'],
      ['Acme, Inc.', 'Senior Engineer, Platform', 'interviewing', '2018-06-01T00:00:00.000Z'],
      ['Newco', 'Brand New Role', 'rejected', '2020-02-02T00:00:00.000Z'],
    ]);
    expect(items[1]?.nextInterviewAt?.toISOString()).toBe('2018-06-20T10:00:00.000Z');
    expect(items[1]?.notes).toBe('Met the team, liked it');
    const history = await client.tracker.applications.get.query({ id: items[1]!.id });
    expect(history.history.map((h) => [h.to, h.at.toISOString()])).toEqual([['interviewing', '2018-06-01T00:00:00.000Z']]);
    expect((await client.tracker.jobs.list.query({})).total).toBe(4);
  });

  it('leaves out jobs and applications already tracked or repeated in the file, reports them, and imports them on request', async () => {
    const { client } = await signedInPerson(app);
    const jobsCsv = [
      'title,company,location,url',
      'Backend Engineer,Acme,Berlin,https://acme.example/1',
      'Frontend Engineer,Acme,Berlin,',
      'Data Analyst,Globex,Paris,https://globex.example/7',
      'Backend Engineer (copy),Acme,Berlin,https://acme.example/1',
      ' frontend engineer , ACME,berlin,',
      'Frontend Engineer,Acme,Munich,',
    ].join('\n');
    const first = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: jobsCsv, mode: 'allOrNothing' });
    expect(first).toMatchObject({ written: true, created: 4, totalRows: 6, validRows: 4, invalidRows: 0, duplicateRows: 2 });
    expect(first.duplicates).toEqual([
      { row: 4, line: 5, matchedBy: 'url', sameAsRow: 1 },
      { row: 5, line: 6, matchedBy: 'name', sameAsRow: 2 },
    ]);

    // The same file again: every row is already tracked; the dry run says so and the import adds nothing.
    const dry = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: jobsCsv });
    expect(dry).toMatchObject({ validRows: 0, duplicateRows: 6, invalidRows: 0 });
    expect(dry.duplicates.every((d) => d.sameAsRow === null)).toBe(true);
    expect(dry.summary).toMatch(/6 repeat jobs already in your tracker/);
    const again = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: jobsCsv, mode: 'allOrNothing' });
    expect(again).toMatchObject({ written: false, created: 0, duplicateRows: 6 });
    expect(again.summary).toMatch(/^Nothing to import/);
    expect((await client.tracker.jobs.list.query({})).total).toBe(4);

    // Without a URL a row matches a tracked job (with or without one) by company, title and location.
    const byName = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: 'title,company,location\nData Analyst,globex,Paris\nData Analyst,Globex,Lyon', mode: 'skipBadRows' });
    expect(byName).toMatchObject({ created: 1, duplicateRows: 1, duplicates: [{ row: 1, line: 2, matchedBy: 'name', sameAsRow: null }] });

    // A soft-deleted job is not tracked any more: importing it brings it back as a new job.
    const analyst = (await client.tracker.jobs.list.query({ search: 'analyst globex' })).items.find((j) => j.url === 'https://globex.example/7')!;
    await client.tracker.jobs.delete.mutate({ id: analyst.id });
    const revived = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: jobsCsv, mode: 'skipBadRows' });
    expect(revived).toMatchObject({ created: 1, duplicateRows: 5 });

    // Asked to, it imports every row again.
    const forced = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: jobsCsv, mode: 'allOrNothing', duplicates: 'import' });
    expect(forced).toMatchObject({ written: true, created: 6, duplicateRows: 0, duplicates: [] });

    // Applications: the same job applied to on the same day is a repeat; another day is not.
    const applicationsCsv = ['job url,status,applied', 'https://globex.example/7,applied,2026-01-05', 'https://globex.example/7,applied,2026-01-05', 'https://globex.example/7,screening,2026-02-01'].join('\n');
    const onlyJob = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: 'title,company,url\nSolo,Solo Co,https://solo.example/1', mode: 'allOrNothing' });
    expect(onlyJob.created).toBe(1);
    const soloCsv = applicationsCsv.replaceAll('https://globex.example/7', 'https://solo.example/1');
    const applied = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv: soloCsv, mode: 'allOrNothing' });
    expect(applied).toMatchObject({ written: true, created: 2, jobsCreated: 0, duplicateRows: 1, duplicates: [{ row: 2, line: 3, matchedBy: 'appliedAt', sameAsRow: 1 }] });
    const dryApplications = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv: soloCsv });
    expect(dryApplications).toMatchObject({ validRows: 0, duplicateRows: 3, written: false });
    const appliedAgain = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv: soloCsv, mode: 'skipBadRows' });
    expect(appliedAgain).toMatchObject({ written: false, created: 0, duplicateRows: 3 });
    const solo = (await client.tracker.jobs.list.query({ search: 'solo' })).items[0]!;
    expect((await client.tracker.applications.list.query({ jobId: solo.id })).total).toBe(2);
  });
});

describe('tracker.transfer.importCsv recognises a posting behind another link', () => {
  it('treats tracking parameters, www., scheme and a trailing slash as the same job, for repeats and for linking applications', async () => {
    const { client } = await signedInPerson(app);
    const first = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: 'title,company,url\nEngineer,Acme,https://acme.example/jobs/42', mode: 'allOrNothing' });
    expect(first.created).toBe(1);
    const again = await client.tracker.transfer.importCsv.mutate({
      kind: 'jobs',
      csv: 'title,company,url\nEngineer,Acme,http://www.acme.example/jobs/42/?utm_source=newsletter#apply\nEngineer,Acme,https://acme.example/jobs/43',
      mode: 'allOrNothing',
    });
    expect(again).toMatchObject({ created: 1, duplicateRows: 1, duplicates: [{ row: 1, matchedBy: 'url', sameAsRow: null }] });
    // The company spelled another way: the URL still finds it (small files look jobs up by their URLs' usual spellings).
    const renamed = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: 'title,company,url\nEngineer,Acme Inc.,https://www.acme.example/jobs/42/#top' });
    expect(renamed).toMatchObject({ validRows: 0, duplicateRows: 1, duplicates: [{ row: 1, matchedBy: 'url', sameAsRow: null }] });
    const applied = await client.tracker.transfer.importCsv.mutate({
      kind: 'applications',
      csv: 'job url,status,applied\nhttps://www.acme.example/jobs/42?trk=feed,applied,2026-04-01',
      mode: 'allOrNothing',
    });
    expect(applied).toMatchObject({ created: 1, jobsCreated: 0 });
    const job = (await client.tracker.jobs.list.query({})).items.find((j) => j.url === 'https://acme.example/jobs/42')!;
    expect((await client.tracker.applications.list.query({ jobId: job.id })).total).toBe(1);
  });
});

describe('tracker.transfer.importCsv sent twice at the same moment', () => {
  it('writes the file once: the second import waits for the first and finds its rows already tracked', async () => {
    const { client } = await signedInPerson(app);
    const jobsCsv = ['title,company,url', ...Array.from({ length: 300 }, (_, i) => `Role ${i},Company ${i % 9},https://twice.example/${i}`)].join('\n');
    // More at once than the test pool's 5 connections: the waiting imports hold theirs, so the one
    // holding the lock must read on its own connection (a second one would never come).
    const jobImports = await Promise.all(Array.from({ length: 7 }, () => client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: jobsCsv, mode: 'allOrNothing' })));
    expect(jobImports.map((r) => r.created).sort((a, b) => a - b)).toEqual([0, 0, 0, 0, 0, 0, 300]);
    expect(jobImports.map((r) => r.duplicateRows).sort((a, b) => a - b)).toEqual([0, 300, 300, 300, 300, 300, 300]);
    expect((await client.tracker.jobs.list.query({})).total).toBe(300);

    // Applications link to those jobs (and would create missing ones): also written once.
    const applicationsCsv = ['job url,status,applied', ...Array.from({ length: 300 }, (_, i) => `https://twice.example/${i},applied,2026-03-01`)].join('\n');
    const applicationImports = await Promise.all(
      [0, 1].map(() => client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv: applicationsCsv, mode: 'allOrNothing' })),
    );
    expect(applicationImports.map((r) => r.created).sort()).toEqual([0, 300]);
    expect((await client.tracker.applications.list.query({})).total).toBe(300);
    expect((await client.tracker.jobs.list.query({})).total).toBe(300);
  });
});

describe('tracker.transfer.importCsv of large files (rows are written while the file is read)', () => {
  // More rows than one PGlite statement (5,000) and many COPY writes on Postgres: rows are already
  // in the transaction when the problem at the end is found.
  const goodRows = 6000;
  const header = 'title,company,url';
  const good = (i: number) => `Role ${i},Company ${i % 7},https://jobs.example.com/${i}`;
  const big = (...tail: string[]) => [header, ...Array.from({ length: goodRows }, (_, i) => good(i)), ...tail].join('\n');

  it('all-or-nothing writes nothing when the last row is bad; skip-bad-rows writes exactly the good ones, in file order', async () => {
    const { client } = await signedInPerson(app);
    const csv = big(',No Title Inc,', good(goodRows));
    const strict = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, mode: 'allOrNothing' });
    expect(strict).toMatchObject({ totalRows: goodRows + 2, validRows: goodRows + 1, invalidRows: 1, written: false, created: 0 });
    expect(strict.problems).toEqual([{ row: goodRows + 1, line: goodRows + 2, field: 'title', problem: 'Title is required' }]);
    expect((await client.tracker.jobs.list.query({})).total).toBe(0);

    const recorder = recordEvents(app);
    const lenient = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, mode: 'skipBadRows' });
    recorder.stop();
    expect(lenient).toMatchObject({ written: true, created: goodRows + 1, skipped: 1 });
    // One batch event for the saved-search matcher and one change notice, not one event per job.
    expect(recorder.events.map((e) => e.type)).toEqual(['tracker.jobs.added', 'tracker.changed']);
    const newest = await client.tracker.jobs.list.query({ limit: 3 });
    expect(newest.total).toBe(goodRows + 1);
    // One creation time for the whole import; ids ascend in file order, so newest first is the file's end.
    expect(newest.items.map((j) => j.title)).toEqual([`Role ${goodRows}`, `Role ${goodRows - 1}`, `Role ${goodRows - 2}`]);
    expect((await client.tracker.jobs.list.query({ search: 'No Title Inc' })).total).toBe(0);
    if (app.database.mode === 'embedded') {
      // PGlite has no autovacuum: a large import refreshes the planner's statistics itself.
      const [stats] = await selectRows<{ last_analyze: Date | null }>(app.database.db, sql`select last_analyze from pg_stat_user_tables where relname = 'jobs'`);
      expect(stats?.last_analyze).not.toBeNull();
    }
  });

  it('a syntax error at the end of the file is a BAD_REQUEST that writes nothing, in every mode', async () => {
    const { client } = await signedInPerson(app);
    const csv = big('"Unclosed,Acme,');
    for (const mode of ['allOrNothing', 'skipBadRows'] as const) {
      const error = await errorOf(client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, mode }));
      expect(error.data.code).toBe('BAD_REQUEST');
      expect(error.data.fieldErrors?.csv?.[0]).toMatch(/not valid CSV: Quote Not Closed.*line 6002/);
    }
    expect((await client.tracker.jobs.list.query({})).total).toBe(0);
  });

  it('keeps every value exactly (quotes, tabs, backslashes, line breaks, braces in skills) and counts lines after blank lines', async () => {
    const { client } = await signedInPerson(app);
    const csv = [
      'title,company,description,tech stack,source',
      '"Back\\slash \\N","Tab\there","Line one\r\nLine ""two""\n\\N",' + '"C\\+\\+|{curly}|""quoted""|a,b",\\N',
      '',
      'Plain,Acme,,,',
    ].join('\n');
    const result = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv, mode: 'allOrNothing' });
    expect(result).toMatchObject({ created: 2, totalRows: 2 });
    const { items } = await client.tracker.jobs.list.query({ sort: 'title', direction: 'asc' });
    const odd = await client.tracker.jobs.get.query({ id: items[0]!.id });
    expect(odd).toMatchObject({
      title: 'Back\\slash \\N',
      company: 'Tab\there',
      description: 'Line one\r\nLine "two"\n\\N',
      techStack: ['C\\+\\+', '{curly}', '"quoted"', 'a', 'b'],
      source: '\\N',
    });
    expect((await client.tracker.jobs.list.query({ techAny: ['c\\+\\+'] })).total).toBe(1);
    const bad = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: 'title,company\n\n\nOnly title,\n' });
    expect(bad.problems).toEqual([{ row: 1, line: 4, field: 'company', problem: 'Company is required' }]);
  });

  it('imports thousands of applications in few statements: links by URL, creates the missing jobs once, history for each; all-or-nothing leaves nothing', async () => {
    const { client } = await signedInPerson(app);
    await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: big(), mode: 'allOrNothing' });
    // A file this large (over 5,000 rows) is checked against all of the person's jobs, not a lookup of its own URLs.
    const again = await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: big() });
    expect(again).toMatchObject({ validRows: 0, duplicateRows: goodRows, invalidRows: 0 });
    const applications = Array.from({ length: goodRows }, (_, i) =>
      i % 2 ? `https://jobs.example.com/${i},,,interviewing,2020-01-${String(1 + (i % 28)).padStart(2, '0')}` : `,New Co ${i % 1000},New role ${i % 1000},saved,`,
    );
    const csv = ['job url,company,title,status,applied', ...applications].join('\n');
    // Six undated applications per new job would be left out as repeats: this test is about volume.
    const strict = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv: `${csv}\n,,,applied,`, mode: 'allOrNothing', duplicates: 'import' });
    expect(strict).toMatchObject({ written: false, created: 0, invalidRows: 1 });
    expect((await client.tracker.applications.list.query({})).total).toBe(0);
    expect((await client.tracker.jobs.list.query({})).total).toBe(goodRows);

    const result = await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv, mode: 'allOrNothing', duplicates: 'import' });
    // Even rows name 500 different jobs, six applications each.
    expect(result).toMatchObject({ written: true, created: goodRows, jobsCreated: 500 });
    expect((await client.tracker.jobs.list.query({})).total).toBe(goodRows + 500);
    expect((await client.tracker.applications.list.query({ status: ['interviewing'] })).total).toBe(goodRows / 2);
    const linked = await client.tracker.applications.list.query({ search: 'Role 4999' });
    expect(linked.items.map((a) => [a.jobUrl, a.status, a.appliedAt?.toISOString()])).toEqual([['https://jobs.example.com/4999', 'interviewing', '2020-01-16T00:00:00.000Z']]);
    const detail = await client.tracker.applications.get.query({ id: linked.items[0]!.id });
    expect(detail.history.map((h) => [h.from, h.to, h.at.toISOString()])).toEqual([[null, 'interviewing', '2020-01-16T00:00:00.000Z']]);
    const newJob = (await client.tracker.jobs.list.query({ search: 'New Co 8', limit: 100 })).items.find((j) => j.company === 'New Co 8')!;
    expect(newJob).toMatchObject({ title: 'New role 8', url: null });
    const created = await client.tracker.applications.list.query({ jobId: newJob.id });
    expect(created.total).toBe(6);
    expect(created.items.every((a) => a.status === 'saved' && a.appliedAt === null)).toBe(true);
  });

  it('refuses a file with NUL characters (UTF-16 or not text) before reading it', async () => {
    const { client } = await signedInPerson(app);
    const utf16 = 'title,company\nRole,Acme\n'.split('').join('\u0000');
    const error = await errorOf(client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: utf16, mode: 'skipBadRows' }));
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.fieldErrors?.csv?.[0]).toMatch(/NUL characters/);
    expect((await client.tracker.jobs.list.query({})).total).toBe(0);
  });
});

describe('tracker.transfer exports', () => {
  it('exports CSV and JSON filtered like the list, with field selection, and streams the same CSV over GET', async () => {
    const person = await signedInPerson(app);
    const { client } = person;
    await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: fixture('jobs-quoted.csv'), mode: 'allOrNothing' });
    const csvFile = await client.tracker.transfer.exportFile.mutate({ kind: 'jobs', format: 'csv', fields: ['title', 'company', 'description', 'techStack'], filters: { techAny: ['postgres', 'sql'] } });
    expect(csvFile).toMatchObject({ contentType: 'text/csv; charset=utf-8', encoding: 'utf8' });
    expect(csvFile.filename).toMatch(/^tessera-jobs-\d{4}-\d{2}-\d{2}\.csv$/);
    // A UTF-8 byte order mark first, so Excel reads accents right.
    expect(csvFile.body.startsWith('\uFEFFtitle,company,')).toBe(true);
    const rows = parse<Record<string, string>>(csvFile.body, { columns: true, bom: true });
    expect(rows.map((r) => r.title).sort()).toEqual(['Data Analyst', 'Senior Engineer, Platform']);
    expect(rows.find((r) => r.company === 'Acme, Inc.')).toEqual({ title: 'Senior Engineer, Platform', company: 'Acme, Inc.', description: 'Line one\nLine two, with a comma\nand "quotes"', techStack: 'TypeScript|Postgres|Node' });

    const jsonFile = await client.tracker.transfer.exportFile.mutate({ kind: 'jobs', format: 'json', fields: ['title', 'postedAt'] });
    expect((JSON.parse(jsonFile.body) as { title: string; postedAt: string | null }[]).sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { title: 'Data Analyst', postedAt: '2001-12-31' },
      { title: 'Intern', postedAt: null },
      { title: 'Senior Engineer, Platform', postedAt: '2019-03-04' },
    ]);

    const cookie = [...person.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const query = new URLSearchParams({ kind: 'jobs', format: 'csv', fields: 'title,company,description,techStack', filters: JSON.stringify({ techAny: ['postgres', 'sql'] }) });
    const streamed = await fetch(`${app.url}/api/tracker/export?${query.toString()}`, { headers: { cookie } });
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get('content-disposition')).toMatch(/attachment; filename="tessera-jobs-/);
    // Bytes, not text(): the Fetch standard's text() drops a leading BOM.
    expect(Buffer.from(await streamed.arrayBuffer()).toString('utf8')).toBe(csvFile.body);
    expect((await fetch(`${app.url}/api/tracker/export?kind=jobs`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/tracker/export?kind=nope`, { headers: { cookie } })).status).toBe(400);
  });

  it('exports an Excel workbook: the CSV columns as typed cells, text never a formula, filtered over GET too', async () => {
    const person = await signedInPerson(app);
    const { client } = person;
    await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: fixture('jobs-quoted.csv'), mode: 'allOrNothing' });
    const formula = '=HYPERLINK("https://evil.example","Open")';
    const planted = await client.tracker.jobs.create.mutate({ title: formula, company: 'Formula Co', description: `${'x'.repeat(40_000)}END`, salaryMin: 90_000, techStack: ['Rust', 'Go'], postedAt: '2026-03-04' });
    const file = await client.tracker.transfer.exportFile.mutate({ kind: 'jobs', format: 'xlsx' });
    expect(file).toMatchObject({ contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', encoding: 'base64' });
    expect(file.filename).toMatch(/^tessera-jobs-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = Buffer.from(file.body, 'base64');
    const [sheet] = await readXlsxFile(bytes);
    expect(sheet!.sheet).toBe('Jobs');
    const [header, ...rows] = sheet!.data as unknown[][];
    expect(header).toEqual([...jobExportFields]);
    expect(rows).toHaveLength(4);
    const byTitle = (title: string) => Object.fromEntries(header!.map((field, i) => [field, rows.find((r) => r[1] === title)![i]])) as Record<string, unknown>;
    const row = byTitle(formula);
    // The text arrives as text; the sheet holds no formula at all.
    expect(row.title).toBe(formula);
    expect(Object.keys(unzipSync(bytes)).filter((name) => name.startsWith('xl/worksheets/')).map((name) => strFromU8(unzipSync(bytes)[name]!)).join('')).not.toContain('<f>');
    expect(row.salaryMin).toBe(90_000);
    expect(row.techStack).toBe('Rust, Go');
    expect((row.postedAt as Date).toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(Math.abs((row.createdAt as Date).getTime() - planted.createdAt.getTime())).toBeLessThan(1000);
    // Excel keeps 32,767 characters in a cell: a longer text is cut there, visibly.
    expect((row.description as string).length).toBe(32_767);
    expect(row.description as string).toMatch(/^x+…$/);
    expect(byTitle('Senior Engineer, Platform')).toMatchObject({ company: 'Acme, Inc.', description: 'Line one\nLine two, with a comma\nand "quotes"', techStack: 'TypeScript, Postgres, Node' });

    const cookie = [...person.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const query = new URLSearchParams({ kind: 'jobs', format: 'xlsx', fields: 'title,company', filters: JSON.stringify({ techAny: ['postgres', 'sql'] }) });
    const fetched = await fetch(`${app.url}/api/tracker/export?${query.toString()}`, { headers: { cookie } });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(fetched.headers.get('content-disposition')).toMatch(/attachment; filename="tessera-jobs-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const [filtered] = await readXlsxFile(Buffer.from(await fetched.arrayBuffer()));
    expect(filtered!.data.slice(1).map((r) => r[0]).sort()).toEqual(['Data Analyst', 'Senior Engineer, Platform']);
    expect(filtered!.data[0]).toEqual(['title', 'company']);

    // Applications: their own sheet, the status as text, the applied date as a date.
    await client.tracker.applications.create.mutate({ jobId: planted.id, status: 'interviewing', appliedAt: new Date('2026-03-05T09:30:00Z') });
    const applicationsFile = await client.tracker.transfer.exportFile.mutate({ kind: 'applications', format: 'xlsx', fields: ['company', 'status', 'appliedAt'] });
    const [applicationsSheet] = await readXlsxFile(Buffer.from(applicationsFile.body, 'base64'));
    expect(applicationsSheet!.sheet).toBe('Applications');
    // An Excel date is a fraction of days: 09:30 reads back a fraction of a millisecond early (the import page rounds to the second).
    const toSecond = (value: unknown) => (value instanceof Date ? new Date(Math.round(value.getTime() / 1000) * 1000).toISOString() : value);
    expect(applicationsSheet!.data.map((row) => row.map(toSecond))).toEqual([
      ['company', 'status', 'appliedAt'],
      ['Formula Co', 'interviewing', '2026-03-05T09:30:00.000Z'],
    ]);
  });

  it('refuses an Excel export over 20,000 rows with what to do instead, and exports the narrowed rows', async () => {
    const person = await signedInPerson(app);
    await app.database.db.execute(
      sql`insert into jobs (user_id, title, company) select ${person.userId}, 'Role ' || g, case when g = 1 then 'Needle Co' else 'Haystack' end from generate_series(1, ${excelExportMaxRows + 1}) g`,
    );
    const error = await errorOf(person.client.tracker.transfer.exportFile.mutate({ kind: 'jobs', format: 'xlsx', fields: ['title'] }));
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.fieldErrors?.format?.[0]).toBe('An Excel export holds up to 20,000 rows and this one has more. Narrow the search or filters, or download CSV, which has no limit.');
    const cookie = [...person.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const refused = await fetch(`${app.url}/api/tracker/export?kind=jobs&format=xlsx&fields=title`, { headers: { cookie } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-disposition')).toBeNull();
    expect(((await refused.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors.format?.[0]).toMatch(/^An Excel export holds up to 20,000 rows/);
    // Narrowed by the filters, the same export is a workbook.
    const narrowed = await person.client.tracker.transfer.exportFile.mutate({ kind: 'jobs', format: 'xlsx', fields: ['title', 'company'], filters: { search: 'needle' } });
    const [sheet] = await readXlsxFile(Buffer.from(narrowed.body, 'base64'));
    expect(sheet!.data).toEqual([['title', 'company'], ['Role 1', 'Needle Co']]);
  });

  it('stops building a workbook when its client leaves, and frees its turn (the build gauge in /metrics)', async () => {
    const person = await signedInPerson(app);
    // Every job column of 20,000 jobs: a build of a second or more, long enough to leave during it.
    await app.database.db.execute(
      sql`insert into jobs (user_id, title, company, description, location, tech_stack, tech_stack_keys, url, posted_at)
          select ${person.userId}, 'Role ' || g, 'Company ' || (g % 300), 'Build and run services, role ' || g, 'Berlin', array['Go','Rust'], array['go','rust'],
                 'https://jobs.example.com/' || g, date '2026-01-01' + (g % 300)
          from generate_series(1, ${excelExportMaxRows}) g`,
    );
    const running = async () => {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      return Number(/^tessera_tracker_excel_builds\{state="running"\} (\d+)$/m.exec(text)?.[1] ?? 'NaN');
    };
    const until = async (check: () => Promise<boolean> | boolean) => {
      for (let i = 0; i < 500 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await check()).toBe(true);
    };
    const stopped = () => app.logs.text.includes('the client left before its Excel workbook was built; the build was stopped');
    expect(await running()).toBe(0);

    const cookie = [...person.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const leaving = new AbortController();
    const request = fetch(`${app.url}/api/tracker/export?kind=jobs&format=xlsx`, { headers: { cookie }, signal: leaving.signal });
    request.catch(() => undefined);
    await until(async () => (await running()) === 1);
    expect(stopped()).toBe(false);
    leaving.abort();
    await expect(request).rejects.toThrow();
    await until(async () => stopped() && (await running()) === 0);
  });

  it('renders a PDF report with the funnel, the trend and the table', async () => {
    const { client } = await signedInPerson(app);
    const job = await client.tracker.jobs.create.mutate({ title: 'Writer', company: 'Pdf Co' });
    await client.tracker.applications.create.mutate({ jobId: job.id, status: 'applied' });
    const file = await client.tracker.transfer.exportFile.mutate({ kind: 'applications', format: 'pdf' });
    expect(file).toMatchObject({ contentType: 'application/pdf', encoding: 'base64' });
    const pdf = Buffer.from(file.body, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1500);
  });
});

describe('tracker.transfer backup and restore', () => {
  it('round-trips everything into a fresh account exactly', async () => {
    const source = (await signedInPerson(app)).client;
    await source.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: fixture('jobs-quoted.csv'), mode: 'allOrNothing' });
    await source.tracker.transfer.importCsv.mutate({ kind: 'applications', csv: fixture('applications.csv'), mode: 'skipBadRows' });
    await source.tracker.skills.set.mutate({ skills: [{ name: 'TypeScript', level: 'expert' }, { name: 'SQL', level: 'beginner' }] });
    const { items } = await source.tracker.applications.list.query({});
    await source.tracker.applications.update.mutate({
      id: items[0]!.id,
      changes: { status: 'offer', statusChangedAt: new Date('2021-01-01T00:00:00Z'), interviews: [{ at: new Date('2020-12-01T09:00:00Z'), kind: 'panel', feedback: 'Strong' }] },
    });
    const intern = (await source.tracker.jobs.list.query({ search: 'intern' })).items[0]!;
    await source.tracker.jobs.delete.mutate({ id: intern.id });

    const file = await source.tracker.transfer.backup.mutate();
    expect(file.manifest).toMatchObject({ format: 'tessera-tracker-backup', version: 1, counts: { jobs: 4, applications: 3, statusChanges: 4, skills: 2 } });
    const zip = unzipSync(Buffer.from(file.body, 'base64'));
    expect(Object.keys(zip).sort()).toEqual(['applications.csv', 'applications.json', 'jobs.csv', 'jobs.json', 'manifest.json', 'skills.json', 'status-history.json']);
    expect([...zip['jobs.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
    expect(strFromU8(zip['jobs.csv']!).split('\n')[0]).toMatch(/^id,title,company/);

    const target = (await signedInPerson(app)).client;
    const restored = await target.tracker.transfer.restore.mutate({ base64: file.body });
    expect(restored.restored).toEqual(file.manifest.counts);
    const again = await target.tracker.transfer.backup.mutate();
    expect(canonical(again.body)).toEqual(canonical(file.body));
    expect((await target.tracker.jobs.list.query({ deleted: true })).items.map((j) => j.title)).toEqual(['Intern']);

    // Replace is idempotent; merge finds everything already here and adds nothing.
    await target.tracker.transfer.restore.mutate({ base64: file.body, mode: 'replace' });
    expect(canonical((await target.tracker.transfer.backup.mutate()).body)).toEqual(canonical(file.body));
    await target.tracker.transfer.restore.mutate({ base64: file.body, mode: 'merge' });
    expect((await target.tracker.transfer.backup.mutate()).manifest.counts).toEqual({ jobs: 4, applications: 3, statusChanges: 4, skills: 2 });
  });

  /** A tracker like the round trip's: jobs with and without a URL, one in the bin, applications with history, skills. */
  async function trackerWithABin() {
    const person = await signedInPerson(app);
    const { client } = person;
    await client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: fixture('jobs-quoted.csv'), mode: 'allOrNothing' });
    await client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv: fixture('applications.csv'), mode: 'skipBadRows' });
    await client.tracker.skills.set.mutate({ skills: [{ name: 'TypeScript', level: 'expert' }] });
    const intern = (await client.tracker.jobs.list.query({ search: 'intern' })).items[0]!;
    await client.tracker.jobs.delete.mutate({ id: intern.id });
    return person;
  }
  const nothingRestored = { jobs: 0, applications: 0, statusChanges: 0, skills: 0 };

  it('adds nothing when an account restores its own backup in add mode, twice, and says what it left out', async () => {
    const { client } = await trackerWithABin();
    const file = await client.tracker.transfer.backup.mutate();
    expect(file.manifest.counts).toEqual({ jobs: 4, applications: 3, statusChanges: 3, skills: 1 });
    for (let round = 0; round < 2; round++) {
      const result = await client.tracker.transfer.restore.mutate({ base64: file.body, mode: 'merge' });
      // The binned Intern counts as here too: the backup holds the bin, and it is not put back as a second copy.
      expect(result).toMatchObject({ mode: 'merge', restored: nothingRestored, leftOut: { jobs: 4, applications: 3 } });
      expect(result.summary).toBe('Nothing to add: every job and application in this backup is already here.');
      const after = await client.tracker.transfer.backup.mutate();
      expect(after.manifest.counts).toEqual(file.manifest.counts);
      expect(canonical(after.body)).toEqual(canonical(file.body));
    }
    expect((await client.tracker.jobs.list.query({})).total).toBe(3);
    expect((await client.tracker.jobs.list.query({ deleted: true })).total).toBe(1);
  });

  it('adds everything to a fresh account, then nothing when the same backup is restored there again', async () => {
    const source = (await trackerWithABin()).client;
    const file = await source.tracker.transfer.backup.mutate();
    const target = (await signedInPerson(app)).client;
    const first = await target.tracker.transfer.restore.mutate({ base64: file.body, mode: 'merge' });
    expect(first).toMatchObject({ restored: file.manifest.counts, leftOut: { jobs: 0, applications: 0 } });
    expect(first.summary).toBe('Restored 4 jobs, 3 applications, 3 status changes and 1 skill.');
    // The copies have new ids: the second restore recognises them by URL, or by company + title + location.
    const again = await target.tracker.transfer.restore.mutate({ base64: file.body, mode: 'merge' });
    expect(again).toMatchObject({ restored: nothingRestored, leftOut: { jobs: 4, applications: 3 } });
    const after = await target.tracker.transfer.backup.mutate();
    expect(after.manifest.counts).toEqual(file.manifest.counts);
    expect(canonical(after.body)).toEqual(canonical(file.body));
  });

  it('adds only the new job of a backup, and links the application of a job tracked under another id (same posting) to that job', async () => {
    const source = (await signedInPerson(app)).client;
    const known = await source.tracker.jobs.create.mutate({ title: 'Backend Engineer', company: 'Umbrella', url: 'https://careers.example.com/jobs/42' });
    await source.tracker.applications.create.mutate({ jobId: known.id, status: 'applied', appliedAt: new Date('2024-05-01T09:00:00Z') });
    await source.tracker.applications.create.mutate({ jobId: known.id, status: 'applied', appliedAt: new Date('2024-06-03T09:00:00Z') });
    const fresh = await source.tracker.jobs.create.mutate({ title: 'Data Engineer', company: 'Stark', url: 'https://careers.example.com/jobs/43' });
    await source.tracker.applications.create.mutate({ jobId: fresh.id, status: 'applied', appliedAt: new Date('2024-05-02T09:00:00Z') });
    const file = await source.tracker.transfer.backup.mutate();

    const target = (await signedInPerson(app)).client;
    // The same posting behind another link (www., trailing slash, a tracking parameter), applied the same day as one of the backup's.
    const mine = await target.tracker.jobs.create.mutate({ title: 'Backend Engineer (Berlin)', company: 'Umbrella Corp', url: 'https://www.careers.example.com/jobs/42/?utm_source=newsletter' });
    await target.tracker.applications.create.mutate({ jobId: mine.id, status: 'interviewing', appliedAt: new Date('2024-05-01T17:30:00Z') });

    const result = await target.tracker.transfer.restore.mutate({ base64: file.body, mode: 'merge' });
    expect(result).toMatchObject({ restored: { jobs: 1, applications: 2, statusChanges: 2, skills: 0 }, leftOut: { jobs: 1, applications: 1 } });
    expect(result.summary).toBe('Restored 1 job, 2 applications, 2 status changes and 0 skills; 1 job and 1 application were already here and were left out.');
    const jobs = (await target.tracker.jobs.list.query({ sort: 'title', direction: 'asc' })).items;
    expect(jobs.map((job) => [job.title, job.company])).toEqual([
      ['Backend Engineer (Berlin)', 'Umbrella Corp'],
      ['Data Engineer', 'Stark'],
    ]);
    const onMine = (await target.tracker.applications.list.query({ jobId: mine.id, sort: 'appliedAt', direction: 'asc' })).items;
    expect(onMine.map((a) => [a.appliedAt?.toISOString(), a.status])).toEqual([
      ['2024-05-01T17:30:00.000Z', 'interviewing'],
      ['2024-06-03T09:00:00.000Z', 'applied'],
    ]);
    const onNew = (await target.tracker.applications.list.query({ jobId: jobs[1]!.id })).items;
    expect(onNew.map((a) => a.appliedAt?.toISOString())).toEqual(['2024-05-02T09:00:00.000Z']);
    expect((await target.tracker.applications.list.query({})).total).toBe(3);
  });

  it('schedules no interview reminder twice when add mode finds the application already here', async () => {
    const hour = 60 * 60 * 1000;
    const ahead = new Date(Date.now() + 3 * 24 * hour);
    const pending = async (userId: string) => {
      const result: unknown = await app.database.db.execute(
        sql`select singleton_key as key from pgboss.job
             where name = 'notifications.interview_reminder' and state::text in ('created', 'retry') and data->>'userId' = ${userId}
             order by singleton_key`,
      );
      return (result as { rows: { key: string }[] }).rows.map((row) => row.key);
    };
    const source = await signedInPerson(app);
    const job = await source.client.tracker.jobs.create.mutate({ title: 'Platform Lead', company: 'Globex', url: 'https://jobs.example.com/globex-lead' });
    const application = await source.client.tracker.applications.create.mutate({ jobId: job.id, status: 'interviewing', nextInterviewAt: ahead });
    const file = await source.client.tracker.transfer.backup.mutate();
    const scheduled = [`interview:${application.id}:day`, `interview:${application.id}:hour`];
    expect(await pending(source.userId)).toEqual(scheduled);

    // Its own backup: the application is here under its id, so no copy and no second pair of reminders.
    await source.client.tracker.transfer.restore.mutate({ base64: file.body, mode: 'merge' });
    expect(await pending(source.userId)).toEqual(scheduled);

    // Another account: the first restore schedules the copy's reminders, the second finds it by its job and day.
    const target = await signedInPerson(app);
    await target.client.tracker.transfer.restore.mutate({ base64: file.body, mode: 'merge' });
    const copy = (await target.client.tracker.applications.list.query({})).items[0]!.id;
    await target.client.tracker.transfer.restore.mutate({ base64: file.body, mode: 'merge' });
    expect((await target.client.tracker.applications.list.query({})).total).toBe(1);
    expect(await pending(target.userId)).toEqual([`interview:${copy}:day`, `interview:${copy}:hour`]);
  });

  it('schedules the interview reminders of restored applications whose interview is ahead, after the restore commits', async () => {
    const hour = 60 * 60 * 1000;
    const source = (await signedInPerson(app)).client;
    const ahead = new Date(Date.now() + 3 * 24 * hour);
    const job = await source.tracker.jobs.create.mutate({ title: 'Platform Lead', company: 'Globex' });
    await source.tracker.applications.create.mutate({ jobId: job.id, status: 'interviewing', nextInterviewAt: ahead });
    const past = await source.tracker.jobs.create.mutate({ title: 'Past Lead', company: 'Initech' });
    await source.tracker.applications.create.mutate({ jobId: past.id, status: 'interviewing', nextInterviewAt: new Date(Date.now() - hour) });
    const closed = await source.tracker.jobs.create.mutate({ title: 'Closed Lead', company: 'Hooli' });
    await source.tracker.applications.create.mutate({ jobId: closed.id, status: 'rejected', nextInterviewAt: ahead });
    const file = await source.tracker.transfer.backup.mutate();

    const target = await signedInPerson(app);
    /** The queue's pending reminder jobs of the target's applications, as the notifications tests read them. */
    const pending = async () => {
      const result: unknown = await app.database.db.execute(
        sql`select singleton_key as key, data->>'lead' as lead, data->>'interviewAt' as "interviewAt", start_after from pgboss.job
             where name = 'notifications.interview_reminder' and state::text in ('created', 'retry') and data->>'userId' = ${target.userId}
             order by start_after`,
      );
      return (result as { rows: { key: string; lead: string; interviewAt: string; start_after: string }[] }).rows;
    };
    const restoredLead = async () => (await target.client.tracker.applications.list.query({ search: 'Platform' })).items[0]!.id;

    await target.client.tracker.transfer.restore.mutate({ base64: file.body, mode: 'merge' });
    expect((await target.client.tracker.applications.list.query({})).total).toBe(3);
    const id = await restoredLead();
    const jobs = await pending();
    // Only the open application with its interview ahead: not the past one, not the rejected one.
    expect(jobs.map(({ key, lead, interviewAt }) => ({ key, lead, interviewAt }))).toEqual([
      { key: `interview:${id}:day`, lead: 'day', interviewAt: ahead.toISOString() },
      { key: `interview:${id}:hour`, lead: 'hour', interviewAt: ahead.toISOString() },
    ]);
    // 24 h and 1 h before the interview.
    expect(Math.abs(new Date(jobs[0]!.start_after).getTime() - (ahead.getTime() - 24 * hour))).toBeLessThan(5000);
    expect(Math.abs(new Date(jobs[1]!.start_after).getTime() - (ahead.getTime() - hour))).toBeLessThan(5000);

    // Replacing: the replaced application's reminders go, the new copy's are scheduled.
    await target.client.tracker.transfer.restore.mutate({ base64: file.body, mode: 'replace' });
    const replaced = await restoredLead();
    expect(replaced).not.toBe(id);
    expect((await pending()).map((job) => job.key)).toEqual([`interview:${replaced}:day`, `interview:${replaced}:hour`]);
  });

  it('refuses files that are not backups, writing nothing', async () => {
    const { client } = await signedInPerson(app);
    const notZip = await errorOf(client.tracker.transfer.restore.mutate({ base64: Buffer.from('hello').toString('base64') }));
    expect(notZip.data.fieldErrors?.base64).toBeDefined();
    const source = (await signedInPerson(app)).client;
    await source.tracker.jobs.create.mutate({ title: 'T', company: 'C' });
    const good = await source.tracker.transfer.backup.mutate();
    const files = unzipSync(Buffer.from(good.body, 'base64'));
    const { zipSync, strToU8 } = await import('fflate');
    const tampered = zipSync({ ...files, 'jobs.json': strToU8('[]') });
    const mismatch = await errorOf(client.tracker.transfer.restore.mutate({ base64: Buffer.from(tampered).toString('base64') }));
    expect(mismatch.data.fieldErrors?.base64?.[0]).toMatch(/manifest lists 1 jobs/);
    // An edited backup cannot plant a javascript: link on a job.
    const jobs = JSON.parse(strFromU8(files['jobs.json']!)) as Record<string, unknown>[];
    const planted = zipSync({ ...files, 'jobs.json': strToU8(JSON.stringify(jobs.map((j) => ({ ...j, url: 'javascript:alert(1)' })))) });
    const unsafe = await errorOf(client.tracker.transfer.restore.mutate({ base64: Buffer.from(planted).toString('base64') }));
    expect(unsafe.data.code).toBe('BAD_REQUEST');
    expect(unsafe.data.fieldErrors?.base64?.[0]).toMatch(/http\(s\) URL/);
    expect((await client.tracker.jobs.list.query({})).total).toBe(0);
  });
});

/** A backup's content with ids replaced by content-derived keys, so two accounts' copies compare equal. */
function canonical(base64: string) {
  const files = unzipSync(Buffer.from(base64, 'base64'));
  const read = <T>(name: string) => JSON.parse(strFromU8(files[name]!)) as T;
  type Row = Record<string, unknown> & { id: string };
  const jobs = read<Row[]>('jobs.json');
  const applications = read<(Row & { jobId: string })[]>('applications.json');
  const history = read<{ applicationId: string }[]>('status-history.json');
  const jobKey = new Map(jobs.map(({ id, ...rest }) => [id, JSON.stringify(rest)]));
  const appKey = new Map(applications.map(({ id, jobId, ...rest }) => [id, JSON.stringify({ ...rest, job: jobKey.get(jobId) })]));
  return {
    jobs: [...jobKey.values()].sort(),
    applications: [...appKey.values()].sort(),
    history: history.map(({ applicationId, ...rest }) => JSON.stringify({ ...rest, application: appKey.get(applicationId) })).sort(),
    skills: read<unknown[]>('skills.json').map((s) => JSON.stringify(s)).sort(),
  };
}
