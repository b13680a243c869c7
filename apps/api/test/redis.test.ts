import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveBufferSize, parseLiveId } from '../src/platform/realtime';
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

  it('keeps each person\'s newest live changes in Redis for replay, trimmed to the buffer', async () => {
    const hub = app.deps.realtime;
    expect(hub.mode).toBe('redis');
    const userId = crypto.randomUUID();
    const start = await hub.liveBacklog(userId, null);
    // Well past the trim point (the list is trimmed once it holds twice the buffer).
    const total = 2 * liveBufferSize + 7;
    for (let i = 1; i <= total; i++) await hub.publish(userId, { topic: 'live', entities: [`list-${i}`] });
    const { head, missed } = await hub.liveBacklog(userId, start.head);
    // The first changes were dropped, so a resume from before them must resync…
    expect(missed).toBeNull();
    expect(parseLiveId(head)).toEqual({ epoch: parseLiveId(start.head)!.epoch, seq: total });
    // …and a resume from inside the buffer replays exactly what came after, in order, with ids.
    const from = `${parseLiveId(head)!.epoch}-${total - liveBufferSize + 1}`;
    const replay = await hub.liveBacklog(userId, from);
    expect(replay.missed?.map((change) => change.entities[0])).toEqual(Array.from({ length: liveBufferSize - 1 }, (_, i) => `list-${total - liveBufferSize + 2 + i}`));
    expect(replay.missed?.at(-1)?.id).toBe(head);
    // The one change just before the buffer's oldest kept change is one too far back.
    expect((await hub.liveBacklog(userId, `${parseLiveId(head)!.epoch}-${total - liveBufferSize - 1}`)).missed).toBeNull();
  });
});
