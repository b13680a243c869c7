/**
 * A subscription's values, pushed: what `live.onChange` and `notifications.onNotification` return.
 *
 * tRPC pulls a subscription through its async iterator, one `next()` promise (plus a race against
 * the abort signal, a response object, spreads) per value. For a broadcast to thousands of open
 * sockets that was most of the API's CPU (docs/benchmarks.md, realtime fan-out), so the API's own
 * WebSocket handler (trpc-ws.ts) recognises a push stream and lets it call straight into the socket
 * instead. Everything else that reads a subscription — the tRPC caller in tests, server-sent events —
 * still sees an ordinary async iterable, bounded so a reader that stops reading cannot grow memory.
 */

export interface PushObserver<T> {
  next(value: T): void;
  /** Ends the stream with an error (the subscriber sees a TRPCError). */
  error(error: unknown): void;
  complete(): void;
}

/** Starts the stream for one subscriber; returns what stops it (called once, whoever ends it). */
export type PushStart<T> = (observer: PushObserver<T>) => () => void;

const pushSource = Symbol('tessera.pushSource');

export interface PushStream<T> extends AsyncIterable<T> {
  readonly [pushSource]: PushStart<T>;
}

/** Values a pulling reader may fall behind by before the stream ends with an error (it reconnects and resumes). */
export const maxPulledBacklog = 500;

export class SubscriberTooSlowError extends Error {
  constructor() {
    super(`The subscriber fell more than ${maxPulledBacklog} values behind: reconnect to resume.`);
    this.name = 'SubscriberTooSlowError';
  }
}

export function pushStream<T>(start: PushStart<T>): PushStream<T> {
  return {
    [pushSource]: start,
    [Symbol.asyncIterator]: () => pull(start),
  };
}

/** The push source of a subscription result, when it has one. */
export function pushSourceOf(result: unknown): PushStart<unknown> | undefined {
  return typeof result === 'object' && result !== null && pushSource in result ? (result as PushStream<unknown>)[pushSource] : undefined;
}

/** A bounded queue between a push source and a reader that pulls. */
function pull<T>(start: PushStart<T>): AsyncIterator<T> {
  const queue: T[] = [];
  let waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  let failure: { error: unknown } | undefined;
  let done = false;
  let stop: (() => void) | undefined;
  let stopped = false;
  const end = () => {
    if (stopped) return;
    stopped = true;
    stop?.();
  };
  const settle = () => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    if (queue.length) {
      waiting = undefined;
      resolve({ value: queue.shift() as T, done: false });
    } else if (failure) {
      waiting = undefined;
      reject(failure.error);
    } else if (done) {
      waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  };
  const observer: PushObserver<T> = {
    next(value) {
      if (done || failure) return;
      if (queue.length >= maxPulledBacklog) {
        queue.length = 0;
        failure = { error: new SubscriberTooSlowError() };
        end();
      } else queue.push(value);
      settle();
    },
    error(error) {
      if (done || failure) return;
      failure = { error };
      end();
      settle();
    },
    complete() {
      if (done || failure) return;
      done = true;
      end();
      settle();
    },
  };
  return {
    next() {
      // Started by the first read, as a generator's body runs on its first next().
      if (!stop && !stopped) {
        const teardown = start(observer);
        if (stopped) teardown();
        else stop = teardown;
      }
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      });
    },
    return() {
      done = true;
      queue.length = 0;
      end();
      const finished: IteratorResult<T> = { value: undefined, done: true };
      if (waiting) {
        waiting.resolve(finished);
        waiting = undefined;
      }
      return Promise.resolve(finished);
    },
  };
}
