import { describe, expect, it } from 'vitest';
import { duplicateReason, importCount, importedMessage, reportReadiness } from './csv-mapping';

describe('import wizard counts', () => {
  it('uses the singular for one and groups thousands', () => {
    expect(importCount(1, 'jobs')).toBe('1 job');
    expect(importCount(1, 'applications')).toBe('1 application');
    expect(importCount(4998, 'jobs')).toBe(`${(4998).toLocaleString()} jobs`);
  });

  it('says "1 row", and leaves out the skipped part when nothing was skipped', () => {
    expect(importedMessage({ created: 2, skipped: 1 }, 'jobs')).toBe('Imported 2 jobs; skipped 1 row with problems.');
    expect(importedMessage({ created: 1, skipped: 0 }, 'jobs')).toBe('Imported 1 job.');
    expect(importedMessage({ created: 3, skipped: 2, jobsCreated: 1 }, 'applications')).toBe(
      'Imported 3 applications (and created 1 job they refer to); skipped 2 rows with problems.',
    );
    expect(importedMessage({ created: 4, skipped: 0, duplicateRows: 2 }, 'jobs')).toBe('Imported 4 jobs; left out 2 already in your tracker.');
  });
});

describe('check report readiness sentence', () => {
  it('agrees with the count ("1 of 3 rows is ready") and names problems only when there are some', () => {
    expect(reportReadiness({ validRows: 1, totalRows: 3, invalidRows: 2 })).toBe('1 of 3 rows is ready to import; 2 have problems.');
    expect(reportReadiness({ validRows: 2, totalRows: 3, invalidRows: 1 })).toBe('2 of 3 rows are ready to import; 1 has problems.');
    expect(reportReadiness({ validRows: 1, totalRows: 1, invalidRows: 0 })).toBe('1 of 1 row is ready to import.');
    // The same file again: nothing new, said as such.
    expect(reportReadiness({ validRows: 0, totalRows: 8, invalidRows: 0, duplicateRows: 8 })).toBe('All 8 rows are already in your tracker.');
    expect(reportReadiness({ validRows: 0, totalRows: 1, invalidRows: 0, duplicateRows: 1 })).toBe('The row is already in your tracker.');
    expect(reportReadiness({ validRows: 2, totalRows: 8, invalidRows: 0, duplicateRows: 6 })).toBe('2 of 8 rows are ready to import.');
  });
});

describe('why a row is left out as a repeat', () => {
  it('names the earlier row of the file, or says the tracker already has it, and what matched', () => {
    expect(duplicateReason({ row: 7, matchedBy: 'url', sameAsRow: 2 }, 'jobs')).toBe('Repeats row 2 of this file (the same job URL).');
    expect(duplicateReason({ row: 3, matchedBy: 'name', sameAsRow: null }, 'jobs')).toBe('A job with the same company, title and location is already in your tracker.');
    expect(duplicateReason({ row: 1, matchedBy: 'appliedAt', sameAsRow: null }, 'applications')).toBe('An application with the same job and applied date is already in your tracker.');
  });
});
