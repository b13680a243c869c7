import {
  type CharacterSection,
  characterSections,
  characterSectionLabels,
  type StoredCharacterSheet,
} from '@tessera/validation/characters';

/**
 * How a section of the character card shows right now:
 * - `pending`: not produced yet (skeleton);
 * - `streaming`: the model is writing it (partial value, shown as it grows);
 * - `ready`: complete;
 * - `missing`: the generation finished without a usable value (shown as missing, with regenerate).
 */
export type SectionStatus = 'pending' | 'streaming' | 'ready' | 'missing';

/** A sheet while it streams: any section may be absent or partial (strings cut short, lists growing). */
export type PartialSheet = Partial<Record<CharacterSection, unknown>>;

export type CardPhase = 'streaming' | 'saved' | 'failed';

export interface CardSnapshot {
  phase: CardPhase;
  sheet: PartialSheet | StoredCharacterSheet;
  /** Sections the stream has finished (only meaningful while streaming). */
  completed: readonly CharacterSection[];
  /** Sections the saved character lacks (from the API). */
  missing: readonly CharacterSection[];
}

/** Whether a (possibly partial) value has anything worth showing yet. */
export function hasContent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasContent);
  if (typeof value === 'object') return Object.values(value).some(hasContent);
  return false;
}

export function sectionStatus(section: CharacterSection, snapshot: CardSnapshot): SectionStatus {
  const value = (snapshot.sheet as PartialSheet)[section];
  if (snapshot.phase === 'saved') {
    return snapshot.missing.includes(section) || !hasContent(value) ? 'missing' : 'ready';
  }
  if (snapshot.completed.includes(section)) return 'ready';
  if (snapshot.phase === 'streaming' && hasContent(value)) return 'streaming';
  return 'pending';
}

export function sectionStatuses(snapshot: CardSnapshot): Record<CharacterSection, SectionStatus> {
  return Object.fromEntries(characterSections.map((s) => [s, sectionStatus(s, snapshot)])) as Record<
    CharacterSection,
    SectionStatus
  >;
}

/** "5 of 14 sections" — for the progress bar and the screen-reader summary. */
export function progressOf(statuses: Record<CharacterSection, SectionStatus>): { done: number; total: number } {
  const done = characterSections.filter((s) => statuses[s] === 'ready' || statuses[s] === 'missing').length;
  return { done, total: characterSections.length };
}

// ---------------------------------------------------------------------------------------------
// Reading partial values safely: a streamed value can be any prefix of the final JSON.

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function readText(value: unknown): string {
  return text(value);
}

export function readNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function readList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

export function readAppearance(value: unknown): { description: string; distinguishingFeatures: string[] } {
  const v = record(value);
  return { description: text(v.description), distinguishingFeatures: readList(v.distinguishingFeatures) };
}

export function readAbilities(value: unknown): { name: string; description: string }[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) => {
      const v = record(item);
      return { name: text(v.name), description: text(v.description) };
    })
    .filter((ability) => ability.name !== '' || ability.description !== '');
}

export const statNames = ['strength', 'dexterity', 'constitution', 'intelligence', 'wisdom', 'charisma'] as const;
export type StatName = (typeof statNames)[number];
export const statLabels: Record<StatName, { short: string; long: string }> = {
  strength: { short: 'STR', long: 'Strength' },
  dexterity: { short: 'DEX', long: 'Dexterity' },
  constitution: { short: 'CON', long: 'Constitution' },
  intelligence: { short: 'INT', long: 'Intelligence' },
  wisdom: { short: 'WIS', long: 'Wisdom' },
  charisma: { short: 'CHA', long: 'Charisma' },
};

export function readStats(value: unknown): Record<StatName, number | null> {
  const v = record(value);
  return Object.fromEntries(statNames.map((name) => [name, readNumber(v[name])])) as Record<StatName, number | null>;
}

/** The d20 modifier of a 1–20 score: 10–11 → +0, 14 → +2, 7 → −2. */
export function statModifier(score: number): string {
  const modifier = Math.floor((score - 10) / 2);
  return modifier >= 0 ? `+${modifier}` : `−${Math.abs(modifier)}`;
}

// ---------------------------------------------------------------------------------------------
// Locks

/** Toggle one section in the locked set; the result keeps the sheet's reading order. */
export function toggleLock(locked: readonly CharacterSection[], section: CharacterSection): CharacterSection[] {
  const next = new Set(locked);
  if (next.has(section)) next.delete(section);
  else next.add(section);
  return characterSections.filter((s) => next.has(s));
}

/** A missing section has nothing to keep, so it cannot be locked (the API refuses it too). */
export function canLock(section: CharacterSection, missing: readonly CharacterSection[]): boolean {
  return !missing.includes(section);
}

/** Whether "regenerate the rest" has anything to do. */
export function canRegenerateAll(locked: readonly CharacterSection[]): boolean {
  return characterSections.some((s) => !locked.includes(s));
}

export function lockSummary(locked: readonly CharacterSection[]): string {
  if (locked.length === 0) return 'No sections locked: regenerating replaces everything.';
  if (locked.length === characterSections.length) return 'Every section is locked: unlock one to regenerate.';
  const names = locked.map((s) => characterSectionLabels[s].toLowerCase());
  return `Locked: ${names.join(', ')}. Regenerating keeps ${locked.length === 1 ? 'it as it is' : 'them as they are'}.`;
}

/** Human words for the form's enum values: `lawful-good` → "Lawful good", `science-fiction` → "Science fiction". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const words = value.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
