import { compareInterleaved, type LoadSample } from '../lib/load';
import { describeMachine, machineLine, markdownTable, textTable } from '../lib/report';
import { startServerProcess } from '../lib/server-process';
import type { Benchmark } from './types';

interface Run {
  database: string;
  anonymous: LoadSample;
  session: LoadSample;
  token: LoadSample;
}

const id = 'auth-overhead';
const title = 'Authenticated vs anonymous query (session validation cost)';
const fixed = (n: number, digits = 0) => n.toFixed(digits);

async function call(base: string, path: string, input: unknown, token?: string) {
  const response = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data: { json: Record<string, unknown> } }; error?: unknown };
  if (!response.ok || !body.result) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

/**
 * The same public query (`system.instance`, one primary-key read) three ways: with no credentials,
 * with a bearer session token, and with a personal access token. The server resolves credentials
 * for every request that carries them (a hashed-token lookup joined with the user), so the
 * difference is what authentication costs each request.
 */
export const authOverhead: Benchmark = {
  id,
  title,
  async run({ config, databases, log }) {
    const machine = describeMachine();
    const runs: Run[] = [];
    for (const database of databases) {
      log(`› ${id} on ${database.label}`);
      const server = await startServerProcess(new URL('./trpc-vs-bare.server.ts', import.meta.url), database.url);
      try {
        const email = `bench-${Date.now()}@example.com`;
        const password = 'a long benchmark passphrase';
        await call(server.url, 'auth.signUp', { email, password, name: 'Bench' });
        const { token } = (await call(server.url, 'auth.signIn', { email, password, transport: 'bearer' })) as { token: string };
        const { secret } = (await call(server.url, 'auth.tokens.create', { name: 'bench' }, token)) as { secret: string };
        const meResponse = await fetch(`${server.url}/trpc/auth.me`, { headers: { authorization: `Bearer ${secret}` } });
        const me = (await meResponse.json()) as { result?: { data: { json: { via?: string } | null } } };
        if (me.result?.data.json?.via !== 'token') throw new Error('the access token did not authenticate');
        const url = `${server.url}/trpc/system.instance`;
        const results = await compareInterleaved(
          [
            { name: 'anonymous', url },
            { name: 'session', url, headers: { authorization: `Bearer ${token}` } },
            { name: 'token', url, headers: { authorization: `Bearer ${secret}` } },
          ],
          {
            warmupSeconds: config.warmupSeconds,
            seconds: config.durationSeconds,
            rounds: config.rounds,
            connections: config.connections,
            log,
          },
        );
        const [anonymous, session, accessToken] = ['anonymous', 'session', 'token'].map((name) => results.get(name));
        if (!anonymous || !session || !accessToken) throw new Error('a target produced no samples');
        runs.push({ database: database.label, anonymous, session, token: accessToken });
      } finally {
        await server.stop();
      }
    }

    const header = ['database', 'caller', 'req/s', 'p50 ms', 'p99 ms', 'failures', 'vs anonymous'];
    const rows = runs.flatMap((run) =>
      (
        [
          ['no credentials', run.anonymous],
          ['bearer session token', run.session],
          ['personal access token', run.token],
        ] as const
      ).map(([name, s]) => [
        run.database,
        name,
        fixed(s.requestsPerSecond),
        fixed(s.p50Ms, 1),
        fixed(s.p99Ms, 1),
        String(s.failures),
        `${fixed((s.requestsPerSecond / run.anonymous.requestsPerSecond) * 100, 1)} %`,
      ]),
    );
    const markdown = [
      `## ${title}`,
      '',
      `- Last run: ${machineLine(machine)}`,
      '- Command: `BENCH_ONLY=auth-overhead pnpm bench` (with Postgres too: `BENCH_DATABASE_URL=postgres://… pnpm bench`)',
      '',
      `The same public query, \`GET /trpc/system.instance\`, loaded with ${config.connections} connections, interleaved`,
      `(${config.warmupSeconds} s warm-up, ${config.durationSeconds} s in ${config.rounds} slices per caller), on the production`,
      'server in a child process. With credentials, every request also validates them: a SHA-256 of the',
      'token, one indexed lookup joined with the user, the expiry/idle/deactivation checks (last-seen is',
      'written at most once a minute). "vs anonymous" is the share of the anonymous throughput kept.',
      '',
      markdownTable(header, rows),
    ].join('\n');
    const summary = [`${title} (${machineLine(machine)})`, textTable(header, rows)].join('\n');
    return { summary, markdown };
  },
};
