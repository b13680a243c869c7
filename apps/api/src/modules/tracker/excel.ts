import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { excelExportMaxRows } from '@tessera/validation/tracker';
import { repoRoot } from '../../config';
import { fitText } from '../../platform/text';

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

/**
 * A write-excel-file cell as it crosses to the worker: the type by name (`excel.worker.mjs` turns
 * it back into the constructor the library expects; a function cannot be posted to a thread).
 */
type WorkerCell =
  | null
  | number
  | boolean
  | { value: string; type: 'String'; fontWeight?: 'bold' }
  | { value: number; type: 'Number'; format: string }
  | { value: Date; type: 'Date'; format: string };

function excelCell(field: string, value: unknown): WorkerCell {
  if (value === null || value === undefined || value === '') return null;
  // Timestamps are written in UTC (an Excel date has no zone), as the CSV export writes them.
  if (value instanceof Date) return { value, type: 'Date', format: 'yyyy-mm-dd hh:mm' };
  if (dayFields.has(field) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { value: new Date(`${value}T00:00:00Z`), type: 'Date', format: 'yyyy-mm-dd' };
  }
  if (typeof value === 'number') return moneyFields.has(field) ? { value, type: 'Number', format: '#,##0' } : value;
  if (typeof value === 'boolean') return value;
  const text = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value);
  return { value: fitText(text, excelCellLimit), type: 'String' };
}

/** An export an Excel file is not made for here: more rows than `excelExportMaxRows`, or more text than the builder's memory. */
export class ExcelTooLargeError extends Error {
  static rows = () =>
    new ExcelTooLargeError(`An Excel export holds up to ${excelExportMaxRows.toLocaleString('en-US')} rows and this one has more. Narrow the search or filters, or download CSV, which has no limit.`);
  static memory = () =>
    new ExcelTooLargeError('This export holds too much text to build as an Excel file. Leave out long columns (description, notes), narrow the search or filters, or download CSV, which has no limit.');
}

// Beside this code: the source file here, or the copy tsup puts beside the production bundle
// (dist/main.js; the Docker image has no src/). Bundles without the copy (the benchmarks') find it
// from the repository root.
const besideThisCode = fileURLToPath(new URL('./excel.worker.mjs', import.meta.url));
const excelWorkerFile = existsSync(besideThisCode) ? besideThisCode : resolve(repoRoot, 'apps/api/src/modules/tracker/excel.worker.mjs');

/**
 * Workbooks built at once by this process. Each holds its sheet in a worker's memory (~220 MB for
 * 20,000 rows of every job column, measured) and a core while it builds; more exports wait their turn.
 */
export const excelBuildsAtOnce = 2;

/** A worker's heap: the sheet's cells plus the XML built from them. Past it the export is refused, the process is untouched. */
const workerHeapMb = 1024;

interface WorkbookOptions {
  /** The client went away: stop reading and building. */
  signal?: AbortSignal;
  /** Tests only: a smaller worker heap. */
  heapMb?: number;
}

/** Why a build stopped when `signal` ended it (AbortSignal's reason may be anything). */
const abortedBy = (signal: AbortSignal): Error => (signal.reason instanceof Error ? signal.reason : new Error('The Excel export was cancelled'));

let buildsRunning = 0;
const waitingBuilds: (() => void)[] = [];

/** Workbooks building now and waiting for a turn, in this process (the `tessera_tracker_excel_builds` gauge). */
export const excelBuilds = () => ({ running: buildsRunning, waiting: waitingBuilds.length });

/** A place among the builds running; a build that ends hands its place to the first one waiting. */
async function buildSlot(signal: AbortSignal | undefined): Promise<() => void> {
  signal?.throwIfAborted();
  if (buildsRunning < excelBuildsAtOnce) buildsRunning++;
  else {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        waitingBuilds.splice(waitingBuilds.indexOf(start), 1);
        reject(abortedBy(signal!));
      };
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      waitingBuilds.push(start);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = waitingBuilds.shift();
    if (next) next();
    else buildsRunning--;
  };
}

/**
 * The workbook's bytes: one sheet named after what it holds, a header row of field names, then the
 * rows. The rows are read here, page by page, and handed to a worker thread that builds the file
 * (`excel.worker.mjs`): write-excel-file's work is synchronous and would hold this process's event
 * loop for seconds (1.3 s for 15,000 rows when it ran here). At most `excelExportMaxRows` rows.
 */
export async function excelWorkbook(
  sheet: string,
  fields: string[],
  pages: AsyncIterable<Record<string, unknown>[]>,
  { signal, heapMb = workerHeapMb }: WorkbookOptions = {},
): Promise<Buffer> {
  const release = await buildSlot(signal);
  if (signal?.aborted) {
    release(); // left while its place was being handed over
    throw abortedBy(signal);
  }
  const worker = new Worker(excelWorkerFile, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  const stop = () => void worker.terminate();
  signal?.addEventListener('abort', stop, { once: true });
  const reading = pages[Symbol.asyncIterator]();
  try {
    const built = new Promise<Buffer>((resolve, reject) => {
      worker.once('message', (bytes: Uint8Array) => resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
      worker.once('error', (error: Error & { code?: string }) => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? ExcelTooLargeError.memory() : error));
      worker.once('exit', (code) => reject(signal?.aborted ? abortedBy(signal) : new Error(`The Excel worker stopped (exit code ${code}) before the workbook was built`)));
    });
    // While pages are read, a failure of the worker (or the client leaving, which stops it) ends the reading at once.
    const failed = built.then(() => new Promise<never>(() => undefined));
    failed.catch(() => undefined); // raced below; never left unhandled
    worker.postMessage({ rows: [fields.map((field) => ({ value: field, type: 'String', fontWeight: 'bold' }) satisfies WorkerCell)] });
    let rows = 0;
    for (;;) {
      const next = await Promise.race([reading.next(), failed]);
      if (next.done) break;
      rows += next.value.length;
      if (rows > excelExportMaxRows) throw ExcelTooLargeError.rows();
      worker.postMessage({ rows: next.value.map((row) => fields.map((field) => excelCell(field, row[field]))) });
    }
    worker.postMessage({ finish: { sheet, stickyRowsCount: 1, columns: fields.map((field) => ({ width: widths[field] ?? 16 })) } });
    return await built;
  } finally {
    signal?.removeEventListener('abort', stop);
    stop();
    release();
    // Ends the database read when it stopped early (a generator busy with a page ends after it).
    reading.return?.()?.catch(() => undefined);
  }
}
