import { startTestApp, type TestApp } from '@tessera/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTesseraClient, isTesseraError } from './index';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('createTesseraClient against a running server', () => {
  it('runs typed queries with superjson dates', async () => {
    const client = createTesseraClient({ url: app.url });
    const status = await client.system.status.query();
    expect(status.status).toBe('ok');
    expect(status.startedAt).toBeInstanceOf(Date);
    expect(['embedded', 'postgres']).toContain(status.database.mode);
    client.close();
  });

  it('batches calls made together into one request', async () => {
    let requests = 0;
    const client = createTesseraClient({
      url: `${app.url}/`,
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
    });
    const [a, b, c] = await Promise.all([
      client.system.instance.query(),
      client.system.echo.mutate({ message: 'hi' }),
      client.system.status.query(),
    ]);
    expect(a.instanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.message).toBe('hi');
    expect(c.status).toBe('ok');
    expect(requests).toBe(2); // one batch for queries, one for the mutation
    client.close();
  });

  it('surfaces the error shape: code, requestId and fieldErrors', async () => {
    const client = createTesseraClient({ url: app.url });
    const error = await client.system.echo.mutate({ message: '' }).catch((e: unknown) => e);
    expect(isTesseraError(error)).toBe(true);
    if (!isTesseraError(error)) return;
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.requestId).toEqual(expect.any(String));
    expect(error.data?.fieldErrors).toEqual({ message: ['Message must not be empty'] });
    client.close();
  });

  it('receives subscription events over WebSocket in Node', async () => {
    const client = createTesseraClient({ url: app.url });
    const ticks = await new Promise<number[]>((resolve, reject) => {
      const seen: number[] = [];
      const sub = client.system.heartbeat.subscribe(
        { intervalMs: 100 },
        {
          onData: (tick) => {
            seen.push(tick.sequence);
            if (seen.length === 3) {
              sub.unsubscribe();
              resolve(seen);
            }
          },
          onError: reject,
        },
      );
    });
    expect(ticks).toEqual([0, 1, 2]);
    client.close();
  });

  it('signs in for a bearer token, makes a personal access token and uses it, as the README script does', async () => {
    const anonymous = createTesseraClient({ url: app.url });
    await anonymous.auth.signUp.mutate({ email: 'script@example.com', password: 'a long and unusual passphrase', name: 'Script' });
    const { token } = await anonymous.auth.signIn.mutate({
      email: 'script@example.com',
      password: 'a long and unusual passphrase',
      transport: 'bearer',
    });
    const session = createTesseraClient({ url: app.url, token: token! });
    const pat = await session.auth.tokens.create.mutate({ name: 'nightly report', expiresInDays: 90 });
    await session.auth.signOut.mutate();
    expect(await session.auth.me.query()).toBeNull();

    const tessera = createTesseraClient({ url: app.url, token: pat.secret });
    const me = await tessera.auth.me.query();
    expect(me).toMatchObject({ via: 'token', user: { email: 'script@example.com' } });
    // The token also authenticates the WebSocket (sent in the connection params).
    const tick = await new Promise<number>((resolve, reject) => {
      const sub = tessera.system.heartbeat.subscribe(
        { intervalMs: 100 },
        {
          onData: (t) => {
            sub.unsubscribe();
            resolve(t.sequence);
          },
          onError: reject,
        },
      );
    });
    expect(tick).toBe(0);
    tessera.close();
    anonymous.close();
    session.close();
  });
});
