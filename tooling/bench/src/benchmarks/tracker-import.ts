import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createDb, type DatabaseHandle } from '@tessera/db';
import { longestEventLoopStall } from '@tessera/db/testing';
import { sql } from 'drizzle-orm';
import { startApi } from '../lib/api-host';
import { benchPerson } from '../lib/bench-person';
import { describeMachine, machineLine, markdownTable, textTable } from '../lib/report';
import type { Benchmark } from './types';

/**
 * The tracker's CSV import, measured in phases: a part of the tracker benchmark, and on its own as
 * `BENCH_ONLY=tracker-import` (no lists, analytics or export; only another person's jobs are seeded
 * first, so the indexes have the benchmark's size).
 */

const skills = ['TypeScript', 'React', 'Go', 'Rust', 'Python', 'SQL', 'Postgres', 'Docker', 'Kubernetes', 'AWS', 'GCP', 'Java', 'Kotlin', 'Swift', 'Node', 'GraphQL', 'Terraform', 'Spark', 'dbt', 'Figma'];
const titles = ['Backend Engineer', 'Frontend Developer', 'Data Scientist', 'DevOps Engineer', 'Product Manager', 'QA Engineer', 'Mobile Developer', 'ML Engineer'];

/** A jobs CSV with quoted fields, embedded commas and quotes, aliases (full-time) and a `|` tech stack. */
export function importCsvOf(rows: number): string {
  const lines = ['title,company,description,location,remote,job type,salary min,salary max,currency,tech stack,url,posted'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `"${titles[i % 8]}, team ${i % 50}",Company ${i % 1500},"Imported role ${i}, with ""quotes""",Berlin,${['remote', 'hybrid', 'onsite'][i % 3]},full-time,${40000 + (i % 500) * 100},${60000 + (i % 500) * 100},EUR,"${skills[i % 20]}|${skills[(i * 3) % 20]}",https://import.example.com/${i},2025-0${1 + (i % 9)}-1${i % 10}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

interface ImportResult {
  created: number;
  validRows: number;
  problems: unknown[];
}
export interface ImportCaller {
  tracker: { transfer: { importCsv(input: { kind: 'jobs'; csv: string; mode: 'dryRun' | 'allOrNothing' }): Promise<ImportResult> } };
}

/** CPU seconds of a local process from /proc (Postgres backends; null when not readable). */
function processCpu(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU of the database while `run` runs: PGlite works inside this process (so it is part of the
 * process's own CPU); Postgres backends of this database are read from /proc every 50 ms, so a
 * remote server reports null.
 */
async function measured<T>(database: DatabaseHandle, run: () => Promise<T>) {
  const backends = async () => {
    if (!database.pool) return [];
    const result = await database.pool.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()');
    return result.rows.map((r) => r.pid);
  };
  const seen = new Map<number, { first: number; last: number }>();
  const sample = async () => {
    for (const pid of await backends()) {
      const cpu = processCpu(pid);
      if (cpu === null) continue;
      const entry = seen.get(pid);
      if (entry) entry.last = cpu;
      else seen.set(pid, { first: cpu, last: cpu });
    }
  };
  await sample();
  const timer = database.pool ? setInterval(() => void sample(), 50) : undefined;
  const cpu0 = process.cpuUsage();
  // With the longest the event loop (every other request of the server) waited meanwhile.
  const { result, elapsedMs, longestMs: longestStallMs } = await longestEventLoopStall(run, 5);
  const seconds = elapsedMs / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  await sample();
  const serverCpu = database.pool ? (seen.size ? [...seen.values()].reduce((sum, e) => sum + e.last - e.first, 0) : null) : null;
  return { result, seconds, processCpu: (cpu.user + cpu.system) / 1e6, serverCpu, longestStallMs };
}

export interface ImportPhases {
  rows: number;
  bytes: number;
  /** Parse + map + validate (a dry run: nothing written). */
  dryRun: { seconds: number; processCpu: number; longestStallMs: number };
  /** The whole import (all-or-nothing), as the benchmark's figure; `longestStallMs`: the event loop's longest wait meanwhile. */
  full: { seconds: number; processCpu: number; serverCpu: number | null; longestStallMs: number };
  /** The same number of rows by one `insert … select generate_series` statement: what the table itself costs. */
  sqlFloor: { seconds: number; processCpu: number; serverCpu: number | null };
}

/** Dry run, full import (each with its own account's caller) and the SQL floor (into a third account). */
export async function measureImport(database: DatabaseHandle, dry: ImportCaller, full: ImportCaller, floorUserId: string, rows: number): Promise<ImportPhases> {
  const csv = importCsvOf(rows);
  const dryRun = await measured(database, () => dry.tracker.transfer.importCsv({ kind: 'jobs', csv, mode: 'dryRun' }));
  if (dryRun.result.validRows !== rows) throw new Error(`dry run found ${dryRun.result.validRows} valid rows of ${rows}`);
  const imported = await measured(database, () => full.tracker.transfer.importCsv({ kind: 'jobs', csv, mode: 'allOrNothing' }));
  if (imported.result.created !== rows) throw new Error(`import created ${imported.result.created} of ${rows}: ${JSON.stringify(imported.result.problems.slice(0, 3))}`);
  const floor = await measured(database, () =>
    database.db.execute(sql`
      insert into jobs (user_id, title, company, description, location, remote, job_type, salary_min, salary_max, salary_currency,
                        tech_stack, tech_stack_keys, url, source, posted_at, created_at, updated_at)
      select ${floorUserId}::uuid, 'Backend Engineer, team ' || (i % 50), 'Company ' || (i % 1500), 'Imported role ' || i || ', with "quotes"',
             'Berlin', (array['remote', 'hybrid', 'onsite'])[1 + i % 3]::job_remote, 'full_time', 40000 + (i % 500) * 100, 60000 + (i % 500) * 100,
             'EUR', array['Go', 'Rust'], array['go', 'rust'], 'https://import.example.com/' || i, null, date '2025-01-01' + (i % 300), now(), now()
      from generate_series(1, ${rows}) as i`),
  );
  return {
    rows,
    bytes: csv.length,
    dryRun: { seconds: dryRun.seconds, processCpu: dryRun.processCpu, longestStallMs: dryRun.longestStallMs },
    full: { seconds: imported.seconds, processCpu: imported.processCpu, serverCpu: imported.serverCpu, longestStallMs: imported.longestStallMs },
    sqlFloor: { seconds: floor.seconds, processCpu: floor.processCpu, serverCpu: floor.serverCpu },
  };
}

/** One line per phase, for logs and the docs. */
export function describePhases(p: ImportPhases): string[] {
  const s = (n: number) => `${n.toFixed(2)} s`;
  const server = (n: number | null) => (n === null ? '' : `, Postgres backends ${s(n)} CPU`);
  return [
    `parse + map + validate (dry run): ${s(p.dryRun.seconds)} (${s(p.dryRun.processCpu)} CPU)`,
    `whole import, all-or-nothing: ${s(p.full.seconds)} (this process ${s(p.full.processCpu)} CPU${server(p.full.serverCpu)}; event loop held up to ${p.full.longestStallMs.toFixed(0)} ms)`,
    `same rows by one INSERT … SELECT generate_series (the table's indexes, tsvector, triggers alone): ${s(p.sqlFloor.seconds)}${p.sqlFloor.serverCpu === null ? ` (${s(p.sqlFloor.processCpu)} CPU)` : server(p.sqlFloor.serverCpu)}`,
  ];
}

/** Jobs of another person inserted first, so the import's index work happens at the benchmark's size. */
async function seedOtherJobs(database: DatabaseHandle, userId: string, jobs: number) {
  await database.db.execute(sql`
    insert into jobs (user_id, title, company, description, location, remote, job_type, salary_min, salary_max, salary_currency,
                      tech_stack, tech_stack_keys, url, source, posted_at, created_at, updated_at)
    select ${userId}::uuid, 'Seeded role ' || i, 'Company ' || (i % 2000), 'Role ' || i || ': build and run services.',
           (array['Berlin', 'Paris', 'London'])[1 + i % 3], 'remote', 'full_time', 30000 + i % 90000, 50000 + i % 90000, 'EUR',
           array['Go', 'SQL'], array['go', 'sql'], 'https://jobs.example.com/' || i, 'LinkedIn', date '2024-01-01' + (i % 700),
           timestamptz '2024-01-01' + make_interval(mins => i), timestamptz '2024-01-01' + make_interval(mins => i)
    from generate_series(1, ${jobs}) as i`);
  await database.db.execute(sql`analyze`);
}

/** A scratch database on the Postgres server of `url` (created here, dropped by `drop`): nobody's data is touched. */
async function scratchDatabase(url: string) {
  const name = `tessera_import_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createDb({ url, poolMax: 1 });
  await admin.db.execute(sql.raw(`create database ${name}`));
  await admin.close();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: async () => {
      const dropper = await createDb({ url, poolMax: 1 });
      await dropper.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await dropper.close();
    },
  };
}

const title = 'Tracker CSV import alone, in phases';
const importTargetSeconds = 5;

export const trackerImportBenchmark: Benchmark = {
  id: 'tracker-import',
  title,
  async run({ databases, log }) {
    // eslint-disable-next-line no-restricted-properties -- benchmark sizes, read once here
    const env = process.env;
    const number = (name: string, fallback: number) => {
      const value = Number(env[name] ?? '');
      return Number.isFinite(value) && value >= 0 && env[name] !== '' && env[name] !== undefined ? value : fallback;
    };
    const scale = number('BENCH_TRACKER_SCALE', 1);
    const rows = Math.round(number('BENCH_TRACKER_IMPORT_ROWS', 100_000) * scale);
    const seedJobs = Math.round(number('BENCH_TRACKER_JOBS', 100_000) * scale);
    const only = (env.BENCH_TRACKER_DATABASES ?? '').toLowerCase();
    const table: string[][] = [];
    for (const target of databases.filter((t) => !only || (only === 'postgres') === Boolean(t.url))) {
      const scratch = target.url ? await scratchDatabase(target.url) : undefined;
      const database = await createDb(scratch ? { url: scratch.url, poolMax: 10 } : { dataDir: 'memory://' });
      try {
        await database.migrate();
        const { app, deps, base } = await startApi(database);
        try {
          const person = (email: string) => benchPerson(base, deps, email, 'Bench Importer');
          if (seedJobs) {
            const started = performance.now();
            await seedOtherJobs(database, (await person('other@bench.example.com')).userId, seedJobs);
            log(`› ${target.label}: seeded ${seedJobs} jobs of another person in ${((performance.now() - started) / 1000).toFixed(1)} s`);
          }
          const dry = await person('dry-run@bench.example.com');
          const full = await person('importer@bench.example.com');
          const floor = await person('sql-floor@bench.example.com');
          const phases = await measureImport(database, dry.caller, full.caller, floor.userId, rows);
          log(`› ${target.label}: import of ${rows} job rows (${(phases.bytes / 1024 ** 2).toFixed(1)} MiB)`);
          for (const line of describePhases(phases)) log(`  ${line}`);
          const s = (n: number | null) => (n === null ? '—' : `${n.toFixed(2)} s`);
          const pg = Boolean(target.url);
          const ms = (n: number) => `${n.toFixed(0)} ms`;
          table.push([target.label, 'parse + map + validate (dry run)', s(phases.dryRun.seconds), s(phases.dryRun.processCpu), '—', ms(phases.dryRun.longestStallMs), '']);
          table.push([
            target.label,
            `whole import, all-or-nothing (${rows} rows)`,
            s(phases.full.seconds),
            s(phases.full.processCpu),
            pg ? s(phases.full.serverCpu) : 'in process',
            ms(phases.full.longestStallMs),
            phases.full.seconds < importTargetSeconds ? 'PASS' : 'FAIL',
          ]);
          table.push([target.label, 'same rows, one INSERT … SELECT generate_series', s(phases.sqlFloor.seconds), s(phases.sqlFloor.processCpu), pg ? s(phases.sqlFloor.serverCpu) : 'in process', '—', '']);
        } finally {
          await app.close();
        }
      } finally {
        await database.close();
        await scratch?.drop();
      }
    }
    const header = ['database', 'phase', 'wall', 'CPU of this process', 'CPU of the Postgres backends', "event loop's longest wait", `verdict (< ${importTargetSeconds} s)`];
    const machine = describeMachine();
    const markdown = [
      `## ${title}`,
      '',
      `- Last run: ${machineLine(machine)}`,
      `- Size: ${rows} job rows imported (the tracker benchmark's file) after ${seedJobs} jobs of another person were inserted, so the indexes have the benchmark's size.`,
      '- Command: `BENCH_ONLY=tracker-import pnpm bench` (Postgres too: `BENCH_DATABASE_URL=…`, which gets a scratch database that is dropped afterwards; one database: `BENCH_TRACKER_DATABASES=pglite|postgres`; sizes: `BENCH_TRACKER_IMPORT_ROWS`, `BENCH_TRACKER_JOBS`, `BENCH_TRACKER_SCALE`).',
      '',
      'Each phase runs in its own account. "dry run" parses, maps and validates without writing; "whole import" is `tracker.transfer.importCsv` with `allOrNothing`',
      '(called in process, as the tracker benchmark does); "INSERT … SELECT" writes the same number of rows in one statement: the floor the jobs table (its indexes,',
      'the generated tsvector and the triggers) sets without any parsing. CPU of the Postgres backends is read from /proc (a local server only).',
      "The event loop's longest wait is how long the server's other requests could not be answered during the phase (a 5 ms timer's longest gap).",
      'On Postgres the import streams rows into `COPY` while it reads the file, so parsing overlaps the database\'s work and the wall time follows the backend.',
      '',
      markdownTable(header, table),
    ].join('\n');
    return { summary: [`${title} (${machineLine(machine)})`, textTable(header, table)].join('\n'), markdown };
  },
};
