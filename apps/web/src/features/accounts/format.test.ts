import { describe, expect, it } from 'vitest';
import { initialsOf } from './format';

describe('initialsOf', () => {
  it('takes whole characters of the first and last words that have letters', () => {
    expect(initialsOf('Ada Lovelace', 'ada@example.com')).toBe('AL');
    expect(initialsOf('Zoë Ångström 🚀', 'z@example.com')).toBe('ZÅ');
    expect(initialsOf('Zoë Ångström 山田 🚀', 'z@example.com')).toBe('Z山');
    expect(initialsOf('😀 ömer', 'o@example.com')).toBe('ÖM');
    expect(initialsOf('  ', 'émile@example.com')).toBe('É');
    expect(initialsOf('🚀', 'x@example.com')).toBe('X');
  });
});
