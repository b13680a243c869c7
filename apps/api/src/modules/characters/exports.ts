import {
  type CharacterSection,
  characterSectionLabels,
  type StoredCharacterSheet,
} from '@tessera/validation/characters';
import PDFDocument from 'pdfkit';

/** What every export works from: the saved character, sections possibly missing. */
export interface ExportableCharacter {
  name: string;
  sheet: StoredCharacterSheet;
  missing: CharacterSection[];
  inputs: Record<string, unknown>;
  seed: number;
  provider: string;
  model: string;
  createdAt: Date;
  updatedAt: Date;
}

const statOrder = ['strength', 'dexterity', 'constitution', 'intelligence', 'wisdom', 'charisma'] as const;
const statShort: Record<(typeof statOrder)[number], string> = { strength: 'STR', dexterity: 'DEX', constitution: 'CON', intelligence: 'INT', wisdom: 'WIS', charisma: 'CHA' };

/** A filename from the character's name: letters, digits and dashes only. */
export function fileBase(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'character'
  );
}

const subtitle = (c: ExportableCharacter) =>
  [c.sheet.pronouns, c.sheet.age !== null ? `age ${c.sheet.age}` : null, c.inputs.species, c.inputs.role, c.inputs.genre].filter(Boolean).join(' · ');

export function toJson(c: ExportableCharacter): string {
  return JSON.stringify(
    {
      format: 'tessera.character',
      version: 1,
      name: c.name,
      sheet: c.sheet,
      missing: c.missing,
      inputs: c.inputs,
      seed: c.seed,
      provider: c.provider,
      model: c.model,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    },
    null,
    2,
  );
}

const missingText = '_Missing — regenerate this section._';

export function toMarkdown(c: ExportableCharacter): string {
  const s = c.sheet;
  const list = (items: string[] | null) => (items ? items.map((i) => `- ${i}`).join('\n') : missingText);
  const out: string[] = [`# ${c.name}`, '', `*${subtitle(c)}*`, ''];
  out.push('## Appearance', '', s.appearance ? `${s.appearance.description}\n\n${list(s.appearance.distinguishingFeatures)}` : missingText, '');
  if (s.stats) {
    out.push('## Stats', '', `| ${statOrder.map((k) => statShort[k]).join(' | ')} |`, `| ${statOrder.map(() => '---').join(' | ')} |`, `| ${statOrder.map((k) => s.stats![k]).join(' | ')} |`, '');
  } else out.push('## Stats', '', missingText, '');
  const lists: [CharacterSection, string[] | null][] = [
    ['personalityTraits', s.personalityTraits],
    ['ideals', s.ideals],
    ['bonds', s.bonds],
    ['flaws', s.flaws],
  ];
  for (const [section, items] of lists) out.push(`## ${characterSectionLabels[section]}`, '', list(items), '');
  out.push('## Backstory', '', s.backstory ?? missingText, '');
  out.push('## Abilities', '', s.abilities ? s.abilities.map((a) => `- **${a.name}** — ${a.description}`).join('\n') : missingText, '');
  out.push('## Equipment', '', list(s.equipment), '');
  out.push('## Quotes', '', s.quotes ? s.quotes.map((q) => `> ${q}`).join('\n>\n') : missingText, '');
  out.push('## Plot hooks', '', list(s.plotHooks), '');
  if (c.missing.length) out.push(`*Missing sections: ${c.missing.map((m) => characterSectionLabels[m]).join(', ')}.*`, '');
  out.push(`<sub>Generated with Tessera (${c.provider} · ${c.model}, seed ${c.seed}).</sub>`, '');
  return out.join('\n');
}

/** Character Card V2 (chara_card_v2), the format chat front-ends such as SillyTavern import. */
export function toCardV2(c: ExportableCharacter) {
  const s = c.sheet;
  const join = (label: string, items: string[] | null) => (items?.length ? `${label}: ${items.join('; ')}` : null);
  const description = [s.appearance?.description, s.appearance ? join('Distinguishing features', s.appearance.distinguishingFeatures) : null, s.backstory].filter(Boolean).join('\n\n');
  const personality = [join('Traits', s.personalityTraits), join('Ideals', s.ideals), join('Bonds', s.bonds), join('Flaws', s.flaws)].filter(Boolean).join('\n');
  return {
    spec: 'chara_card_v2',
    spec_version: '2.0',
    data: {
      name: c.name,
      description,
      personality,
      scenario: s.plotHooks?.[0] ?? '',
      first_mes: s.quotes?.[0] ?? '',
      mes_example: (s.quotes ?? []).map((q) => `<START>\n{{char}}: ${q}`).join('\n'),
      creator_notes: `Generated with Tessera (${c.provider} · ${c.model}, seed ${c.seed}). ${subtitle(c)}`,
      system_prompt: '',
      post_history_instructions: '',
      alternate_greetings: (s.quotes ?? []).slice(1),
      tags: [c.inputs.genre, c.inputs.species, c.inputs.role].filter((t): t is string => typeof t === 'string' && t.length > 0),
      creator: 'Tessera',
      character_version: '1',
      extensions: {
        tessera: { pronouns: s.pronouns, age: s.age, stats: s.stats, abilities: s.abilities, equipment: s.equipment, plotHooks: s.plotHooks, missing: c.missing },
      },
    },
  };
}

/**
 * A printable one- or two-page A4 sheet. pdfkit's built-in Helvetica covers Latin text; characters
 * outside WinAnsi (emoji, CJK) cannot be drawn by it and come out as blanks.
 */
export function toPdf(c: ExportableCharacter): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: c.name, Creator: 'Tessera' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const s = c.sheet;
  const width = doc.page.width - 96;
  const heading = (text: string) => {
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).fillColor('#1f2937').text(text.toUpperCase(), { characterSpacing: 0.5 });
    doc.moveTo(48, doc.y + 1).lineTo(48 + width, doc.y + 1).lineWidth(0.5).strokeColor('#9ca3af').stroke();
    doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#111827');
  };
  const body = (text: string | null) => {
    if (text === null) doc.font('Helvetica-Oblique').fillColor('#6b7280').text('Missing').font('Helvetica').fillColor('#111827');
    else doc.text(text, { align: 'left' });
  };
  const bullets = (items: string[] | null) => (items ? doc.list(items, { bulletRadius: 1.5, textIndent: 10 }) : body(null));

  doc.font('Helvetica-Bold').fontSize(22).text(c.name);
  doc.font('Helvetica').fontSize(10).fillColor('#4b5563').text(subtitle(c));
  doc.fillColor('#111827');

  heading('Stats');
  if (s.stats) {
    const boxWidth = width / statOrder.length;
    const top = doc.y;
    statOrder.forEach((key, i) => {
      const x = 48 + i * boxWidth;
      doc.rect(x + 2, top, boxWidth - 4, 40).lineWidth(0.75).strokeColor('#6b7280').stroke();
      doc.font('Helvetica-Bold').fontSize(8).text(statShort[key], x, top + 6, { width: boxWidth, align: 'center' });
      doc.font('Helvetica').fontSize(14).text(String(s.stats![key]), x, top + 18, { width: boxWidth, align: 'center' });
    });
    doc.x = 48;
    doc.y = top + 48;
    doc.fontSize(10);
  } else body(null);

  heading('Appearance');
  if (s.appearance) {
    body(s.appearance.description);
    doc.moveDown(0.2);
    bullets(s.appearance.distinguishingFeatures);
  } else body(null);
  for (const section of ['personalityTraits', 'ideals', 'bonds', 'flaws'] as const) {
    heading(characterSectionLabels[section]);
    bullets(s[section]);
  }
  heading('Backstory');
  body(s.backstory);
  heading('Abilities');
  if (s.abilities) {
    for (const ability of s.abilities) {
      doc.font('Helvetica-Bold').text(`${ability.name}. `, { continued: true }).font('Helvetica').text(ability.description);
    }
  } else body(null);
  heading('Equipment');
  bullets(s.equipment);
  heading('Quotes');
  if (s.quotes) for (const quote of s.quotes) doc.font('Helvetica-Oblique').text(`“${quote}”`).font('Helvetica');
  else body(null);
  heading('Plot hooks');
  bullets(s.plotHooks);
  doc.moveDown(1).fontSize(8).fillColor('#6b7280').text(`Generated with Tessera · ${c.provider} · ${c.model} · seed ${c.seed}`);
  doc.end();
  return done;
}
