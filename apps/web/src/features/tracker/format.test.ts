import { describe, expect, it } from 'vitest';
import { asSentence } from './format';

describe('asSentence', () => {
  it('adds the full stop a server message lacks, so the next sentence does not run on', () => {
    expect(`${asSentence('Application not found')} It is back in Saved.`).toBe('Application not found. It is back in Saved.');
    expect(asSentence('Failed to fetch ')).toBe('Failed to fetch.');
  });

  it('leaves messages that already end a sentence alone', () => {
    expect(asSentence('Too many requests.')).toBe('Too many requests.');
    expect(asSentence('Really?')).toBe('Really?');
    expect(asSentence('He said “stop.”')).toBe('He said “stop.”');
    expect(asSentence('')).toBe('');
  });
});
