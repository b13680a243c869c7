import { characterFormSchema, characterGenres, characterSheetSchema, characterAlignments, characterTones, characterAgeRanges, speciesSuggestions, roleSuggestions, type CharacterForm } from '@tessera/validation/characters';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cosineSimilarity, createAi } from './index';
import { createRng, embedText, offlineEmbeddingDimensions } from './offline';

const ai = createAi({ provider: 'offline' });

function characterCall(form: CharacterForm, seed: number) {
  return {
    schema: characterSheetSchema,
    name: 'character',
    system: 'You write tabletop role-playing characters.',
    prompt: `Create a ${form.genre} character. ${JSON.stringify(form)}`,
    seed,
    providerOptions: { offline: { profile: 'character', brief: { ...form } } },
  } as const;
}

/** A random but valid form input, including odd free text. */
function randomForm(seed: number): CharacterForm {
  const rng = createRng(seed);
  const genre = rng.pick(characterGenres);
  const maybe = <T>(value: T) => (rng.chance(0.7) ? value : undefined);
  const oddText = () => rng.pick(['', 'ünïcödé ✨', 'a'.repeat(rng.int(1, 60)), 'ROBOT; DROP TABLE', '  spaced  ']);
  const raw = {
    genre,
    setting: maybe(rng.chance(0.5) ? 'a floating city of glass' : oddText()),
    species: maybe(rng.chance(0.8) ? rng.pick(speciesSuggestions[genre]) : oddText().slice(0, 60)),
    role: maybe(rng.chance(0.8) ? rng.pick(roleSuggestions[genre]) : oddText().slice(0, 60)),
    alignment: maybe(rng.pick(characterAlignments)),
    tone: maybe(rng.pick(characterTones)),
    ageRange: maybe(rng.pick(characterAgeRanges)),
    hints: maybe('loves storms and distrusts kings. '.repeat(rng.int(0, 30)).slice(0, 1000)),
    seed: maybe(rng.int(0, 2_147_483_647)),
  };
  return characterFormSchema.parse(raw);
}

describe('offline language model', () => {
  it('gives the same character for the same inputs and seed, and another for another seed', async () => {
    const form = randomForm(1);
    const first = await ai.generateObject(characterCall(form, 42));
    const again = await ai.generateObject(characterCall(form, 42));
    const other = await ai.generateObject(characterCall(form, 43));
    expect(again.object).toEqual(first.object);
    expect(other.object).not.toEqual(first.object);
    expect(first.repaired).toBe(false);
  });

  it('turns 500 random valid inputs into 500 schema-valid characters on the first answer', async () => {
    const names = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const form = randomForm(1000 + i);
      const result = await ai.generateObject(characterCall(form, form.seed ?? i));
      expect(result.repaired, `input ${i} needed repair`).toBe(false);
      expect(characterSheetSchema.safeParse(result.object).success).toBe(true);
      names.add(result.object.name);
    }
    // Variety, not one template: plenty of distinct names.
    expect(names.size).toBeGreaterThan(150);
  });

  it('writes a character that follows its brief', async () => {
    const form = characterFormSchema.parse({ genre: 'western', species: 'human', role: 'gunslinger', tone: 'noir', ageRange: 'elder', hints: 'Hunts the man who burned her ranch.' });
    const { object } = await ai.generateObject(characterCall(form, 7));
    expect(object.age).toBeGreaterThanOrEqual(61);
    expect(object.age).toBeLessThanOrEqual(85);
    expect(object.backstory).toContain('gunslinger');
    expect(object.backstory).toContain('Hunts the man who burned her ranch.');
    // Gunslingers are quick: dexterity is their best stat.
    const best = Object.entries(object.stats).sort((a, b) => b[1] - a[1])[0]![0];
    expect(best).toBe('dexterity');
  });

  it('writes "an elf", "a unicorn", "a human" (the article follows the species)', async () => {
    for (const [species, article] of [['elf', 'an'], ['orc', 'an'], ['unicorn', 'a'], ['human', 'a']] as const) {
      const form = characterFormSchema.parse({ genre: 'fantasy', species });
      const { object } = await ai.generateObject(characterCall(form, 3));
      const text = `${object.backstory} ${object.appearance.description}`;
      expect(text).toContain(`${article} ${species}`);
      expect(text).not.toContain(`${article === 'a' ? 'an' : 'a'} ${species}`);
    }
  });

  it('keeps fixed values and builds the rest around them', async () => {
    const form = characterFormSchema.parse({ genre: 'fantasy' });
    const { object } = await ai.generateObject({
      ...characterCall(form, 5),
      schema: characterSheetSchema.pick({ backstory: true }),
      providerOptions: { offline: { profile: 'character', brief: { genre: 'fantasy' }, fixed: { name: 'Morwenna Quill' } } },
    });
    expect(object.backstory).toContain('Morwenna Quill');
  });

  it('fills any requested schema, constraints included', async () => {
    const schema = z.object({
      title: z.string().min(5).max(12),
      tags: z.array(z.enum(['a', 'b', 'c'])).min(2).max(3),
      score: z.number().min(0.5).max(0.75),
      count: z.int().gt(10).lt(13),
      when: z.iso.datetime(),
      email: z.email(),
      id: z.uuid(),
      nested: z.object({ flag: z.boolean(), maybe: z.string().nullable(), kind: z.literal('fixed') }),
      choice: z.union([z.object({ a: z.string() }), z.number()]),
      list: z.array(z.object({ label: z.string().max(3) })).length(4),
    });
    for (let seed = 0; seed < 50; seed++) {
      const { object, repaired } = await ai.generateObject({ schema, prompt: 'Describe the harbour lighthouse schedule', seed });
      expect(repaired).toBe(false);
      expect(schema.safeParse(object).success).toBe(true);
    }
  });

  it('returns deterministic template text', async () => {
    const a = await ai.generateText({ prompt: 'Explain lighthouse maintenance schedules', seed: 3 });
    const b = await ai.generateText({ prompt: 'Explain lighthouse maintenance schedules', seed: 3 });
    expect(a.text).toBe(b.text);
    expect(a.text).toMatch(/lighthouse|maintenance|schedules/);
    expect(a.usage.outputTokens).toBeGreaterThan(0);
  });

  it('streams the JSON section by section, ending with the same character as a plain call', async () => {
    const form = randomForm(9);
    const partials: Record<string, unknown>[] = [];
    let done: unknown;
    for await (const event of ai.streamObject(characterCall(form, 11))) {
      if (event.type === 'partial') partials.push(event.partial);
      else done = event.object;
    }
    const plain = await ai.generateObject(characterCall(form, 11));
    expect(done).toEqual(plain.object);
    expect(partials.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(partials[0]!)).toEqual(['name']);
    // Sections only ever grow, in the sheet's order.
    const counts = partials.map((p) => Object.keys(p).length);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });
});

describe('offline embeddings', () => {
  it('are fixed-size, L2-normalised and deterministic', async () => {
    const { embeddings } = await ai.embedMany({ values: ['The dragon sleeps on gold', '', 'Ünïcödé text ✨'] });
    for (const vector of embeddings) {
      expect(vector).toHaveLength(offlineEmbeddingDimensions);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
    }
    expect(embedText('The dragon sleeps on gold')).toEqual(embeddings[0]);
  });

  it('score similar texts higher than unrelated ones', async () => {
    const { embeddings } = await ai.embedMany({
      values: [
        'How do I reset my account password?',
        'I forgot my password and need to reset it for my account',
        'The recipe needs two cups of flour and an egg',
        'Senior backend engineer, Node.js and PostgreSQL',
        'Backend developer with PostgreSQL and Node experience',
      ],
    });
    const [q, similar, unrelated, job, similarJob] = embeddings as [number[], number[], number[], number[], number[]];
    expect(cosineSimilarity(q, similar)).toBeGreaterThan(cosineSimilarity(q, unrelated) + 0.2);
    expect(cosineSimilarity(job, similarJob)).toBeGreaterThan(cosineSimilarity(job, unrelated) + 0.2);
    expect(cosineSimilarity(job, similarJob)).toBeGreaterThan(cosineSimilarity(job, q));
  });
});
