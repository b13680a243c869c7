import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createDb } from '@tessera/db';
import { startApi } from '../lib/api-host';
import { describeMachine, machineLine, markdownTable, textTable } from '../lib/report';
import type { Benchmark } from './types';

/**
 * What a first visit downloads: the real API serves the production build (apps/web/dist) as it
 * does in production, and a client fetches index.html and everything it names (entry script,
 * module preloads, stylesheet) once per encoding. Bytes, not times: they do not drift with the
 * machine. Baselines in the same run: the same files uncompressed, and all of the app's
 * JavaScript (what the first visit downloaded before pages were split off).
 */
const id = 'web-first-load';
const title = 'Web app first load (bytes on the wire)';
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const dist = join(repoRoot, 'apps/web/dist');

function fetchRaw(url: string, encoding: string | null) {
  return new Promise<{ status: number; wire: number; body: Buffer; encoding: string | undefined }>((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'text/html,*/*' };
    if (encoding) headers['accept-encoding'] = encoding;
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const wire = Buffer.concat(chunks);
        const used = response.headers['content-encoding'];
        const body = used === 'br' ? brotliDecompressSync(wire) : used === 'gzip' ? gunzipSync(wire) : wire;
        resolve({ status: response.statusCode ?? 0, wire: wire.length, body, encoding: used });
      });
    }).on('error', reject);
  });
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)} %`;

export const webFirstLoadBenchmark: Benchmark = {
  id,
  title,
  async run({ log }) {
    if (!existsSync(join(dist, 'index.html'))) {
      log('› building apps/web (no dist/ yet)');
      execFileSync('pnpm', ['--filter', '@tessera/web', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    }
    const database = await createDb({ dataDir: 'memory://' });
    await database.migrate();
    const { app, base } = await startApi(database, {}, undefined, { serveWeb: true });
    try {
      const page = await fetchRaw(`${base}/`, null);
      if (page.status !== 200) throw new Error(`GET / answered ${page.status}`);
      const html = page.body.toString('utf8');
      const files = ['/', ...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!))];
      const totals = { raw: 0, br: 0, gzip: 0 };
      for (const file of files) {
        const [raw, br, gzip] = await Promise.all([fetchRaw(`${base}${file}`, null), fetchRaw(`${base}${file}`, 'br, gzip'), fetchRaw(`${base}${file}`, 'gzip')]);
        if (!br.body.equals(raw.body) || !gzip.body.equals(raw.body)) throw new Error(`${file}: a compressed answer does not decompress to the file`);
        totals.raw += raw.wire;
        totals.br += br.wire;
        totals.gzip += gzip.wire;
      }
      const scripts = readdirSync(join(dist, 'assets')).filter((name) => name.endsWith('.js'));
      const size = (name: string) => statSync(join(dist, 'assets', name)).size;
      const allJs = scripts.reduce((sum, name) => sum + size(name), 0);
      const firstJs = files.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + size(f.slice('/assets/'.length)), 0);
      const lazy = scripts.filter((name) => !files.includes(`/assets/${name}`)).sort((a, b) => size(b) - size(a));
      const largest = lazy[0];
      log(`  first load: ${files.length} files, ${kib(totals.raw)} uncompressed, ${kib(totals.br)} brotli, ${kib(totals.gzip)} gzip; first-load JS ${kib(firstJs)} of ${kib(allJs)} in all`);
      const rows = [
        ['First load on the wire, brotli (index.html + entry + preloads + CSS)', `${kib(totals.br)} (${files.length} files)`, `${percent(totals.br, totals.raw)} of uncompressed`],
        ['First load on the wire, gzip only', kib(totals.gzip), `${percent(totals.gzip, totals.raw)} of uncompressed`],
        ['First load uncompressed (baseline: what a client without compression gets)', kib(totals.raw), '100 %'],
        ['JavaScript in the first load vs all of the app\'s JavaScript', `${kib(firstJs)} of ${kib(allJs)}`, `${percent(firstJs, allJs)}; ${lazy.length} chunks load with their pages`],
        ['Largest chunk left out of the first load', largest ? `${largest.replace(/-[\w-]{8}\.js$/, '')} ${kib(size(largest))}` : '—', 'loaded on its page'],
      ];
      const header = ['measurement', 'bytes', 'ratio'];
      const machine = describeMachine();
      const markdown = [
        `## ${title}`,
        '',
        `- Last run: ${machineLine(machine)}`,
        '- Command: `BENCH_ONLY=web-first-load pnpm bench` (builds apps/web first when it has no dist/).',
        '',
        'The real API serves the production build; a client reads index.html and fetches every file it names (the entry script, module preloads, the stylesheet)',
        'with `Accept-Encoding: br, gzip`, with `gzip`, and without, and checks each compressed answer decompresses to the file. Pages (tracker board, analytics,',
        'admin, …) are separate chunks fetched on first visit or link hover, so they are not in the first load.',
        '',
        markdownTable(header, rows),
      ].join('\n');
      return { summary: [`${title} (${machineLine(machine)})`, textTable(header, rows)].join('\n'), markdown };
    } finally {
      await app.close();
      await database.close();
    }
  },
};
