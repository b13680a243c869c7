import { readFileSync } from 'node:fs';
import type { DatabaseHandle } from '@tessera/db';
import { sql } from 'drizzle-orm';

/**
 * The tracker's CSV import, measured in phases: used by the tracker benchmark and by
 * `src/tracker-import.ts` (the import alone, without the lists, analytics and export).
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
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  await sample();
  const serverCpu = database.pool ? (seen.size ? [...seen.values()].reduce((sum, e) => sum + e.last - e.first, 0) : null) : null;
  return { result, seconds, processCpu: (cpu.user + cpu.system) / 1e6, serverCpu };
}

export interface ImportPhases {
  rows: number;
  bytes: number;
  /** Parse + map + validate (a dry run: nothing written). */
  dryRun: { seconds: number; processCpu: number };
  /** The whole import (all-or-nothing), as the benchmark's figure. */
  full: { seconds: number; processCpu: number; serverCpu: number | null };
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
    dryRun: { seconds: dryRun.seconds, processCpu: dryRun.processCpu },
    full: { seconds: imported.seconds, processCpu: imported.processCpu, serverCpu: imported.serverCpu },
    sqlFloor: { seconds: floor.seconds, processCpu: floor.processCpu, serverCpu: floor.serverCpu },
  };
}

/** One line per phase, for logs and the docs. */
export function describePhases(p: ImportPhases): string[] {
  const s = (n: number) => `${n.toFixed(2)} s`;
  const server = (n: number | null) => (n === null ? '' : `, Postgres backends ${s(n)} CPU`);
  return [
    `parse + map + validate (dry run): ${s(p.dryRun.seconds)} (${s(p.dryRun.processCpu)} CPU)`,
    `whole import, all-or-nothing: ${s(p.full.seconds)} (this process ${s(p.full.processCpu)} CPU${server(p.full.serverCpu)})`,
    `same rows by one INSERT … SELECT generate_series (the table's indexes, tsvector, triggers alone): ${s(p.sqlFloor.seconds)}${p.sqlFloor.serverCpu === null ? ` (${s(p.sqlFloor.processCpu)} CPU)` : server(p.sqlFloor.serverCpu)}`,
  ];
}
