import type { Rng } from './random';
import {
  abilitiesByStat,
  attire,
  bonds,
  builds,
  equipmentByStyle,
  eventsByTone,
  featuresList,
  flaws,
  goals,
  idealsByAlignment,
  nameParts,
  nameStyleOfGenre,
  placesByStyle,
  plotHookTemplates,
  pronounSets,
  quoteTemplates,
  roleKeywords,
  traitsByTone,
  type NameStyle,
  type PrimaryStat,
} from './words';

/** What a caller tells the offline provider about the character it wants (mirrors the form). */
export interface CharacterBrief {
  genre?: string;
  setting?: string;
  species?: string;
  role?: string;
  alignment?: string;
  tone?: string;
  ageRange?: string;
  hints?: string;
}

const stats: PrimaryStat[] = ['strength', 'dexterity', 'constitution', 'intelligence', 'wisdom', 'charisma'];

const ageBands: Record<string, [number, number]> = {
  child: [8, 12],
  'young-adult': [16, 25],
  adult: [26, 40],
  'middle-aged': [41, 60],
  elder: [61, 85],
  ancient: [120, 900],
};

const longLived = /elf|dwarf|vampire|android|construct|automaton|spirit|ghost|demigod|nymph|dragon|giant|synth/i;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function subjectOf(pronouns: string): { they: string; their: string; them: string; plural: boolean } {
  if (pronouns.startsWith('she')) return { they: 'she', their: 'her', them: 'her', plural: false };
  if (pronouns.startsWith('he')) return { they: 'he', their: 'his', them: 'him', plural: false };
  return { they: 'they', their: 'their', them: 'them', plural: true };
}

const capitalize = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);
/** "a human", "an elf", "an orc"; a species the person typed may be "a unicorn" or "an hourglass golem". */
const withArticle = (noun: string) => `${/^(?!uni|use|eu|one)[aeiou]|^(hour|honest|heir)/i.test(noun) ? 'an' : 'a'} ${noun}`;

/**
 * A full draft character from a brief, seeded. `fixed` holds values the caller keeps (locked
 * sections or the rest of the sheet when one section is regenerated): the draft builds around
 * them, so a regenerated backstory still uses the locked name.
 */
export function draftCharacter(rng: Rng, brief: CharacterBrief, fixed: Record<string, unknown> = {}): Record<string, unknown> {
  const genre = str(brief.genre) ?? 'fantasy';
  const style: NameStyle = nameStyleOfGenre[genre] ?? 'fantasy';
  const tone = str(brief.tone) && eventsByTone[brief.tone!] ? brief.tone! : rng.pick(Object.keys(eventsByTone));
  const species = str(brief.species) ?? (style === 'fantasy' ? rng.pick(['human', 'elf', 'dwarf', 'halfling']) : 'human');
  const role = str(brief.role) ?? rng.pick(['wanderer', 'scholar', 'guard', 'merchant', 'healer', 'scout']);
  const alignment = str(brief.alignment) ?? 'true-neutral';

  const parts = nameParts[style];
  const name = str(fixed.name) ?? `${rng.pick(parts.first)} ${rng.pick(parts.last)}`;
  const firstName = name.split(' ')[0] ?? name;
  const pronouns = str(fixed.pronouns) ?? rng.pick(pronounSets);
  const p = subjectOf(pronouns);
  const [low, high] = ageBands[str(brief.ageRange) ?? ''] ?? [18, 60];
  const stretch = longLived.test(species) && brief.ageRange !== 'child' ? rng.int(2, 5) : 1;
  const age = typeof fixed.age === 'number' ? fixed.age : rng.int(low * stretch, high * stretch);
  const place = str(brief.setting) ?? rng.pick(placesByStyle[style]);

  const primary = roleKeywords.find(([pattern]) => pattern.test(role))?.[1] ?? rng.pick(stats);
  const secondary = rng.pick(stats.filter((s) => s !== primary));
  const statBlock = Object.fromEntries(
    stats.map((s) => [s, s === primary ? rng.int(15, 18) : s === secondary ? rng.int(12, 15) : rng.int(7, 13)]),
  );

  const moralAxis = alignment.split('-');
  const ideals = [
    rng.pick(idealsByAlignment[moralAxis[1] === 'neutral' || alignment === 'true-neutral' ? 'neutral' : (moralAxis[1] ?? 'neutral')] ?? idealsByAlignment.neutral!),
    rng.pick(idealsByAlignment[moralAxis[0] ?? 'neutral'] ?? idealsByAlignment.neutral!),
  ];

  const event = rng.pick(eventsByTone[tone]!);
  const goal = rng.pick(goals);
  const hint = str(brief.hints)?.replace(/\s+/g, ' ');
  const verb = (singular: string, plural: string) => (p.plural ? plural : singular);
  const backstory = [
    `${name} grew up in ${place}, ${withArticle(species)} who learned early that the world rarely waits for anyone.`,
    `Before ${p.their} ${age < 20 ? 'fifteenth' : 'twentieth'} winter, ${p.they} ${event}.`,
    `That day set ${firstName} on the path of the ${role}, and ${p.they} ${verb('has', 'have')} walked it ever since — ${rng.pick(['stubbornly', 'warily', 'gladly', 'quietly', 'recklessly'])}, and mostly alone.`,
    hint ? `Those who know ${p.them} well mention this first: ${hint.slice(0, 400)}${hint.length > 400 ? '…' : ''}` : undefined,
    `Now ${p.they} ${verb('wants', 'want')} one thing above all: ${goal.replace(/^to /, 'to ')}.`,
  ]
    .filter(Boolean)
    .join(' ');

  const primaryAbilities = rng.sample(abilitiesByStat[primary], 2);
  const secondaryAbility = rng.pick(abilitiesByStat[secondary]);

  return {
    name,
    pronouns,
    age,
    appearance: {
      description: `${capitalize(p.they)} ${verb('is', 'are')} ${rng.pick(builds)}, ${withArticle(`${species} ${role}`)} dressed in ${rng.pick(attire)}, with the ${tone === 'grim' || tone === 'noir' ? 'guarded' : 'watchful'} look of someone from ${place}.`,
      distinguishingFeatures: rng.sample(featuresList, rng.int(2, 3)),
    },
    personalityTraits: rng.sample(traitsByTone[tone]!, 3),
    ideals,
    bonds: rng.sample(bonds, rng.int(1, 2)),
    flaws: rng.sample(flaws, rng.int(1, 2)),
    backstory,
    abilities: [...primaryAbilities, secondaryAbility],
    stats: statBlock,
    equipment: rng.sample(equipmentByStyle[style], rng.int(3, 5)),
    quotes: rng.sample(quoteTemplates, 2),
    plotHooks: rng.sample(plotHookTemplates, 2).map((t) => t.replaceAll('{name}', firstName).replaceAll('{place}', place)),
    // Fixed values win over the draft: the caller keeps them either way.
    ...fixed,
  };
}
