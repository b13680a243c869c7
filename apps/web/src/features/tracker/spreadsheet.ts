import { autoMapHeaders, previewCsv, toCsv } from './csv-mapping';
import type { WorkbookAnswer } from './spreadsheet.worker';

/**
 * Excel workbooks (.xlsx) for the import page: each sheet becomes CSV text, so everything after the
 * upload step (mapping, the check, parts of 1,000 rows) is the same as for a CSV file and the API
 * keeps one input format. read-excel-file's `universal` build (no DOMParser, so it runs in a
 * worker) is loaded only when a workbook is chosen, in the worker that reads it.
 */

export interface WorkbookSheet {
  name: string;
  /** The sheet as CSV text (comma-separated, RFC 4180 quoting). */
  csv: string;
  /** Data rows below the header row. */
  rows: number;
  /**
   * The sheet's own row number of each data row (`sheetRows[0]` is data row 1): the check's report
   * names rows as the person sees them in the sheet, title rows and empty rows included.
   */
  sheetRows: number[];
}

/** A .xlsx (or any Office Open XML) file is a zip archive: it starts with the zip's local header "PK\x03\x04". */
export function isZipBytes(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The legacy binary formats (.xls 97–2003 and other OLE2 files) start with D0 CF 11 E0. */
export function isLegacyExcelBytes(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * One cell as the text a CSV export of the sheet would hold. Dates are cells whose format is a date
 * format (the reader decides); their wall-clock value is read in UTC, so it is written back exactly
 * as the sheet shows it: `2026-03-04`, or `2026-03-04 14:30` with a time — which the import reads
 * as UTC, like any time without a zone in a CSV file.
 */
export function sheetCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    // Excel stores times as fractions of a day: 14:30 arrives as 14:29:59.999…
    const at = new Date(Math.round(value.getTime() / 1000) * 1000);
    const day = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
    const seconds = at.getUTCHours() * 3600 + at.getUTCMinutes() * 60 + at.getUTCSeconds();
    if (seconds === 0) return day;
    return `${day} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}${at.getUTCSeconds() ? `:${pad(at.getUTCSeconds())}` : ''}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return typeof value === 'string' ? value : '';
}

/**
 * A sheet's rows as CSV records, from its header row on, with the sheet's own number of each (1 =
 * the sheet's first row). Empty rows are dropped (the blank line under a title, the empty rows a
 * sheet often ends with) and trailing empty cells trimmed. A sheet may open with a title ("Job hunt
 * 2026") or a note above its table: rows among the first ten that fill fewer than half the cells of
 * the widest row there are skipped, so the header is the table's first row.
 */
export function sheetRecords(data: readonly (readonly unknown[])[]): { records: string[][]; sheetRows: number[] } {
  const records: string[][] = [];
  const sheetRows: number[] = [];
  data.forEach((row, index) => {
    const cells = row.map(sheetCellText);
    while (cells.length && cells[cells.length - 1]!.trim() === '') cells.pop();
    if (!cells.length) return;
    records.push(cells);
    sheetRows.push(index + 1);
  });
  const filled = (record: string[]) => record.filter((cell) => cell.trim() !== '').length;
  const widest = Math.max(0, ...records.slice(0, 10).map(filled));
  const header = Math.max(0, records.findIndex((record) => filled(record) * 2 >= widest));
  return { records: records.slice(header), sheetRows: sheetRows.slice(header) };
}

/**
 * The sheet to offer first: the one whose headers name the most of the import's fields (a workbook
 * often opens on a summary or a chart, with the table on another sheet); the first of equals.
 */
export function likeliestSheet(sheets: readonly WorkbookSheet[], fields: readonly string[]): WorkbookSheet | undefined {
  let best: { sheet: WorkbookSheet; mapped: number } | undefined;
  for (const sheet of sheets) {
    const mapped = Object.values(autoMapHeaders(fields, previewCsv(sheet.csv, 0, ',').headers)).filter(Boolean).length;
    if (!best || mapped > best.mapped) best = { sheet, mapped };
  }
  return best?.sheet;
}

/** Why a workbook could not be read, in words the person can act on. */
export class WorkbookError extends Error {}

/**
 * `readWorkbook` in a Web Worker (spreadsheet.worker.ts), so the page stays responsive while a large
 * workbook is parsed; on the page's own thread where a worker cannot start.
 */
export async function readWorkbookOffThread(bytes: Uint8Array): Promise<WorkbookSheet[]> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./spreadsheet.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return readWorkbook(bytes);
  }
  const answer = await new Promise<WorkbookAnswer | null>((resolve) => {
    worker.onmessage = (event: MessageEvent<WorkbookAnswer>) => resolve(event.data);
    // The worker's script did not load or threw outside the read: read here instead.
    worker.onerror = () => resolve(null);
    worker.postMessage(bytes);
  }).finally(() => worker.terminate());
  if (!answer) return readWorkbook(bytes);
  if (!answer.ok) throw new WorkbookError(answer.message ?? 'This file could not be read as an Excel workbook (.xlsx).');
  return answer.sheets;
}

/** Every sheet of a .xlsx file that has a header row, in the workbook's order. */
export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookSheet[]> {
  if (isLegacyExcelBytes(bytes)) {
    throw new WorkbookError('This is an Excel 97–2003 workbook (.xls). Open it in Excel, LibreOffice or Google Sheets and save it as .xlsx or CSV, then choose that file.');
  }
  const [{ default: readXlsxFile }, { unzipSync, zipSync }] = await Promise.all([import('read-excel-file/universal'), import('fflate')]);
  let sheets: { sheet: string; data: readonly (readonly unknown[])[] }[];
  try {
    // The reader unzips with fflate's asynchronous `unzip`, which inflates every part larger than
    // 512 KB (the sheet of a few thousand rows) in a Web Worker made from a blob: URL. This page's
    // CSP allows workers from 'self' only, so that worker never starts and, having no error handler,
    // the read never ends. So the workbook is unzipped here, synchronously, and handed over stored
    // (not compressed): stored parts are copied, never inflated, and no worker is needed. Only the
    // XML parts are kept (the reader reads nothing else): a workbook's pictures are not inflated.
    const stored = zipSync(unzipSync(bytes, { filter: (part) => /\.(xml|rels)$/.test(part.name) }), { level: 0 });
    sheets = await readXlsxFile(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength));
  } catch {
    throw new WorkbookError('This file could not be read as an Excel workbook (.xlsx). If it is a spreadsheet in another format, save it as .xlsx or CSV and choose that file.');
  }
  return sheets.flatMap(({ sheet, data }) => {
    const { records, sheetRows } = sheetRecords(data);
    return records.length ? [{ name: sheet, csv: toCsv(records), rows: records.length - 1, sheetRows: sheetRows.slice(1) }] : [];
  });
}
