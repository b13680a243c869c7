import { aiBenchmark } from './benchmarks/ai';
import { authOverhead } from './benchmarks/auth-overhead';
import { realtimeFanout } from './benchmarks/realtime-fanout';
import { trpcVsBare } from './benchmarks/trpc-vs-bare';
import { webFirstLoadBenchmark } from './benchmarks/web-first-load';
import { trackerBenchmark } from './benchmarks/tracker';
import { trackerImportBenchmark } from './benchmarks/tracker-import';
import type { Benchmark, DatabaseTarget } from './benchmarks/types';
import { loadBenchConfig } from './config';
import { writeSection } from './lib/report';

/** Every benchmark `pnpm bench` knows. Adding one: a file in src/benchmarks and a line here. */
const benchmarks: Benchmark[] = [trpcVsBare, authOverhead, aiBenchmark, trackerBenchmark, trackerImportBenchmark, realtimeFanout, webFirstLoadBenchmark];

const config = loadBenchConfig();
const selected = config.only.length ? benchmarks.filter((b) => config.only.includes(b.id)) : benchmarks;
const unknown = config.only.filter((id) => !benchmarks.some((b) => b.id === id));
if (unknown.length) {
  console.error(`Unknown benchmark id(s): ${unknown.join(', ')}. Known: ${benchmarks.map((b) => b.id).join(', ')}`);
  process.exit(1);
}

const databases: DatabaseTarget[] = [{ label: 'PGlite (memory)', url: undefined }];
if (config.databaseUrl) databases.push({ label: 'Postgres', url: config.databaseUrl });

const started = Date.now();
for (const benchmark of selected) {
  const result = await benchmark.run({ config, databases, log: (line) => console.log(line) });
  console.log(`\n${result.summary}\n`);
  if (config.write) {
    writeSection(config.docsFile, benchmark.id, result.markdown);
    console.log(`› wrote the "${benchmark.id}" section of ${config.docsFile}`);
  }
}
console.log(`› benchmarks finished in ${Math.round((Date.now() - started) / 1000)} s`);
