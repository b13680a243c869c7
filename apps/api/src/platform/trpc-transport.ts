import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AnyTRPCRouter, inferRouterContext } from '@trpc/server';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { resolveResponse } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { createQueryResponder } from './trpc-queries';
import { createWsConnectionHandler } from './trpc-ws';

/**
 * What a WebSocket keeps of its upgrade request for its whole life: the fields contexts read, not
 * the Fastify request (with the raw request, its reply, buffers and logger: ~2 KB per socket).
 */
export interface SocketRequest {
  id: string;
  ip: string;
  url: string;
  headers: Pick<FastifyRequest['headers'], 'host' | 'cookie' | 'authorization' | 'user-agent'>;
  log: FastifyRequest['log'];
}

/** What a context factory receives: the Fastify request and reply (HTTP), or the socket (WS). */
export type TransportContextOptions =
  | { kind: 'http'; req: FastifyRequest; reply: FastifyReply; connectionParams: null }
  | { kind: 'ws'; req: SocketRequest; socket: WebSocket; connectionParams: Record<string, string | undefined> | null };

export interface TrpcTransportOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  prefix: string;
  createContext: (options: TransportContextOptions) => Promise<inferRouterContext<TRouter>>;
  maxBatchSize: number;
  /** Largest request body tRPC will read, for every content type it accepts. */
  maxBodySize: number;
  keepAlive: { pingMs: number; pongWaitMs: number };
  /** Unsent bytes after which a socket that receives pushed values is closed (it reconnects and resumes). */
  maxSocketBufferedBytes: number;
}

/**
 * tRPC over HTTP and WebSocket on Fastify, without `@trpc/server/adapters/fastify`.
 *
 * Why not the official plugin (11.19): it hands multipart bodies to tRPC with no size limit
 * (`maxBodySize: null`), gives WebSocket contexts the raw Node request (no request id, IP or
 * logger), and streams every answer from a Fetch `ReadableStream` with an `AbortController` per
 * request — measured at about a third of a tiny query's cost (docs/benchmarks.md). Here GET
 * queries get a plain Fetch `Request`, bodies are read by tRPC with `maxBodySize`, ordinary
 * answers are sent as one buffer with a Content-Length, and only streaming answers
 * (`trpc-accept: application/jsonl`, server-sent events) stay streams. WebSockets speak tRPC's
 * protocol through trpc-ws.ts (why: see there).
 */
export async function registerTrpcTransport<TRouter extends AnyTRPCRouter>(
  app: FastifyInstance,
  options: TrpcTransportOptions<TRouter>,
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async functions
  await app.register(async (scope) => {
    // tRPC parses bodies itself (JSON, form data, octet streams); Fastify must leave them unread.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    const answerQueries = createQueryResponder({ router: options.router, maxBatchSize: options.maxBatchSize });
    scope.route({
      method: ['GET', 'POST'],
      url: `${options.prefix}/:path`,
      handler: async (req, reply) => {
        const streaming =
          req.headers['trpc-accept'] !== undefined || (req.headers.accept ?? '').includes('text/event-stream');
        const path = (req.params as { path: string }).path;
        const createContext = () => options.createContext({ kind: 'http', req, reply, connectionParams: null });
        if (req.method === 'GET' && !streaming) {
          const answer = await answerQueries(req.url, path, createContext);
          if (answer) return reply.code(answer.status).header('content-type', 'application/json').header('vary', 'trpc-accept, accept').send(Buffer.from(answer.body));
        }
        const request =
          req.method === 'GET' && !streaming
            ? new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
                method: 'GET',
                headers: plainHeaders(req.headers),
              })
            : incomingMessageToRequest(req.raw, reply.raw, { maxBodySize: options.maxBodySize });
        const response = await resolveResponse({
          router: options.router,
          req: request,
          path,
          error: null,
          maxBatchSize: options.maxBatchSize,
          createContext,
        });
        void reply.code(response.status);
        response.headers.forEach((value, name) => {
          // Cookies set by procedures went onto the reply already; keep both lists.
          if (name !== 'set-cookie') void reply.header(name, value);
        });
        if (streaming && response.body) return reply.send(response.body);
        return reply.send(Buffer.from(await response.arrayBuffer()));
      },
    });

    const heartbeat = createHeartbeat(options.keepAlive);
    scope.addHook('onClose', (_instance, done) => {
      heartbeat.close();
      done();
    });

    const onConnection = createWsConnectionHandler({
      router: options.router,
      createContext: ({ req, socket, connectionParams }: { req: SocketRequest; socket: WebSocket; connectionParams: Record<string, string | undefined> | null }) =>
        options.createContext({ kind: 'ws', req, socket, connectionParams }),
      maxBufferedBytes: options.maxSocketBufferedBytes,
    });
    scope.get(options.prefix, { websocket: true }, (socket, req) => {
      const log = req.log;
      // Everything below keeps the upgrade's Fastify request and reply alive for as long as the
      // socket is open unless cut loose: @fastify/websocket's error listener (it closes over both),
      // and Node's upgraded response left attached to the TCP socket.
      for (const listener of socket.listeners('error')) socket.off('error', listener as () => void);
      socket.on('error', (error) => {
        log.warn({ err: error }, 'WebSocket error');
        socket.terminate();
      });
      const tcp = req.raw.socket as Socket & { _httpMessage?: ServerResponse | null };
      tcp._httpMessage?.detachSocket(tcp);
      const slim: SocketRequest = {
        id: req.id,
        ip: req.ip,
        url: req.url,
        headers: {
          host: req.headers.host,
          cookie: req.headers.cookie,
          authorization: req.headers.authorization,
          'user-agent': req.headers['user-agent'],
        },
        log,
      };
      onConnection(socket, slim);
      heartbeat.watch(socket);
    });
  });
}

/**
 * tRPC's keepalive, for all sockets with one timer: a socket silent for `pingMs` is sent "PING"
 * (wsLink answers "PONG"); one still silent `pongWaitMs` later is terminated. tRPC's own
 * `handleKeepAlive` keeps two timers and four closures per socket and re-arms them on every
 * message; here a socket costs one map entry, and a message only updates it.
 */
export function createHeartbeat(options: { pingMs: number; pongWaitMs: number }) {
  /** Last message from the socket, and when we pinged it (0: not waiting for an answer). */
  const sockets = new Map<WebSocket, { seenAt: number; pingedAt: number }>();
  function seen(this: WebSocket) {
    const entry = sockets.get(this);
    if (entry) {
      entry.seenAt = Date.now();
      entry.pingedAt = 0;
    }
  }
  function forget(this: WebSocket) {
    sockets.delete(this);
  }
  const timer = setInterval(
    () => {
      const now = Date.now();
      for (const [socket, entry] of sockets) {
        if (entry.pingedAt && now - entry.pingedAt >= options.pongWaitMs) {
          sockets.delete(socket);
          socket.terminate();
        } else if (!entry.pingedAt && now - entry.seenAt >= options.pingMs && socket.readyState === socket.OPEN) {
          entry.pingedAt = now;
          socket.send('PING');
        }
      }
    },
    Math.max(50, Math.min(options.pingMs, options.pongWaitMs) / 2),
  );
  timer.unref();
  return {
    watch(socket: WebSocket) {
      sockets.set(socket, { seenAt: Date.now(), pingedAt: 0 });
      // Shared listeners (`this` is the socket): no closure per socket.
      socket.on('message', seen);
      socket.on('close', forget);
    },
    close() {
      clearInterval(timer);
      sockets.clear();
    },
  };
}

function plainHeaders(headers: FastifyRequest['headers']): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    pairs.push([name, Array.isArray(value) ? value.join(', ') : value]);
  }
  return pairs;
}
