import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, schema } from './index';
import { createTestDatabase, longestEventLoopStall, usingPostgres } from './testing';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-db-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('createDb on the embedded engine', () => {
  it('migrates, reports the migration level, and keeps data across reopening', async () => {
    const dataDir = tempDir();
    const first = await createDb({ dataDir });
    expect(first.mode).toBe('embedded');
    expect(await first.migrationStatus()).toMatchObject({ applied: 0, latest: null });
    await first.migrate();
    const status = await first.migrationStatus();
    expect(status.applied).toBe(status.available);
    expect(status.available).toBeGreaterThan(0);
    expect(status.latest).toMatch(/^\d{4}_/);
    await first.db.insert(schema.appMetadata).values({ key: 'kept', value: 'yes' });
    await first.close();

    const again = await createDb({ dataDir });
    await again.migrate(); // idempotent
    const rows = await again.db.select().from(schema.appMetadata);
    expect(rows.map((r) => r.value)).toEqual(['yes']);
    await again.close();
  }, 60_000);

  it('refuses a second process on the same data directory and takes over a dead one’s lock', async () => {
    const dataDir = tempDir();
    // A lock held by a live process other than this one (the parent of this test process).
    writeFileSync(join(dataDir, 'tessera.lock'), String(process.ppid));
    await expect(createDb({ dataDir })).rejects.toThrow(/in use by process/);
    // A lock left by a process that no longer exists.
    writeFileSync(join(dataDir, 'tessera.lock'), '2147483646');
    const handle = await createDb({ dataDir });
    await handle.ping();
    await handle.close();
  }, 60_000);
});

describe('the embedded database', () => {
  it('gives the event loop a turn between statements, so a long run of queries does not hold every other request', async () => {
    const handle = await createDb({});
    try {
      // Twenty statements of tens of milliseconds each, back to back, as an import or an export runs them.
      const { longestMs, elapsedMs } = await longestEventLoopStall(async () => {
        for (let i = 0; i < 20; i++) await handle.pglite!.query('select sum(g) from generate_series(1, 200000) g');
      });
      // Without the turns the whole run is one stall; with them, the longest is about one statement (a twentieth).
      expect(longestMs).toBeLessThan(elapsedMs / 4);
    } finally {
      await handle.close();
    }
  }, 60_000);
});

describe('createTestDatabase', () => {
  it(`gives a fresh, migrated, isolated database (${usingPostgres ? 'Postgres' : 'PGlite'})`, async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    try {
      await a.db.insert(schema.appMetadata).values({ key: 'only-in-a', value: '1' });
      expect(await b.db.select().from(schema.appMetadata)).toEqual([]);
      const [row] = await a.db.select({ n: count() }).from(schema.appMetadata);
      expect(row?.n).toBe(1);
      expect(a.mode).toBe(usingPostgres ? 'postgres' : 'embedded');
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
