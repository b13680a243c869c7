import { describe, expect, it } from 'vitest';
import { describeFilters, savedFiltersToSearch, searchFilters } from './saved-searches';
import { parseJobSearch } from './search-params';

describe('saved searches ↔ URL filters', () => {
  it('turns saved filters into the URL search that shows them, and back into the same filters', () => {
    const url = parseJobSearch({ q: 'engineer', location: 'Berlin', remote: 'remote,hybrid', salaryFrom: '80000', tech: 'Rust,Go', techMode: 'all', from: '2026-01-01', to: '2026-03-31' });
    const saved = { ...searchFilters(url), deleted: false };
    const back = savedFiltersToSearch(saved);
    expect(back).toEqual({ q: 'engineer', location: 'Berlin', remote: ['hybrid', 'remote'], salaryFrom: 80000, tech: ['Rust', 'Go'], techMode: 'all', from: '2026-01-01', to: '2026-03-31' });
    // Applying a saved search shows exactly what was saved.
    expect(searchFilters(back)).toEqual(searchFilters(url));
  });

  it('maps any-of skills and the bin, and drops nothing it understands', () => {
    expect(savedFiltersToSearch({ techAny: ['Rust'], deleted: true })).toEqual({ tech: ['Rust'], deleted: true });
    expect(savedFiltersToSearch({ deleted: false })).toEqual({});
  });

  it('describes filters in a line', () => {
    expect(describeFilters({ remote: ['remote'], techAny: ['Rust', 'Go'], salaryFrom: 80000, deleted: false })).toBe(`Remote · ${(80000).toLocaleString()}+ · Rust or Go`);
    expect(describeFilters({ deleted: false })).toBe('All jobs');
  });
});
