import { applicationImportFields, jobImportFields } from '@tessera/validation/tracker';
import { describe, expect, it } from 'vitest';
import { autoMapHeaders, chunkCsv, decodeCsvBytes, detectDelimiter, parseCsvRecords, previewCsv } from './csv-mapping';

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
    // The most specific name wins a partial match: the minimum's generic "salary" does not take "Max Salary (USD)".
    expect(autoMapHeaders(['title', 'salaryMin', 'salaryMax'], ['Title', 'Max Salary (USD)', 'Min Salary (USD)'])).toEqual({ title: 'Title', salaryMin: 'Min Salary (USD)', salaryMax: 'Max Salary (USD)' });
    expect(autoMapHeaders(['title', 'salaryMin', 'salaryMax'], ['Title', 'Expected salary'])).toEqual({ title: 'Title', salaryMin: 'Expected salary', salaryMax: '' });
  });
});

describe('decodeCsvBytes', () => {
  const text = 'title,location,salary\nIngénieur,Zürich,€90k\n';
  it('reads UTF-8, with or without a BOM', () => {
    expect(decodeCsvBytes(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: 'utf-8' });
  });
  it('reads Excel\'s Windows-1252 "CSV (Comma delimited)" instead of replacing its accents', () => {
    // é = E9, ü = FC, £ = A3 in Windows-1252: not valid UTF-8. (€ = 80 is checked in Chromium by
    // tracker.e2e.ts: Node's TextDecoder reads 80–9F as Latin-1 control characters, browsers do not.)
    const latin = 'title,location,salary\nIngénieur,Zürich,£90k\n';
    const bytes = new Uint8Array([...latin].map((c) => c.charCodeAt(0)));
    expect(decodeCsvBytes(bytes)).toEqual({ text: latin, encoding: 'windows-1252' });
  });
  it('reads UTF-16 with its BOM (Excel\'s "Unicode Text")', () => {
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    [...text].forEach((c, i) => new DataView(le.buffer).setUint16(2 + i * 2, c.charCodeAt(0), true));
    expect(decodeCsvBytes(le)).toEqual({ text, encoding: 'utf-16le' });
  });
});
