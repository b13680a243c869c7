import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_MAX: '5' } });
});
afterAll(async () => {
  await app?.close();
});

it('answers 429 with the error shape once the per-IP budget is spent, and never limits health', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) statuses.push((await fetch(`${app.url}/trpc/system.status`)).status);
  expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  expect(statuses.slice(5)).toEqual([429, 429]);
  const limited = await fetch(`${app.url}/trpc/system.status`);
  expect(await limited.json()).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS', requestId: expect.any(String) } });
  expect(limited.headers.get('retry-after')).toBeTruthy();
  expect((await fetch(`${app.url}/health`)).status).toBe(200);
});
