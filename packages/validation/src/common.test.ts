import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { paginationInput, requiredText } from './common';

describe('common schemas', () => {
  it('defaults the page size and caps it', () => {
    expect(paginationInput.parse({})).toEqual({ limit: 25 });
    expect(paginationInput.safeParse({ limit: 101 }).success).toBe(false);
  });

  it('trims required text and names the field in its message', () => {
    const schema = requiredText('Title', 5);
    expect(schema.parse('  hi  ')).toBe('hi');
    const result = schema.safeParse('   ');
    expect(result.success).toBe(false);
    if (!result.success) expect(z.flattenError(result.error).formErrors).toEqual(['Title is required']);
  });
});
