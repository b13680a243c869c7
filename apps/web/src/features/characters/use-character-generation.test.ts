import { characterFormSchema } from '@tessera/validation/characters';
import { describe, expect, it } from 'vitest';
import { type Character, type GenerationEvent, generationReducer, initialGeneration } from './use-character-generation';

const form = characterFormSchema.parse({ genre: 'fantasy' });
const partial = (sheet: Record<string, unknown>, completed: string[]): GenerationEvent =>
  ({ type: 'partial', sheet, completed }) as GenerationEvent;

describe('generation state', () => {
  it('fills in from partial events, then holds the saved character', () => {
    let state = generationReducer(initialGeneration, { type: 'start', run: 1, form });
    expect(state.phase).toBe('streaming');
    state = generationReducer(state, { type: 'event', run: 1, event: partial({ name: 'Ys' }, []) });
    state = generationReducer(state, { type: 'event', run: 1, event: partial({ name: 'Ysolde', pronouns: 'she' }, ['name']) });
    expect(state.sheet).toEqual({ name: 'Ysolde', pronouns: 'she' });
    expect(state.completed).toEqual(['name']);

    const character = { id: 'c1', sheet: { name: 'Ysolde' }, missing: ['stats'] } as unknown as Character;
    state = generationReducer(state, { type: 'event', run: 1, event: { type: 'saved', character } as GenerationEvent });
    expect(state.phase).toBe('saved');
    expect(state.character).toBe(character);
    expect(state.sheet).toEqual({ name: 'Ysolde' });
  });

  it('ignores late events from an earlier run and anything after it ended', () => {
    let state = generationReducer(initialGeneration, { type: 'start', run: 1, form });
    state = generationReducer(state, { type: 'start', run: 2, form });
    const stale = generationReducer(state, { type: 'event', run: 1, event: partial({ name: 'Old' }, []) });
    expect(stale).toBe(state);

    const failed = generationReducer(state, { type: 'failed', run: 2, error: new Error('down') });
    expect(failed.phase).toBe('failed');
    expect(failed.form).toEqual(form);
    expect(generationReducer(failed, { type: 'event', run: 2, event: partial({ name: 'Late' }, []) })).toBe(failed);
  });

  it('reset clears the card', () => {
    const started = generationReducer(initialGeneration, { type: 'start', run: 1, form });
    expect(generationReducer(started, { type: 'reset', run: 2 })).toEqual({ ...initialGeneration, run: 2 });
  });
});
