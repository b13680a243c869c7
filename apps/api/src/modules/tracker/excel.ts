import { excelExportMaxRows } from '@tessera/validation/tracker';
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';

/**
 * An export as an Excel workbook: the CSV export's columns (same headers, so the import page reads
 * the file back), with typed cells — dates are dates Excel can sort and filter, salaries numbers —
 * a frozen header row and column widths. Text is always a text cell, never a formula, so a value
 * such as `=HYPERLINK(…)` stays text (a CSV file opened in Excel may run it).
 */

/** Excel keeps at most this many characters in a cell; a longer text makes Excel repair the file. */
export const excelCellLimit = 32_767;

/** Columns holding a calendar day (`2026-03-04`), not an instant. */
const dayFields = new Set(['postedAt']);
const moneyFields = new Set(['salaryMin', 'salaryMax']);
const widths: Record<string, number> = { title: 32, company: 24, description: 60, notes: 48, url: 40, jobUrl: 40, location: 20, techStack: 28, id: 38, jobId: 38 };

function excelCell(field: string, value: unknown): Cell {
  if (value === null || value === undefined || value === '') return null;
  // Timestamps are written in UTC (an Excel date has no zone), as the CSV export writes them.
  if (value instanceof Date) return { value, type: Date, format: 'yyyy-mm-dd hh:mm' };
  if (dayFields.has(field) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' };
  }
  if (typeof value === 'number') return moneyFields.has(field) ? { value, type: Number, format: '#,##0' } : value;
  if (typeof value === 'boolean') return value;
  const text = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value);
  return { value: text.length > excelCellLimit ? `${text.slice(0, excelCellLimit - 1)}…` : text, type: String };
}

/** An export with more rows than a workbook is built for (`excelExportMaxRows`). */
export class ExcelRowLimitError extends Error {
  constructor() {
    super(`An Excel export holds up to ${excelExportMaxRows.toLocaleString('en-US')} rows and this one has more. Narrow the search or filters, or download CSV, which has no limit.`);
  }
}

/**
 * The workbook's bytes: one sheet named after what it holds, a header row of field names, then the
 * rows. Building it is synchronous work in this process (write-excel-file builds the sheet's XML,
 * then zips it), so it stops reading at `excelExportMaxRows` + 1 rows and refuses.
 */
export async function excelWorkbook(sheet: string, fields: string[], pages: AsyncIterable<Record<string, unknown>[]>): Promise<Buffer> {
  const data: SheetData = [fields.map((field) => ({ value: field, type: String, fontWeight: 'bold' as const }))];
  for await (const page of pages) {
    for (const row of page) data.push(fields.map((field) => excelCell(field, row[field])));
    if (data.length - 1 > excelExportMaxRows) throw new ExcelRowLimitError();
  }
  return writeXlsxFile(data, { sheet, stickyRowsCount: 1, columns: fields.map((field) => ({ width: widths[field] ?? 16 })) }).toBuffer();
}
