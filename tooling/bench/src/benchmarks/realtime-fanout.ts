import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { describeMachine, machineLine, markdownTable, textTable } from '../lib/report';
import { type ServerProcess, startServerProcess } from '../lib/server-process';
import type { Benchmark } from './types';

/**
 * Many authenticated WebSocket subscribers on one API process: how long a broadcast takes to
 * reach all of them, and what an idle connection costs. Each subscriber is a different person
 * (its own session, its own `live.onChange` subscription), so a broadcast is one publish per
 * person — the way the API fans out, in-process or through Redis.
 */

const id = 'realtime-fanout';
const title = 'Realtime fan-out: WebSocket subscribers, publish → delivery';
const targetP99Ms = 250;
const targetBytesPerConnection = 20 * 1024;
const now = () => performance.timeOrigin + performance.now();

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  subscribers: number;
  mode: string;
}

interface ScenarioResult {
  scenario: string;
  connections: number;
  connectSeconds: number;
  latencies: number[];
  /** Per broadcast: from its first publish until the last subscriber had it. */
  allDelivered: number[];
  publishMs: number[];
  lost: number;
  rssPerConnection: number;
  heapPerConnection: number;
  mode: string;
}

async function json<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

interface Subscriber {
  socket: WebSocket;
  ready: Promise<void>;
}

/** The tRPC WebSocket protocol spoken directly (the typed client is too heavy for 5,000 in one process). */
function subscribe(url: string, token: string, onBench: (sentAt: number, receivedAt: number) => void): Subscriber {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/trpc?connectionParams=1`);
  const ready = new Promise<void>((resolve, reject) => {
    socket.on('open', () => {
      socket.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
      socket.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'live.onChange', input: { json: {} } } }));
    });
    socket.on('message', (raw: Buffer) => {
      const text = raw.toString();
      // tRPC's keepalive.
      if (text === 'PING') return socket.send('PONG');
      // A tracked() event arrives as { json: { id, data } } (superjson around tRPC's envelope).
      const message = JSON.parse(text) as { result?: { type: string; data?: { json?: { data?: { entities?: string[] } } } }; error?: unknown };
      if (message.error) return reject(new Error(JSON.stringify(message.error)));
      const entities = message.result?.data?.json?.data?.entities;
      if (message.result?.type !== 'data' || !entities) return;
      if (entities[0] === 'bench') onBench(Number(entities[1]), now());
      else resolve();
    });
    socket.on('error', reject);
  });
  return { socket, ready };
}

async function measure(scenario: string, publisher: ServerProcess, host: ServerProcess, connections: number, broadcasts: number, log: (line: string) => void): Promise<ScenarioResult> {
  const before = await json<Memory>(`${host.url}/bench/memory`);
  const { people } = await json<{ people: { userId: string; token: string }[] }>(`${publisher.url}/bench/people`, { count: connections });
  log(`  ${connections} people with sessions; opening sockets…`);

  let round = -1;
  const received: { sentAt: number; receivedAt: number }[][] = [];
  const onBench = (sentAt: number, receivedAt: number) => received[round]?.push({ sentAt, receivedAt });
  const subscribers: Subscriber[] = [];
  const connectStarted = now();
  // Batches, so the handshakes do not all land in the same tick.
  for (let i = 0; i < people.length; i += 250) {
    const batch = people.slice(i, i + 250).map((person) => subscribe(host.url, person.token, onBench));
    subscribers.push(...batch);
    await Promise.all(batch.map((s) => s.ready));
  }
  const connectSeconds = (now() - connectStarted) / 1000;
  log(`  ${subscribers.length} subscribed in ${connectSeconds.toFixed(1)} s`);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const after = await json<Memory>(`${host.url}/bench/memory`);
  if (after.subscribers < connections) throw new Error(`only ${after.subscribers} of ${connections} subscriptions are registered`);

  const userIds = people.map((p) => p.userId);
  const publishMs: number[] = [];
  let lost = 0;
  for (let b = 0; b < broadcasts; b++) {
    round = b;
    received[b] = [];
    const { publishMs: ms } = await json<{ publishMs: number }>(`${publisher.url}/bench/broadcast`, { userIds });
    publishMs.push(ms);
    const deadline = Date.now() + 30_000;
    while (received[b]!.length < connections && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    lost += connections - received[b]!.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  for (const s of subscribers) s.socket.terminate();

  const latencies = received.flat().map((r) => r.receivedAt - r.sentAt);
  const allDelivered = received.map((rows) => Math.max(...rows.map((r) => r.receivedAt)) - Math.min(...rows.map((r) => r.sentAt)));
  return {
    scenario,
    connections,
    connectSeconds,
    latencies,
    allDelivered,
    publishMs,
    lost,
    rssPerConnection: (after.rss - before.rss) / connections,
    heapPerConnection: (after.heapUsed + after.external - before.heapUsed - before.external) / connections,
    mode: after.mode,
  };
}

export const realtimeFanout: Benchmark = {
  id,
  title,
  async run({ config, databases, log }) {
    const results: ScenarioResult[] = [];
    const entry = new URL('./realtime-fanout.server.ts', import.meta.url);
    for (const database of databases) {
      log(`› ${id}: one process, in-process hub, ${database.label}`);
      const server = await startServerProcess(entry, database.url);
      try {
        results.push(await measure(`one process, in-process (${database.label})`, server, server, config.wsConnections, config.wsBroadcasts, log));
      } finally {
        await server.stop();
      }
    }
    if (config.redisUrl && config.databaseUrl) {
      log(`› ${id}: two processes sharing Postgres and Redis (publish on A, subscribers on B)`);
      const env = { REDIS_URL: config.redisUrl, REDIS_KEY_PREFIX: `bench-${randomBytes(3).toString('hex')}:` };
      const a = await startServerProcess(entry, config.databaseUrl, env);
      const b = await startServerProcess(entry, config.databaseUrl, env).catch(async (error: unknown) => {
        await a.stop();
        throw error;
      });
      try {
        results.push(await measure('two processes through Redis (Postgres)', a, b, config.wsConnections, config.wsBroadcasts, log));
      } finally {
        await a.stop();
        await b.stop();
      }
    } else {
      log(`› ${id}: Redis scenario skipped (set BENCH_REDIS_URL and BENCH_DATABASE_URL)`);
    }

    const header = ['scenario', 'subscribers', 'p50 ms', 'p99 ms', 'max ms', 'all delivered (median of broadcasts) ms', 'lost', 'server memory / idle connection', `p99 < ${targetP99Ms} ms`, '< 20 KB / conn'];
    const rows = results.map((r) => {
      const sorted = [...r.latencies].sort((x, y) => x - y);
      const all = [...r.allDelivered].sort((x, y) => x - y);
      const p99 = percentile(sorted, 99);
      return [
        r.scenario,
        String(r.connections),
        percentile(sorted, 50).toFixed(1),
        p99.toFixed(1),
        (sorted.at(-1) ?? NaN).toFixed(1),
        percentile(all, 50).toFixed(1),
        String(r.lost),
        `${(r.rssPerConnection / 1024).toFixed(1)} KB RSS (${(r.heapPerConnection / 1024).toFixed(1)} KB heap+external)`,
        p99 < targetP99Ms && r.lost === 0 ? 'PASS' : 'FAIL',
        r.rssPerConnection < targetBytesPerConnection ? 'PASS' : 'FAIL',
      ];
    });
    const machine = describeMachine();
    const method = [
      `${config.wsConnections} WebSocket connections (BENCH_WS_CONNECTIONS), each a different person with its own session`,
      `token (sent in the connection params, as the typed client does), each subscribed to \`live.onChange\`. A broadcast`,
      `publishes one message per person through the API's realtime hub (in-process, or Redis pub/sub across two API processes`,
      `that share one Postgres); ${config.wsBroadcasts} broadcasts (BENCH_WS_BROADCASTS). Latency is publish → frame parsed by`,
      `the subscriber, per delivery; "all delivered" is the first publish of a broadcast → the last subscriber's receipt. The`,
      `subscribers all live in the benchmark process (one event loop parsing every frame), on the same 2 CPUs as the server, so`,
      `latencies include client-side queueing. Memory per idle connection = server RSS (and V8 heap + external) after GC with`,
      `all sockets open, minus before, divided by the count.`,
    ].join('\n');
    const markdown = [
      `## ${title}`,
      '',
      machineLine(machine),
      '',
      markdownTable(header, rows),
      '',
      method,
      '',
      'Re-run: `BENCH_ONLY=realtime-fanout pnpm bench` (add `BENCH_DATABASE_URL` and `BENCH_REDIS_URL` for the two-process row).',
    ].join('\n');
    return { summary: `${title}\n${textTable(header, rows)}`, markdown };
  },
};
