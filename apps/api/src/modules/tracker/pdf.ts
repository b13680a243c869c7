import PDFDocument from 'pdfkit';
import { baseFace, type Face, faceFor, type HanStyle, hanStyleOf, type Weight } from './pdfFonts';

export interface ReportData {
  title: string;
  generatedAt: Date;
  figures: { label: string; value: string }[];
  funnel: { stage: string; reached: number }[];
  trend: { periodStart: string; count: number }[];
  trendLabel: string;
  table: { headers: string[]; rows: string[][]; note?: string };
}


// ── text in any script ───────────────────────────────────────────────────────────────────────

/** A stretch of text drawn with one face. */
interface Run {
  face: Face;
  text: string;
}

/** Marks, joiners, variation selectors, skin tones, tags and the keycap: they belong to the character before them. */
const attaching = (char: string, cp: number) =>
  /\p{M}/u.test(char) || cp === 0x200c || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x20e3 || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f);
/** Invisible format characters: dropped when the face drawing their neighbour has no glyph for them (else a box). */
const ignorable = (cp: number) => (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff || (cp >= 0xe0020 && cp <= 0xe007f);
/** Spaces and punctuation stay in the run they are in, so an Arabic phrase is one run, shaped and ordered as one. */
const neutral = /^[\s\p{P}\p{S}]$/u;
const rtlChar = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const strongChar = /\p{L}/u;
/** U+FFFD from Noto Sans: what a character no bundled or installed font has becomes. */
const placeholder = '\ufffd';

/**
 * The text cut into runs, each with a face that has its glyphs (`hasGlyphForCodePoint`), in
 * drawing order. fontkit shapes each run (Arabic joining forms, ligatures) and lays a right-to-left
 * run out right to left; text whose first letter is right-to-left also has its runs in reverse
 * order, so a Latin word or a number (digits come from Noto Sans, a run of their own) inside
 * Arabic text lands where it belongs. That is the bidi algorithm's simple cases, not all of it:
 * several runs of right-to-left text inside a left-to-right line keep their logical order.
 */
function textRuns(text: string, weight: Weight, style: HanStyle): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (current && (attaching(char, cp) || neutral.test(char)) && current.face.font.hasGlyphForCodePoint(cp)) {
      current.text += char;
      continue;
    }
    if (ignorable(cp)) continue;
    let face = faceFor(cp, weight, style);
    let drawn = char;
    if (!face) {
      face = baseFace(weight);
      drawn = placeholder;
    }
    if (current?.face === face) current.text += drawn;
    else runs.push((current = { face, text: drawn }));
  }
  const firstStrong = [...text].find((c) => strongChar.test(c));
  return firstStrong && rtlChar.test(firstStrong) ? runs.reverse() : runs;
}

/**
 * fontkit's layout features for a run. Noto Sans Arabic's `ccmp` splits letters into a dotless
 * body and dot glyphs that map to no character, so the PDF's text (copy, search, screen readers)
 * would come out with control characters; without it each letter is one glyph, still joined by
 * init/medi/fina. A fresh object each time: fontkit writes its defaults into the one it is given.
 */
const featuresOf = (run: Run) => (rtlChar.test(run.text) ? ({ ccmp: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[]) : undefined);

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * One line of text at (x, top), at most `width` wide: runs of whatever faces its characters need,
 * measured with those faces and set on one baseline; text too long ends in "…" at a grapheme
 * boundary (an emoji sequence or a letter with its marks is never cut in two).
 */
function drawLine(doc: PDFKit.PDFDocument, text: string, x: number, top: number, options: { width: number; size: number; weight: Weight; style: HanStyle }) {
  const { width, size, weight, style } = options;
  const use = (face: Face) => doc.font(face.font as unknown as PDFKit.Mixins.PDFFontSource, face.key).fontSize(size);
  const measure = (runs: Run[]) => runs.reduce((sum, run) => sum + use(run.face).widthOfString(run.text, { features: featuresOf(run) }), 0);
  let runs = textRuns(text, weight, style);
  if (measure(runs) > width) {
    const parts = [...graphemes.segment(text)].map((g) => g.segment);
    // The longest prefix that fits with the ellipsis, by bisection (each try lays the text out again).
    let fits = 0;
    let tooLong = parts.length;
    let best = textRuns('…', weight, style);
    while (tooLong - fits > 1) {
      const mid = (fits + tooLong) >> 1;
      const candidate = textRuns(`${parts.slice(0, mid).join('').trimEnd()}…`, weight, style);
      if (measure(candidate) <= width) {
        fits = mid;
        best = candidate;
      } else tooLong = mid;
    }
    runs = best;
  }
  const baseline = top + baseFace(weight).ascent * size;
  let left = x;
  for (const run of runs) {
    use(run.face).text(run.text, left, baseline, { lineBreak: false, baseline: 'alphabetic', features: featuresOf(run) });
    left += doc.widthOfString(run.text, { features: featuresOf(run) });
  }
}

const ink = '#1f2937';
const muted = '#6b7280';
const accent = '#2563eb';

/** A PDF report drawn with pdfkit's vector primitives (no chart images, so it stays crisp and small). */
export function renderReport(data: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: data.title, Producer: 'Tessera' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  // Noto Sans for the report's own words; people's text (the table) gets a face per run of script.
  const regular = baseFace(400);
  doc.font(regular.font as unknown as PDFKit.Mixins.PDFFontSource, regular.key);
  const style = hanStyleOf(data.table.rows.flat().join(' '));

  doc.fillColor(ink).fontSize(20).text(data.title);
  doc.fillColor(muted).fontSize(9).text(`Generated ${data.generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`);
  doc.moveDown();

  // Summary figures in a row of boxes.
  const boxWidth = width / Math.max(1, data.figures.length);
  const top = doc.y;
  data.figures.forEach((figure, i) => {
    const x = left + i * boxWidth;
    doc.roundedRect(x + 2, top, boxWidth - 4, 46, 4).strokeColor('#d1d5db').stroke();
    doc.fillColor(ink).fontSize(15).text(figure.value, x + 8, top + 8, { width: boxWidth - 16 });
    doc.fillColor(muted).fontSize(8).text(figure.label, x + 8, top + 30, { width: boxWidth - 16 });
  });
  doc.x = left;
  doc.y = top + 60;

  // Funnel: one horizontal bar per stage, widths relative to the first stage.
  doc.fillColor(ink).fontSize(13).text('Status funnel', left);
  const maxReached = Math.max(1, ...data.funnel.map((s) => s.reached));
  let y = doc.y + 6;
  for (const stage of data.funnel) {
    const barWidth = Math.max(1, ((width - 160) * stage.reached) / maxReached);
    doc.fillColor(muted).fontSize(9).text(stage.stage, left, y + 3, { width: 90 });
    doc.rect(left + 95, y, barWidth, 14).fillColor(accent).fill();
    doc.fillColor(ink).fontSize(9).text(String(stage.reached), left + 100 + barWidth, y + 3);
    y += 20;
  }
  doc.x = left;
  doc.y = y + 10;

  // Trend: a line chart with a baseline and the first/last period labels.
  doc.fillColor(ink).fontSize(13).text(data.trendLabel, left);
  const chartTop = doc.y + 8;
  const chartHeight = 110;
  const maxCount = Math.max(1, ...data.trend.map((p) => p.count));
  doc.moveTo(left, chartTop + chartHeight).lineTo(left + width, chartTop + chartHeight).strokeColor('#9ca3af').lineWidth(0.5).stroke();
  doc.moveTo(left, chartTop).lineTo(left, chartTop + chartHeight).stroke();
  const step = data.trend.length > 1 ? width / (data.trend.length - 1) : 0;
  data.trend.forEach((point, i) => {
    const x = left + i * step;
    const py = chartTop + chartHeight - (point.count / maxCount) * (chartHeight - 10);
    if (i === 0) doc.moveTo(x, py);
    else doc.lineTo(x, py);
  });
  if (data.trend.length) doc.strokeColor(accent).lineWidth(1.5).stroke();
  data.trend.forEach((point, i) => {
    doc.circle(left + i * step, chartTop + chartHeight - (point.count / maxCount) * (chartHeight - 10), 2).fillColor(accent).fill();
  });
  doc.fillColor(muted).fontSize(8);
  doc.text(`max ${maxCount}`, left + 4, chartTop - 2);
  if (data.trend.length) {
    doc.text(data.trend[0]!.periodStart, left, chartTop + chartHeight + 4);
    doc.text(data.trend.at(-1)!.periodStart, left + width - 60, chartTop + chartHeight + 4, { width: 60, align: 'right' });
  }
  doc.x = left;
  doc.y = chartTop + chartHeight + 24;

  // The table of applications, paging as needed.
  doc.fillColor(ink).fontSize(13).text('Applications', left);
  if (data.table.note) doc.fillColor(muted).fontSize(8).text(data.table.note, left);
  const columnWidth = width / data.table.headers.length;
  const rowHeight = 14;
  // The caller passes status values as stored ('applied'); the column headed Status shows labels.
  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const rowY = doc.y;
    doc.fillColor(ink);
    cells.forEach((cell, i) =>
      drawLine(doc, cell, left + i * columnWidth, rowY + 3, { width: columnWidth - 4, size: 8, weight: bold ? 700 : 400, style }),
    );
    doc.moveTo(left, rowY + rowHeight).lineTo(left + width, rowY + rowHeight).strokeColor('#e5e7eb').lineWidth(0.5).stroke();
    doc.x = left;
    doc.y = rowY + rowHeight;
  };
  doc.y += 4;
  drawRow(data.table.headers, true);
  for (const row of data.table.rows) drawRow(row, false);
  doc.end();
  return done;
}
