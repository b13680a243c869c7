import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { fieldError } from '../../trpc';

export type Delimiter = ',' | ';' | '\t';

/**
 * Guess the delimiter from the header line (outside quotes): spreadsheets in many European locales
 * save CSV with `;` because `,` is their decimal separator.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as Delimiter]++;
  }
  const best = (Object.entries(counts) as [Delimiter, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

export interface ParsedCsv {
  headers: string[];
  /** Data rows with the file line each starts on (quoted fields may span lines). */
  rows: { cells: string[]; line: number }[];
}

/** RFC 4180 parsing (quotes, embedded newlines and delimiters, BOM); a malformed file is one field error. */
export function parseCsv(text: string, delimiter: Delimiter): ParsedCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw fieldError('csv', `The file is not valid CSV: ${message}`);
  }
  const [header, ...data] = records;
  if (!header) throw fieldError('csv', 'The file has no header row.');
  const headers = header.record.map((h) => h.trim());
  // `info.lines` is the line a record ends on; the next record starts one line later.
  const rows = data.map((entry, i) => ({ cells: entry.record, line: (i === 0 ? header.info.lines : data[i - 1]!.info.lines) + 1 }));
  return { headers, rows };
}

/** Values a spreadsheet would show: dates as ISO, arrays joined with `|`, null as empty. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join('|');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

export function csvText(headers: string[], rows: unknown[][]): string {
  return stringify([headers, ...rows.map((r) => r.map(csvCell))]);
}
