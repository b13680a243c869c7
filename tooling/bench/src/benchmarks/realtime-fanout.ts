import { randomBytes } from 'node:crypto';
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, machineLine, markdownTable, textTable } from '../lib/report';
import { type ServerProcess, startServerProcess } from '../lib/server-process';
import type { FromClients, ToClients } from './realtime-fanout.clients';
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
  /** What the second half of the sockets added, per socket: the cost of one more connection. */
  marginalRssPerConnection: number;
  marginalHeapPerConnection: number;
  mode: string;
  /** Largest clock offset measured between the benchmark, the publisher and the subscriber processes. */
  maxSkewMs: number;
  /** The unmeasured warm-up broadcast: request → every subscriber had it. */
  coldMs: number;
}

async function json<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

interface ClientProcess {
  child: ChildProcess;
  next<T extends FromClients['type']>(type: T, accept?: (message: Extract<FromClients, { type: T }>) => boolean): Promise<Extract<FromClients, { type: T }>>;
  send(message: ToClients): void;
}

/** Fork one subscriber process (realtime-fanout.clients.ts). */
function forkClients(): ClientProcess {
  const child = fork(fileURLToPath(new URL('./realtime-fanout.clients.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    child,
    send: (message) => child.send(message),
    next: (type, accept) =>
      new Promise((resolve, reject) => {
        const onMessage = (message: FromClients) => {
          if (message.type === type && (!accept || accept(message as never))) {
            cleanup();
            resolve(message as never);
          } else if (message.type === 'error') {
            cleanup();
            reject(new Error(`subscriber process: ${message.message}`));
          }
        };
        const onExit = (code: number | null) => {
          cleanup();
          reject(new Error(`subscriber process exited with code ${code ?? 'null'}`));
        };
        const cleanup = () => {
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        child.on('message', onMessage);
        child.on('exit', onExit);
      }),
  };
}

/** |clock offset| of another process, from the round trip with the smallest delay (NTP-style). */
async function skewOf(ask: () => Promise<number>): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 15; i++) {
    const sent = now();
    const theirs = await ask();
    const back = now();
    if (back - sent < best.rtt) best = { rtt: back - sent, offset: theirs - (sent + back) / 2 };
  }
  return Math.abs(best.offset);
}

async function measure(
  scenario: string,
  publisher: ServerProcess,
  host: ServerProcess,
  options: { connections: number; broadcasts: number; processes: number; profileFile?: string; floor?: boolean },
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const { connections, broadcasts } = options;
  // The floor scenario's sockets go to the plain ws server beside the API, its broadcasts skip the hub.
  const wsUrl = options.floor ? (await json<{ wsUrl: string }>(`${host.url}/bench/bare`)).wsUrl : `${host.url.replace(/^http/, 'ws')}/trpc?connectionParams=1`;
  const broadcast = (round: number, userIds: string[]) =>
    options.floor ? json<{ publishMs: number }>(`${publisher.url}/bench/bare-broadcast`, { round }) : json<{ publishMs: number }>(`${publisher.url}/bench/broadcast`, { userIds, round });
  const { people } = await json<{ people: { userId: string; token: string }[] }>(`${publisher.url}/bench/people`, { count: connections });
  // Read after the people exist: on PGlite their rows grow the API process itself (the database is
  // in it), which is not what a connection costs.
  const before = await json<Memory>(`${host.url}/bench/memory`);
  log(`  ${connections} people with sessions; opening sockets from ${options.processes} subscriber processes…`);

  const clients = Array.from({ length: Math.min(options.processes, connections) }, forkClients);
  try {
    // In two halves, with a memory reading between: the second half's growth per socket is the cost
    // of one more connection, without what the server grows once whatever the count (V8's young
    // generation sized up by the connection burst, optimised code, PGlite's rows of the people).
    const half = Math.floor(connections / 2);
    const open = (from: number, to: number) =>
      Promise.all(
        clients.map((client, index) => {
          const opened = client.next('opened');
          const tokens = people.slice(from, to).filter((_, i) => (from + i) % clients.length === index).map((p) => p.token);
          client.send({ type: 'open', wsUrl, tokens });
          return opened;
        }),
      );
    const connectStarted = now();
    await open(0, half);
    let connectMs = now() - connectStarted;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const mid = await json<Memory>(`${host.url}/bench/memory`);
    const secondStarted = now();
    await open(half, connections);
    connectMs += now() - secondStarted;
    const connectSeconds = connectMs / 1000;
    log(`  ${connections} subscribed in ${connectSeconds.toFixed(1)} s`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await json<Memory>(`${host.url}/bench/memory`);
    if (after.subscribers < connections) throw new Error(`only ${after.subscribers} of ${connections} subscriptions are registered`);

    // The receipt times come from the subscriber processes, the send times from the publisher.
    const skews = [
      await skewOf(async () => (await json<{ now: number }>(`${publisher.url}/bench/clock`)).now),
      ...(await Promise.all(
        clients.map((client) =>
          skewOf(async () => {
            const answer = client.next('clock');
            client.send({ type: 'clock' });
            return (await answer).now;
          }),
        ),
      )),
    ];

    log(`  clock offsets between processes: at most ${Math.max(...skews).toFixed(2)} ms`);
    const userIds = people.map((p) => p.userId);
    // One unmeasured broadcast first: the delivery path's code is cold (interpreted, not yet
    // optimised) right after the sockets opened, which a running server's is not. Reported apart.
    const warmup = now();
    const warmDone = Promise.all(clients.map((client) => client.next('received', (m) => m.round === -1)));
    await broadcast(-1, userIds);
    await Promise.race([warmDone, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    const coldMs = now() - warmup;
    log(`  warm-up broadcast (cold code, not measured): all delivered within ${coldMs.toFixed(1)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (options.profileFile) await json(`${publisher.url}/bench/profile/start`, {});
    if (options.profileFile && host !== publisher) await json(`${host.url}/bench/profile/start`, {});
    const publishMs: number[] = [];
    const received: [number, number][][] = [];
    let lost = 0;
    for (let round = 0; round < broadcasts; round++) {
      // Each process says when all of its sockets have the frame.
      const done = Promise.all(clients.map((client) => client.next('received', (m) => m.round === round)));
      const { publishMs: ms } = await broadcast(round, userIds);
      publishMs.push(ms);
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      const parts = await Promise.all(
        clients.map(async (client) => {
          const answer = client.next('collected', (m) => m.round === round);
          client.send({ type: 'collect', round });
          return (await answer).deliveries;
        }),
      );
      received[round] = parts.flat();
      lost += connections - received[round]!.length;
      const rows = received[round]!;
      log(`  broadcast ${round + 1}: publish ${ms.toFixed(1)} ms, all ${rows.length} delivered ${(Math.max(...rows.map((r) => r[1])) - Math.min(...rows.map((r) => r[0]))).toFixed(1)} ms after the first publish`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    if (options.profileFile) {
      await json(`${host.url}/bench/profile/stop`, { file: options.profileFile });
      if (host !== publisher) await json(`${publisher.url}/bench/profile/stop`, { file: options.profileFile.replace(/\.cpuprofile$/, '.publisher.cpuprofile') });
      log(`  CPU profile of the broadcasts: ${options.profileFile}`);
    }

    const latencies = received.flat().map(([sentAt, receivedAt]) => receivedAt - sentAt);
    const allDelivered = received.map((rows) => Math.max(...rows.map((r) => r[1])) - Math.min(...rows.map((r) => r[0])));
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
      marginalRssPerConnection: (after.rss - mid.rss) / (connections - half),
      marginalHeapPerConnection: (after.heapUsed + after.external - mid.heapUsed - mid.external) / (connections - half),
      mode: after.mode,
      maxSkewMs: Math.max(...skews),
      coldMs,
    };
  } finally {
    for (const client of clients) {
      client.send({ type: 'close' });
      setTimeout(() => client.child.kill('SIGKILL'), 5000).unref();
    }
  }
}

export const realtimeFanout: Benchmark = {
  id,
  title,
  async run({ config, databases, log }) {
    const results: ScenarioResult[] = [];
    const options = (slug: string) => ({
      connections: config.wsConnections,
      broadcasts: config.wsBroadcasts,
      processes: config.wsClientProcesses,
      profileFile: config.cpuProfileDir ? join(config.cpuProfileDir, `realtime-fanout-${slug}.cpuprofile`) : undefined,
    });
    const entry = new URL('./realtime-fanout.server.ts', import.meta.url);
    log(`› ${id}: floor — the same frames written straight to plain ws sockets in one process (no tRPC, no hub, no auth)`);
    const floorServer = await startServerProcess(entry, undefined);
    try {
      results.push(await measure('floor: plain ws, same frames, no tRPC/hub/auth', floorServer, floorServer, { ...options('floor'), floor: true }, log));
    } finally {
      await floorServer.stop();
    }
    for (const database of databases) {
      log(`› ${id}: one process, in-process hub, ${database.label}`);
      const server = await startServerProcess(entry, database.url);
      try {
        results.push(await measure(`one process, in-process (${database.label})`, server, server, options(database.url ? 'postgres' : 'pglite'), log));
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
        results.push(await measure('two processes through Redis (Postgres)', a, b, options('redis'), log));
      } finally {
        await a.stop();
        await b.stop();
      }
    } else {
      log(`› ${id}: Redis scenario skipped (set BENCH_REDIS_URL and BENCH_DATABASE_URL)`);
    }

    const header = ['scenario', 'subscribers', 'p50 ms', 'p99 ms', 'p99 ÷ floor p99', 'max ms', 'all delivered (median of broadcasts) ms', 'lost', 'server memory / idle connection: all sockets (one more socket)', `p99 < ${targetP99Ms} ms`, '< 20 KB / conn: heap+external · RSS all · RSS one more'];
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const p99Of = (r: ScenarioResult) => percentile([...r.latencies].sort((x, y) => x - y), 99);
    const floorP99 = p99Of(results[0]!);
    const rows = results.map((r) => {
      const sorted = [...r.latencies].sort((x, y) => x - y);
      const all = [...r.allDelivered].sort((x, y) => x - y);
      const p99 = percentile(sorted, 99);
      return [
        r.scenario,
        String(r.connections),
        percentile(sorted, 50).toFixed(1),
        p99.toFixed(1),
        `${(p99 / floorP99).toFixed(2)}×`,
        (sorted.at(-1) ?? NaN).toFixed(1),
        percentile(all, 50).toFixed(1),
        String(r.lost),
        `RSS ${kb(r.rssPerConnection)} (${kb(r.marginalRssPerConnection)}), heap+external ${kb(r.heapPerConnection)} (${kb(r.marginalHeapPerConnection)})`,
        p99 < targetP99Ms && r.lost === 0 ? 'PASS' : 'FAIL',
        [r.heapPerConnection, r.rssPerConnection, r.marginalRssPerConnection].map((bytes) => (bytes < targetBytesPerConnection ? 'PASS' : 'FAIL')).join(' · '),
      ];
    });
    const machine = describeMachine();
    const method = [
      `The first row is the floor, measured in the same run: the same number of plain \`ws\` sockets on a bare WebSocket server in`,
      `one process like the API's, each written the very frame tRPC writes for a live change — no tRPC, no hub, no`,
      `authentication; the ratio column divides each p99 by that floor's. Then`,
      `${config.wsConnections} WebSocket connections (BENCH_WS_CONNECTIONS), each a different person with its own session`,
      `token (sent in the connection params, as the typed client does), each subscribed to \`live.onChange\`. A broadcast`,
      `publishes one message per person through the API's realtime hub (in-process, or Redis pub/sub across two API processes`,
      `that share one Postgres); ${config.wsBroadcasts} broadcasts (BENCH_WS_BROADCASTS). The subscribers are spread over`,
      `${config.wsClientProcesses} child processes (BENCH_WS_CLIENT_PROCESSES), so no client shares the API's event loop; they still`,
      `share the machine's CPUs with it. Each records the receipt time of a frame before parsing it. Latency is the`,
      `publisher's send time (taken just before each publish, carried in the frame) → receipt, per delivery; "all delivered"`,
      `is the first publish of a broadcast → the last receipt. One warm-up broadcast runs first and is not counted (the delivery`,
      `path's code is still cold right after the sockets open; a running server's is not): request → all delivered took`,
      `${results.map((r) => `${r.coldMs.toFixed(0)} ms (${r.scenario})`).join(', ')}.`,
      `Times are \`performance.timeOrigin + performance.now()\` in each`,
      `process; the largest clock offset between processes, measured with minimum-round-trip pings, was`,
      `${Math.max(...results.map((r) => r.maxSkewMs)).toFixed(2)} ms. Memory per idle connection = the API process's RSS (and V8`,
      `heap + external) after GC with all sockets open, minus before they opened (and after the people's sessions were written, which`,
      `on PGlite grows the API process itself), divided by the count: heap + external is what the connections hold; RSS also counts`,
      `what V8 and the allocator keep reserved after GC.`,
      `The sockets open in two halves with a reading between; "one more socket" (in brackets) is the second half's growth divided`,
      `by its count: what each further connection costs, without what the server grows once whatever the count.`,
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
      'Re-run: `BENCH_ONLY=realtime-fanout pnpm bench` (add `BENCH_DATABASE_URL` and `BENCH_REDIS_URL` for the two-process row; `BENCH_CPU_PROFILE=<dir>` writes a V8 CPU profile of the API during the measured broadcasts).',
    ].join('\n');
    return { summary: `${title}\n${textTable(header, rows)}`, markdown };
  },
};
