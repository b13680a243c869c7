import { applicationImportFields, type ImportField, importHeaderAliases, jobImportFields, normalizeImportHeader } from '@tessera/validation/tracker';

export type ImportKind = 'jobs' | 'applications';
export type Delimiter = ',' | ';' | '\t';

export const importFieldsOf = (kind: ImportKind): readonly string[] => (kind === 'jobs' ? jobImportFields : applicationImportFields);

export const importFieldLabels: Record<string, string> = {
  title: 'Title',
  company: 'Company',
  description: 'Description',
  location: 'Location',
  remote: 'Work mode (on-site / hybrid / remote)',
  jobType: 'Job type',
  salaryMin: 'Salary minimum (or a range: 60k–80k)',
  salaryMax: 'Salary maximum',
  salaryCurrency: 'Salary currency',
  techStack: 'Tech stack',
  url: 'Job URL',
  source: 'Source',
  postedAt: 'Posted date',
  jobUrl: 'Job URL',
  status: 'Status',
  appliedAt: 'Applied date',
  notes: 'Notes',
  nextInterviewAt: 'Next interview',
};

/** Fields a file must provide (applications link by URL or company + title instead). */
export const requiredImportFields: Record<ImportKind, string[]> = { jobs: ['title', 'company'], applications: [] };

/** How an uploaded file's bytes were turned into text. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The text of an uploaded CSV file, whichever program saved it: UTF-8 (with or without a BOM);
 * UTF-16 with its BOM (Excel's "Unicode Text"); otherwise, when the bytes are not valid UTF-8,
 * Windows-1252 — what Excel on Windows writes for "CSV (Comma delimited)", where "Zürich" or "€"
 * would otherwise arrive as replacement characters.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The delimiter of the header line: the most frequent of `,` `;` tab outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as Delimiter] += 1;
  }
  const best = (Object.entries(counts) as [Delimiter, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/**
 * RFC 4180 records: quoted fields with doubled quotes, embedded delimiters and newlines, CRLF or
 * LF, a leading BOM. Reads at most `limit` records (the wizard previews a few rows).
 */
export function parseCsvRecords(text: string, delimiter: Delimiter, limit = Number.POSITIVE_INFINITY): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    // A blank line is not a record.
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < source.length && records.length < limit) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
    } else field += char;
    i += 1;
  }
  if (records.length < limit && (field !== '' || record.length)) endRecord();
  return records;
}

export interface CsvPreview {
  delimiter: Delimiter;
  headers: string[];
  /** The first few data rows, to show beside the mapping. */
  sample: string[][];
}

/** The header and first rows; the delimiter is detected unless known (a workbook's sheet is written with commas). */
export function previewCsv(text: string, sampleRows = 3, delimiter: Delimiter = detectDelimiter(text)): CsvPreview {
  const [headers = [], ...sample] = parseCsvRecords(text, delimiter, sampleRows + 1);
  return { delimiter, headers: headers.map((h) => h.trim()), sample };
}

/**
 * A first guess at field → header ('' = not imported). An exact alias wins; otherwise a header
 * that contains the field's name ("Job title (EN)" → title). Each header is used once, earlier
 * fields first, so "URL" is not mapped twice.
 */
export function autoMapHeaders(fields: readonly string[], headers: string[]): Record<string, string> {
  const used = new Set<string>();
  const mapping: Record<string, string> = {};
  const normalized = headers.map((h) => ({ header: h, key: normalizeImportHeader(h) }));
  const take = (field: string, pick: (h: { header: string; key: string }) => boolean) => {
    const found = normalized.find((h) => !used.has(h.header) && h.key !== '' && pick(h));
    if (!found) return false;
    used.add(found.header);
    mapping[field] = found.header;
    return true;
  };
  // Exact aliases for every field first, so a fuzzy match never steals another field's exact header.
  for (const field of fields) {
    const names = importHeaderAliases[field as ImportField] ?? [normalizeImportHeader(field)];
    for (const name of names) if (take(field, (h) => h.key === name)) break;
  }
  // Then headers that contain a name, the longest (most specific) name first: "Max salary (USD)"
  // goes to the maximum by `maxsalary` before the minimum's generic `salary` could take it.
  const partial = fields
    .filter((field) => !mapping[field])
    .flatMap((field) => (importHeaderAliases[field as ImportField] ?? [normalizeImportHeader(field)]).filter((name) => name.length >= 4).map((name) => ({ field, name })))
    .sort((a, b) => b.name.length - a.name.length);
  for (const { field, name } of partial) if (!mapping[field]) take(field, (h) => h.key.includes(name));
  return Object.fromEntries(fields.map((f) => [f, mapping[f] ?? '']));
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records back to comma-separated CSV text (for sending a large file in chunks). */
export function toCsv(records: string[][]): string {
  return records.map((record) => record.map(csvField).join(',')).join('\r\n');
}

/**
 * A file split into CSV texts of at most `rowsPerChunk` data rows, each with the header, and the
 * 0-based index of its first data row (so row numbers in the reports stay those of the file).
 */
export function chunkCsv(text: string, delimiter: Delimiter, rowsPerChunk: number): { csv: string; firstRow: number; rows: number }[] {
  const [header = [], ...rows] = parseCsvRecords(text, delimiter);
  const chunks: { csv: string; firstRow: number; rows: number }[] = [];
  for (let i = 0; i < rows.length; i += rowsPerChunk) {
    const slice = rows.slice(i, i + rowsPerChunk);
    chunks.push({ csv: toCsv([header, ...slice]), firstRow: i, rows: slice.length });
  }
  return chunks;
}

const importNoun: Record<ImportKind, [string, string]> = { jobs: ['job', 'jobs'], applications: ['application', 'applications'] };

/** "3 jobs", "1 application": counts in the import wizard, grouped the way the rest of the page shows them. */
export function importCount(n: number, kind: ImportKind): string {
  const [one, many] = importNoun[kind];
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** The summary after an import: no "1 rows", and no "skipped 0 rows" when nothing was skipped. */
export function importedMessage(result: { created: number; skipped: number; jobsCreated?: number; duplicateRows?: number }, kind: ImportKind): string {
  const parts = [`Imported ${importCount(result.created, kind)}`];
  if (result.jobsCreated) parts[0] += ` (and created ${importCount(result.jobsCreated, 'jobs')} they refer to)`;
  if (result.skipped) parts.push(`skipped ${result.skipped.toLocaleString()} ${result.skipped === 1 ? 'row' : 'rows'} with problems`);
  if (result.duplicateRows) parts.push(`left out ${result.duplicateRows.toLocaleString()} already in your tracker`);
  return `${parts.join('; ')}.`;
}

/** A row the import leaves out because it repeats a tracked job or application, or an earlier row of the file. */
export interface ImportDuplicate {
  row: number;
  matchedBy: 'url' | 'name' | 'appliedAt';
  sameAsRow: number | null;
}

/** Why a row counts as a repeat, in the person's words. */
export function duplicateReason(duplicate: ImportDuplicate, kind: ImportKind): string {
  const what = { url: 'the same job URL', name: 'the same company, title and location', appliedAt: 'the same job and applied date' }[duplicate.matchedBy];
  if (duplicate.sameAsRow !== null) return `Repeats row ${duplicate.sameAsRow.toLocaleString()} of this file (${what}).`;
  return `${kind === 'jobs' ? 'A job' : 'An application'} with ${what} is already in your tracker.`;
}

/** The check report's first sentence: "1 of 3 rows is ready", "2 of 3 rows are ready"; no problems named when there are none. */
export function reportReadiness(report: { validRows: number; totalRows: number; invalidRows: number; duplicateRows?: number }): string {
  // A file imported before: every row is already tracked (not "0 of 8 rows are ready").
  if (!report.validRows && !report.invalidRows && report.duplicateRows === report.totalRows && report.totalRows > 0) {
    return report.totalRows === 1 ? 'The row is already in your tracker.' : `All ${report.totalRows.toLocaleString()} rows are already in your tracker.`;
  }
  const ready = `${report.validRows.toLocaleString()} of ${report.totalRows.toLocaleString()} ${report.totalRows === 1 ? 'row' : 'rows'} ${report.validRows === 1 ? 'is' : 'are'} ready to import`;
  if (!report.invalidRows) return `${ready}.`;
  return `${ready}; ${report.invalidRows.toLocaleString()} ${report.invalidRows === 1 ? 'has' : 'have'} problems.`;
}
