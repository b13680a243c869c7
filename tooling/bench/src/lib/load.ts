import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
}

export interface LoadSample {
  /** Successful (2xx) responses per second. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers: any of these makes the sample suspect. */
  failures: number;
}

/** Load one URL for a while with autocannon and keep the figures we report. */
export async function loadUrl(options: LoadOptions): Promise<LoadSample> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** The mean of each figure over the interleaved slices of one target. */
export function meanOf(samples: LoadSample[]): LoadSample {
  const mean = (pick: (s: LoadSample) => number) => samples.reduce((sum, s) => sum + pick(s), 0) / samples.length;
  return {
    requestsPerSecond: mean((s) => s.requestsPerSecond),
    p50Ms: mean((s) => s.p50Ms),
    p99Ms: mean((s) => s.p99Ms),
    failures: samples.reduce((sum, s) => sum + s.failures, 0),
  };
}

/**
 * Warm every target up, then measure them in interleaved slices (A B A B …) so drift over the
 * run (thermal, GC, the database growing) lands on all targets alike. Returns the mean per target.
 */
export async function compareInterleaved(
  targets: { name: string; url: string; headers?: Record<string, string> }[],
  options: { warmupSeconds: number; seconds: number; rounds: number; connections: number; log: (line: string) => void },
): Promise<Map<string, LoadSample>> {
  for (const target of targets) {
    options.log(`  warm-up ${target.name} (${options.warmupSeconds} s)`);
    await loadUrl({ url: target.url, headers: target.headers, seconds: options.warmupSeconds, connections: options.connections });
  }
  const slice = Math.max(1, Math.round(options.seconds / options.rounds));
  const samples = new Map<string, LoadSample[]>(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const target of targets) {
      const sample = await loadUrl({ url: target.url, headers: target.headers, seconds: slice, connections: options.connections });
      options.log(
        `  round ${round}/${options.rounds} ${target.name}: ${Math.round(sample.requestsPerSecond)} req/s, p50 ${sample.p50Ms} ms, p99 ${sample.p99Ms} ms` +
          (sample.failures ? `, ${sample.failures} failures` : ''),
      );
      samples.get(target.name)?.push(sample);
    }
  }
  return new Map([...samples].map(([name, list]) => [name, meanOf(list)]));
}
