import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicationImportFields, jobImportFields } from '@tessera/validation/tracker';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { autoMapHeaders, parseCsvRecords, previewCsv, toCsv } from './csv-mapping';
import { isLegacyExcelBytes, isZipBytes, likeliestSheet, readWorkbook, sheetCellText, sheetRecords, WorkbookError } from './spreadsheet';

/** Made by LibreOffice from tracker-workbook.fods beside it (`soffice --headless --convert-to xlsx`). */
const workbook = new Uint8Array(readFileSync(join(__dirname, '../../../test/fixtures/tracker-workbook.xlsx')));

describe('Excel workbooks for the import', () => {
  it('turns every sheet with rows into CSV text, from its header row on', async () => {
    const sheets = await readWorkbook(workbook);
    // The empty third sheet is left out; the first sheet's title row and blank line are skipped.
    expect(sheets.map((s) => [s.name, s.rows, s.sheetRows])).toEqual([
      // Title on row 1, blank row 2, header on row 3: the data rows are the sheet's rows 4–6.
      ['My job hunt', 3, [4, 5, 6]],
      // A blank row under the second sheet's header: its rows are 3 and 4.
      ['Saved jobs', 2, [3, 4]],
    ]);
    const [applications, jobs] = sheets.map((s) => parseCsvRecords(s.csv, ','));
    expect(applications).toEqual([
      ['Company', 'Position', 'Location', 'Salary', 'Status', 'Date Applied', 'Interview', 'Link', 'Notes'],
      // A date cell is the day it shows, whatever its display format (04.03.2026 and 02/27/2026 here);
      // a date-time keeps its minutes; a currency cell is its number; a cell's two paragraphs are two lines.
      ['Acme GmbH', 'Backend Engineer', 'Zürich', '95000', 'Interviewing', '2026-03-04', '2026-12-15 14:30', 'https://jobs.acme.example/123', 'Met Jürgen, "great" team\nTwo rounds left'],
      ['Globex', 'Data Scientist', 'Remote', '120000', 'Applied', '2026-02-27', '', 'https://globex.example/jobs/9'],
      ['Initech', 'Frontend Developer', 'Austin, TX', '', 'Not selected', '2026-01-15', '', '', 'Referral from Sam'],
    ]);
    expect(jobs).toEqual([
      ['Title', 'Company', 'Tech stack', 'Min salary', 'Posted'],
      ['Platform Engineer', 'Umbrella', 'Go, Kubernetes', '85000.5', '2026-11-02'],
      ['SRE', 'Hooli', 'Rust|Linux', '100000', 'last week'],
    ]);
    // The sheet's headers map like a CSV file's.
    const mapping = autoMapHeaders(applicationImportFields, applications![0]!);
    expect(mapping).toMatchObject({ company: 'Company', title: 'Position', location: 'Location', appliedAt: 'Date Applied', jobUrl: 'Link', status: 'Status', notes: 'Notes' });
  });

  it('writes cells as a CSV export of the sheet would', () => {
    expect(sheetCellText(new Date(Date.UTC(2026, 2, 4)))).toBe('2026-03-04');
    // Excel keeps times as fractions of a day: 14:30 can arrive a fraction of a millisecond early.
    expect(sheetCellText(new Date(Date.UTC(2026, 11, 15, 14, 29, 59, 999.6)))).toBe('2026-12-15 14:30');
    expect(sheetCellText(new Date(Date.UTC(2026, 11, 15, 9, 5, 7)))).toBe('2026-12-15 09:05:07');
    expect(sheetCellText(new Date(Number.NaN))).toBe('');
    expect(sheetCellText(85000.5)).toBe('85000.5');
    expect(sheetCellText(Number.NaN)).toBe('');
    expect(sheetCellText(true)).toBe('TRUE');
    expect(sheetCellText(null)).toBe('');
    expect(sheetCellText('  kept as is ')).toBe('  kept as is ');
  });

  it('finds the header under a title and drops empty rows and trailing empty cells', () => {
    expect(sheetRecords([['Applications', null, null], [null, null, null], ['Company', 'Title', 'Status'], ['Acme', 'Dev', null], [null, null, null], ['Globex', '', 'Applied']])).toEqual({
      records: [
        ['Company', 'Title', 'Status'],
        ['Acme', 'Dev'],
        ['Globex', '', 'Applied'],
      ],
      sheetRows: [3, 4, 6],
    });
    // A one-column sheet's first row is its header.
    expect(sheetRecords([['Title'], ['Dev']])).toEqual({ records: [['Title'], ['Dev']], sheetRows: [1, 2] });
    // A data row with few cells filled is not mistaken for a title once the header is found.
    expect(sheetRecords([['Company', 'Title', 'Status', 'Notes'], ['Acme', null, null, null]]).records).toEqual([['Company', 'Title', 'Status', 'Notes'], ['Acme']]);
    expect(sheetRecords([])).toEqual({ records: [], sheetRows: [] });
  });

  it('offers first the sheet whose headers name the most fields of the import', async () => {
    const sheets = await readWorkbook(workbook);
    expect(likeliestSheet(sheets, applicationImportFields)?.name).toBe('My job hunt');
    // As jobs, both name five fields (company, title, location, salary, link / title, company, tech stack, salary, posted): the first.
    expect(likeliestSheet(sheets, jobImportFields)?.name).toBe('My job hunt');
    expect(likeliestSheet([...sheets].reverse(), jobImportFields)?.name).toBe('Saved jobs');
    const summary = { name: 'Summary', csv: 'Total,Week\n12,48', rows: 1, sheetRows: [2] };
    expect(likeliestSheet([summary, ...sheets], applicationImportFields)?.name).toBe('My job hunt');
    // Nothing maps anywhere: the first sheet.
    expect(likeliestSheet([summary, { ...summary, name: 'Other' }], applicationImportFields)?.name).toBe('Summary');
    expect(likeliestSheet([], applicationImportFields)).toBeUndefined();
  });

  it('keeps commas as the delimiter of a sheet whose header holds semicolons', () => {
    const { records } = sheetRecords([['Role; level', 'Pay; EUR'], ['Dev; senior', 90000]]);
    const csv = toCsv(records);
    // Detecting would pick ";" here (two against one comma), which is why the page tells it the delimiter.
    expect(previewCsv(csv).delimiter).toBe(';');
    expect(previewCsv(csv, 3, ',')).toEqual({ delimiter: ',', headers: ['Role; level', 'Pay; EUR'], sample: [['Dev; senior', '90000']] });
  });

  it('says what to do with files it cannot read', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(isLegacyExcelBytes(xls)).toBe(true);
    await expect(readWorkbook(xls)).rejects.toThrow(/Excel 97–2003 workbook \(\.xls\).*save it as \.xlsx or CSV/);
    // A zip archive that is not a workbook (a backup, say).
    const zip = zipSync({ 'manifest.json': strToU8('{}') });
    expect(isZipBytes(zip)).toBe(true);
    expect(isZipBytes(workbook)).toBe(true);
    await expect(readWorkbook(zip)).rejects.toBeInstanceOf(WorkbookError);
    await expect(readWorkbook(strToU8('title,company\n'))).rejects.toThrow(/could not be read as an Excel workbook/);
  });
});
