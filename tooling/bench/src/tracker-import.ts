/**
 * The tracker CSV import alone, in phases (dry run, whole import, SQL floor), on PGlite and, with
 * BENCH_DATABASE_URL, on a scratch database created on that Postgres server (dropped afterwards).
 *
 *   pnpm --filter @tessera/bench exec tsx src/tracker-import.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_TRACKER_DATABASES=postgres …
 *
 * Sizes: BENCH_TRACKER_IMPORT_ROWS (100,000), BENCH_TRACKER_JOBS (jobs of another person seeded first,
 * so the indexes have the benchmark's size; 0 for none). Prints only; docs/benchmarks.md is written by
 * the tracker benchmark.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@tessera/api/config';
import { appRouter } from '@tessera/api/router';
import { buildServer } from '@tessera/api/server';
import { createDb } from '@tessera/db';
import { sql } from 'drizzle-orm';
import { describePhases, measureImport } from './benchmarks/tracker-import';

// eslint-disable-next-line no-restricted-properties -- a command-line script reads its sizes once
const env = process.env;
const count = (name: string, fallback: number) => (env[name] !== undefined && env[name] !== '' ? Math.max(0, Math.round(Number(env[name]))) : fallback);
const rows = count('BENCH_TRACKER_IMPORT_ROWS', 100_000);
const seedJobs = count('BENCH_TRACKER_JOBS', 100_000);
const only = (env.BENCH_TRACKER_DATABASES ?? '').toLowerCase();
const server = env.BENCH_DATABASE_URL || undefined;

const targets: { label: string; url?: string }[] = [];
if (only !== 'postgres') targets.push({ label: 'PGlite (memory)' });
if (server && only !== 'pglite') targets.push({ label: 'Postgres', url: server });

for (const target of targets) {
  let url: string | undefined;
  let scratch: string | undefined;
  if (target.url) {
    scratch = `tessera_import_bench_${randomBytes(4).toString('hex')}`;
    const admin = await createDb({ url: target.url, poolMax: 1 });
    await admin.db.execute(sql.raw(`create database ${scratch}`));
    await admin.close();
    const u = new URL(target.url);
    u.pathname = `/${scratch}`;
    url = u.toString();
  }
  const database = await createDb(url ? { url, poolMax: 10 } : { dataDir: 'memory://' });
  try {
    await database.migrate();
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '100000000', PORT: '0' });
    const { app, deps } = await buildServer(config, { database, serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const person = async (email: string) => {
        const password = 'correct horse battery staple';
        const post = (path: string, json: unknown) => fetch(`${base}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json }) });
        const signUp = await post('auth.signUp', { email, password, name: 'Bench Importer' });
        if (!signUp.ok) throw new Error(`signUp answered ${signUp.status}: ${await signUp.text()}`);
        const signIn = (await (await post('auth.signIn', { email, password, transport: 'bearer' })).json()) as { result: { data: { json: { token: string } } } };
        const session = await deps.sessions.validate(signIn.result.data.json.token);
        if (!session) throw new Error('no session');
        const ctx = {
          ...deps,
          db: deps.database.db,
          requestId: 'bench',
          ip: '127.0.0.1',
          userAgent: 'bench',
          auth: { user: session.user, via: 'bearer' as const, sessionId: session.sessionId, tokenId: null },
          cookies: { set: () => undefined, clear: () => undefined },
        };
        return { userId: session.user.id, caller: appRouter.createCaller(ctx) };
      };
      const other = await person('other@bench.example.com');
      if (seedJobs) {
        const started = performance.now();
        await database.db.execute(sql`
          insert into jobs (user_id, title, company, description, location, remote, job_type, salary_min, salary_max, salary_currency,
                            tech_stack, tech_stack_keys, url, source, posted_at, created_at, updated_at)
          select ${other.userId}::uuid, 'Seeded role ' || i, 'Company ' || (i % 2000), 'Role ' || i || ': build and run services.',
                 (array['Berlin', 'Paris', 'London'])[1 + i % 3], 'remote', 'full_time', 30000 + i % 90000, 50000 + i % 90000, 'EUR',
                 array['Go', 'SQL'], array['go', 'sql'], 'https://jobs.example.com/' || i, 'LinkedIn', date '2024-01-01' + (i % 700),
                 timestamptz '2024-01-01' + make_interval(mins => i), timestamptz '2024-01-01' + make_interval(mins => i)
          from generate_series(1, ${seedJobs}) as i`);
        await database.db.execute(sql`analyze`);
        console.log(`› ${target.label}: seeded ${seedJobs} jobs of another person in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
      const dry = await person('dry@bench.example.com');
      const full = await person('importer@bench.example.com');
      const floor = await person('floor@bench.example.com');
      const phases = await measureImport(database, dry.caller, full.caller, floor.userId, rows);
      console.log(`› ${target.label}: import of ${rows} job rows (${(phases.bytes / 1024 ** 2).toFixed(1)} MiB)`);
      for (const line of describePhases(phases)) console.log(`  ${line}`);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    if (scratch && target.url) {
      const admin = await createDb({ url: target.url, poolMax: 1 });
      await admin.db.execute(sql.raw(`drop database if exists ${scratch} with (force)`));
      await admin.close();
    }
  }
}
