import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRelative } from './format';

describe('date formatting', () => {
  const now = new Date('2025-03-10T12:00:00Z');

  it('says how long ago', () => {
    expect(formatRelative(new Date('2025-03-10T11:59:30Z'), now, 'en')).toBe('just now');
    expect(formatRelative(new Date('2025-03-10T11:55:00Z'), now, 'en')).toBe('5 minutes ago');
    expect(formatRelative(new Date('2025-03-10T09:00:00Z'), now, 'en')).toBe('3 hours ago');
    expect(formatRelative(new Date('2025-03-09T12:00:00Z'), now, 'en')).toBe('yesterday');
    expect(formatRelative(new Date('2025-02-17T12:00:00Z'), now, 'en')).toBe('3 weeks ago');
    expect(formatRelative('2025-03-13T12:00:00Z', now, 'en')).toBe('in 3 days');
    expect(formatRelative('2024-12-10T12:00:00Z', now, 'en')).toBe('3 months ago');
  });

  it('shows a dash for what is absent or not a date', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDateTime('2025-03-10T12:00:00Z', 'en')).toMatch(/Mar 10, 2025/);
  });
});
