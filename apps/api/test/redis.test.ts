import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness';

// Runs when CI (or a developer) points TEST_REDIS_URL at a real Redis.
const redisUrl = process.env.TEST_REDIS_URL;

describe.runIf(redisUrl)('with Redis configured', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}:`, RATE_LIMIT_MAX: '3' },
    });
    const redis = app.deps.redis!;
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('reports Redis as ready', async () => {
    const body = (await (await fetch(`${app.url}/health/ready`)).json()) as { checks: Record<string, { status: string }> };
    expect(body.checks.redis?.status).toBe('ok');
  });

  it('keeps rate-limit counters in Redis', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${app.url}/trpc/system.instance`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const keys = await app.deps.redis!.keys(`${app.deps.config.redisKeyPrefix}rate:*`);
    expect(keys.length).toBeGreaterThan(0);
  });
});
