import { describe, expect, it } from 'vitest';
import { detectDateOrder, enumValue, mayHoldNumericDates, orderOf, readImportDate, readSalary } from '../src/modules/tracker/importValues';

describe('readImportDate', () => {
  it('reads the ways spreadsheets write a day, to an ISO day', () => {
    const read = (text: string) => readImportDate(text, null);
    expect(read('2026-03-04')).toEqual({ ok: true, value: '2026-03-04' });
    expect(read(' 2026/3/4 ')).toEqual({ ok: true, value: '2026-03-04' });
    expect(read('2026.03.04')).toEqual({ ok: true, value: '2026-03-04' });
    expect(read('25/03/2026')).toEqual({ ok: true, value: '2026-03-25' });
    expect(read('03/25/2026')).toEqual({ ok: true, value: '2026-03-25' });
    expect(read('25.03.26')).toEqual({ ok: true, value: '2026-03-25' });
    expect(read('04/04/2026')).toEqual({ ok: true, value: '2026-04-04' }); // the same either way
    expect(read('Mar 4, 2026')).toEqual({ ok: true, value: '2026-03-04' });
    expect(read('March 4th, 2026')).toEqual({ ok: true, value: '2026-03-04' });
    expect(read('4 March 2026')).toEqual({ ok: true, value: '2026-03-04' });
    expect(read('4-Mar-26')).toEqual({ ok: true, value: '2026-03-04' });
    expect(read('Wed, Mar 4, 2026')).toEqual({ ok: true, value: '2026-03-04' });
  });

  it('keeps a time of day, 12-hour clocks included, and passes ISO date-times through', () => {
    expect(readImportDate('25/11/2026 14:30', null)).toEqual({ ok: true, value: '2026-11-25T14:30:00' });
    expect(readImportDate('3/4/26 2:05 PM', 'monthFirst')).toEqual({ ok: true, value: '2026-03-04T14:05:00' });
    expect(readImportDate('Mar 4, 2026 12:00 am', null)).toEqual({ ok: true, value: '2026-03-04T00:00:00' });
    expect(readImportDate('2026-03-04T10:00:00Z', null)).toEqual({ ok: true, value: '2026-03-04T10:00:00Z' });
    expect(readImportDate('25/11/2026 25:00', null)).toMatchObject({ ok: false, problem: '"25/11/2026 25:00" has no such time of day' });
    expect(readImportDate('25/11/2026 13:00 pm', null)).toMatchObject({ ok: false });
  });

  it('places 03/04/2026 by the order given, and without one says why it cannot', () => {
    expect(readImportDate('03/04/2026', 'dayFirst')).toEqual({ ok: true, value: '2026-04-03' });
    expect(readImportDate('03/04/2026', 'monthFirst')).toEqual({ ok: true, value: '2026-03-04' });
    expect(readImportDate('03/04/2026', null)).toEqual({
      ok: false,
      problem: '"03/04/2026" could be 3 April or 4 March 2026: choose how the file writes dates (day or month first) and check again',
    });
    expect(readImportDate('12/31/2026', 'dayFirst')).toEqual({ ok: false, problem: '"12/31/2026" is not a date written day first (day/month/year)' });
    expect(readImportDate('31/12/2026', 'monthFirst')).toEqual({ ok: false, problem: '"31/12/2026" is not a date written month first (month/day/year)' });
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(readImportDate('2026-02-30', null)).toEqual({ ok: false, problem: '"2026-02-30" is not a real date' });
    expect(readImportDate('31/02/2026', null)).toEqual({ ok: false, problem: '"31/02/2026" is not a real date' });
    expect(readImportDate('Feb 30, 2026', null)).toMatchObject({ ok: false, problem: expect.stringContaining('is not a date') });
    expect(readImportDate('next week', null)).toEqual({ ok: false, problem: '"next week" is not a date: write it like 2026-03-31, 31/03/2026 or 31 Mar 2026' });
    expect(readImportDate('1/2/3/2026', null)).toMatchObject({ ok: false });
  });
});

describe('date order of a file', () => {
  it('is what its unambiguous dates say, with the first of them as the evidence', () => {
    expect(orderOf('25/03/2026')).toBe('dayFirst');
    expect(orderOf('03/25/2026')).toBe('monthFirst');
    expect(orderOf('03/04/2026')).toBeNull();
    expect(orderOf('2026-03-25')).toBeNull();
    expect(detectDateOrder(['03/04/2026', undefined, '', '2026-01-01', '13/04/2026 10:00', '14/04/2026'])).toEqual({ order: 'dayFirst', example: '13/04/2026', conflict: false });
    expect(detectDateOrder(['03/04/2026', '05/06/2026'])).toEqual({ order: null, example: null, conflict: false });
    expect(detectDateOrder(['13/01/2026', '01/13/2026'])).toEqual({ order: null, example: null, conflict: true });
    // A time after a comma, as LinkedIn's export writes it.
    expect(detectDateOrder(['11/3/25, 4:03 PM', '10/28/25, 9:15 AM'])).toEqual({ order: 'monthFirst', example: '10/28/25', conflict: false });
  });

  it('is looked for only in files that hold such dates', () => {
    expect(mayHoldNumericDates('title,posted\nA,2026-03-04\nB,https://x.example.com/12/05/2026x')).toBe(false);
    expect(mayHoldNumericDates('title,version\nA,1.2.3')).toBe(false);
    expect(mayHoldNumericDates('title,posted\nA,3/4/2026')).toBe(true);
    expect(mayHoldNumericDates('title,posted\nA,"12.10.26"')).toBe(true);
  });
});

describe('readSalary', () => {
  it('reads amounts with symbols, separators, k and periods', () => {
    expect(readSalary('85000')).toEqual({ min: 85_000 });
    expect(readSalary('60,000')).toEqual({ min: 60_000 });
    expect(readSalary('60.000')).toEqual({ min: 60_000 });
    expect(readSalary('60 000')).toEqual({ min: 60_000 });
    expect(readSalary('1.234.567')).toEqual({ min: 1_234_567 });
    expect(readSalary('60.5k')).toEqual({ min: 60_500 });
    expect(readSalary('12,5k')).toEqual({ min: 12_500 });
    expect(readSalary('€60k')).toEqual({ min: 60_000, currency: 'EUR' });
    expect(readSalary('£45,000 per year')).toEqual({ min: 45_000, currency: 'GBP' });
    expect(readSalary('60k/yr')).toEqual({ min: 60_000 });
    expect(readSalary('60k p.a.')).toEqual({ min: 60_000 });
    expect(readSalary('90000 EUR')).toEqual({ min: 90_000, currency: 'EUR' });
    expect(readSalary('CA$90k')).toEqual({ min: 90_000, currency: 'CAD' });
  });

  it('splits a range into minimum and maximum; a k written once counts for both ends', () => {
    expect(readSalary('$120,000 - $150,000')).toEqual({ min: 120_000, max: 150_000, currency: 'USD' });
    expect(readSalary('120-150k')).toEqual({ min: 120_000, max: 150_000 });
    expect(readSalary('60k to 80k')).toEqual({ min: 60_000, max: 80_000 });
    expect(readSalary('USD 100k–120k')).toEqual({ min: 100_000, max: 120_000, currency: 'USD' });
  });

  it('leaves what it cannot read as it was, for validation to report', () => {
    expect(readSalary('lots')).toEqual({ min: 'lots' });
    expect(readSalary('$50/hr')).toEqual({ min: '$50/hr', currency: 'USD' });
    expect(readSalary('competitive - great')).toEqual({ min: 'competitive - great' });
  });
});

describe('enumValue', () => {
  it('maps the words of other trackers and sheets to the tracker\'s values', () => {
    expect(['Wishlist', 'Bookmarked', 'Phone Screen', 'Final round', 'Offer received', 'Negotiating', 'Hired', 'Not Selected', 'I Withdrew', 'No Response'].map(enumValue)).toEqual([
      'saved',
      'saved',
      'screening',
      'interviewing',
      'offer',
      'offer',
      'accepted',
      'rejected',
      'withdrawn',
      'ghosted',
    ]);
    expect(['Full-time', 'Part time', 'In person', 'Fully remote', 'WFH'].map(enumValue)).toEqual(['full_time', 'part_time', 'onsite', 'remote', 'remote']);
    expect(enumValue('Someday maybe')).toBe('someday_maybe'); // the schema then names the allowed values
  });
});
