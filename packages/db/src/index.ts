import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

export { schema };
export type Schema = typeof schema;

/** The one database type services see, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: pass it instead of `db` inside `db.transaction(...)`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Services accept either, so they compose inside a caller's transaction. */
export type DbOrTx = Database | Transaction;

/**
 * A Postgres unique violation (23505), from pg or PGlite, possibly wrapped by drizzle (`cause`):
 * how a write that lost a race for a unique value is told apart from other failures.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && (current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The rows of a raw SQL statement (`db.execute`): both drivers answer `{ rows }`, but drizzle types
 * the result per driver, so raw reads go through here instead of a cast at every call.
 */
export async function selectRows<T>(db: Pick<Database, 'execute'>, query: SQL): Promise<T[]> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the HKT result type is driver-specific
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export type DatabaseMode = 'embedded' | 'postgres';

/**
 * Queries on one checked-out connection of the pool (its open transaction included), with the
 * same schema as `DatabaseHandle.db`: for work that must stay on the connection it began on.
 */
export function connectionDb(client: pg.PoolClient): Database {
  return drizzleNodePg(client, { schema });
}

export interface DatabaseHandle {
  db: Database;
  mode: DatabaseMode;
  /** Apply every committed migration that is not applied yet. */
  migrate(): Promise<void>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  close(): Promise<void>;
  /** The embedded engine, for callers (queue, tests) that need the raw PGlite instance. */
  pglite?: PGlite;
  /** The Postgres pool, when mode is 'postgres'. */
  pool?: pg.Pool;
}

export interface MigrationStatus {
  applied: number;
  available: number;
  latest: string | null;
}

export interface CreateDbOptions {
  /** Postgres connection string. When absent the embedded PGlite engine is used. */
  url?: string;
  /** PGlite data directory; `memory://` (the default) keeps everything in memory. */
  dataDir?: string;
  /** Largest number of pooled Postgres connections. */
  poolMax?: number;
  migrationsFolder?: string;
}

/** Committed drizzle-kit migrations. In the bundled API they are copied next to the bundle. */
export const defaultMigrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

function readJournal(folder: string): JournalEntry[] {
  const file = join(folder, 'meta', '_journal.json');
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: JournalEntry[] }).entries;
}

/**
 * PGlite runs each statement synchronously on this thread, and its promises settle without the event
 * loop getting a turn in between: a loop of statements (an import, an export, a restore) held every
 * other request, timer and socket for its whole length — twenty 65 ms queries were one 1.3 s stall,
 * and a 100,000-row import on the embedded database ~16 s. Every statement (each query of a
 * transaction too: they all pass here) now starts after one turn of the event loop, so the stall is
 * at most one statement. A top-level query still waits for an open transaction (PGlite's own lock).
 */
class TakingTurnsPGlite extends PGlite {
  override async _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return super._runExclusiveQuery(fn);
  }
}

/**
 * Only one process may open a PGlite directory (two corrupt it). A lock file holding the owner's
 * pid turns that into a clear start-up error; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'tessera.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner}. Stop it first, or set DATA_DIR to another directory.`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database directory ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function createDb(options: CreateDbOptions = {}): Promise<DatabaseHandle> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder;

  const migrationStatus = async (db: Database): Promise<MigrationStatus> => {
    const journal = readJournal(migrationsFolder);
    let appliedAt: number[] = [];
    try {
      const rows = await selectRows<{ created_at: string | number }>(db, sql`select created_at from drizzle.__drizzle_migrations order by created_at`);
      appliedAt = rows.map((row) => Number(row.created_at));
    } catch {
      appliedAt = [];
    }
    const last = appliedAt.at(-1);
    const latest = last === undefined ? null : (journal.find((e) => e.when === last)?.tag ?? String(last));
    return { applied: appliedAt.length, available: journal.length, latest };
  };

  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 10 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const db = drizzleNodePg(pool, { schema }) as unknown as Database;
    return {
      db,
      mode: 'postgres',
      pool,
      migrate: async () => {
        await migrateNodePg(drizzleNodePg(pool), { migrationsFolder });
      },
      ping: async () => {
        await pool.query('select 1');
      },
      migrationStatus: () => migrationStatus(db),
      close: () => pool.end(),
    };
  }

  const dataDir = options.dataDir ?? 'memory://';
  const unlock = dataDir.startsWith('memory://') ? () => undefined : lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = new TakingTurnsPGlite(dataDir);
    await pglite.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  return {
    db,
    mode: 'embedded',
    pglite,
    migrate: async () => {
      await migratePglite(drizzlePglite(pglite), { migrationsFolder });
    },
    ping: async () => {
      await pglite.query('select 1');
    },
    migrationStatus: () => migrationStatus(db),
    close: async () => {
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}
