import { describe, expect, it } from 'vitest';
import { asSentence, postingLink, restoreSummary } from './format';

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

describe('restoreSummary', () => {
  it('groups thousands, uses the singular for one and leaves out empty kinds', () => {
    expect(restoreSummary({ jobs: 5007, applications: 8, statusChanges: 1, skills: 0 })).toBe(
      `Restored ${(5007).toLocaleString()} jobs, 8 applications and 1 status change.`,
    );
    expect(restoreSummary({ jobs: 1, applications: 0, statusChanges: 0, skills: 0 })).toBe('Restored 1 job.');
    expect(restoreSummary({ jobs: 0, applications: 0, statusChanges: 0, skills: 0 })).toBe('The backup held no jobs, applications or skills.');
  });
});

describe('postingLink', () => {
  it('links http(s) postings only', () => {
    expect(postingLink('https://jobs.example.com/1')).toBe('https://jobs.example.com/1');
    expect(postingLink('HTTP://jobs.example.com/1')).toBe('HTTP://jobs.example.com/1');
    expect(postingLink('javascript:alert(1)')).toBeNull();
    expect(postingLink(' javascript:alert(1)')).toBeNull();
    expect(postingLink('jobs.example.com/1')).toBeNull();
    expect(postingLink(null)).toBeNull();
  });
});
