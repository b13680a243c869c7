import { applicationImportFields, jobImportFields } from '@tessera/validation/tracker';
import { describe, expect, it } from 'vitest';
import { autoMapHeaders, chunkCsv, detectDelimiter, parseCsvRecords, previewCsv } from './csv-mapping';

describe('CSV preview', () => {
  it('detects the delimiter from the header line, outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('parses RFC 4180: BOM, quotes, doubled quotes, embedded newlines and delimiters, CRLF, blank lines', () => {
    const text = '\uFEFFtitle,notes\r\n"Dev, Senior","said ""hi""\nthen left"\r\n\r\nQA,\n';
    expect(parseCsvRecords(text, ',')).toEqual([
      ['title', 'notes'],
      ['Dev, Senior', 'said "hi"\nthen left'],
      ['QA', ''],
    ]);
    expect(previewCsv(text, 1)).toEqual({ delimiter: ',', headers: ['title', 'notes'], sample: [['Dev, Senior', 'said "hi"\nthen left']] });
  });

  it('splits into chunks that each carry the header and survive a round trip', () => {
    const text = 'title;company\n"a;1";x\nb;y\nc;z\n';
    const chunks = chunkCsv(text, ';', 2);
    expect(chunks.map((c) => [c.firstRow, c.rows])).toEqual([[0, 2], [2, 1]]);
    expect(parseCsvRecords(chunks[0]!.csv, ',')).toEqual([['title', 'company'], ['a;1', 'x'], ['b', 'y']]);
  });
});

describe('header auto-mapping', () => {
  it('maps common spellings, ignoring case and punctuation', () => {
    const mapping = autoMapHeaders(jobImportFields, ['Job Title', 'Employer', 'City', 'Work mode', 'Salary (min)', 'Max salary', 'Skills', 'Link', 'Date posted', 'Whatever']);
    expect(mapping).toMatchObject({
      title: 'Job Title',
      company: 'Employer',
      location: 'City',
      remote: 'Work mode',
      salaryMin: 'Salary (min)',
      salaryMax: 'Max salary',
      techStack: 'Skills',
      url: 'Link',
      postedAt: 'Date posted',
      description: '',
    });
  });

  it('uses each header once and lets exact matches win over partial ones', () => {
    const mapping = autoMapHeaders(applicationImportFields, ['URL', 'Company', 'Position', 'Stage', 'Applied', 'Interview date', 'Comments', 'Location', 'Salary range']);
    expect(mapping).toEqual({
      jobUrl: 'URL',
      company: 'Company',
      title: 'Position',
      status: 'Stage',
      appliedAt: 'Applied',
      notes: 'Comments',
      nextInterviewAt: 'Interview date',
      // The job's details of a one-sheet tracker.
      location: 'Location',
      salaryMin: 'Salary range',
      ...Object.fromEntries(['remote', 'jobType', 'salaryMax', 'salaryCurrency', 'techStack', 'description', 'source', 'postedAt'].map((f) => [f, ''])),
    });
    expect(autoMapHeaders(['title', 'company'], ['Job title (EN)', 'Company name'])).toEqual({ title: 'Job title (EN)', company: 'Company name' });
  });
});
