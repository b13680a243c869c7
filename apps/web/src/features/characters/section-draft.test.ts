import { describe, expect, it } from 'vitest';
import { draftOf, parseDraft, valueOfDraft } from './section-draft';

describe('section drafts', () => {
  it('round-trips every kind of section', () => {
    const stats = { strength: 12, dexterity: 15, constitution: 10, intelligence: 8, wisdom: 13, charisma: 17 };
    const cases = {
      name: 'Ysolde Marrow',
      age: 34,
      backstory: 'Born at sea.\n\nRaised by smugglers.',
      ideals: ['Freedom', 'Loyalty'],
      appearance: { description: 'Weathered.', distinguishingFeatures: ['Salt-white braid'] },
      abilities: [{ name: 'Tidecall', description: 'Calls the water.' }],
      stats,
    } as const;
    for (const [section, value] of Object.entries(cases)) {
      const result = parseDraft(section as keyof typeof cases, draftOf(section as keyof typeof cases, value));
      expect(result).toEqual({ ok: true, value });
    }
  });

  it('turns lines into list entries and drops blank lines', () => {
    expect(valueOfDraft({ kind: 'list', text: ' one \n\n two\n' })).toEqual(['one', 'two']);
  });

  it('reports the shared schema messages', () => {
    expect(parseDraft('name', { kind: 'text', text: '  ', multiline: false })).toEqual({ ok: false, errors: ['Name cannot be empty'] });
    expect(parseDraft('age', { kind: 'number', text: '-3' })).toEqual({ ok: false, errors: ['Age cannot be negative'] });
    expect(parseDraft('age', { kind: 'number', text: '' })).toEqual({ ok: false, errors: ['Age is a whole number'] });
    const stats = draftOf('stats', { strength: 12, dexterity: 15, constitution: 10, intelligence: 8, wisdom: 13, charisma: 17 });
    if (stats.kind !== 'stats') throw new Error('expected a stats draft');
    expect(parseDraft('stats', { ...stats, values: { ...stats.values, wisdom: '25' } })).toEqual({ ok: false, errors: ['Stats are between 1 and 20'] });
    expect(parseDraft('ideals', { kind: 'list', text: '' })).toEqual({ ok: false, errors: ['At least 1 ideals'] });
  });

  it('starts an empty abilities editor with one blank row', () => {
    expect(draftOf('abilities', null)).toEqual({ kind: 'abilities', rows: [{ name: '', description: '' }] });
  });
});
