import type { BenchConfig } from '../config';

/** One database a benchmark runs against. PGlite always; Postgres when BENCH_DATABASE_URL is set. */
export interface DatabaseTarget {
  label: string;
  /** Undefined: embedded PGlite in memory. */
  url: string | undefined;
}

export interface BenchmarkContext {
  config: BenchConfig;
  databases: DatabaseTarget[];
  log: (line: string) => void;
}

export interface BenchmarkResult {
  /** Printed to the terminal. */
  summary: string;
  /** The body of this benchmark's section in docs/benchmarks.md (between its markers). */
  markdown: string;
}

/** A benchmark is one module: an id (its docs marker), a title, and a run function. */
export interface Benchmark {
  id: string;
  title: string;
  run(context: BenchmarkContext): Promise<BenchmarkResult>;
}
