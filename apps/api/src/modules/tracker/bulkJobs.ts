import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { connectionDb, type Database, type DatabaseHandle, type DbOrTx } from '@tessera/db';
import { sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { insertJobRows, type jobRow } from './jobs.service';
import { nextTurn } from './shared';

export type BulkJobRow = ReturnType<typeof jobRow> & { id: string };

/**
 * Ids for one bulk load: UUIDv7 (creation time, then a counter, then 42 random bits), ascending in
 * the order they are made. Ascending keys let the primary key and the `(user, created, id)` and
 * `(user, updated, id)` indexes take 100,000 rows as near-appends instead of random page inserts
 * (~20 % less database CPU for the load), and the list shows an import in file order.
 */
export function orderedIds(at: Date): () => string {
  const time = at.getTime().toString(16).padStart(12, '0');
  const prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  let counter = 0;
  let random = randomBytes(0);
  let offset = 0;
  return () => {
    if (counter > 0xffffffff) throw new Error('orderedIds: more than 2^32 ids for one timestamp');
    if (offset + 6 > random.length) {
      random = randomBytes(6 * 4096);
      offset = 0;
    }
    const high = Math.floor(counter / 0x100000); // 12 bits (rand_a)
    const low = counter % 0x100000; // 20 bits: 14 in the variant group, 6 in the last group
    counter++;
    const tail = random.readUIntBE(offset, 6) % 2 ** 42;
    offset += 6;
    const last = ((low & 0x3f) * 2 ** 42 + tail).toString(16).padStart(12, '0');
    return `${prefix}${high.toString(16).padStart(3, '0')}-${(0x8000 | (low >>> 6)).toString(16)}-${last}`;
  };
}

/** COPY text format: backslash escapes for the four characters that would break a row or a column. */
const needsEscape = /[\\\n\r\t]/;
function copyText(value: string): string {
  return needsEscape.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t')) : value;
}
const copyNullable = (value: string | number | null) => (value === null ? '\\N' : typeof value === 'number' ? String(value) : copyText(value));
/** A `text[]` literal (`{"a","b \"c\""}`), then escaped for COPY. */
const copyArray = (values: string[]) => copyText(`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);

const copyColumns =
  'id, user_id, title, company, description, location, remote, job_type, salary_min, salary_max, salary_currency, tech_stack, tech_stack_keys, url, source, posted_at, created_at, updated_at';

function copyLine(row: BulkJobRow, createdAt: string, updatedAt: string): string {
  return `${row.id}\t${row.userId}\t${copyText(row.title)}\t${copyText(row.company)}\t${copyNullable(row.description)}\t${copyNullable(row.location)}\t${copyNullable(row.remote)}\t${copyNullable(row.jobType)}\t${copyNullable(row.salaryMin)}\t${copyNullable(row.salaryMax)}\t${copyNullable(row.salaryCurrency)}\t${copyArray(row.techStack)}\t${copyArray(row.techStackKeys)}\t${copyNullable(row.url)}\t${copyNullable(row.source)}\t${copyNullable(row.postedAt)}\t${createdAt}\t${updatedAt}\n`;
}

/** Rows go in as the caller produces them; `drain` lets the database catch up. */
export interface JobRowSink {
  add(row: BulkJobRow): void;
  /** Sends what is queued; waits only while the database is behind. Call every few thousand rows. */
  drain(): Promise<void>;
}

/**
 * Rows per `jsonb_to_recordset` statement on PGlite. PGlite runs a statement on the API's own thread,
 * so it is also the longest the server stops answering during an import: 5,000-row statements held
 * it 1.2–1.7 s, 1,000-row ones 0.7 s, for 2–7 % more
 * import time (benchmark, 100,000 rows).
 */
const jsonChunkRows = 1000;
/** Bytes of COPY text gathered before one write to the connection. */
const copyWriteBytes = 256 * 1024;

class RolledBack extends Error {}

/** Takes the transaction-scoped advisory lock called `name` (waits while another transaction holds it). */
export const advisoryLock = (name: string) => sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`;

/**
 * Runs `work` in one transaction that bulk-loads jobs, and commits only when `work` answers true
 * (false or a throw rolls everything back, rows already sent included). On Postgres the rows stream
 * into `COPY jobs FROM STDIN` on a connection of the pool while the caller is still reading and
 * validating the file, so parsing and the database's index work overlap; on PGlite (one thread,
 * nothing to overlap) they go in `jsonb_to_recordset` statements of a few thousand rows.
 *
 * `start.lock` names a transaction-scoped advisory lock taken first: two loads under the same name
 * run one after the other. `start.read` then runs in the transaction, on its connection, before any
 * row is sent — it sees everything the previous holder committed, and it never needs a second
 * connection of the pool while this one is held.
 */
export async function withJobRowSink(
  database: DatabaseHandle,
  db: Database,
  start: { lock: string; read: (tx: DbOrTx) => Promise<void> },
  work: (sink: JobRowSink) => Promise<boolean>,
): Promise<boolean> {
  if (database.pool) return copySink(database.pool, start, work);
  try {
    await db.transaction(async (tx) => {
      await tx.execute(advisoryLock(start.lock));
      await start.read(tx);
      let queued: BulkJobRow[] = [];
      const sink: JobRowSink = {
        add: (row) => void queued.push(row),
        drain: async () => {
          if (queued.length < jsonChunkRows) return nextTurn();
          const chunk = queued;
          queued = [];
          await insertJobRows(tx, chunk);
        },
      };
      if (!(await work(sink))) throw new RolledBack();
      if (queued.length) await insertJobRows(tx, queued);
    });
    return true;
  } catch (error) {
    if (error instanceof RolledBack) return false;
    throw error;
  }
}

async function copySink(
  pool: NonNullable<DatabaseHandle['pool']>,
  start: { lock: string; read: (tx: DbOrTx) => Promise<void> },
  work: (sink: JobRowSink) => Promise<boolean>,
): Promise<boolean> {
  const client = await pool.connect();
  let reusable = true;
  try {
    await client.query('begin');
    const tx = connectionDb(client);
    await tx.execute(advisoryLock(start.lock));
    await start.read(tx);
    const stream = client.query(copyFrom(`copy jobs (${copyColumns}) from stdin`));
    const done = finished(stream);
    done.catch(() => undefined); // awaited below; a failure before then must not be unhandled
    let buffer = '';
    let stamp: { at: Date; text: string } | undefined;
    const stampOf = (at: Date) => {
      if (stamp?.at !== at) stamp = { at, text: at.toISOString() };
      return stamp.text;
    };
    const sink: JobRowSink = {
      add: (row) => {
        buffer += copyLine(row, stampOf(row.createdAt), row.updatedAt === row.createdAt ? stamp!.text : row.updatedAt.toISOString());
        if (buffer.length >= copyWriteBytes) {
          stream.write(buffer);
          buffer = '';
        }
      },
      drain: async () => {
        if (buffer) stream.write(buffer);
        buffer = '';
        if (stream.errored) throw stream.errored;
        // Waiting on the socket also hands the event loop to node-postgres, which sends the data.
        if (stream.writableNeedDrain) await once(stream, 'drain');
        else await nextTurn();
      },
    };
    let commit: boolean;
    try {
      commit = await work(sink);
    } catch (error) {
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
      await done.catch(() => undefined);
      throw error;
    }
    if (!commit) {
      // CopyFail: the server drops what it received; the transaction is rolled back below.
      stream.destroy(new Error('import cancelled'));
      await done.catch(() => undefined);
      await client.query('rollback');
      return false;
    }
    if (buffer) stream.write(buffer);
    stream.end();
    await done;
    await client.query('commit');
    return true;
  } catch (error) {
    try {
      await client.query('rollback');
    } catch {
      reusable = false; // a connection in an unknown state is closed, not returned to the pool
    }
    throw error;
  } finally {
    client.release(reusable ? undefined : true);
  }
}
