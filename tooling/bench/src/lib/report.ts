import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  date: string;
  nproc: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: above nproc, other work skewed the figures. */
  load: number;
}

export function describeMachine(now = new Date()): Machine {
  return {
    date: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
}

export function machineLine(machine: Machine): string {
  return `${machine.date} · ${machine.nproc} CPUs (${machine.cpu}) · ${machine.memoryGiB} GiB · Node ${machine.node} · ${machine.platform} · load ${machine.load}`;
}

/** A GitHub-flavoured markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The same table, aligned for a terminal. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const mib = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MiB`;

const preamble = `# Benchmarks

Run with \`pnpm bench\` from the repository root (all benchmarks; \`BENCH_ONLY=<id>\` for one).
Each benchmark rewrites only its own section below, between its \`<!-- bench:<id>:start -->\` and
\`<!-- bench:<id>:end -->\` markers; text outside the markers is kept.

| variable | default | meaning |
| --- | --- | --- |
| \`BENCH_DURATION\` | 10 | seconds each target is measured, split over the interleaved rounds |
| \`BENCH_ROUNDS\` | 2 | interleaved slices per target (2: A B A B) |
| \`BENCH_WARMUP\` | 3 | seconds of warm-up load per target before measuring |
| \`BENCH_CONNECTIONS\` | 100 | concurrent connections (autocannon) |
| \`BENCH_DATABASE_URL\` | — | also run against this Postgres database (a fresh, dedicated one: it is migrated) |
| \`BENCH_ONLY\` | — | comma-separated benchmark ids |
| \`BENCH_WRITE\` | true | \`false\`: print only, leave this file alone |

Figures from a shared 2-CPU machine move by ±10 % from run to run; compare ratios, not absolutes.
Each section records the 1-minute load average at the start of its run: above the CPU count, other
work on the machine skewed the figures and the run should be repeated.
`;

/** Replace (or append) one benchmark's section in the docs file, leaving everything else alone. */
export function writeSection(file: string, id: string, body: string): void {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : preamble;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from !== -1 && to > from
      ? current.slice(0, from) + section + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
