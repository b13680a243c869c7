import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

/**
 * Fonts for the PDF report that cover the text people type: pdfkit's built-in Helvetica only has
 * WinAnsi, so Japanese, Arabic, Cyrillic, Greek or emoji came out as mojibake.
 *
 * - Noto Sans (Latin, Latin Extended, Vietnamese, Greek, Cyrillic, Devanagari), Noto Sans Arabic,
 *   Noto Sans Hebrew and the monochrome Noto Emoji come from @fontsource packages (npm, OFL-1.1),
 *   so every install has them. They ship one small WOFF file per Unicode slice; a slice is read
 *   only when a report needs a character of it. (The WOFF2 files and the variable packages are no
 *   use here: fontkit cannot subset WOFF2's transformed glyf table nor a variation instance.)
 * - CJK comes from Debian's fonts-noto-cjk (Noto Sans CJK, one pan-CJK collection): as npm
 *   packages the three CJK families weigh over 200 MB. tooling/scripts/setup.sh and the Docker
 *   image install it; where it is missing, CJK characters are drawn as U+FFFD (a visible "�",
 *   never mojibake).
 *
 * Everything is loaded on the first report that needs it and kept for the process.
 */

export type Weight = 400 | 700;

/** A font face as pdfkit takes it, with the key a document caches it under. */
export interface Face {
  key: string;
  font: fontkit.Font;
  /** Ascent in font units per em, for placing runs of different fonts on one baseline. */
  ascent: number;
}

const resolvePackage = createRequire(import.meta.url);

interface Slice {
  ranges: [number, number][];
  file: (weight: Weight) => string;
}

/** The @fontsource package's slices and their unicode-ranges (its unicode.json). */
function fontsourceSlices(pkg: string, id: string): Slice[] {
  const dir = dirname(resolvePackage.resolve(`${pkg}/package.json`));
  const ranges = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
  return Object.entries(ranges).map(([name, range]) => ({
    ranges: range.split(',').map((part) => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from!, 16), parseInt(to ?? from!, 16)] as [number, number];
    }),
    file: (weight: Weight) => join(dir, 'files', `${id}-${name.replace(/^\[(\d+)\]$/, '$1')}-${weight}-normal.woff`),
  }));
}

// In fallback order: a character goes to the first family that has it.
let families: Slice[][] | undefined;
const familyList = () =>
  (families ??= [
    fontsourceSlices('@fontsource/noto-sans', 'noto-sans'),
    fontsourceSlices('@fontsource/noto-sans-arabic', 'noto-sans-arabic'),
    fontsourceSlices('@fontsource/noto-sans-hebrew', 'noto-sans-hebrew'),
    fontsourceSlices('@fontsource/noto-emoji', 'noto-emoji'),
  ]);

const faces = new Map<string, Face | null>();

function openFace(key: string, open: () => fontkit.Font | null): Face | null {
  let face = faces.get(key);
  if (face === undefined) {
    const font = open();
    face = font ? { key, font, ascent: font.ascent / font.unitsPerEm } : null;
    faces.set(key, face);
  }
  return face;
}

/**
 * A WOFF file as the plain TrueType font it wraps. fontkit reads WOFF itself but inflates a table
 * again on every read, and subsetting reads the glyf table once per glyph: a 200-row report spent
 * most of its time in inflate. Unwrapped once, the font is read in place.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compressed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compressed);
    return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compressed < length ? inflateSync(stored) : stored };
  });
  const entrySelector = Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(16 * 2 ** entrySelector, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(16 * count - 16 * 2 ** entrySelector, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    table.tag.copy(header, 12 + 16 * i);
    header.writeUInt32BE(table.checksum, 16 + 16 * i);
    header.writeUInt32BE(offset, 20 + 16 * i);
    header.writeUInt32BE(table.data.length, 24 + 16 * i);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

const fontAt = (path: string) => fontkit.create(woffToSfnt(readFileSync(path))) as fontkit.Font;

/** Where distributions put Noto Sans CJK (Debian/Ubuntu fonts-noto-cjk, Fedora, Alpine). */
const cjkDirs = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/google-noto-cjk', '/usr/share/fonts/noto'];
const cjkFile = (weight: Weight) => {
  const name = `NotoSansCJK-${weight === 700 ? 'Bold' : 'Regular'}.ttc`;
  return cjkDirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
};
const cjkBuffers = new Map<string, Buffer>();

/** Which regional face of Noto Sans CJK draws Han characters: the one the text's kana or hangul point to. */
export type HanStyle = 'jp' | 'kr' | 'sc';
export function hanStyleOf(text: string): HanStyle {
  if (/[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u.test(text)) return 'jp';
  if (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u.test(text)) return 'kr';
  return 'sc';
}

function cjkFace(weight: Weight, style: HanStyle): Face | null {
  return openFace(`cjk-${style}-${weight}`, () => {
    const path = cjkFile(weight) ?? cjkFile(400);
    if (!path) return null;
    let buffer = cjkBuffers.get(path);
    if (!buffer) cjkBuffers.set(path, (buffer = readFileSync(path)));
    return fontkit.create(buffer, `NotoSansCJK${style}-${path.endsWith('Bold.ttc') ? 'Bold' : 'Regular'}`) as fontkit.Font;
  });
}

const isCjk = (cp: number) =>
  (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xac00 && cp <= 0xd7ff) ||
  (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x20000 && cp <= 0x3ffff);

/** The regular or bold Noto Sans Latin face: the report's text font. */
export function baseFace(weight: Weight): Face {
  const latin = familyList()[0]!.find((slice) => slice.ranges.some(([from, to]) => from <= 0x41 && 0x41 <= to))!;
  return openFace(latin.file(weight), () => fontAt(latin.file(weight)))!;
}

const found = new Map<string, Face | null>();

/** The first face that has a glyph for the code point (unicode-range narrows, `hasGlyphForCodePoint` decides), or null. */
export function faceFor(cp: number, weight: Weight, style: HanStyle): Face | null {
  const cacheKey = `${cp}-${weight}-${isCjk(cp) ? style : ''}`;
  let face = found.get(cacheKey);
  if (face !== undefined) return face;
  face = null;
  // Noto Sans's Latin slices also hold a few CJK punctuation marks; CJK text keeps one face.
  if (isCjk(cp)) {
    const cjk = cjkFace(weight, style);
    if (cjk?.font.hasGlyphForCodePoint(cp)) face = cjk;
  }
  for (const family of face ? [] : familyList()) {
    for (const slice of family) {
      if (!slice.ranges.some(([from, to]) => from <= cp && cp <= to)) continue;
      const file = slice.file(weight);
      const candidate = openFace(file, () => (existsSync(file) ? fontAt(file) : null));
      if (candidate?.font.hasGlyphForCodePoint(cp)) {
        face = candidate;
        break;
      }
    }
    if (face) break;
  }
  if (!face && !isCjk(cp)) {
    const cjk = cjkFace(weight, style);
    if (cjk?.font.hasGlyphForCodePoint(cp)) face = cjk;
  }
  found.set(cacheKey, face);
  return face;
}
