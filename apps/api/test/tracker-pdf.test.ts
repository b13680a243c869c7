import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness';
import { signedInPerson, type TrackerClient } from './tracker-helpers';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/**
 * The PDF's text as a reader gets it (copy, search, screen readers): one string per line of the
 * page, its pieces in reading order. pdf.js puts right-to-left text back in logical order.
 */
async function pdfLines(pdf: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const lines: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    const rows = new Map<number, { x: number; str: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      // Runs of one table row share a baseline; round so that rounding noise does not split them.
      const y = Math.round(item.transform[5] as number);
      rows.set(y, [...(rows.get(y) ?? []), { x: item.transform[4] as number, str: item.str }]);
    }
    for (const [, items] of [...rows].sort((a, b) => b[0] - a[0])) lines.push(items.sort((a, b) => a.x - b.x).map((i) => i.str).join(' '));
  }
  await document.destroy();
  return lines;
}

async function report(client: TrackerClient) {
  const file = await client.tracker.transfer.exportFile.mutate({ kind: 'applications', format: 'pdf' });
  expect(file).toMatchObject({ contentType: 'application/pdf', encoding: 'base64' });
  return pdfLines(Buffer.from(file.body, 'base64'));
}

async function track(client: TrackerClient, title: string, company: string, status: 'applied' | 'withdrawn' | 'interviewing') {
  const job = await client.tracker.jobs.create.mutate({ title, company });
  await client.tracker.applications.create.mutate({ jobId: job.id, status });
}

const rowOf = (lines: string[], text: string) => {
  const row = lines.find((line) => line.includes(text));
  expect(row, `a line with ${text} in:\n${lines.join('\n')}`).toBeDefined();
  return row!;
};

describe('the tracker PDF report', () => {
  it('keeps titles and companies in every script as the same characters, and shows statuses as the app names them', async () => {
    const { client } = await signedInPerson(app);
    await track(client, 'ソフトウェアエンジニア', '株式会社テスト', 'applied');
    await track(client, 'مهندس برمجيات', 'شركة', 'withdrawn');
    await track(client, 'Разработчик', 'Яндекс', 'interviewing');
    await track(client, 'Ingénieure', 'Müller & Söhne', 'applied');
    await track(client, 'Μηχανικός', 'Ελληνική', 'applied');
    await track(client, 'מפתח', 'עברית', 'applied');
    await track(client, 'Dev 🎌', '任天堂', 'applied');

    const lines = await report(client);
    const text = lines.join('\n');
    expect(rowOf(lines, 'ソフトウェアエンジニア')).toContain('株式会社テスト');
    expect(rowOf(lines, 'ソフトウェアエンジニア')).toContain('Applied');
    expect(rowOf(lines, 'مهندس برمجيات')).toContain('شركة');
    expect(rowOf(lines, 'مهندس برمجيات')).toContain('Withdrawn');
    expect(rowOf(lines, 'Разработчик')).toContain('Яндекс');
    expect(rowOf(lines, 'Разработчик')).toContain('Interviewing');
    expect(rowOf(lines, 'Ingénieure')).toContain('Müller & Söhne');
    expect(rowOf(lines, 'Μηχανικός')).toContain('Ελληνική');
    expect(rowOf(lines, 'מפתח')).toContain('עברית');
    expect(rowOf(lines, '任天堂')).toContain('🎌');
    // The status funnel uses the labels too; no raw value or "not drawable" placeholder anywhere.
    expect(lines).toContain('Interviewing 1');
    expect(text).not.toMatch(/\b(applied|withdrawn|interviewing)\b/);
    expect(text).not.toContain('\ufffd');
  });

  it('cuts a cell too long for its column at a character, with an ellipsis, measured in the font that draws it', async () => {
    const { client } = await signedInPerson(app);
    const title = '日本語の仕事 🎌 at Müller & Söhne — シニアソフトウェアエンジニア（バックエンド）';
    await track(client, title, 'Тест', 'applied');

    const row = rowOf(await report(client), 'Тест');
    const cell = row.slice(row.indexOf('Тест') + 'Тест'.length, row.indexOf('Applied')).trim();
    expect(cell).toMatch(/…$/);
    // The cut keeps the start as typed (in three scripts and an emoji) and drops the rest.
    expect(cell.length).toBeGreaterThan('日本語の仕事 🎌'.length);
    expect(title.startsWith(cell.slice(0, -1).replace(/ +/g, ' ').trimEnd())).toBe(true);
  });
});
