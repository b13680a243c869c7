import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const json = { 'content-type': 'application/json' };

describe('operations endpoints', () => {
  it('answers liveness', async () => {
    const res = await fetch(`${app.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('reports readiness with each dependency', async () => {
    const res = await fetch(`${app.url}/health/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(body.checks.database?.status).toBe('ok');
  });

  it('exposes Prometheus metrics with per-procedure request durations', async () => {
    await fetch(`${app.url}/trpc/system.status`);
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/tessera_http_request_duration_seconds_count\{method="GET",procedure="system.status",status="200"\} \d+/);
    expect(text).toContain('tessera_process_resident_memory_bytes');
  });

  it('collapses unknown procedure names in metric labels', async () => {
    await fetch(`${app.url}/trpc/made.up.${Date.now()}`);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toContain('procedure="unknown"');
    expect(text).not.toContain('made.up');
  });
});

describe('request ids', () => {
  it('generates one and echoes it in the header and logs', async () => {
    const res = await fetch(`${app.url}/trpc/system.status`);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = app.logs.entries.find((e) => e.requestId === id && e.msg === 'request completed');
    expect(line).toMatchObject({ method: 'GET', procedure: 'system.status', status: 200 });
    expect(typeof line?.durationMs).toBe('number');
  });

  it('keeps a sane incoming id and replaces a hostile one', async () => {
    const kept = await fetch(`${app.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    // The hostile id holds characters no generated id can (space, tab), so the check cannot
    // collide with a random UUID that happens to contain the same letters.
    const hostile = 'evil id\twith spaces';
    const replaced = await fetch(`${app.url}/health`, { headers: { 'x-request-id': hostile } });
    const replacement = replaced.headers.get('x-request-id') ?? '';
    expect(replacement).not.toBe(hostile);
    expect(replacement).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('tRPC over HTTP', () => {
  it('serves the system status query with live data', async () => {
    const res = await fetch(`${app.url}/trpc/system.status`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: Record<string, unknown> } } };
    const status = body.result.data.json;
    expect(status.status).toBe('ok');
    expect(status.database).toMatchObject({ mode: expect.stringMatching(/embedded|postgres/) });
    expect((status.database as { migrations: { applied: number } }).migrations.applied).toBeGreaterThan(0);
  });

  it('answers invalid input with BAD_REQUEST, field errors and the request id', async () => {
    const res = await fetch(`${app.url}/trpc/system.echo`, {
      method: 'POST',
      headers: { ...json, 'x-request-id': 'bad-input-1' },
      body: JSON.stringify({ json: { message: '' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(body.error.json.data).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      requestId: 'bad-input-1',
      fieldErrors: { message: ['Message must not be empty'] },
    });
    expect(body.error.json.message).toBe('Invalid input: message: Message must not be empty');
    expect(JSON.stringify(body)).not.toContain('stack');
  });

  it('answers malformed JSON and wrong types without a 500', async () => {
    for (const payload of ['{not json', '"just a string"', 'null', '[]', JSON.stringify({ json: { message: 42 } })]) {
      const res = await fetch(`${app.url}/trpc/system.echo`, { method: 'POST', headers: json, body: payload });
      expect(res.status, payload).toBeGreaterThanOrEqual(400);
      expect(res.status, payload).toBeLessThan(500);
    }
  });

  it('answers an unknown procedure with NOT_FOUND', async () => {
    const res = await fetch(`${app.url}/trpc/nope.nothing`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { json: { data: { code: string; requestId: string } } } };
    expect(body.error.json.data.code).toBe('NOT_FOUND');
    expect(body.error.json.data.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('limits batch size', async () => {
    const names = Array.from({ length: 26 }, () => 'system.status').join(',');
    const input = encodeURIComponent(JSON.stringify({}));
    const res = await fetch(`${app.url}/trpc/${names}?batch=1&input=${input}`);
    expect(res.status).toBe(400);
    const ok = await fetch(`${app.url}/trpc/system.status,system.status?batch=1&input=${input}`);
    expect(ok.status).toBe(200);
  });

  it('refuses bodies over the limit for every content type', async () => {
    const big = 'x'.repeat(1_100_000);
    for (const type of ['application/json', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/plain']) {
      const res = await fetch(`${app.url}/trpc/system.echo`, { method: 'POST', headers: { 'content-type': type }, body: big });
      expect(res.status, type).toBeGreaterThanOrEqual(400);
      expect(res.status, type).toBeLessThan(500);
      expect([413, 415]).toContain(res.status);
    }
  });

  it('gives file-taking procedures the larger upload limit, and only them', async () => {
    const body = JSON.stringify({ json: { csv: 'x'.repeat(2_000_000) } });
    const upload = await fetch(`${app.url}/trpc/tracker.transfer.importCsv`, { method: 'POST', headers: json, body });
    expect(upload.status).toBe(401); // read and refused for lack of a session, not for its size
    const other = await fetch(`${app.url}/trpc/system.echo`, { method: 'POST', headers: json, body });
    expect(other.status).toBe(413);
    const mixed = await fetch(`${app.url}/trpc/tracker.transfer.importCsv,system.echo?batch=1`, { method: 'POST', headers: json, body });
    expect(mixed.status).toBe(413);
  });

  it('sends security headers on every kind of answer', async () => {
    for (const path of ['/health', '/trpc/system.instance', '/nothing-here']) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      // The app's own WebSocket origin is allowed; plain http needs no HSTS or upgrade.
      expect(csp, path).toMatch(/connect-src 'self' ws:\/\//);
      expect(csp, path).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await fetch(`${app.url}/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND', requestId: expect.any(String) } });
  });
});

describe('WebSocket upgrade', () => {
  const open = (origin?: string) =>
    new Promise<'open' | 'refused'>((resolve) => {
      const socket = new WebSocket(`${app.url.replace('http', 'ws')}/trpc`, origin ? { origin } : {});
      socket.on('open', () => {
        socket.close();
        resolve('open');
      });
      socket.on('error', () => resolve('refused'));
    });

  it('accepts the app origin and clients without one, refuses foreign origins', async () => {
    expect(await open()).toBe('open');
    expect(await open(app.deps.config.publicUrl)).toBe('open');
    expect(await open('https://evil.example')).toBe('refused');
  });
});
