import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { initTRPC, tracked, type TrackedEnvelope } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { z } from 'zod';
import { type PushObserver, pushStream } from '../src/platform/push-stream';
import { createWsConnectionHandler } from '../src/platform/trpc-ws';
import { waitFor } from './realtime-helpers';

/**
 * The API's WebSocket handler (platform/trpc-ws.ts) on its own, with a small router, spoken to by
 * tRPC's own client (wsLink) and by raw sockets: the protocol it must keep (started / data with
 * tracked ids / stopped, errors, connection params), push streams written straight to the socket,
 * pulled generators, and a reader that stops reading.
 */

const t = initTRPC.context<{ user: string }>().create();

/** Every push stream the router started, to drive and inspect from the tests. */
const streams: { topic: string; observer: PushObserver<unknown>; stopped: boolean }[] = [];

const router = t.router({
  whoami: t.procedure.query(({ ctx }) => ctx.user),
  double: t.procedure.input(z.object({ n: z.number().int() })).mutation(({ input }) => input.n * 2),
  events: t.procedure.input(z.object({ topic: z.string(), lastEventId: z.string().nullish() })).subscription(({ input }) =>
    pushStream<TrackedEnvelope<{ topic: string; n: number }>>((observer) => {
      const entry = { topic: input.topic, observer: observer as PushObserver<unknown>, stopped: false };
      streams.push(entry);
      // A resumed subscription learns where it resumed from.
      if (input.lastEventId) observer.next(tracked(input.lastEventId, { topic: 'resumed', n: 0 }));
      return () => {
        entry.stopped = true;
      };
    }),
  ),
  countdown: t.procedure.input(z.object({ from: z.number().int().min(0).max(10) })).subscription(async function* ({ input }) {
    for (let n = input.from; n > 0; n--) yield await Promise.resolve(n);
  }),
});

const maxBufferedBytes = 64 * 1024;
let server: Server;
let url: string;

beforeAll(async () => {
  const onConnection = createWsConnectionHandler({
    router,
    maxBufferedBytes,
    createContext: ({ connectionParams }) => {
      if (connectionParams?.token === 'bad') return Promise.reject(new Error('no such token'));
      return Promise.resolve({ user: connectionParams?.token ?? 'anonymous' });
    },
  });
  server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, req) => onConnection(socket, { url: req.url ?? '/' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(token?: string) {
  const wsClient = createWSClient({ url, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket, connectionParams: () => (token ? { token } : {}), retryDelayMs: () => 50 });
  return { trpc: createTRPCClient<typeof router>({ links: [wsLink({ client: wsClient })] }), close: () => void wsClient.close() };
}

/** A raw socket and every frame it received, parsed. */
async function rawSocket(path = '') {
  const socket = new WebSocket(url + path);
  const frames: { id?: unknown; result?: { type: string; id?: string; data?: unknown }; error?: { code: number; message: string; data?: { code: string } } }[] = [];
  socket.on('message', (raw: Buffer) => {
    const text = raw.toString();
    if (text !== 'PONG') frames.push(JSON.parse(text) as (typeof frames)[number]);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { socket, frames };
}

describe('tRPC over WebSocket (platform/trpc-ws.ts)', () => {
  it('answers queries and mutations with the context from the connection params, and input errors as BAD_REQUEST', async () => {
    const { trpc, close } = client('ann');
    try {
      expect(await trpc.whoami.query()).toBe('ann');
      expect(await trpc.double.mutate({ n: 21 })).toBe(42);
      await expect(trpc.double.mutate({ n: 1.5 })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    } finally {
      close();
    }
  });

  it('writes a push stream’s values with their tracked ids, resumes with lastEventId, and stops the stream on unsubscribe', async () => {
    const { trpc, close } = client('ben');
    try {
      const got: { id: string; data: { topic: string; n: number } }[] = [];
      const subscription = trpc.events.subscribe({ topic: 'ben-1' }, { onData: (value) => got.push(value) });
      const stream = await waitFor(() => streams.find((s) => s.topic === 'ben-1'), 5000, 'stream');
      stream.observer.next(tracked('e1', { topic: 'ben-1', n: 1 }));
      stream.observer.next(tracked('e2', { topic: 'ben-1', n: 2 }));
      await waitFor(() => got.length === 2, 5000, 'two values');
      expect(got).toEqual([
        { id: 'e1', data: { topic: 'ben-1', n: 1 } },
        { id: 'e2', data: { topic: 'ben-1', n: 2 } },
      ]);
      subscription.unsubscribe();
      await waitFor(() => stream.stopped, 5000, 'stream stopped');

      const resumed: { id: string; data: { topic: string } }[] = [];
      void trpc.events.subscribe({ topic: 'ben-2', lastEventId: 'e2' }, { onData: (value) => resumed.push(value) });
      await waitFor(() => resumed.length === 1, 5000, 'resumed');
      expect(resumed[0]).toEqual({ id: 'e2', data: { topic: 'resumed', n: 0 } });
    } finally {
      close();
    }
  });

  it('ends a subscription whose push stream fails with an error the client sees, and completes one that completes', async () => {
    const { trpc, close } = client('cid');
    try {
      const errors: unknown[] = [];
      void trpc.events.subscribe({ topic: 'cid-fail' }, { onError: (error) => errors.push(error) });
      const failing = await waitFor(() => streams.find((s) => s.topic === 'cid-fail'), 5000, 'stream');
      failing.observer.error(new Error('backlog unavailable'));
      await waitFor(() => errors.length === 1, 5000, 'error');
      expect(failing.stopped).toBe(true);
      expect(errors[0]).toMatchObject({ data: { code: 'INTERNAL_SERVER_ERROR' } });

      let completed = false;
      void trpc.events.subscribe({ topic: 'cid-done' }, { onComplete: () => (completed = true) });
      const finishing = await waitFor(() => streams.find((s) => s.topic === 'cid-done'), 5000, 'stream');
      finishing.observer.complete();
      await waitFor(() => completed, 5000, 'completed');
    } finally {
      close();
    }
  });

  it('pulls an async generator subscription to its end', async () => {
    const { trpc, close } = client();
    try {
      const values: number[] = [];
      let completed = false;
      void trpc.countdown.subscribe({ from: 3 }, { onData: (n) => values.push(n), onComplete: () => (completed = true) });
      await waitFor(() => completed, 5000, 'countdown');
      expect(values).toEqual([3, 2, 1]);
    } finally {
      close();
    }
  });

  it('keeps the protocol’s frames: started, data, stopped; parse errors and binary frames answered, the socket kept', async () => {
    const { socket, frames } = await rawSocket();
    try {
      socket.send(JSON.stringify({ id: 7, method: 'subscription', params: { path: 'events', input: { topic: 'raw' } } }));
      const stream = await waitFor(() => streams.find((s) => s.topic === 'raw'), 5000, 'stream');
      stream.observer.next(tracked('r1', { topic: 'raw', n: 1 }));
      socket.send(JSON.stringify({ id: 7, method: 'subscription.stop' }));
      await waitFor(() => frames.some((f) => f.result?.type === 'stopped'), 5000, 'stopped');
      expect(frames.map((f) => f.result?.type)).toEqual(['started', 'data', 'stopped']);
      expect(frames[1]).toMatchObject({ id: 7, result: { type: 'data', id: 'r1', data: { id: 'r1', data: { topic: 'raw', n: 1 } } } });
      expect(stream.stopped).toBe(true);

      socket.send('{not json');
      socket.send(Buffer.from([1, 2, 3]), { binary: true });
      socket.send(JSON.stringify({ id: 8, method: 'query', params: { path: 'nope', input: null } }));
      socket.send('PING');
      await waitFor(() => frames.filter((f) => f.error).length === 3, 5000, 'three errors');
      expect(frames.filter((f) => f.error).map((f) => [f.id, f.error!.data?.code])).toEqual([
        [null, 'PARSE_ERROR'],
        [null, 'PARSE_ERROR'],
        [8, 'NOT_FOUND'],
      ]);
      expect(socket.readyState).toBe(WebSocket.OPEN);
    } finally {
      socket.close();
    }
  });

  it('answers a context that cannot be made with an error, then closes the socket', async () => {
    const { socket, frames } = await rawSocket('?connectionParams=1');
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.send(JSON.stringify({ method: 'connectionParams', data: { token: 'bad' } }));
    await closed;
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ id: null, error: { data: { code: 'INTERNAL_SERVER_ERROR' } } });
  });

  it('closes a socket that stopped reading once its unsent data passes the limit, and stops its streams', async () => {
    const { socket } = await rawSocket();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'events', input: { topic: 'stalled' } } }));
    const stream = await waitFor(() => streams.find((s) => s.topic === 'stalled'), 5000, 'stream');
    // The client's TCP socket stops reading: the server's send buffer and then its queue fill up.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const padding = 'x'.repeat(4096);
    for (let i = 0; i < 5000 && !stream.stopped; i++) {
      stream.observer.next(tracked(String(i), { topic: padding, n: i }));
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(stream.stopped).toBe(true);
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await closed;
  });
});
