/// <reference lib="webworker" />
import { readWorkbook, WorkbookError, type WorkbookSheet } from './spreadsheet';

/**
 * Reads a workbook off the page's main thread (a 100,000-row sheet is about 2 s of parsing), so the
 * page stays responsive meanwhile. A same-origin module worker, which the CSP allows ('self').
 */
export type WorkbookAnswer = { ok: true; sheets: WorkbookSheet[] } | { ok: false; message: string | null };

self.onmessage = async (event: MessageEvent<Uint8Array>) => {
  let answer: WorkbookAnswer;
  try {
    answer = { ok: true, sheets: await readWorkbook(event.data) };
  } catch (error) {
    answer = { ok: false, message: error instanceof WorkbookError ? error.message : null };
  }
  self.postMessage(answer);
};
