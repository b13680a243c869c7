import { longestEventLoopStall } from '@tessera/db/testing';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { excelBuildsAtOnce, ExcelTooLargeError, excelWorkbook } from '../src/modules/tracker/excel';

/** How the Excel export is built: in a worker thread, a few at a time, stopped when the client leaves. */

const fields = ['title', 'company', 'description', 'salaryMin', 'postedAt', 'createdAt'];
const row = (i: number, description = `Role ${i}: build and run services.`) => ({
  title: `Engineer ${i}`,
  company: `Company ${i % 50}`,
  description,
  salaryMin: 50_000 + i,
  postedAt: '2026-03-04',
  createdAt: new Date(Date.UTC(2026, 2, 4, 12, 0, i % 60)),
});

async function* pagesOf(count: number, make: (i: number) => Record<string, unknown> = row, pageSize = 1000) {
  for (let start = 0; start < count; start += pageSize) {
    await Promise.resolve(); // as a database read would, between pages
    yield Array.from({ length: Math.min(pageSize, count - start) }, (_, k) => make(start + k));
  }
}

/** A page source that waits for `release()` before its first page, and says when it was first read. */
function heldPages() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const state = { started: false, release };
  async function* pages() {
    state.started = true;
    await released;
    yield [row(1)];
  }
  return { state, pages: pages() };
}

describe('Excel workbook builder', () => {
  it('builds the workbook in a worker thread: the event loop keeps turning while 20,000 rows are built', async () => {
    // Built on the event loop (before), the build held it for most of the export's time: 1.3 s of
    // 1.9 s for 15,000 rows in the benchmark. The pages here are made in memory, so the build is
    // nearly all the work; the longest stall is compared with the whole, not with a fixed time.
    const { result: bytes, longestMs, elapsedMs } = await longestEventLoopStall(() => excelWorkbook('Jobs', fields, pagesOf(20_000)), 5);
    expect(longestMs).toBeLessThan(elapsedMs / 4);

    const [sheet] = await readXlsxFile(bytes);
    expect(sheet!.data).toHaveLength(20_001);
    expect(sheet!.data[0]).toEqual(fields);
    expect(sheet!.data[20_000]!.slice(0, 4)).toEqual(['Engineer 19999', 'Company 49', 'Role 19999: build and run services.', 69_999]);
    expect(sheet!.data[1]![4]).toEqual(new Date('2026-03-04T00:00:00Z'));
  });

  it(`builds at most ${excelBuildsAtOnce} workbooks at once; the next starts when one ends`, async () => {
    const held = Array.from({ length: excelBuildsAtOnce + 1 }, heldPages);
    const builds = held.map(({ pages }) => excelWorkbook('Jobs', fields, pages));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held.map(({ state }) => state.started)).toEqual([...Array<boolean>(excelBuildsAtOnce).fill(true), false]);

    held[0]!.state.release();
    await builds[0];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held.at(-1)!.state.started).toBe(true);
    for (const { state } of held) state.release();
    const workbooks = await Promise.all(builds);
    for (const bytes of workbooks) expect((await readXlsxFile(bytes))[0]!.data).toHaveLength(2);
  });

  it('stops when the client leaves, waiting or building, and frees its place', async () => {
    const building = new AbortController();
    const slow = heldPages();
    const build = excelWorkbook('Jobs', fields, slow.pages, { signal: building.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    building.abort(new Error('client left'));
    await expect(build).rejects.toThrow('client left');

    // One waiting for a place, then aborted: it never starts, and the places are free again.
    const blockers = Array.from({ length: excelBuildsAtOnce }, heldPages);
    const running = blockers.map(({ pages }) => excelWorkbook('Jobs', fields, pages));
    const waiting = new AbortController();
    const queued = heldPages();
    const queuedBuild = excelWorkbook('Jobs', fields, queued.pages, { signal: waiting.signal });
    waiting.abort(new Error('gave up waiting'));
    await expect(queuedBuild).rejects.toThrow('gave up waiting');
    expect(queued.state.started).toBe(false);
    for (const { state } of blockers) state.release();
    await Promise.all(running);
    const after = await excelWorkbook('Jobs', fields, pagesOf(3));
    expect((await readXlsxFile(after))[0]!.data).toHaveLength(4);
  });

  it('refuses more rows than the cap, and more text than the worker may hold, with a message that says what to do', async () => {
    await expect(excelWorkbook('Jobs', fields, pagesOf(20_001))).rejects.toThrow(ExcelTooLargeError);

    // 3,000 descriptions of 30,000 characters (90 M characters) in a worker allowed 16 MB of heap.
    const long = 'x'.repeat(30_000);
    const refused = excelWorkbook('Jobs', fields, pagesOf(3_000, (i) => row(i, `${i}${long}`), 100), { heapMb: 16 });
    await expect(refused).rejects.toThrow(ExcelTooLargeError);
    await expect(refused).rejects.toThrow(/too much text to build as an Excel file.*download CSV/);
    // The process is untouched and the next export builds.
    expect((await readXlsxFile(await excelWorkbook('Jobs', fields, pagesOf(2))))[0]!.data).toHaveLength(3);
  });
});
