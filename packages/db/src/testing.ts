import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type DatabaseHandle } from './index';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new Postgres
 * database (created here, dropped on close) when TEST_DATABASE_URL points at a server.
 */
export async function createTestDatabase(
  // eslint-disable-next-line no-restricted-properties
  serverUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined,
): Promise<DatabaseHandle> {
  if (!serverUrl) {
    const handle = await createDb({ dataDir: 'memory://' });
    await handle.migrate();
    return handle;
  }
  const name = `tessera_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString(), poolMax: 5 });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** True when the test run was pointed at a real Postgres server. */
// eslint-disable-next-line no-restricted-properties
export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * Runs `run` and reports the longest the event loop went without a turn meanwhile (the longest gap
 * between ticks of a `tickMs` timer), with the run's own time to compare it to. How tests and the
 * benchmarks check that long work (a run of PGlite statements, an import, a workbook build) lets
 * the server's other requests through.
 */
export async function longestEventLoopStall<T>(run: () => Promise<T>, tickMs = 2): Promise<{ result: T; longestMs: number; elapsedMs: number }> {
  let lastTick = performance.now();
  let longestMs = 0;
  const ticking = setInterval(() => {
    const now = performance.now();
    longestMs = Math.max(longestMs, now - lastTick);
    lastTick = now;
  }, tickMs);
  try {
    const started = performance.now();
    const result = await run();
    const elapsedMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, tickMs * 5)); // the tick after a stall that ended with the run
    return { result, longestMs, elapsedMs };
  } finally {
    clearInterval(ticking);
  }
}
