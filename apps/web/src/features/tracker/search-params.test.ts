import { describe, expect, it } from 'vitest';
import { applicationListInput, countFilters, jobListInput, parseApplicationSearch, parseJobSearch } from './search-params';

describe('tracker search params', () => {
  it('keeps valid filters in canonical order and drops the rest', () => {
    expect(
      parseApplicationSearch({
        q: '  rust  ',
        remote: ['remote', 'bogus', 'onsite', 'remote'],
        status: 'offer,applied,nope',
        salaryFrom: 90000,
        salaryTo: '50000',
        tech: ['React', 'react', ' Go '],
        techMode: 'all',
        from: '2026-02-30',
        to: '2026-01-31',
        sort: 'company',
        dir: 'sideways',
        app: 'not-a-uuid',
      }),
    ).toEqual({
      q: 'rust',
      remote: ['onsite', 'remote'],
      status: ['applied', 'offer'],
      // A reversed salary range is swapped, not dropped.
      salaryFrom: 50000,
      salaryTo: 90000,
      tech: ['React', 'Go'],
      techMode: 'all',
      to: '2026-01-31',
      sort: 'company',
    });
  });

  it('reads numbers the URL parser produced and booleans as text', () => {
    expect(parseJobSearch({ q: 2026, deleted: 'true', sort: 'salaryMax', dir: 'asc' })).toEqual({ q: '2026', deleted: true, sort: 'salaryMax', dir: 'asc' });
    expect(parseJobSearch({ deleted: false, techMode: 'all' })).toEqual({});
  });

  it('turns the URL into list input: any-of or all-of skills, whole local days', () => {
    const input = applicationListInput({ tech: ['Go'], from: '2026-01-01', to: '2026-01-31', status: ['offer'] });
    expect(input).toMatchObject({ techAny: ['Go'], status: ['offer'], sort: 'createdAt', direction: 'desc' });
    expect(input.from).toEqual(new Date('2026-01-01T00:00:00'));
    expect(input.to).toEqual(new Date('2026-01-31T23:59:59.999'));
    expect(jobListInput({ tech: ['Go', 'Rust'], techMode: 'all', deleted: true })).toMatchObject({ techAll: ['Go', 'Rust'], deleted: true });
    expect(jobListInput({ tech: ['Go'], techMode: 'all' })).not.toHaveProperty('techAny');
  });

  it('counts filters (a salary range counts once; search and sort do not count)', () => {
    expect(countFilters({ q: 'x', salaryFrom: 1, salaryTo: 2, remote: ['remote'] })).toBe(2);
  });
});
