// @ts-check
/**
 * Builds an Excel workbook off the API's event loop (spawned by `excel.ts`, one worker per export).
 * write-excel-file builds the sheet's XML and zips it synchronously: seconds of CPU for tens of
 * thousands of rows, which on the main thread every other request would wait out.
 *
 * Plain JavaScript on purpose: the same file runs under the production bundle, the dev runner,
 * the tests and the benchmarks without a compile step of its own.
 *
 * Messages in: `{ rows }` (cells, as `excel.ts` writes them, in order) any number of times, then
 * `{ finish: options }`. Message out: the workbook's bytes (transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import writeXlsxFile from 'write-excel-file/node';

if (!parentPort) throw new Error('excel.worker.mjs runs as a worker thread');
const port = parentPort;

/** Cells cross the thread boundary with their type's name: constructors cannot be cloned. */
const types = { String, Number, Date, Boolean };

/** @type {unknown[][]} */
const data = [];

port.on('message', async (/** @type {{ rows?: unknown[][]; finish?: Record<string, unknown> }} */ message) => {
  if (message.rows) {
    for (const row of message.rows) {
      for (const cell of row) {
        if (cell && typeof cell === 'object' && 'type' in cell && typeof cell.type === 'string') {
          cell.type = types[/** @type {keyof typeof types} */ (cell.type)];
        }
      }
      data.push(row);
    }
    return;
  }
  const workbook = await writeXlsxFile(/** @type {any} */ (data), message.finish).toBuffer();
  // A Buffer may share its ArrayBuffer with others: transfer a copy that owns all of its memory.
  const bytes = workbook.byteOffset === 0 && workbook.byteLength === workbook.buffer.byteLength ? workbook : new Uint8Array(workbook);
  port.postMessage(bytes, [bytes.buffer]);
});
