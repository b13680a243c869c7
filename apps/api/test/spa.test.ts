import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness';

/** A raw GET (fetch would negotiate and decompress by itself): status, headers and the bytes as sent. */
function raw(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const script = `console.log(${JSON.stringify('Tessera '.repeat(400))});\n`;
const html = `<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(80)}</body></html>`;

let app: TestApp;
let dist: string;

beforeAll(async () => {
  // A web build as apps/web's Vite config writes it: hashed assets with .br/.gz twins.
  dist = mkdtempSync(join(tmpdir(), 'tessera-spa-'));
  mkdirSync(join(dist, 'assets'));
  for (const [file, text] of [['index.html', html], ['assets/app-1a2b3c.js', script]] as const) {
    writeFileSync(join(dist, file), text);
    writeFileSync(join(dist, `${file}.br`), brotliCompressSync(text));
    writeFileSync(join(dist, `${file}.gz`), gzipSync(text));
  }
  writeFileSync(join(dist, 'assets/plain-9f8e7d.css'), 'body{margin:0}');
  app = await startTestApp({ serveWeb: true, env: { WEB_DIST_DIR: dist } });
});

afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web build served by the API', () => {
  it('sends the brotli twin to browsers that accept it, gzip to those that accept only gzip, the plain file otherwise', async () => {
    const url = `${app.url}/assets/app-1a2b3c.js`;
    const br = await raw(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.body.length).toBeLessThan(script.length / 5);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await raw(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await raw(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    for (const answer of [br, gz, plain]) expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves files without twins as they are', async () => {
    const css = await raw(`${app.url}/assets/plain-9f8e7d.css`, { 'accept-encoding': 'br, gzip' });
    expect(css.status).toBe(200);
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body.toString()).toBe('body{margin:0}');
  });

  it('answers client routes with index.html, compressed and never cached', async () => {
    const page = await raw(`${app.url}/tracker/jobs?search=rust`, { accept: 'text/html', 'accept-encoding': 'br' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(page.body).toString()).toBe(html);
  });

  it('keeps API paths out of the SPA fallback', async () => {
    const missing = await raw(`${app.url}/trpc/no.such.procedure/extra`, { accept: 'text/html' });
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).not.toContain('<!doctype html>');
  });
});
