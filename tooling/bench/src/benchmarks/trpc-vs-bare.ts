import { compareInterleaved, type LoadSample } from '../lib/load';
import { describeMachine, machineLine, markdownTable, mib, textTable } from '../lib/report';
import { startServerProcess } from '../lib/server-process';
import type { Benchmark } from './types';

/** tRPC must keep at least this share of a bare Fastify route's throughput. */
const targetRatio = 0.8;

interface Run {
  database: string;
  trpc: LoadSample;
  bare: LoadSample;
  rssStart: number;
  rssEnd: number;
}

const id = 'trpc-vs-bare';
const title = 'tRPC query vs bare Fastify route';

const fixed = (n: number, digits = 0) => n.toFixed(digits);

export const trpcVsBare: Benchmark = {
  id,
  title,
  async run({ config, databases, log }) {
    const machine = describeMachine();
    const runs: Run[] = [];
    for (const database of databases) {
      log(`› ${id} on ${database.label}`);
      const server = await startServerProcess(new URL('./trpc-vs-bare.server.ts', import.meta.url), database.url);
      try {
        // Both answer before loading: a broken route would otherwise show up as a fast 404.
        for (const path of ['/trpc/system.instance', '/bare/instance']) {
          const response = await fetch(server.url + path);
          if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
        }
        const results = await compareInterleaved(
          [
            { name: 'trpc', url: `${server.url}/trpc/system.instance` },
            { name: 'bare', url: `${server.url}/bare/instance` },
          ],
          {
            warmupSeconds: config.warmupSeconds,
            seconds: config.durationSeconds,
            rounds: config.rounds,
            connections: config.connections,
            log,
          },
        );
        const trpc = results.get('trpc');
        const bare = results.get('bare');
        if (!trpc || !bare) throw new Error('a target produced no samples');
        runs.push({ database: database.label, trpc, bare, rssStart: server.startRssBytes, rssEnd: await server.rssBytes() });
      } finally {
        await server.stop();
      }
    }

    const header = ['database', 'target', 'req/s', 'p50 ms', 'p99 ms', 'failures', 'tRPC/bare', `target ≥ ${targetRatio * 100} %`, 'server RSS start → end'];
    const rows = runs.flatMap((run) => {
      const ratio = run.trpc.requestsPerSecond / run.bare.requestsPerSecond;
      const verdict = ratio >= targetRatio ? 'PASS' : 'FAIL';
      const row = (name: string, s: LoadSample, extra: string[]) => [
        run.database,
        name,
        fixed(s.requestsPerSecond),
        fixed(s.p50Ms, 1),
        fixed(s.p99Ms, 1),
        String(s.failures),
        ...extra,
      ];
      return [
        row('tRPC `GET /trpc/system.instance`', run.trpc, [`${fixed(ratio * 100, 1)} %`, verdict, `${mib(run.rssStart)} → ${mib(run.rssEnd)}`]),
        row('bare `GET /bare/instance`', run.bare, ['', '', '']),
      ];
    });

    const method = [
      `Both targets run the same one-row primary-key read of \`app_metadata\` (\`readInstanceId\`) on the`,
      `same Fastify instance, built by \`buildServer()\` in production mode (helmet, CORS, rate limit with a`,
      `huge budget, request ids, the per-request log/metrics hook, LOG_LEVEL=warn), in a child process;`,
      `autocannon loads it from the parent with ${config.connections} connections. Each target gets`,
      `${config.warmupSeconds} s of warm-up, then ${config.durationSeconds} s of measurement in ${config.rounds} interleaved slices`,
      `(A B A B …); figures are the means of the slices. req/s counts 2xx answers only.`,
    ].join('\n');
    const markdown = [
      `## ${title}`,
      '',
      `- Last run: ${machineLine(machine)}`,
      '- Command: `pnpm bench` (this section alone: `BENCH_ONLY=trpc-vs-bare pnpm bench`; with Postgres too: `BENCH_DATABASE_URL=postgres://… pnpm bench`)',
      `- Target: tRPC keeps ≥ ${targetRatio * 100} % of the bare route's requests/s.`,
      '',
      method,
      '',
      markdownTable(header, rows),
      '',
      'Where the difference goes: a first CPU profile (2026-11, with `@trpc/server/adapters/fastify`) put',
      "it in the adapter — a Fetch `Request` and `AbortController` per request and every answer streamed",
      'from a web `ReadableStream` with chunked encoding. The API then got its own transport',
      '(`apps/api/src/platform/trpc-transport.ts`), and since 2026-11-30 GET queries — one, or an',
      '`httpBatchLink` batch, what the SPA sends most — are answered without Fetch objects at all',
      '(`platform/trpc-queries.ts`: the procedures are called as `resolveResponse` calls them, with the same',
      'status, error shapes and body, checked side by side in its test; anything else still goes through',
      "`resolveResponse`). Before that change, in the same setup: 68.7 % on PGlite and 43.4 % on Postgres.",
      "What remains is tRPC's procedure pipeline (middleware chain, input parsing), the context (credentials",
      'read, the dependencies object) and superjson per call.',
    ].join('\n');
    const summary = [`${title} (${machineLine(machine)})`, textTable(header, rows.map((r) => r.map((c) => c.replaceAll('`', ''))))].join('\n');
    return { summary, markdown };
  },
};
