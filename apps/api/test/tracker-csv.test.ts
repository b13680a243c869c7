import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { jobInput } from '@tessera/validation/tracker';
import { orderedIds } from '../src/modules/tracker/bulkJobs';
import { CsvSyntaxError, csvRecords, type Delimiter, detectDelimiter } from '../src/modules/tracker/csv';
import { jobIdentity, jobRecordValidator } from '../src/modules/tracker/import.service';
import { urlKey, urlSpellings } from '../src/modules/tracker/jobUrls';

/** csv-parse with the options the import used before it had its own parser: the reference. */
function reference(text: string, delimiter: Delimiter): string[][] {
  return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true });
}
const ours = (text: string, delimiter: Delimiter) => [...csvRecords(text, delimiter)];
const cells = (text: string, delimiter: Delimiter = ',') => ours(text, delimiter).map((r) => r.cells);

describe('csvRecords (the import parser)', () => {
  it('reads every fixture exactly as csv-parse does', () => {
    const folder = new URL('./fixtures/tracker/', import.meta.url);
    const files = readdirSync(folder).filter((f) => f.endsWith('.csv') && !f.includes('unclosed'));
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      const text = readFileSync(new URL(file, folder), 'utf8');
      const delimiter = detectDelimiter(text);
      expect(cells(text, delimiter), file).toEqual(reference(text, delimiter));
    }
  });

  it('agrees with csv-parse on thousands of random awkward inputs (quotes, delimiters, line ends), failures included', () => {
    // A seeded generator: the same inputs on every run.
    let state = 20261129;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    const outcomes = { parsed: 0, failed: 0 };
    const pieces = ['a', 'bc', ' ', '"', '""', ',', ';', '\t', 'é', '€'];
    for (let run = 0; run < 3000; run++) {
      const newline = ['\n', '\r\n', '\r'][run % 3]!;
      const delimiter = ([',', ';', '\t'] as const)[random(3)]!;
      let text = run % 7 === 0 ? '\uFEFF' : '';
      const lines = 1 + random(5);
      for (let l = 0; l < lines; l++) {
        const fields = random(4);
        const row: string[] = [];
        for (let f = 0; f <= fields; f++) {
          // Mostly well-formed quoted fields (with delimiters and line breaks inside), sometimes raw noise.
          if (random(3) === 0) row.push(`"${Array.from({ length: random(4) }, () => [...pieces, newline][random(pieces.length + 1)]).join('').replace(/"/g, '""')}"`);
          else row.push(Array.from({ length: random(3) }, () => pieces[random(pieces.length)]).join(''));
        }
        text += row.join(delimiter) + (l < lines - 1 || random(2) ? newline : '');
      }
      let expected: string[][] | 'error';
      try {
        expected = reference(text, delimiter);
      } catch {
        expected = 'error';
      }
      let actual: string[][] | 'error';
      try {
        actual = cells(text, delimiter);
      } catch (error) {
        expect(error).toBeInstanceOf(CsvSyntaxError);
        actual = 'error';
      }
      expect(actual, JSON.stringify(text)).toEqual(expected);
      outcomes[expected === 'error' ? 'failed' : 'parsed']++;
    }
    // Both kinds of input were tried.
    expect(outcomes.failed).toBeGreaterThan(300);
    expect(outcomes.parsed).toBeGreaterThan(300);
  });

  it('reports the line each record starts on, across quoted line breaks, CRLF and skipped empty lines', () => {
    const text = 'h1,h2\r\n"a\r\nb",c\r\n\r\nd,"e\nf\ng"\nlast,row';
    expect(ours(text, ',')).toEqual([
      { cells: ['h1', 'h2'], line: 1 },
      { cells: ['a\r\nb', 'c'], line: 2 },
      { cells: ['d', 'e\nf\ng'], line: 5 },
      { cells: ['last', 'row'], line: 8 },
    ]);
  });

  it('throws a syntax error for an unclosed quote, text after a closing quote and a quote inside a field', () => {
    expect(() => cells('a,b\n"open,1\n2,3\n')).toThrow(/Quote Not Closed.*line 2/);
    expect(() => cells('a,b\n"closed"x,1\n')).toThrow(/Invalid Closing Quote/);
    expect(() => cells('a,b\nab"c,1\n')).toThrow(/Invalid Opening Quote/);
  });

  it('is incremental: records before a syntax error come out before it is thrown', () => {
    const records = csvRecords('a\n1\n2\n"broken\n', ',');
    expect(records.next().value).toEqual({ cells: ['a'], line: 1 });
    expect(records.next().value).toEqual({ cells: ['1'], line: 2 });
    expect(records.next().value).toEqual({ cells: ['2'], line: 3 });
    expect(() => records.next()).toThrow(CsvSyntaxError);
  });
});

describe('orderedIds', () => {
  it('makes valid, unique UUIDv7 ids that sort in the order they were made', () => {
    const next = orderedIds(new Date('2026-01-02T03:04:05.678Z'));
    // Past 2^20 ids the counter carries from the variant group into the version group.
    const ids = Array.from({ length: 2 ** 20 + 5 }, (_, i) => (i % 4096 === 0 || i > 2 ** 20 - 5 ? next() : (next(), ''))).filter(Boolean);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe(new Date('2026-01-02T03:04:05.678Z').getTime().toString(16).padStart(12, '0'));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('jobRecordValidator (column-wise memoized jobInput)', () => {
  it('answers exactly what jobInput.safeParse answers, values and problems, on first sight and from memory', () => {
    const choices: Record<string, unknown[]> = {
      title: ['Engineer', '  Padded  ', '', undefined, 'x'.repeat(301), 'Engineer'],
      company: ['Acme', undefined, ' ', 'Globex'],
      description: [undefined, 'Long text', '', '  '],
      location: [undefined, 'Berlin', ' Paris ', 'x'.repeat(201)],
      remote: [undefined, 'remote', 'hybrid', 'sometimes'],
      jobType: [undefined, 'full_time', 'contract', 'full-time'],
      salaryMin: [undefined, 0, 50_000, 90_000, -1, 1.5, 'lots'],
      salaryMax: [undefined, 60_000, 80_000, 200_000_000],
      salaryCurrency: [undefined, 'eur', 'USD', 'euro'],
      techStack: [undefined, 'Go|Rust', 'go, GO, Rust', 'a;b', '', Array.from({ length: 51 }, (_, i) => `s${i}`).join('|')],
      url: [undefined, 'https://x.example.com/1', 'ftp://nope', ''],
      source: [undefined, 'LinkedIn', ''],
      postedAt: [undefined, '2025-01-31', '2025-02-30', '31/12/2024'],
    };
    let state = 7;
    const pick = <T>(list: T[]) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return list[state % list.length]!;
    };
    const validate = jobRecordValidator();
    const outcomes = { valid: 0, invalid: 0 };
    for (let i = 0; i < 4000; i++) {
      const record = Object.fromEntries(Object.entries(choices).map(([field, values]) => [field, pick(values)]));
      const expected = jobInput.safeParse(record);
      for (const actual of [validate(record), validate(record)]) {
        expect(actual.success, JSON.stringify(record)).toBe(expected.success);
        if (expected.success) expect(actual.data).toStrictEqual(expected.data);
        else expect(actual.error?.issues).toEqual(expected.error.issues);
      }
      outcomes[expected.success ? 'valid' : 'invalid']++;
    }
    expect(outcomes.valid).toBeGreaterThan(100);
    expect(outcomes.invalid).toBeGreaterThan(100);
  });
});

describe('urlKey (how an import recognises the same posting behind another link)', () => {
  it('ignores scheme, www., a trailing slash, the fragment, tracking parameters and parameter order', () => {
    const same = [
      'https://acme.example/jobs/42',
      'http://www.acme.example/jobs/42/',
      ' https://ACME.example/jobs/42#apply ',
      'https://acme.example/jobs/42?utm_source=newsletter&utm_campaign=x&gclid=abc',
      'https://acme.example/jobs/42?',
    ];
    expect(new Set(same.map(urlKey))).toEqual(new Set(['acme.example/jobs/42']));
    expect(urlKey('https://jobs.example/view?jk=7&trk=feed&b=2')).toBe(urlKey('https://jobs.example/view?b=2&jk=7'));
  });

  it('keeps what names the job: other parameters, the path and its case, the port, non-http text', () => {
    expect(urlKey('https://jobs.example/view?jk=7')).not.toBe(urlKey('https://jobs.example/view?jk=8'));
    expect(urlKey('https://boards.example/acme/jobs/Ab12')).not.toBe(urlKey('https://boards.example/acme/jobs/ab12'));
    expect(urlKey('https://acme.example:8443/jobs/1')).not.toBe(urlKey('https://acme.example/jobs/1'));
    expect(urlKey(' not a url ')).toBe('not a url');
    expect(urlKey('mailto:jobs@acme.example')).toBe('mailto:jobs@acme.example');
  });

  it('urlSpellings lists the stored forms an exact lookup needs, each with the same key', () => {
    const spellings = urlSpellings(' http://www.acme.example/jobs/42/?utm_source=x&jk=7#apply ');
    expect(spellings).toEqual(
      expect.arrayContaining(['https://acme.example/jobs/42?jk=7', 'http://www.acme.example/jobs/42/?jk=7', 'https://www.acme.example/jobs/42/?jk=7']),
    );
    expect(spellings[0]).toBe('http://www.acme.example/jobs/42/?utm_source=x&jk=7#apply');
    expect(new Set(spellings.map(urlKey))).toEqual(new Set(['acme.example/jobs/42?jk=7']));
    expect(urlSpellings('not a url')).toEqual(['not a url']);
  });

  it('is what jobIdentity compares for rows with a URL', () => {
    const a = jobIdentity({ url: 'https://acme.example/jobs/42?utm_source=x', company: 'Acme', title: 'Engineer' });
    const b = jobIdentity({ url: 'http://www.acme.example/jobs/42/', company: 'ACME Inc', title: 'Senior Engineer' });
    expect(a).toEqual(b);
    expect(a.matchedBy).toBe('url');
  });
});
