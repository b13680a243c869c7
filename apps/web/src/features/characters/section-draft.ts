import { type CharacterSection, characterSectionSchemas } from '@tessera/validation/characters';
import { readAbilities, readAppearance, readList, readNumber, readStats, readText, type StatName, statNames } from './sheet-state';

/** What an inline editor holds: plain strings, one shape per kind of section. */
export type SectionDraft =
  | { kind: 'text'; text: string; multiline: boolean }
  | { kind: 'number'; text: string }
  | { kind: 'list'; text: string }
  | { kind: 'appearance'; description: string; features: string }
  | { kind: 'abilities'; rows: { name: string; description: string }[] }
  | { kind: 'stats'; values: Record<StatName, string> };

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function draftOf(section: CharacterSection, value: unknown): SectionDraft {
  switch (section) {
    case 'name':
    case 'pronouns':
      return { kind: 'text', text: readText(value), multiline: false };
    case 'backstory':
      return { kind: 'text', text: readText(value), multiline: true };
    case 'age': {
      const age = readNumber(value);
      return { kind: 'number', text: age === null ? '' : String(age) };
    }
    case 'appearance': {
      const appearance = readAppearance(value);
      return { kind: 'appearance', description: appearance.description, features: appearance.distinguishingFeatures.join('\n') };
    }
    case 'abilities': {
      const rows = readAbilities(value);
      return { kind: 'abilities', rows: rows.length ? rows : [{ name: '', description: '' }] };
    }
    case 'stats': {
      const stats = readStats(value);
      return {
        kind: 'stats',
        values: Object.fromEntries(statNames.map((name) => [name, stats[name] === null ? '' : String(stats[name])])) as Record<StatName, string>,
      };
    }
    default:
      return { kind: 'list', text: readList(value).join('\n') };
  }
}

const toNumber = (text: string): number | string => {
  const trimmed = text.trim();
  if (trimmed === '') return Number.NaN;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
};

/** The value the draft stands for, before validation. */
export function valueOfDraft(draft: SectionDraft): unknown {
  switch (draft.kind) {
    case 'text':
      return draft.text.trim();
    case 'number':
      return toNumber(draft.text);
    case 'list':
      return lines(draft.text);
    case 'appearance':
      return { description: draft.description.trim(), distinguishingFeatures: lines(draft.features) };
    case 'abilities':
      return draft.rows
        .map((row) => ({ name: row.name.trim(), description: row.description.trim() }))
        .filter((row) => row.name !== '' || row.description !== '');
    case 'stats':
      return Object.fromEntries(statNames.map((name) => [name, toNumber(draft.values[name])]));
  }
}

export type DraftResult = { ok: true; value: unknown } | { ok: false; errors: string[] };

/** Validates an edited section with the same schema the API checks it against. */
export function parseDraft(section: CharacterSection, draft: SectionDraft): DraftResult {
  const result = characterSectionSchemas[section].safeParse(valueOfDraft(draft));
  if (result.success) return { ok: true, value: result.data };
  const errors = [...new Set(result.error.issues.map((issue) => friendlyIssue(section, issue.message)))];
  return { ok: false, errors };
}

function friendlyIssue(section: CharacterSection, message: string): string {
  // zod's built-in wording for a blank number field; say it in the form's words.
  if (/expected number, received NaN|Invalid input/i.test(message)) {
    return section === 'stats' ? 'Every stat needs a whole number from 1 to 20' : 'Enter a whole number';
  }
  return message;
}
