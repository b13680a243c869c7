import { createDb, type DatabaseHandle } from '@tessera/db';
import { longestEventLoopStall } from '@tessera/db/testing';
import { sql } from 'drizzle-orm';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startApi } from '../lib/api-host';
import { benchPerson } from '../lib/bench-person';
import { describeMachine, machineLine, markdownTable, mib, textTable } from '../lib/report';
import { describePhases, measureImport } from './tracker-import';
import type { Benchmark } from './types';

/**
 * Tracker at the issue's volume: one person with 100,000 jobs and 200,000 applications among 100
 * users. Sizes come from BENCH_TRACKER_* so the same benchmark runs small (BENCH_TRACKER_SCALE=0.05).
 */
const id = 'tracker';
const title = 'Tracker at volume (lists, import, export, analytics)';

function scaleFromEnv() {
  // eslint-disable-next-line no-restricted-properties -- benchmark sizes, read once here
  const env = process.env;
  const number = (name: string, fallback: number) => {
    const value = Number(env[name] ?? '');
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const scale = number('BENCH_TRACKER_SCALE', 1);
  return {
    jobs: Math.round(number('BENCH_TRACKER_JOBS', 100_000) * scale),
    applications: Math.round(number('BENCH_TRACKER_APPLICATIONS', 200_000) * scale),
    users: Math.round(number('BENCH_TRACKER_USERS', 100)),
    importRows: Math.round(number('BENCH_TRACKER_IMPORT_ROWS', 100_000) * scale),
    iterations: Math.round(number('BENCH_TRACKER_ITERATIONS', 200)),
    /** `pglite` or `postgres` to measure one database only (seeding PGlite at full size takes minutes). */
    databases: (env.BENCH_TRACKER_DATABASES ?? '').toLowerCase(),
  };
}

const targets = { serviceP95Ms: 20, httpP95Ms: 30, importSeconds: 5, exportGrowthMiB: 64, analyticsMs: 100 };

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const fixed = (n: number, digits = 1) => n.toFixed(digits);

/** Times `run`; `before` (untimed) runs ahead of every call, warm-up included. */
async function timeEach(iterations: number, run: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, iterations); i++) {
    await before?.();
    await run(); // warm-up: plans, JIT
  }
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    await before?.();
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

// A full collection on demand, so memory figures count what is retained, not garbage V8 has not collected yet.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Peak memory growth while `run` runs. `live`: the JS heap + buffers right after a forced full GC,
 * every 200 ms (what the work actually holds); `rss`/`heap`: raw peaks sampled every 5 ms, which
 * also count garbage waiting for collection.
 */
async function peakGrowth(run: () => Promise<unknown>) {
  gc();
  const base = process.memoryUsage();
  const baseHeap = base.heapUsed + base.arrayBuffers;
  let peakRss = base.rss;
  let peakHeap = baseHeap;
  let peakLive = baseHeap;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed + now.arrayBuffers);
  }, 5);
  const collector = setInterval(() => {
    gc();
    const now = process.memoryUsage();
    peakLive = Math.max(peakLive, now.heapUsed + now.arrayBuffers);
  }, 200);
  const started = performance.now();
  const result = await run();
  const ms = performance.now() - started;
  clearInterval(sampler);
  clearInterval(collector);
  return { rssGrowth: peakRss - base.rss, heapGrowth: peakHeap - baseHeap, liveGrowth: peakLive - baseHeap, ms, result };
}

const skills = ['TypeScript', 'React', 'Go', 'Rust', 'Python', 'SQL', 'Postgres', 'Docker', 'Kubernetes', 'AWS', 'GCP', 'Java', 'Kotlin', 'Swift', 'Node', 'GraphQL', 'Terraform', 'Spark', 'dbt', 'Figma'];
const titles = ['Backend Engineer', 'Frontend Developer', 'Data Scientist', 'DevOps Engineer', 'Product Manager', 'QA Engineer', 'Mobile Developer', 'ML Engineer'];
const sqlArray = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]`);

/** Bulk SQL seeding (generate_series), never per-row calls. */
export async function seed(db: DatabaseHandle['db'], userId: string, size: { jobs: number; applications: number }, log: (line: string) => void) {
  const started = performance.now();
  await db.execute(sql`
    insert into jobs (user_id, title, company, description, location, remote, job_type, salary_min, salary_max, salary_currency,
                      tech_stack, tech_stack_keys, url, source, posted_at, created_at, updated_at)
    select ${userId}::uuid,
      (${sqlArray(['Senior', 'Junior', 'Staff', 'Lead', 'Principal'])})[1 + i % 5] || ' ' || (${sqlArray(titles)})[1 + (i / 5) % 8],
      'Company ' || (i % 2000),
      'Role ' || i || ': build and run services; the team values testing, reviews and calm on-call.',
      (${sqlArray(['Berlin', 'Paris', 'London', 'Remote', 'New York', 'Austin'])})[1 + i % 6],
      (${sqlArray(['onsite', 'hybrid', 'remote'])})[1 + i % 3]::job_remote,
      (${sqlArray(['full_time', 'part_time', 'contract', 'internship', 'temporary'])})[1 + i % 5]::job_type,
      30000 + (i * 37) % 120000, 50000 + (i * 37) % 120000, 'EUR',
      array[(${sqlArray(skills)})[1 + i % 20], (${sqlArray(skills)})[1 + (i * 7) % 20], (${sqlArray(skills)})[1 + (i * 13) % 20]],
      array[lower((${sqlArray(skills)})[1 + i % 20]), lower((${sqlArray(skills)})[1 + (i * 7) % 20]), lower((${sqlArray(skills)})[1 + (i * 13) % 20])],
      'https://jobs.example.com/' || i, 'LinkedIn', date '2024-01-01' + (i % 700),
      timestamptz '2024-01-01' + make_interval(mins => i), timestamptz '2024-01-01' + make_interval(mins => i)
    from generate_series(1, ${size.jobs}) as i`);
  log(`  seeded ${size.jobs} jobs in ${fixed((performance.now() - started) / 1000)} s`);
  const appsStarted = performance.now();
  await db.execute(sql`
    with numbered as (select id, row_number() over (order by created_at, id) as n from jobs where user_id = ${userId}::uuid)
    insert into applications (user_id, job_id, status, applied_at, notes, status_changed_at, created_at, updated_at)
    select ${userId}::uuid, numbered.id,
      (${sqlArray(['saved', 'applied', 'applied', 'screening', 'interviewing', 'offer', 'accepted', 'rejected', 'rejected', 'ghosted', 'withdrawn'])})[1 + g % 11]::application_status,
      case when g % 11 = 0 then null else timestamptz '2024-01-01' + make_interval(hours => g % 17000) end,
      null,
      timestamptz '2024-01-01' + make_interval(hours => g % 17000 + 24 * (g % 30)),
      timestamptz '2024-01-01' + make_interval(mins => g), timestamptz '2024-01-01' + make_interval(mins => g)
    from generate_series(1, ${size.applications}) as g
    join numbered on numbered.n = 1 + g % ${size.jobs}`);
  // History: the first status (applied or saved), then the current one when it moved on.
  await db.execute(sql`
    insert into application_status_changes (user_id, application_id, from_status, to_status, changed_at)
    select user_id, id, null, case when status = 'saved' then 'saved'::application_status else 'applied'::application_status end, coalesce(applied_at, created_at)
    from applications where user_id = ${userId}::uuid`);
  await db.execute(sql`
    insert into application_status_changes (user_id, application_id, from_status, to_status, changed_at)
    select user_id, id, 'applied', status, status_changed_at
    from applications where user_id = ${userId}::uuid and status not in ('saved', 'applied')`);
  await db.execute(sql`analyze`);
  log(`  seeded ${size.applications} applications with history in ${fixed((performance.now() - appsStarted) / 1000)} s`);
}

interface Row {
  database: string;
  name: string;
  figure: string;
  target: string;
  verdict: string;
}

export const trackerBenchmark: Benchmark = {
  id,
  title,
  async run({ databases, log }) {
    const size = scaleFromEnv();
    const rows: Row[] = [];
    const chosen = databases.filter((target) => !size.databases || (size.databases === 'postgres') === Boolean(target.url));
    for (const target of chosen) {
      log(`› ${id} on ${target.label}: ${size.jobs} jobs, ${size.applications} applications, ${size.users} users`);
      const database = await createDb(target.url ? { url: target.url, poolMax: 10 } : { dataDir: 'memory://' });
      await database.migrate();
      if (target.url) await database.db.execute(sql`truncate users cascade`);
      const { app, deps, base } = await startApi(database);
      try {
        const signUp = (email: string) => benchPerson(base, deps, email, 'Bench Seeker');
        const seeker = await signUp('seeker@bench.example.com');
        await seed(deps.database.db, seeker.userId, size, log);
        // 99 other people with a little data each, so every query must filter by owner.
        await database.db.execute(sql`
          insert into users (email, name) select 'other' || i || '@bench.example.com', 'Other ' || i from generate_series(1, ${size.users - 1}) i`);
        await database.db.execute(sql`
          insert into jobs (user_id, title, company, tech_stack, tech_stack_keys)
          select u.id, 'Backend Engineer ' || g, 'Company ' || g, array['Go'], array['go']
          from users u cross join generate_series(1, 100) g where u.email like 'other%@bench.example.com'`);
        // What autovacuum does within a minute of a bulk load on Postgres (and the API's hourly
        // platform.vacuum job on PGlite): measured after it, not while it runs beside the queries.
        const vacuumStarted = performance.now();
        await database.db.execute(sql`vacuum analyze`);
        // On PGlite this is also how long the hourly platform.vacuum job holds the one connection
        // (a worst case here: every seeded row is new to the visibility map).
        const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
        log(`  vacuum analyze after seeding: ${fixed(vacuumSeconds, 2)} s`);
        rows.push({ database: target.label, name: 'VACUUM (ANALYZE) of the whole database right after seeding (PGlite: how long the hourly platform.vacuum job blocks its one connection, worst case)', figure: `${fixed(vacuumSeconds, 2)} s`, target: '—', verdict: 'info' });

        const listTotals = new Map<string, number>();
        const lists: { name: string; input: Record<string, unknown>; kind: 'jobs' | 'applications' }[] = [
          { name: 'jobs.list newest first', kind: 'jobs', input: {} },
          { name: 'jobs.list search "backend engineer" + remote', kind: 'jobs', input: { search: 'backend engineer', remote: ['remote'] } },
          { name: 'jobs.list tech any-of + salary range, by salary', kind: 'jobs', input: { techAny: ['rust', 'go'], salaryFrom: 80000, salaryTo: 120000, sort: 'salaryMax' } },
          { name: 'applications.list by status, by applied date', kind: 'applications', input: { status: ['interviewing', 'offer'], sort: 'appliedAt' } },
          { name: 'applications.list search "data scientist"', kind: 'applications', input: { search: 'data scientist' } },
        ];
        // "first page": the person's cached results are made stale before every call (what any write,
        // on any replica, does), so the total is counted again unless an aggregate answers it.
        // "next pages": the same filters again (paging, re-sorting) with the total already known.
        const staleCaches = () => database.db.execute(sql`update tracker_user_stats set version = version + 1 where user_id = ${seeker.userId}`);
        for (const list of lists) {
          const call = () => (list.kind === 'jobs' ? seeker.caller.tracker.jobs.list(list.input) : seeker.caller.tracker.applications.list(list.input));
          const service = await timeEach(size.iterations, call, staleCaches);
          const warm = await timeEach(size.iterations, call);
          const url = `${base}/trpc/tracker.${list.kind}.list?input=${encodeURIComponent(JSON.stringify({ json: list.input }))}`;
          const headers = { authorization: `Bearer ${seeker.token}` };
          // A keep-alive socket from before the (long) seeding may have been closed by the server:
          // the first request may fail on it and opens a fresh one.
          await fetch(url, { headers }).then((r) => r.arrayBuffer(), () => undefined);
          const http = await timeEach(
            size.iterations,
            async () => {
              const response = await fetch(url, { headers });
              if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
              await response.arrayBuffer();
            },
            staleCaches,
          );
          const servicePage = await call();
          listTotals.set(list.name, servicePage.total);
          const s95 = percentile(service, 95);
          const w95 = percentile(warm, 95);
          const h95 = percentile(http, 95);
          log(`  ${list.name}: total ${servicePage.total}; service first page p50 ${fixed(percentile(service, 50))} p95 ${fixed(s95)} ms; next pages p95 ${fixed(w95)} ms; HTTP first page p50 ${fixed(percentile(http, 50))} p95 ${fixed(h95)} ms`);
          rows.push({ database: target.label, name: `${list.name} (${servicePage.total} matches) — service, first page`, figure: `p50 ${fixed(percentile(service, 50))} / p95 ${fixed(s95)} ms`, target: `p95 < ${targets.serviceP95Ms} ms`, verdict: s95 < targets.serviceP95Ms ? 'PASS' : 'FAIL' });
          rows.push({ database: target.label, name: `${list.name} — service, next pages (total known)`, figure: `p50 ${fixed(percentile(warm, 50))} / p95 ${fixed(w95)} ms`, target: `p95 < ${targets.serviceP95Ms} ms`, verdict: w95 < targets.serviceP95Ms ? 'PASS' : 'FAIL' });
          rows.push({ database: target.label, name: `${list.name} — HTTP, first page`, figure: `p50 ${fixed(percentile(http, 50))} / p95 ${fixed(h95)} ms`, target: `p95 < ${targets.httpP95Ms} ms`, verdict: h95 < targets.httpP95Ms ? 'PASS' : 'FAIL' });
        }

        // Analytics uncached: the cache is dropped by a write before each call.
        const analyticsSamples: number[] = [];
        for (let i = 0; i < 6; i++) {
          await seeker.caller.tracker.skills.set({ skills: [{ name: `Skill ${i}` }] });
          const started = performance.now();
          const summary = await seeker.caller.tracker.analytics.summary();
          if (summary.cached) throw new Error('analytics answered from cache');
          if (i > 0) analyticsSamples.push(performance.now() - started);
        }
        const cachedStarted = performance.now();
        await seeker.caller.tracker.analytics.summary();
        const cachedMs = performance.now() - cachedStarted;
        const analyticsMedian = percentile(analyticsSamples, 50);
        log(`  analytics.summary uncached median ${fixed(analyticsMedian)} ms, max ${fixed(Math.max(...analyticsSamples))} ms; cached ${fixed(cachedMs, 2)} ms`);
        rows.push({ database: target.label, name: 'analytics.summary uncached (median of 5; cached in brackets)', figure: `${fixed(analyticsMedian)} ms (${fixed(cachedMs, 2)} ms)`, target: `< ${targets.analyticsMs} ms`, verdict: analyticsMedian < targets.analyticsMs ? 'PASS' : 'FAIL' });

        // CSV export of every job: streamed route vs the in-memory tRPC answer as the baseline.
        const streamed = await peakGrowth(async () => {
          const response = await fetch(`${base}/api/tracker/export?kind=jobs&format=csv`, { headers: { authorization: `Bearer ${seeker.token}` } });
          let bytes = 0;
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
          return bytes;
        });
        const inMemory = await peakGrowth(async () => (await seeker.caller.tracker.transfer.exportFile({ kind: 'jobs', format: 'csv' })).bytes);
        const growth = streamed.liveGrowth;
        log(`  export ${size.jobs} jobs streamed: ${mib(Number(streamed.result))} in ${fixed(streamed.ms / 1000)} s, live +${mib(streamed.liveGrowth)} (raw peaks: RSS +${mib(streamed.rssGrowth)}, heap +${mib(streamed.heapGrowth)}); in-memory baseline live +${mib(inMemory.liveGrowth)}`);
        rows.push({
          database: target.label,
          name: `CSV export of ${size.jobs} jobs, streamed GET /api/tracker/export (${mib(Number(streamed.result))}, ${fixed(streamed.ms / 1000)} s)`,
          figure: `peak live memory +${mib(streamed.liveGrowth)} (raw peaks incl. garbage: RSS +${mib(streamed.rssGrowth)}, heap +${mib(streamed.heapGrowth)}); in-memory exportFile: live +${mib(inMemory.liveGrowth)}`,
          target: `< ${targets.exportGrowthMiB} MiB`,
          verdict: growth < targets.exportGrowthMiB * 1024 ** 2 ? 'PASS' : 'FAIL',
        });

        // An Excel workbook is built whole, in a worker thread of the API's process: measured on the tech any-of +
        // salary jobs (under the 20,000-row cap), against the same rows as streamed CSV, with the longest the event
        // loop (every other request) waited meanwhile and the process's RSS (the worker's heap is in it).
        const facetQuery = `kind=jobs&filters=${encodeURIComponent(JSON.stringify({ techAny: ['rust', 'go'], salaryFrom: 80000, salaryTo: 120000 }))}`;
        const download = async (format: string) => {
          const response = await fetch(`${base}/api/tracker/export?${facetQuery}&format=${format}`, { headers: { authorization: `Bearer ${seeker.token}` } });
          if (!response.ok) throw new Error(`export ${format}: HTTP ${response.status}`);
          return (await response.arrayBuffer()).byteLength;
        };
        // The longest wait of the event loop during a download. The CSV's is the baseline: on PGlite, which runs
        // its queries on this thread, reading the rows alone holds the loop.
        const longestStall = async (format: string) => {
          const { result, longestMs } = await longestEventLoopStall(() => peakGrowth(() => download(format)), 10);
          return { ...result, blockedMs: longestMs };
        };
        const facetCsv = await longestStall('csv');
        const workbook = await longestStall('xlsx');
        const blockedMs = workbook.blockedMs;
        log(`  export of the tech + salary jobs as xlsx: ${mib(Number(workbook.result))} in ${fixed(workbook.ms / 1000, 2)} s (CSV ${fixed(facetCsv.ms / 1000, 2)} s), event loop blocked up to ${fixed(blockedMs)} ms (CSV ${fixed(facetCsv.blockedMs)} ms), RSS +${mib(workbook.rssGrowth)}, live main heap +${mib(workbook.liveGrowth)}`);
        rows.push({
          database: target.label,
          name: `Excel export of the tech any-of + salary jobs (${listTotals.get('jobs.list tech any-of + salary range, by salary') ?? '?'} rows), GET /api/tracker/export?format=xlsx (${mib(Number(workbook.result))}), built in a worker thread`,
          figure: `${fixed(workbook.ms / 1000, 2)} s (${fixed(workbook.ms / facetCsv.ms, 2)}× the same rows as streamed CSV); event loop blocked up to ${fixed(blockedMs)} ms (the CSV download ${fixed(facetCsv.blockedMs)} ms); peak RSS +${mib(workbook.rssGrowth)} (the worker's heap included), live main heap +${mib(workbook.liveGrowth)}`,
          target: '—',
          verdict: 'info',
        });

        // CSV import into fresh accounts (service level: the HTTP body limit of 1 MiB keeps big files off
        // tRPC), in phases: a dry run (parse + map + validate), the whole import, and the same rows by
        // one INSERT … SELECT (what the table's indexes, tsvector and triggers cost by themselves).
        const dry = await signUp('dry-run@bench.example.com');
        const importer = await signUp('importer@bench.example.com');
        const floor = await signUp('sql-floor@bench.example.com');
        const phases = await measureImport(database, dry.caller, importer.caller, floor.userId, size.importRows);
        const importSeconds = phases.full.seconds;
        for (const line of describePhases(phases)) log(`  import: ${line}`);
        rows.push({
          database: target.label,
          name: `CSV import of ${size.importRows} job rows (${mib(phases.bytes)}), parse + validate + insert`,
          figure: `${fixed(importSeconds, 2)} s (parse + validate alone ${fixed(phases.dryRun.seconds, 2)} s; the same rows by one INSERT … SELECT ${fixed(phases.sqlFloor.seconds, 2)} s)`,
          target: `< ${targets.importSeconds} s`,
          verdict: importSeconds < targets.importSeconds ? 'PASS' : 'FAIL',
        });
      } finally {
        await app.close();
        await database.close();
      }
    }

    const header = ['database', 'measurement', 'result', 'target', 'verdict'];
    const table = rows.map((r) => [r.database, r.name, r.figure, r.target, r.verdict]);
    const machine = describeMachine();
    const markdown = [
      `## ${title}`,
      '',
      `- Last run: ${machineLine(machine)}`,
      `- Size: ${size.jobs} jobs and ${size.applications} applications (+ status history) for one person among ${size.users} users; import of ${size.importRows} rows; ${size.iterations} timed calls per list after 20 warm-up calls.`,
      '- Command: `BENCH_ONLY=tracker pnpm bench` (smaller: `BENCH_TRACKER_SCALE=0.1`; one database: `BENCH_TRACKER_DATABASES=pglite|postgres`; sizes: `BENCH_TRACKER_JOBS`, `BENCH_TRACKER_APPLICATIONS`, `BENCH_TRACKER_USERS`, `BENCH_TRACKER_IMPORT_ROWS`, `BENCH_TRACKER_ITERATIONS`; Postgres too: `BENCH_DATABASE_URL=…`).',
      '',
      'Seeded with `generate_series` SQL, then `analyze`. "service" = the tRPC procedure called in process (input parsing, middleware, service, database; no HTTP); "HTTP" = one',
      'sequential client doing `GET /trpc/tracker.*.list` with a bearer token against the real server (helmet, rate limit, logging hooks) in the same process.',
      'Every list answer includes the total count. "first page" makes the person\'s cached results stale before each call (as any write does), so the total is counted',
      'again unless a trigger-kept aggregate answers it (no filter, or only statuses); "next pages" repeats the call with the total already known (paging, re-sorting).',
      'Analytics "uncached" follows a write before each call. Export memory is the peak growth of what the process (server and client in one) retains: heap + buffers after a forced full GC every 200 ms;',
      'the in-memory `transfer.exportFile` answer is measured right after as the baseline. PGlite is single-threaded WebAssembly: its figures are the embedded default, Postgres the scaled setup.',
      'Import: "parse + validate alone" is a dry run of the same file into another account; "one INSERT … SELECT" writes the same number of rows with `generate_series`',
      'in one statement, the floor the jobs table (indexes, generated tsvector, triggers) sets. The import itself streams rows into `COPY` on Postgres while it reads the file.',
      'The import alone, in phases with CPU times: `BENCH_ONLY=tracker-import pnpm bench` (its own section below).',
      '',
      markdownTable(header, table),
    ].join('\n');
    const summary = [`${title} (${machineLine(machine)})`, textTable(header, table)].join('\n');
    return { summary, markdown };
  },
};
