import { fileURLToPath } from 'node:url';

/** Everything `pnpm bench` reads from the environment, validated once. */
export interface BenchConfig {
  /** Seconds each target is measured in total, split over `rounds` interleaved slices. */
  durationSeconds: number;
  /** Seconds of load sent to each target before measuring (JIT, pools, caches). */
  warmupSeconds: number;
  /** A/B slices per target: 2 means A B A B. */
  rounds: number;
  connections: number;
  /** Also run against this Postgres database (its schema is migrated; use a dedicated one). */
  databaseUrl: string | undefined;
  /** Run only these benchmark ids (BENCH_ONLY=a,b); all when empty. */
  only: string[];
  /** Realtime fan-out: WebSocket subscribers held open, and broadcasts measured. */
  wsConnections: number;
  wsBroadcasts: number;
  /** Child processes the fan-out subscribers are spread over (none share the API's event loop). */
  wsClientProcesses: number;
  /** Write a V8 CPU profile of the API during the fan-out broadcasts into this directory. */
  cpuProfileDir: string | undefined;
  /** Redis for the fan-out across two API processes (needs BENCH_DATABASE_URL too: they share it). */
  redisUrl: string | undefined;
  /** Update docs/benchmarks.md (BENCH_WRITE=false to only print). */
  write: boolean;
  docsFile: string;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number (got "${value}")`);
  return parsed;
}

export function loadBenchConfig(env: Record<string, string | undefined> = readProcessEnv()): BenchConfig {
  const databaseUrl = env.BENCH_DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('BENCH_DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    durationSeconds: positive('BENCH_DURATION', env.BENCH_DURATION, 10),
    warmupSeconds: positive('BENCH_WARMUP', env.BENCH_WARMUP, 3),
    rounds: Math.round(positive('BENCH_ROUNDS', env.BENCH_ROUNDS, 2)),
    connections: Math.round(positive('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS, 100)),
    databaseUrl,
    wsConnections: Math.round(positive('BENCH_WS_CONNECTIONS', env.BENCH_WS_CONNECTIONS, 5000)),
    wsBroadcasts: Math.round(positive('BENCH_WS_BROADCASTS', env.BENCH_WS_BROADCASTS, 5)),
    cpuProfileDir: env.BENCH_CPU_PROFILE || undefined,
    wsClientProcesses: Math.round(positive('BENCH_WS_CLIENT_PROCESSES', env.BENCH_WS_CLIENT_PROCESSES, 2)),
    redisUrl: env.BENCH_REDIS_URL || undefined,
    only: (env.BENCH_ONLY ?? '').split(',').map((id) => id.trim()).filter(Boolean),
    write: !['false', '0', 'no'].includes((env.BENCH_WRITE ?? '').toLowerCase()),
    docsFile: fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url)),
  };
}

/** The environment a benchmark's server process starts with: ours, in production mode. */
export function serverProcessEnv(): Record<string, string | undefined> {
  return { ...readProcessEnv(), NODE_ENV: 'production' };
}

function readProcessEnv(): Record<string, string | undefined> {
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the environment
  return process.env;
}
