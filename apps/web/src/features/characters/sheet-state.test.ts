import { characterSections } from '@tessera/validation/characters';
import { describe, expect, it } from 'vitest';
import {
  canLock,
  canRegenerateAll,
  hasContent,
  humanize,
  lockSummary,
  progressOf,
  readAbilities,
  readAppearance,
  readList,
  readStats,
  sectionStatus,
  sectionStatuses,
  statModifier,
  toggleLock,
} from './sheet-state';

describe('section status while streaming and after saving', () => {
  it('streams: completed sections are ready, the one being written streams, the rest are pending', () => {
    const snapshot = {
      phase: 'streaming' as const,
      sheet: { name: 'Ysolde Marrow', pronouns: 'she/her', age: 3, appearance: { description: 'Tall and' } },
      completed: ['name', 'pronouns', 'age'] as const,
      missing: [],
    };
    expect(sectionStatus('name', { ...snapshot, completed: [...snapshot.completed] })).toBe('ready');
    const statuses = sectionStatuses({ ...snapshot, completed: [...snapshot.completed] });
    expect(statuses.appearance).toBe('streaming');
    expect(statuses.backstory).toBe('pending');
    expect(statuses.plotHooks).toBe('pending');
    expect(progressOf(statuses)).toEqual({ done: 3, total: characterSections.length });
  });

  it('treats a present but empty partial value as pending, not streaming', () => {
    const snapshot = { phase: 'streaming' as const, sheet: { name: '', abilities: [{}] }, completed: [], missing: [] };
    expect(sectionStatus('name', snapshot)).toBe('pending');
    expect(sectionStatus('abilities', snapshot)).toBe('pending');
  });

  it('after saving, a null or listed-missing section is missing, never pending', () => {
    const snapshot = {
      phase: 'saved' as const,
      sheet: { name: 'Ysolde', stats: null, quotes: ['Hold.'] },
      completed: [],
      missing: ['stats' as const, 'quotes' as const],
    };
    const statuses = sectionStatuses(snapshot);
    expect(statuses.name).toBe('ready');
    expect(statuses.stats).toBe('missing');
    expect(statuses.quotes).toBe('missing');
    // Absent from the sheet altogether (an older row): missing too.
    expect(statuses.backstory).toBe('missing');
    expect(progressOf(statuses).done).toBe(characterSections.length);
  });

  it('after a failed stream, only finished sections count; the rest stay pending', () => {
    const snapshot = { phase: 'failed' as const, sheet: { name: 'Y', pronouns: 'sh' }, completed: ['name' as const], missing: [] };
    expect(sectionStatus('name', snapshot)).toBe('ready');
    expect(sectionStatus('pronouns', snapshot)).toBe('pending');
  });
});

describe('reading partial values', () => {
  it('never throws on odd shapes and keeps only what is displayable', () => {
    expect(hasContent(undefined)).toBe(false);
    expect(hasContent({ a: ['', null] })).toBe(false);
    expect(hasContent({ a: [' x'] })).toBe(true);
    expect(hasContent(0)).toBe(true);
    expect(readList(['a', 3, null, '', 'b'])).toEqual(['a', 'b']);
    expect(readList('not a list')).toEqual([]);
    expect(readAppearance(null)).toEqual({ description: '', distinguishingFeatures: [] });
    expect(readAppearance({ description: 'Scarred', distinguishingFeatures: ['ink', 5] })).toEqual({
      description: 'Scarred',
      distinguishingFeatures: ['ink'],
    });
    // An ability whose description has not arrived yet still shows its name.
    expect(readAbilities([{ name: 'Tidecall' }, {}, 'x'])).toEqual([{ name: 'Tidecall', description: '' }]);
    expect(readStats({ strength: 14, dexterity: '9' })).toMatchObject({ strength: 14, dexterity: null, charisma: null });
  });

  it('computes d20 modifiers', () => {
    expect(statModifier(10)).toBe('+0');
    expect(statModifier(11)).toBe('+0');
    expect(statModifier(14)).toBe('+2');
    expect(statModifier(7)).toBe('−2');
    expect(statModifier(1)).toBe('−5');
    expect(statModifier(20)).toBe('+5');
  });

  it('humanizes enum values', () => {
    expect(humanize('lawful-good')).toBe('Lawful good');
    expect(humanize('science-fiction')).toBe('Science fiction');
    expect(humanize(undefined)).toBe('');
  });
});

describe('lock state', () => {
  it('toggles a section and keeps the sheet reading order', () => {
    expect(toggleLock([], 'backstory')).toEqual(['backstory']);
    expect(toggleLock(['backstory'], 'name')).toEqual(['name', 'backstory']);
    expect(toggleLock(['name', 'backstory'], 'name')).toEqual(['backstory']);
    // Never duplicates, whatever the input.
    expect(toggleLock(['stats', 'stats', 'age'] as never, 'name')).toEqual(['name', 'age', 'stats']);
  });

  it('refuses to lock missing sections and knows when nothing is left to regenerate', () => {
    expect(canLock('stats', ['stats'])).toBe(false);
    expect(canLock('name', ['stats'])).toBe(true);
    expect(canRegenerateAll(['name'])).toBe(true);
    expect(canRegenerateAll([...characterSections])).toBe(false);
  });

  it('summarises the locks in words', () => {
    expect(lockSummary([])).toMatch(/No sections locked/);
    expect(lockSummary(['name'])).toBe('Locked: name. Regenerating keeps it as it is.');
    expect(lockSummary(['name', 'plotHooks'])).toBe('Locked: name, plot hooks. Regenerating keeps them as they are.');
    expect(lockSummary([...characterSections])).toMatch(/Every section is locked/);
  });
});
