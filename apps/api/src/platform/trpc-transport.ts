import type { IncomingMessage } from 'node:http';
import type { AnyTRPCRouter, inferRouterContext } from '@trpc/server';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { getWSConnectionHandler, handleKeepAlive, type WSSHandlerOptions } from '@trpc/server/adapters/ws';
import { resolveResponse } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';

/** What a context factory receives: the Fastify request, and the reply (HTTP) or socket (WS). */
export type TransportContextOptions =
  | { kind: 'http'; req: FastifyRequest; reply: FastifyReply; connectionParams: null }
  | { kind: 'ws'; req: FastifyRequest; socket: WebSocket; connectionParams: Record<string, string | undefined> | null };

export interface TrpcTransportOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  prefix: string;
  createContext: (options: TransportContextOptions) => Promise<inferRouterContext<TRouter>>;
  maxBatchSize: number;
  /** Largest request body tRPC will read, for every content type it accepts. */
  maxBodySize: number;
  keepAlive: { pingMs: number; pongWaitMs: number };
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
 * (`trpc-accept: application/jsonl`, server-sent events) stay streams.
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

    scope.route({
      method: ['GET', 'POST'],
      url: `${options.prefix}/:path`,
      handler: async (req, reply) => {
        const streaming =
          req.headers['trpc-accept'] !== undefined || (req.headers.accept ?? '').includes('text/event-stream');
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
          path: (req.params as { path: string }).path,
          error: null,
          maxBatchSize: options.maxBatchSize,
          createContext: () => options.createContext({ kind: 'http', req, reply, connectionParams: null }),
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

    // `wss` is only used by applyWSSHandler's own server; this handler is attached per upgrade.
    const onConnection = getWSConnectionHandler({
      router: options.router,
      createContext: ({ req, res, info }) =>
        options.createContext({
          kind: 'ws',
          // The Fastify request (id, ip, log) stands in for the raw upgrade request; tRPC reads
          // only its url, headers and socket, which both have.
          req: req as unknown as FastifyRequest,
          // tRPC's typings name `ws` types it does not depend on; this is the same socket.
          socket: res as unknown as WebSocket,
          connectionParams: info.connectionParams,
        }),
    } as Omit<WSSHandlerOptions<TRouter>, 'wss'> as WSSHandlerOptions<TRouter>);
    scope.get(options.prefix, { websocket: true }, (socket, req) => {
      onConnection(socket, req as unknown as IncomingMessage);
      handleKeepAlive(socket, options.keepAlive.pingMs, options.keepAlive.pongWaitMs);
    });
  });
}

function plainHeaders(headers: FastifyRequest['headers']): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    pairs.push([name, Array.isArray(value) ? value.join(', ') : value]);
  }
  return pairs;
}
