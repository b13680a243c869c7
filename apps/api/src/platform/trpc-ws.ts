import {
  type AnyTRPCRouter,
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  type inferRouterContext,
  isTrackedEnvelope,
  TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import { parseTRPCMessage, type TRPCClientOutgoingMessage, type TRPCResponseMessage } from '@trpc/server/rpc';
import { isAsyncIterable, isObject, parseConnectionParamsFromUnknown, Unpromise } from '@trpc/server/unstable-core-do-not-import';
import type { WebSocket } from 'ws';
import { pushSourceOf } from './push-stream';
import type { RouterConfig } from './trpc-queries';

/**
 * tRPC's WebSocket protocol (what `wsLink` speaks), served by the API itself instead of
 * `getWSConnectionHandler` from `@trpc/server/adapters/ws` (11.19), which it follows message for
 * message: connection params, PING/PONG, batches, `subscription.stop`, `started` / `data` (with
 * `tracked()` ids) / `stopped`, and the same error shapes. Why: tRPC pulls every subscription
 * through its async iterator with a promise race per value; a broadcast to 5,000 sockets spent
 * most of its CPU there. Here a push stream (push-stream.ts) writes its values straight to the
 * socket, and other subscriptions are pulled as tRPC pulls them.
 */

type RequestId = string | number;

export interface WsConnectionOptions<TRouter extends AnyTRPCRouter, TRequest> {
  router: TRouter;
  createContext: (options: { req: TRequest; socket: WebSocket; connectionParams: Record<string, string | undefined> | null }) => Promise<inferRouterContext<TRouter>>;
  /**
   * Bytes a socket may have waiting to be sent before a pushed value gives up on it: the socket is
   * closed and the client reconnects and resumes (`tracked` ids), instead of the server queuing
   * without limit for a client that stopped reading.
   */
  maxBufferedBytes: number;
}

const open = 1;

export function createWsConnectionHandler<TRouter extends AnyTRPCRouter, TRequest extends { url: string }>(options: WsConnectionOptions<TRouter, TRequest>) {
  const { router } = options;
  const config = router._def._config as RouterConfig;

  return (socket: WebSocket, req: TRequest) => {
    const subscriptions = new Map<RequestId, AbortController>();
    let ctx: object | undefined;

    const respond = (response: TRPCResponseMessage) => {
      socket.send(JSON.stringify(transformTRPCResponse(config, response)));
    };
    const errorShape = (error: TRPCError, type: 'query' | 'mutation' | 'subscription' | 'unknown', path?: string, input?: unknown) =>
      getTRPCErrorShape({ config, error, type, path, input, ctx });

    async function createCtx(connectionParams: () => Record<string, string | undefined> | null): Promise<{ ok: true } | { ok: false; error: TRPCError }> {
      try {
        ctx = await options.createContext({ req, socket, connectionParams: connectionParams() });
        return { ok: true };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        respond({ id: null, error: errorShape(error, 'unknown') });
        // After the error frame is on its way.
        setImmediate(() => socket.close());
        return { ok: false, error };
      }
    }

    // With `?connectionParams=1` the first message carries them (wsLink's `connectionParams`).
    let ctxReady: Promise<{ ok: true } | { ok: false; error: TRPCError }> | null =
      new URL(req.url, 'http://localhost').searchParams.get('connectionParams') === '1' ? null : createCtx(() => null);

    /**
     * A subscription's value as a `data` frame (a `tracked()` id goes out beside it), built as
     * `transformTRPCResponse` builds it, without its two object spreads per frame.
     */
    function sendData(id: RequestId, jsonrpc: '2.0' | undefined, value: unknown) {
      const { output } = config.transformer;
      if (isTrackedEnvelope(value)) {
        const [eventId, data] = value;
        socket.send(JSON.stringify({ id, jsonrpc, result: { type: 'data', id: eventId, data: output.serialize({ id: eventId, data }) as unknown } }));
      } else socket.send(JSON.stringify({ id, jsonrpc, result: { type: 'data', data: output.serialize(value) as unknown } }));
    }

    function subscriptionFailed(id: RequestId, jsonrpc: '2.0' | undefined, path: string, input: unknown, cause: unknown) {
      subscriptions.delete(id);
      respond({ id, jsonrpc, error: errorShape(getTRPCErrorFromUnknown(cause), 'subscription', path, input) });
    }

    /** A push stream: values go to the socket as they come; stopping unsubscribes at once. */
    function runPushed(start: NonNullable<ReturnType<typeof pushSourceOf>>, id: RequestId, jsonrpc: '2.0' | undefined, path: string, input: unknown, abort: AbortController) {
      let finished = false;
      let stop: (() => void) | undefined;
      const finish = () => {
        if (finished) return false;
        finished = true;
        stop?.();
        return true;
      };
      abort.signal.addEventListener(
        'abort',
        () => {
          if (!finish()) return;
          subscriptions.delete(id);
          if (socket.readyState === open) respond({ id, jsonrpc, result: { type: 'stopped' } });
        },
        { once: true },
      );
      const teardown = start({
        next(value) {
          if (finished || socket.readyState !== open) return;
          if (socket.bufferedAmount > options.maxBufferedBytes) {
            // Not reading: close it (the client reconnects and resumes) rather than queue for ever.
            socket.terminate();
            return;
          }
          sendData(id, jsonrpc, value);
        },
        error(cause) {
          if (finish()) subscriptionFailed(id, jsonrpc, path, input, cause);
        },
        complete() {
          if (!finish()) return;
          subscriptions.delete(id);
          respond({ id, jsonrpc, result: { type: 'stopped' } });
        },
      });
      if (finished) teardown();
      else stop = teardown;
    }

    /** Any other async iterable: pulled as tRPC's adapter pulls it, racing each value against the stop. */
    async function runPulled(iterable: AsyncIterable<unknown>, id: RequestId, jsonrpc: '2.0' | undefined, abort: AbortController) {
      const iterator = iterable[Symbol.asyncIterator]();
      // Unpromise: racing one long-lived promise against many would otherwise leak a reaction per race.
      const aborted = new Promise<'abort'>((resolve) => {
        abort.signal.addEventListener('abort', () => resolve('abort'), { once: true });
      });
      try {
        while (true) {
          const next = await Unpromise.race([iterator.next().catch(getTRPCErrorFromUnknown), aborted]);
          if (next === 'abort') break;
          if (next instanceof Error) throw next;
          if (next.done) break;
          sendData(id, jsonrpc, next.value);
        }
      } finally {
        await iterator.return?.();
      }
      subscriptions.delete(id);
      respond({ id, jsonrpc, result: { type: 'stopped' } });
    }

    function handleRequest(message: TRPCClientOutgoingMessage, batchIndex: number) {
      const { id, jsonrpc } = message;
      if (id === null) {
        respond({ id, jsonrpc, error: errorShape(new TRPCError({ code: 'PARSE_ERROR', message: '`id` is required' }), 'unknown') });
        return;
      }
      if (message.method === 'subscription.stop') {
        subscriptions.get(id)?.abort();
        return;
      }
      const type = message.method;
      const { path, lastEventId } = message.params;
      let { input } = message.params;
      if (lastEventId !== undefined) input = isObject(input) ? { ...input, lastEventId } : (input ?? { lastEventId });

      void (async () => {
        const ready = await ctxReady;
        if (!ready?.ok) throw ready?.error ?? new TRPCError({ code: 'UNAUTHORIZED' });
        const abort = new AbortController();
        const result: unknown = await callTRPCProcedure({ router, path, getRawInput: () => Promise.resolve(input), ctx, type, signal: abort.signal, batchIndex });
        const iterable = isAsyncIterable(result) || isObservable(result);
        if (type !== 'subscription') {
          if (iterable) throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `Cannot return an async iterable or observable from a ${type} procedure with WebSockets` });
          respond({ id, jsonrpc, result: { type: 'data', data: result } });
          return;
        }
        if (!iterable) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `Subscription ${path} did not return an observable or a AsyncGenerator` });
        if (socket.readyState !== open) return;
        if (subscriptions.has(id)) throw new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate id ${id}` });
        subscriptions.set(id, abort);
        respond({ id, jsonrpc, result: { type: 'started' } });
        const pushed = pushSourceOf(result);
        if (pushed) {
          runPushed(pushed, id, jsonrpc, path, input, abort);
          return;
        }
        const values = isObservable(result) ? observableToAsyncIterable(result, abort.signal) : result;
        runPulled(values, id, jsonrpc, abort).catch((cause: unknown) => {
          subscriptionFailed(id, jsonrpc, path, input, cause);
          abort.abort();
        });
      })().catch((cause: unknown) => {
        respond({ id, jsonrpc, error: errorShape(getTRPCErrorFromUnknown(cause), type, path, input) });
      });
    }

    socket.on('message', (raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      if (isBinary || !Buffer.isBuffer(raw)) {
        const error = isBinary
          ? new TRPCError({ code: 'PARSE_ERROR', message: 'Binary frames are not supported: send JSON text frames' })
          : new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: 'Unexpected WebSocket message format' });
        respond({ id: null, error: errorShape(error, 'unknown') });
        return;
      }
      const text = raw.toString('utf8');
      if (text === 'PONG') return;
      if (text === 'PING') {
        socket.send('PONG');
        return;
      }
      if (!ctxReady) {
        ctxReady = createCtx(() => {
          let message: unknown;
          try {
            message = JSON.parse(text);
            if (!isObject(message)) throw new Error('Message was not an object');
          } catch (cause) {
            throw new TRPCError({ code: 'PARSE_ERROR', message: 'Malformed TRPCConnectionParamsMessage', cause });
          }
          return parseConnectionParamsFromUnknown(message.data);
        });
        return;
      }
      let messages: TRPCClientOutgoingMessage[];
      try {
        const parsed: unknown = JSON.parse(text);
        messages = (Array.isArray(parsed) ? parsed : [parsed]).map((item) => parseTRPCMessage(item, config.transformer));
      } catch (cause) {
        respond({ id: null, error: errorShape(new TRPCError({ code: 'PARSE_ERROR', cause }), 'unknown') });
        return;
      }
      messages.forEach(handleRequest);
    });

    socket.once('close', () => {
      for (const abort of subscriptions.values()) abort.abort();
      subscriptions.clear();
    });
  };
}
