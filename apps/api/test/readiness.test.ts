import { createTestDatabase } from '@tessera/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness';

const apps: TestApp[] = [];
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close().catch(() => undefined)));
});

describe('readiness names the dependency that fails', () => {
  it('reports Redis when it does not answer, while liveness stays up', async () => {
    // Port 1 on loopback: nothing listens there.
    const app = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    apps.push(app);
    const ready = await fetch(`${app.url}/health/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { status: string; checks: Record<string, { status: string; error?: string }> };
    expect(body.status).toBe('error');
    expect(body.checks.database?.status).toBe('ok');
    expect(body.checks.redis?.status).toBe('error');
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    // Rate limiting must not turn a Redis outage into failed requests.
    expect((await fetch(`${app.url}/trpc/system.instance`)).status).toBe(200);
  });

  it('reports the database when it stops answering', async () => {
    const database = await createTestDatabase();
    const app = await startTestApp({ database });
    apps.push(app);
    expect((await fetch(`${app.url}/health/ready`)).status).toBe(200);
    await database.close();
    const ready = await fetch(`${app.url}/health/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { checks: Record<string, { status: string }> };
    expect(body.checks.database?.status).toBe('error');
  });
});
