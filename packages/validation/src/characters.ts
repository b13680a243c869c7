import { z } from 'zod';
import { idSchema } from './common';

/*
 * Characters: the generation form (shared by the web form and the API), the generated character
 * sheet (what the model must answer), and the procedure inputs.
 */

export const characterGenres = [
  'fantasy',
  'science-fiction',
  'cyberpunk',
  'steampunk',
  'horror',
  'post-apocalyptic',
  'western',
  'mystery',
  'modern',
  'mythic',
] as const;
export const characterGenreSchema = z.enum(characterGenres, { message: 'Choose a genre' });
export type CharacterGenre = z.infer<typeof characterGenreSchema>;

export const characterAlignments = [
  'lawful-good',
  'neutral-good',
  'chaotic-good',
  'lawful-neutral',
  'true-neutral',
  'chaotic-neutral',
  'lawful-evil',
  'neutral-evil',
  'chaotic-evil',
] as const;
export const characterAlignmentSchema = z.enum(characterAlignments, { message: 'Choose an alignment' });

export const characterTones = ['heroic', 'grim', 'whimsical', 'noir', 'tragic', 'comedic', 'mysterious', 'hopeful'] as const;
export const characterToneSchema = z.enum(characterTones, { message: 'Choose a tone' });

export const characterAgeRanges = ['child', 'young-adult', 'adult', 'middle-aged', 'elder', 'ancient'] as const;
export const characterAgeRangeSchema = z.enum(characterAgeRanges, { message: 'Choose an age range' });

/** Suggestions the form offers per genre; species and role stay free text. */
export const speciesSuggestions: Record<CharacterGenre, string[]> = {
  fantasy: ['human', 'elf', 'dwarf', 'halfling', 'orc', 'gnome', 'tiefling', 'dragonborn'],
  'science-fiction': ['human', 'android', 'cyborg', 'uplifted dolphin', 'insectoid', 'clone'],
  cyberpunk: ['human', 'augmented human', 'android', 'AI construct', 'clone'],
  steampunk: ['human', 'automaton', 'dwarf', 'goblin tinkerer'],
  horror: ['human', 'vampire', 'werewolf', 'ghost', 'witch'],
  'post-apocalyptic': ['human', 'mutant', 'synth', 'ghoul'],
  western: ['human', 'spirit-touched human', 'revenant'],
  mystery: ['human'],
  modern: ['human'],
  mythic: ['human', 'demigod', 'nymph', 'satyr', 'giant', 'spirit'],
};
export const roleSuggestions: Record<CharacterGenre, string[]> = {
  fantasy: ['fighter', 'wizard', 'rogue', 'cleric', 'ranger', 'bard', 'paladin', 'druid'],
  'science-fiction': ['pilot', 'engineer', 'medic', 'diplomat', 'marine', 'scientist'],
  cyberpunk: ['netrunner', 'street samurai', 'fixer', 'techie', 'corporate agent', 'smuggler'],
  steampunk: ['inventor', 'airship captain', 'detective', 'mechanic', 'aristocrat'],
  horror: ['investigator', 'occultist', 'priest', 'survivor', 'hunter'],
  'post-apocalyptic': ['scavenger', 'raider', 'medic', 'mechanic', 'wanderer'],
  western: ['gunslinger', 'sheriff', 'bounty hunter', 'gambler', 'preacher'],
  mystery: ['detective', 'journalist', 'forensic scientist', 'butler', 'heiress'],
  modern: ['teacher', 'hacker', 'chef', 'paramedic', 'musician'],
  mythic: ['hero', 'oracle', 'trickster', 'warrior', 'priestess'],
};

const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
    .optional()
    .transform((value) => (value ? value : undefined));

/** The generation form. One schema for the web form (inline errors) and the API (BAD_REQUEST). */
export const characterFormSchema = z.object({
  genre: characterGenreSchema,
  setting: optionalText('Setting', 200),
  species: optionalText('Species', 60),
  role: optionalText('Role or class', 60),
  alignment: characterAlignmentSchema.optional(),
  tone: characterToneSchema.optional(),
  ageRange: characterAgeRangeSchema.optional(),
  hints: optionalText('Hints', 1000),
  seed: z
    .number({ message: 'Seed must be a number' })
    .int('Seed must be a whole number')
    .min(0, 'Seed must be between 0 and 2147483647')
    .max(2_147_483_647, 'Seed must be between 0 and 2147483647')
    .optional(),
});
export type CharacterFormInput = z.input<typeof characterFormSchema>;
export type CharacterForm = z.output<typeof characterFormSchema>;

const line = (what: string, max: number) =>
  z.string().trim().min(1, `${what} cannot be empty`).max(max, `${what} must be at most ${max} characters`);
const list = (what: string, itemMax: number, min: number, max: number) =>
  z.array(line(what, itemMax)).min(min, `At least ${min} ${what.toLowerCase()}`).max(max, `At most ${max} ${what.toLowerCase()}`);
const stat = z.int('Stats are whole numbers').min(1, 'Stats are between 1 and 20').max(20, 'Stats are between 1 and 20');

/**
 * One schema per section of the sheet. A section is the unit of locking, regenerating one part,
 * and of what can be "missing" when the model's answer does not fit.
 */
export const characterSectionSchemas = {
  name: line('Name', 80),
  pronouns: line('Pronouns', 30),
  age: z.int('Age is a whole number').min(0, 'Age cannot be negative').max(100_000, 'Age is at most 100000'),
  appearance: z.object({
    description: line('Appearance', 1200),
    distinguishingFeatures: list('Distinguishing features', 160, 1, 6),
  }),
  personalityTraits: list('Personality traits', 160, 1, 8),
  ideals: list('Ideals', 240, 1, 5),
  bonds: list('Bonds', 240, 1, 5),
  flaws: list('Flaws', 240, 1, 5),
  backstory: line('Backstory', 6000),
  abilities: z
    .array(z.object({ name: line('Ability name', 80), description: line('Ability description', 500) }))
    .min(1, 'At least 1 ability')
    .max(8, 'At most 8 abilities'),
  stats: z.object({
    strength: stat,
    dexterity: stat,
    constitution: stat,
    intelligence: stat,
    wisdom: stat,
    charisma: stat,
  }),
  equipment: list('Equipment', 160, 1, 12),
  quotes: list('Quotes', 300, 1, 5),
  plotHooks: list('Plot hooks', 500, 1, 5),
};

export const characterSections = [
  'name',
  'pronouns',
  'age',
  'appearance',
  'personalityTraits',
  'ideals',
  'bonds',
  'flaws',
  'backstory',
  'abilities',
  'stats',
  'equipment',
  'quotes',
  'plotHooks',
] as const satisfies readonly (keyof typeof characterSectionSchemas)[];
export const characterSectionSchema = z.enum(characterSections, { message: 'Unknown section' });
export type CharacterSection = z.infer<typeof characterSectionSchema>;

/** Human labels, in reading order (the card, Markdown and the PDF sheet use them). */
export const characterSectionLabels: Record<CharacterSection, string> = {
  name: 'Name',
  pronouns: 'Pronouns',
  age: 'Age',
  appearance: 'Appearance',
  personalityTraits: 'Personality traits',
  ideals: 'Ideals',
  bonds: 'Bonds',
  flaws: 'Flaws',
  backstory: 'Backstory',
  abilities: 'Abilities',
  stats: 'Stats',
  equipment: 'Equipment',
  quotes: 'Quotes',
  plotHooks: 'Plot hooks',
};

/** The complete character the model must produce (strict: every section present). */
export const characterSheetSchema = z.object(characterSectionSchemas);
export type CharacterSheet = z.infer<typeof characterSheetSchema>;

/** What is stored and returned: any section may be missing (null) when the model failed it. */
export const storedCharacterSheetSchema = z.object(
  Object.fromEntries(characterSections.map((s) => [s, characterSectionSchemas[s].nullable()])) as {
    [K in CharacterSection]: z.ZodNullable<(typeof characterSectionSchemas)[K]>;
  },
);
export type StoredCharacterSheet = z.infer<typeof storedCharacterSheetSchema>;

/** Edits: any subset of sections, each validated by its own schema. */
export const characterSheetPatchSchema = characterSheetSchema.partial();

export const generateCharacterInput = characterFormSchema;

export const listCharactersInput = z.object({
  search: z.string().trim().max(200).optional(),
  cursor: z.string().max(512).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type ListCharactersInput = z.input<typeof listCharactersInput>;

export const getCharacterInput = z.object({ id: idSchema });
export const deleteCharacterInput = z.object({ id: idSchema });
export const duplicateCharacterInput = z.object({ id: idSchema });

export const updateCharacterInput = z.object({
  id: idSchema,
  /** Sections to replace; the name doubles as the character's title (rename). */
  sheet: characterSheetPatchSchema.optional(),
  /** The full set of locked sections (replaces the previous set). */
  lockedSections: z.array(characterSectionSchema).max(characterSections.length).optional(),
});
export type UpdateCharacterInput = z.input<typeof updateCharacterInput>;

export const regenerateSectionInput = z.object({ id: idSchema, section: characterSectionSchema });
/** Regenerate every unlocked section; locked ones are kept and given to the model as context. */
export const regenerateCharacterInput = z.object({ id: idSchema });

export const characterExportFormats = ['json', 'markdown', 'pdf', 'card-v2'] as const;
export const exportCharacterInput = z.object({
  id: idSchema,
  format: z.enum(characterExportFormats, { message: 'Choose json, markdown, pdf or card-v2' }),
});

export const shareCharacterInput = z.object({ id: idSchema });
export const sharedCharacterInput = z.object({
  shareId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not a valid share link'),
});
